import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackendError } from '../../../electron/app/backends/backend.ts';
import { runBatch } from '../../../electron/app/backends/bitrix24/client/batch.ts';
import { RestClient } from '../../../electron/app/backends/bitrix24/client/rest-client.ts';
import { webhookFromUrl } from '../../../electron/app/backends/bitrix24/client/webhook.ts';
import { fail, ok, SECRET, silentLog, startLoopbackPortal, type LoopbackPortal, type Reply } from './loopback-portal.ts';

let portal: LoopbackPortal | null = null;
afterEach(async () => {
  await portal?.close();
  portal = null;
});

const logged: string[] = [];
const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };

/** The bucket's waits cost no real time: sleeping moves this clock on. */
function jumpingClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

async function clientAnswering(answer: (method: string) => Reply, options: { now?: () => number; timeoutMs?: number } = {}): Promise<RestClient> {
  portal = await startLoopbackPortal((method) => answer(method));
  return new RestClient({ webhook: webhookFromUrl(portal.webhookUrl), log, clock: jumpingClock(), ...options });
}

async function errorOf(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected the call to fail');
}

describe('webhook URL', () => {
  it('takes https and loopback http, and says what is wrong with anything else without quoting the secret', () => {
    expect(webhookFromUrl('https://acme.bitrix24.ru/rest/1/abcd1234/').host).toBe('acme.bitrix24.ru');
    expect(webhookFromUrl('http://127.0.0.1:8080/rest/3/abcd1234/')).toMatchObject({ userId: 3, secret: 'abcd1234' });
    for (const bad of ['http://acme.bitrix24.ru/rest/1/abcd1234/', 'https://acme.bitrix24.ru/api/1/abcd1234/', 'not a url abcd1234']) {
      const e = (() => {
        try {
          webhookFromUrl(bad);
        } catch (error) {
          return error as BackendError;
        }
        throw new Error(`accepted ${bad}`);
      })();
      expect(e.kind).toBe('invalid');
      expect(e.message).not.toContain('abcd1234');
    }
  });
});

