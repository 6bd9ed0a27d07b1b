/**
 * The webhook as the client holds it: the checked URL (backends/webhook-url.ts
 * decides what is well formed), plus the secret kept apart so every message
 * and log line can be scrubbed of it.
 */
import { BackendError } from '../../backend.ts';
import { parseWebhookUrl } from '../../webhook-url.ts';

export interface Webhook {
  /** https://host/rest/<user>/<secret>/ — holds the secret: never log it */
  base: string;
  /** host[:port]: the portal's name */
  host: string;
  userId: number;
  secret: string;
}

/** A checked webhook, or a BackendError `invalid` that says what is wrong (never quoting the secret). */
export function webhookFromUrl(text: string): Webhook {
  const parsed = parseWebhookUrl(text);
  if ('error' in parsed) throw new BackendError('BAD_WEBHOOK', parsed.error, false, { kind: 'invalid' });
  const secret = new URL(parsed.url).pathname.split('/')[3] ?? '';
  return { base: parsed.url, host: parsed.portal, userId: parsed.userId, secret };
}

/** The text with the secret replaced by *** (also its URL-encoded form, which fetch errors may quote). */
export function redact(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join('***').split(encodeURIComponent(secret)).join('***');
}
