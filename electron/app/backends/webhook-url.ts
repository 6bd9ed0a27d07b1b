/**
 * A Bitrix24 inbound webhook URL, `https://<portal>/rest/<user id>/<secret>/`
 * (spec bitrix24-rest.md §1.1): checked once, where it enters (command line,
 * connect screen), so everything after holds a well-formed one. Plain http is
 * refused except on loopback (the emulator): the secret would cross the
 * network in clear. No message here ever contains the secret.
 */
export interface WebhookUrl {
  /** normalised: https://host[:port]/rest/<user>/<secret>/ */
  url: string;
  /** host[:port], the portal's name in the UI and in the cache file's name */
  portal: string;
  userId: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function parseWebhookUrl(text: string): WebhookUrl | { error: string } {
  const hint = 'a webhook URL looks like https://<portal>.bitrix24.ru/rest/<user id>/<secret>/';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: `the webhook is not a URL; ${hint}` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { error: `the webhook must use https (plain http only on this computer, for the emulator); ${hint}` };
  }
  if (url.username || url.password) return { error: `the webhook must not carry a user name or password; ${hint}` };
  if (url.search || url.hash) return { error: `the webhook ends after its secret: no ?query or #fragment; ${hint}` };
  // a pasted URL may already name a method (…/secret/profile.json): the webhook is the part before it
  const match = /^\/rest\/(\d+)\/([A-Za-z0-9_-]{4,128})(?:\/[\w.]*)?\/?$/.exec(url.pathname);
  if (!match) return { error: `the webhook's path is not /rest/<user id>/<secret>/; ${hint}` };
  const userId = Number(match[1]);
  if (!Number.isSafeInteger(userId) || userId <= 0) return { error: `the webhook's user id must be a positive number; ${hint}` };
  return { url: `${url.protocol}//${url.host}/rest/${userId}/${match[2]}/`, portal: url.host, userId };
}