describe('REST client against a loopback server', () => {
  it('posts JSON to <webhook><method> and reads numbers sent as strings', async () => {
    const client = await clientAnswering(() => ok([{ ID: '15' }], { total: '1' }));
    const answer = await client.request('user.get', { start: 0 });
    expect(answer).toEqual({ result: [{ ID: '15' }], next: null, total: 1 });
    expect(portal!.calls[0]).toEqual({ method: 'user.get', body: { start: 0 } });
  });

  it('503 QUERY_LIMIT_EXCEEDED is rateLimited, not sent, with a growing backoff, and fills the bucket', async () => {
    const client = await clientAnswering(() => fail(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
    const first = await errorOf(client.request('user.get', {}));
    expect(first).toMatchObject({ kind: 'rateLimited', retryable: true, maybeSent: false });
    const second = await errorOf(client.request('user.get', {}));
    expect(second.retryAfterMs!).toBeGreaterThan(first.retryAfterMs!);
    expect(client.bucket.level()).toBeGreaterThan(client.bucket.burst - 2);
  });

  it('429 OPERATION_TIME_LIMIT waits until operating_reset_at, and the method is not called again before it', async () => {
    const now = 1_773_684_000_000;
    const client = await clientAnswering(() => fail(429, 'OPERATION_TIME_LIMIT', 'Method is blocked', { time: { operating_reset_at: now / 1000 + 90 } }), { now: () => now });
    const e = await errorOf(client.request('crm.activity.list', {}));
    expect(e).toMatchObject({ kind: 'rateLimited', retryAfterMs: 90_000, maybeSent: false });
    await errorOf(client.request('crm.activity.list', {}));
    expect(portal!.calls).toHaveLength(1);
  });

  it('a method the portal blocked inside a batch is not sent again in the next batch before its reset', async () => {
    const now = 1_773_684_000_000;
    let batches = 0;
    portal = await startLoopbackPortal(() => {
      batches += 1;
      return ok({
        result: {},
        result_error: { h: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' } },
        result_total: [],
        result_next: [],
        result_time: { h: { operating_reset_at: now / 1000 + 90 } },
      });
    });
    const client = new RestClient({ webhook: webhookFromUrl(portal.webhookUrl), log: silentLog, clock: jumpingClock(), now: () => now });
    const commands = new Map([['h', { method: 'imopenlines.session.history.get', params: { SESSION_ID: 1 } }]]);
    const first = (await runBatch(client, commands)).get('h');
    expect(first?.ok === false && first.error).toMatchObject({ code: 'OPERATION_TIME_LIMIT', retryAfterMs: 90_000 });
    const e = await errorOf(runBatch(client, commands));
    expect(e).toMatchObject({ code: 'OPERATION_TIME_LIMIT', kind: 'rateLimited', retryAfterMs: 90_000, maybeSent: false });
    expect(batches).toBe(1);
  });

  it('401 is auth in plain words; insufficient_scope names the scope; ACCESS_DENIED is forbidden', async () => {
    const answers: Record<string, Reply> = {
      'user.get': fail(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
      'im.recent.get': fail(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token'),
      'imopenlines.operator.spam': fail(403, 'ACCESS_DENIED', 'You cannot open this conversation'),
    };
    const client = await clientAnswering((m) => answers[m]!);
    const auth = await errorOf(client.request('user.get', {}));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('the webhook was revoked or expired');
    const scope = await errorOf(client.request('im.recent.get', {}));
    expect(scope.kind).toBe('forbidden');
    expect(scope.message).toContain('"im"');
    expect((await errorOf(client.request('imopenlines.operator.spam', {}))).kind).toBe('forbidden');
  });

  it('a refused connection certainly sent nothing; a reset after sending may have', async () => {
    const client = await clientAnswering(() => 'reset');
    const reset = await errorOf(client.request('imopenlines.operator.spam', { CHAT_ID: 1 }));
    expect(reset).toMatchObject({ kind: 'unavailable', maybeSent: true });
    const url = portal!.url;
    await portal!.close();
    portal = null;
    const refusedClient = new RestClient({ webhook: webhookFromUrl(`${url}/rest/7/${SECRET}/`), log });
    const refused = await errorOf(refusedClient.request('imopenlines.operator.spam', { CHAT_ID: 1 }));
    expect(refused).toMatchObject({ kind: 'unavailable', maybeSent: false });
  });

  it('a timeout is unavailable and maybe sent', async () => {
    const client = await clientAnswering(() => 'hang', { timeoutMs: 200 });
    expect(await errorOf(client.request('imopenlines.operator.spam', {}))).toMatchObject({ code: 'TIMEOUT', kind: 'unavailable', maybeSent: true });
  });

  it('truncated JSON and wrong types are clear errors', async () => {
    const client = await clientAnswering((m) => (m === 'cut' ? { raw: '{"result":[{"ID":"1"' } : ok({ ID: 'fifteen' })));
    const cut = await errorOf(client.request('cut', {}));
    expect(cut).toMatchObject({ kind: 'unavailable', maybeSent: true });
    expect(cut.message).toMatch(/cut off/);
    const wrong = await errorOf(client.call('typed', {}, z.object({ ID: z.number() })));
    expect(wrong.kind).toBe('invalid');
    expect(wrong.message).toContain('ID');
  });

  it('never lets the secret into an error message or a log line', async () => {
    const client = await clientAnswering(() => fail(400, 'ERROR_ARGUMENT', `bad webhook /rest/7/${SECRET}/ given`));
    const e = await errorOf(client.request('user.get', {}));
    expect(e.message).toContain('***');
    expect(e.message).not.toContain(SECRET);
    expect(logged.join('\n')).not.toContain(SECRET);
  });
});

describe('batch', () => {
  it('sends ≤ 50 commands per batch and reports each command error from result_error ([] maps accepted)', async () => {
    portal = await startLoopbackPortal((method, body) => {
      if (method !== 'batch') return fail(404, 'ERROR_METHOD_NOT_FOUND');
      const cmd = body['cmd'] as Record<string, string>;
      const keys = Object.keys(cmd);
      if (keys.length > 50) return fail(400, 'ERROR_BATCH_LENGTH_EXCEEDED');
      const result: Record<string, unknown> = {};
      const errors: Record<string, unknown> = {};
      for (const k of keys) {
        if (k === 'k7') errors[k] = { error: 'ACCESS_DENIED', error_description: 'no' };
        else result[k] = cmd[k];
      }
      return ok({ result, result_error: Object.keys(errors).length ? errors : [], result_total: [], result_next: [], result_time: [] });
    });
    const client = new RestClient({ webhook: webhookFromUrl(portal.webhookUrl), log: silentLog });
    const commands = new Map(Array.from({ length: 120 }, (_, i) => [`k${i}`, { method: 'imopenlines.dialog.get', params: { CHAT_ID: i, filter: { '>ID': 3 } } }] as const));
    const out = await runBatch(client, commands);
    expect(portal.calls.map((c) => Object.keys(c.body['cmd'] as object).length)).toEqual([50, 50, 20]);
    expect(out.get('k3')).toMatchObject({ ok: true, result: 'imopenlines.dialog.get?CHAT_ID=3&filter%5B%3EID%5D=3' });
    const failed = out.get('k7');
    expect(failed?.ok === false && failed.error.kind).toBe('forbidden');
  });
});
