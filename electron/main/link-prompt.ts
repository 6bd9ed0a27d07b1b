/**
 * The question asked before a link leaves the app. Pure, so both languages
 * and the refusal of non-web schemes are unit-tested; links.ts shows it.
 */

export interface ExternalLinkPrompt {
  /** the normalised URL: exactly what is shown is what gets opened */
  url: string;
  host: string;
  title: string;
  /** the dialog's bold line: it names the host, the part a spoofed link gets wrong */
  message: string;
  /** the full address, in the smaller text under it */
  detail: string;
  buttons: readonly [open: string, cancel: string];
  openId: 0;
  cancelId: 1;
}

/** Past this, the dialog would outgrow the screen; the host and the start of the path are what matter. */
const MAX_SHOWN_URL = 2000;

const TEXT = {
  ru: {
    title: 'Внешняя ссылка',
    message: (host: string) => `Открыть ${host} в браузере?`,
    address: 'Полный адрес:',
    insecure: 'Соединение не зашифровано (http).',
    open: 'Открыть',
    cancel: 'Отмена',
  },
  en: {
    title: 'External link',
    message: (host: string) => `Open ${host} in your browser?`,
    address: 'Full address:',
    insecure: 'The connection is not encrypted (http).',
    open: 'Open',
    cancel: 'Cancel',
  },
} as const;

/** Electron's app.getLocale() → our language: ru, ru-RU, … are Russian, everything else English. */
export function promptLanguage(locale: string): keyof typeof TEXT {
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** null for anything but an http(s) URL: those never leave the app. */
export function externalLinkPrompt(rawUrl: string, locale: string): ExternalLinkPrompt | null {
  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const text = TEXT[promptLanguage(locale)];
  // href is ASCII: the host is punycode and the rest percent-encoded, so no look-alike or bidi tricks survive.
  const url = parsed.href;
  const shown = url.length > MAX_SHOWN_URL ? `${url.slice(0, MAX_SHOWN_URL)}…` : url;
  const lines = [text.address, shown];
  if (parsed.protocol === 'http:') lines.push('', text.insecure);
  return {
    url,
    host: parsed.host,
    title: text.title,
    message: text.message(parsed.host),
    detail: lines.join('\n'),
    buttons: [text.open, text.cancel],
    openId: 0,
    cancelId: 1,
  };
}
