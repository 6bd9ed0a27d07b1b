/**
 * sources:test through the real connector to a real HTTP server on loopback:
 * the scopes a webhook grants, and each way a portal says no, in the words
 * the user reads — never with the secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bitrix24WebhookTester } from '../../../electron/app/sources/bitrix24-tester.ts';
import { fail, ok, SECRET, startLoopbackPortal, type LoopbackPortal, type Reply } from '../bitrix24/loopback-portal.ts';
import { silentLog } from '../../support/temp-cache.ts';

let portal: LoopbackPortal | null = null;
afterEach(async () => {
  await portal?.close();
  portal = null;
});

async function probe(answer: (method: string) => Reply) {
  portal = await startLoopbackPortal((method) => answer(method));
  return bitrix24WebhookTester({ webhookUrl: portal.webhookUrl, log: silentLog });
}

describe('the Bitrix24 webhook tester', () => {
  it('names the portal and the user, and which needed scopes the webhook grants', async () => {
    const answer = await probe((method) => (method === 'scope' ? ok(['imopenlines', 'im', 'user_brief']) : ok({ ID: '7', NAME: 'Anna', LAST_NAME: 'Smirnova' })));
    expect(answer).toEqual({ ok: true, portal: new URL(portal!.url).host, userName: 'Anna Smirnova', scopes: { imopenlines: true, im: true, crm: false, user: true } });
  });

  it('reads a refused webhook as revoked, a forbidden one as no rights, a dead socket as unreachable; no secret in any', async () => {
    const cases: Array<[Reply, string]> = [
      [fail(401, 'NO_AUTH_FOUND', 'Wrong authorization data'), 'revoked'],
      [fail(401, 'EXPIRED_TOKEN', 'The access token provided has expired'), 'revoked'],
      [fail(403, 'ACCESS_DENIED', 'Access denied'), 'noRights'],
      ['reset', 'unreachable'],
    ];
    for (const [reply, reason] of cases) {
      const answer = await probe(() => reply);
      expect(answer, JSON.stringify(reply)).toMatchObject({ ok: false, reason });
      expect(JSON.stringify(answer)).not.toContain(SECRET);
      await portal!.close();
      portal = null;
    }
  });
});
