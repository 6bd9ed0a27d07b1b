/** The question a user sees before a link opens in the browser, in both languages. */
import { describe, expect, it } from 'vitest';
import { externalLinkPrompt, promptLanguage } from '../../../electron/main/link-prompt.ts';

describe('external link prompt', () => {
  it('names the host in the bold line and the full URL in the detail (English)', () => {
    const prompt = externalLinkPrompt('https://example.com/path?q=1#top', 'en-US');
    expect(prompt).toEqual({
      url: 'https://example.com/path?q=1#top',
      host: 'example.com',
      title: 'External link',
      message: 'Open example.com in your browser?',
      detail: 'Full address:\nhttps://example.com/path?q=1#top',
      buttons: ['Open', 'Cancel'],
      openId: 0,
      cancelId: 1,
    });
  });

  it('speaks Russian for any ru locale', () => {
    const prompt = externalLinkPrompt('https://b24.example.ru/crm/', 'ru');
    expect(prompt?.message).toBe('Открыть b24.example.ru в браузере?');
    expect(prompt?.detail).toBe('Полный адрес:\nhttps://b24.example.ru/crm/');
    expect(prompt?.buttons).toEqual(['Открыть', 'Отмена']);
    expect(promptLanguage('ru-RU')).toBe('ru');
    expect(promptLanguage('RU')).toBe('ru');
    expect(promptLanguage('uk')).toBe('en');
    expect(promptLanguage('')).toBe('en');
  });

  it('warns that http is not encrypted and keeps the port in the host', () => {
    const prompt = externalLinkPrompt('http://intranet.local:8080/x', 'en');
    expect(prompt?.host).toBe('intranet.local:8080');
    expect(prompt?.detail).toBe('Full address:\nhttp://intranet.local:8080/x\n\nThe connection is not encrypted (http).');
  });

  it('shows the host a link really goes to, not the one its text pretends', () => {
    expect(externalLinkPrompt('https://bank.ru@evil.example/login', 'ru')?.message).toBe('Открыть evil.example в браузере?');
    // Look-alike letters are shown as punycode, and what is opened is what is shown.
    const spoof = externalLinkPrompt('https://b\u0430nk.ru/', 'en'); // a Cyrillic а
    expect(spoof?.host).toMatch(/^xn--bnk-[a-z0-9]+\.ru$/);
    expect(spoof?.message).toBe(`Open ${spoof?.host} in your browser?`);
    expect(spoof?.url).toBe(`https://${spoof?.host}/`);
  });

  it('refuses everything that is not http(s)', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://bundle/index.html', 'mailto:a@b.c', 'ms-settings:', 'smb://host/share', 'data:text/html,x', 'not a url', '']) {
      expect(externalLinkPrompt(url, 'en'), url).toBeNull();
    }
  });

  it('keeps a huge URL from swamping the dialog while opening it whole', () => {
    const long = `https://example.com/${'a'.repeat(5000)}`;
    const prompt = externalLinkPrompt(long, 'en');
    expect(prompt?.url).toBe(long);
    expect(prompt?.detail.length).toBeLessThan(2100);
    expect(prompt?.detail.endsWith('…')).toBe(true);
  });
});
