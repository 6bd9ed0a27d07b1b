/**
 * testWebhook, for the connect screen: is the URL a webhook, does the portal
 * answer, and which of the scopes the console needs does it grant.
 */
import { z } from 'zod';
import { asBackendError } from '../backend.ts';
import type { Logger } from '../../ipc/dispatch.ts';
import { RestClient } from './client/rest-client.ts';
import { webhookFromUrl } from './client/webhook.ts';

export const NEEDED_SCOPES = ['imopenlines', 'im', 'crm', 'user'] as const;
export type NeededScope = (typeof NEEDED_SCOPES)[number];

export interface TestWebhookOptions {
  webhookUrl: string;
  log: Logger;
  fetch?: typeof fetch;
}

export type TestWebhookResult =
  | {
      ok: true;
      /** host[:port] */
      portal: string;
      userId: number;
      /** the webhook owner's name as the portal has it */
      userName: string;
      /** each needed scope: granted or not */
      scopes: Record<NeededScope, boolean>;
      /** all of NEEDED_SCOPES granted */
      complete: boolean;
    }
  | { ok: false; code: string; kind: string; message: string };

const scopeSchema = z.array(z.string());
const profileSchema = z.looseObject({ ID: z.union([z.string(), z.number()]).optional(), NAME: z.string().nullish(), LAST_NAME: z.string().nullish() });

export async function testWebhook(options: TestWebhookOptions): Promise<TestWebhookResult> {
  try {
    const webhook = webhookFromUrl(options.webhookUrl);
    // one or two calls: the user's bucket is not worth guarding, but the client does anyway
    const client = new RestClient({ webhook, log: options.log, fetch: options.fetch, timeoutMs: 20_000 });
    const granted = new Set((await client.call('scope', {}, scopeSchema)).map((s) => s.toLowerCase()));
    const profile = await client.call('profile', {}, profileSchema);
    const scopes = Object.fromEntries(NEEDED_SCOPES.map((s) => [s, granted.has(s) || (s === 'user' && (granted.has('user_brief') || granted.has('user_basic')))])) as Record<
      NeededScope,
      boolean
    >;
    const userName = [profile.NAME, profile.LAST_NAME].filter((s) => s && s.trim()).join(' ');
    return { ok: true, portal: webhook.host, userId: webhook.userId, userName, scopes, complete: NEEDED_SCOPES.every((s) => scopes[s]) };
  } catch (error) {
    const e = asBackendError(error);
    return { ok: false, code: e.code, kind: e.kind, message: e.message };
  }
}
