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

/** A cheap call per scope, for a portal without the `scope` method (the emulator): it works or it does not. */
const PROBES: Record<NeededScope, { method: string; params: Record<string, unknown> }> = {
  imopenlines: { method: 'imopenlines.config.list.get', params: { PARAMS: { select: ['ID'], limit: 1 } } },
  im: { method: 'im.recent.get', params: { ONLY_OPENLINES: 'Y' } },
  crm: { method: 'crm.activity.list', params: { filter: { PROVIDER_ID: 'IMOPENLINES_SESSION', '>ID': 2_000_000_000 }, select: ['ID'], start: -1 } },
  user: { method: 'user.get', params: { FILTER: { ID: 0 }, start: -1 } },
};

async function grantedScopes(client: RestClient): Promise<Record<NeededScope, boolean>> {
  try {
    const granted = new Set((await client.call('scope', {}, scopeSchema)).map((s) => s.toLowerCase()));
    const has = (s: NeededScope) => granted.has(s) || (s === 'user' && (granted.has('user_brief') || granted.has('user_basic')));
    return Object.fromEntries(NEEDED_SCOPES.map((s) => [s, has(s)])) as Record<NeededScope, boolean>;
  } catch (error) {
    if (asBackendError(error).kind !== 'notFound') throw error;
  }
  const out = {} as Record<NeededScope, boolean>;
  for (const scope of NEEDED_SCOPES) {
    try {
      await client.request(PROBES[scope].method, PROBES[scope].params);
      out[scope] = true;
    } catch (error) {
      const e = asBackendError(error);
      if (e.kind !== 'forbidden' && e.kind !== 'notFound' && e.kind !== 'invalid') throw error;
      out[scope] = e.kind === 'invalid';
    }
  }
  return out;
}

async function userName(client: RestClient, userId: number): Promise<string> {
  let profile: z.infer<typeof profileSchema>;
  try {
    profile = await client.call('profile', {}, profileSchema);
  } catch (error) {
    if (asBackendError(error).kind !== 'notFound') throw error;
    const [user] = await client.call('user.get', { FILTER: { ID: userId } }, profileSchema.array());
    if (!user) return '';
    profile = user;
  }
  return [profile.NAME, profile.LAST_NAME].filter((s) => s && s.trim()).join(' ');
}

export async function testWebhook(options: TestWebhookOptions): Promise<TestWebhookResult> {
  try {
    const webhook = webhookFromUrl(options.webhookUrl);
    const client = new RestClient({ webhook, log: options.log, fetch: options.fetch, timeoutMs: 20_000 });
    const scopes = await grantedScopes(client);
    const name = await userName(client, webhook.userId);
    return { ok: true, portal: webhook.host, userId: webhook.userId, userName: name, scopes, complete: NEEDED_SCOPES.every((s) => scopes[s]) };
  } catch (error) {
    const e = asBackendError(error);
    return { ok: false, code: e.code, kind: e.kind, message: e.message };
  }
}
