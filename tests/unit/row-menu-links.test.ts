/**
 * The links the row menu and the CRM cell open: built from the portal's
 * origin and the dialog's numeric ids, and never off that origin — a CRM
 * title or any other text from a portal cannot steer them.
 */
import { describe, expect, it } from 'vitest';
import { isOnPortal, portalLink } from '../../electron/app/actions/portal-links.ts';

const dialog = { id: 7, chatId: 4321, crm: null };

describe('portal links', () => {
  it('opens the chat as the portal’s own dialog page', () => {
    expect(portalLink('https://acme.bitrix24.ru', dialog, 'chat')).toBe('https://acme.bitrix24.ru/online/?IM_DIALOG=chat4321');
    // the emulator: http on loopback, with its port
    expect(portalLink('http://127.0.0.1:40123', dialog, 'chat')).toBe('http://127.0.0.1:40123/online/?IM_DIALOG=chat4321');
  });

  it('opens each kind of CRM record on its card; a dialog without one is NOT_FOUND', () => {
    const origin = 'https://acme.bitrix24.ru';
    expect(portalLink(origin, { ...dialog, crm: { type: 'deal', id: 55, title: 'x' } }, 'crm')).toBe(`${origin}/crm/deal/details/55/`);
    expect(portalLink(origin, { ...dialog, crm: { type: 'contact', id: 3, title: 'x' } }, 'crm')).toBe(`${origin}/crm/contact/details/3/`);
    expect(portalLink(origin, { ...dialog, crm: { type: 'lead', id: 9, title: 'https://evil.example/' } }, 'crm')).toBe(`${origin}/crm/lead/details/9/`);
    expect(() => portalLink(origin, dialog, 'crm')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses an origin that is not a portal (plain http off loopback, another scheme)', () => {
    expect(() => portalLink('http://acme.bitrix24.ru', dialog, 'chat')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => portalLink('javascript:alert(1)', dialog, 'chat')).toThrow();
  });

  it('allows only pages on exactly the connected origin', () => {
    const origin = 'https://acme.bitrix24.ru';
    expect(isOnPortal('https://acme.bitrix24.ru/online/?IM_DIALOG=chat1', origin)).toBe(true);
    expect(isOnPortal('https://acme.bitrix24.ru.evil.example/online/', origin)).toBe(false);
    expect(isOnPortal('https://other.bitrix24.ru/online/', origin)).toBe(false);
    expect(isOnPortal('javascript:alert(1)', origin)).toBe(false);
    expect(isOnPortal('not a url', origin)).toBe(false);
  });
});
