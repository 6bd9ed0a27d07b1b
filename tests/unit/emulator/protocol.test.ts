/** Envelopes, errors, params encodings, pagination, batch, the bucket and scopes, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../electron/emulator/index.ts';
import { call, callForm, emulator } from './helpers.ts';

describe('emulator protocol', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await emulator({ plan: 'enterprise' });
  });
  afterAll(() => emu.close());

  it('answers with the success envelope, time included; method names are case-insensitive with an optional .json', async () => {
    const a = await call(emu.webhookUrl, 'Server.Time.json');
    expect(a.status).toBe(200);
    expect(typeof a.body['result']).toBe('string');
    expect(a.body['time']).toMatchObject({ operating: 0 });
    expect(typeof a.body['time'].operating_reset_at).toBe('number');
    const p = await call(emu.webhookUrl, 'profile');
    expect(p.body['result']).toMatchObject({ ID: '1', ADMIN: true });
  });

  it('refuses an unknown method (404), a wrong secret (401)', async () => {
    expect(await call(emu.webhookUrl, 'no.such.method')).toMatchObject({ status: 404, body: { error: 'ERROR_METHOD_NOT_FOUND' } });
    const wrong = emu.webhookUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/nottheSecret/');
    expect(await call(wrong, 'profile')).toMatchObject({ status: 401, body: { error: 'NO_AUTH_FOUND' } });
  });

  it('pages crm.activity.list by start: every session exactly once, with next and total; start=-1 has no count', async () => {
    const seen: string[] = [];
    let start: number | undefined = 0;
    let total = -1;
    while (start !== undefined) {
      const a = await call(emu.webhookUrl, 'crm.activity.list', { filter: { PROVIDER_ID: 'IMOPENLINES_SESSION' }, order: { ID: 'ASC' }, start });
      total = a.body['total'];
      seen.push(...a.body['result'].map((r: { ASSOCIATED_ENTITY_ID: string }) => r.ASSOCIATED_ENTITY_ID));
      start = a.body['next'];
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBe(emu.truth().length);
    const fast = await call(emu.webhookUrl, 'crm.activity.list', { filter: { '>ID': 0 }, start: -1 });
    expect(fast.body).toMatchObject({ total: 0 });
    expect(fast.body['next']).toBeUndefined();
    expect(fast.body['result']).toHaveLength(50);
  });

  it('reads form-encoded PHP nesting and GET queries alike', async () => {
    const json = await call(emu.webhookUrl, 'crm.activity.list', { filter: { '>ID': 500_000 }, select: ['ID'], order: { ID: 'DESC' } });
    const form = await callForm(emu.webhookUrl, 'crm.activity.list', 'filter[%3EID]=500000&select[]=ID&order[ID]=DESC');
    const get = await fetch(`${emu.webhookUrl}crm.activity.list?filter[%3EID]=500000&select[]=ID&order[ID]=DESC`).then((r) => r.json());
    expect(Object.keys(json.body['result'][0])).toEqual(['ID']);
    expect(form.body['result']).toEqual(json.body['result']);
    expect(get.result).toEqual(json.body['result']);
  });

  it('batch: result maps, result_error with HTTP 200, halt, $result substitution, 50 at most, no nesting', async () => {
    const first = await call(emu.webhookUrl, 'crm.activity.list', { start: -1 });
    // USER_CODE's third field is the connector's chat, never CHAT_ID (spec §2): dialog.get by SESSION_ID names it
    const sessionId = first.body['result'][0].ASSOCIATED_ENTITY_ID;
    const byUserCode = Number(first.body['result'][0].PROVIDER_PARAMS.USER_CODE.split('|')[2]);
    const b = await call(emu.webhookUrl, 'batch', {
      halt: 0,
      cmd: { a: 'crm.activity.list?start=-1', h: 'imopenlines.session.history.get?SESSION_ID=$result[a][0][ASSOCIATED_ENTITY_ID]', bad: 'no.such', n: 'batch?cmd[x]=profile', d: `imopenlines.dialog.get?SESSION_ID=${sessionId}` },
    });
    expect(b.status).toBe(200);
    const r = b.body['result'];
    expect(r.result.h.sessionId).toBe(Number(first.body['result'][0].ASSOCIATED_ENTITY_ID));
    expect(r.result.d.id).toBe(r.result.h.chatId);
    expect(r.result.d.id).not.toBe(byUserCode);
    expect(r.result_error.bad.error).toBe('ERROR_METHOD_NOT_FOUND');
    expect(r.result_error.n.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');
    const halted = await call(emu.webhookUrl, 'batch', { halt: 1, cmd: { bad: 'no.such', p: 'profile' } });
    expect(halted.body['result'].result).toEqual([]);
    const ok = await call(emu.webhookUrl, 'batch', { cmd: { p: 'profile' } });
    expect(ok.body['result'].result_error).toEqual([]);
    const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'profile']));
    expect(await call(emu.webhookUrl, 'batch', { cmd })).toMatchObject({ status: 400, body: { error: 'ERROR_BATCH_LENGTH_EXCEEDED' } });
  });

  it('lists lines with queues, users without bots, recent open lines chats', async () => {
    const lines = await call(emu.webhookUrl, 'imopenlines.config.list.get', { PARAMS: { limit: 2, offset: 0 }, OPTIONS: { QUEUE: 'Y' } });
    expect(lines.body['result']).toHaveLength(2);
    expect(Array.isArray(lines.body['result'][0].QUEUE)).toBe(true);
    const users = await call(emu.webhookUrl, 'user.get', {});
    expect(users.body['result'].some((u: { ID: string }) => u.ID === '1')).toBe(true);
    const recent = await call(emu.webhookUrl, 'im.recent.get', { ONLY_OPENLINES: 'Y' });
    expect(recent.body['result'].length).toBeGreaterThan(0);
    expect(recent.body['result'][0].lines.status).toBeTypeOf('number');
  });
});

describe('emulator limits and scopes', () => {
  it('the bucket admits X at once, refuses the next (503), and drains at Y per second (injected clock)', async () => {
    let clock = 1_800_000_000_000;
    const emu = await emulator({ now: () => clock });
    try {
      for (let i = 0; i < 50; i++) expect((await call(emu.webhookUrl, 'server.time')).status).toBe(200);
      expect(await call(emu.webhookUrl, 'server.time')).toMatchObject({ status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED' } });
      clock += 1000; // drains 2
      expect((await call(emu.webhookUrl, 'server.time')).status).toBe(200);
      expect((await call(emu.webhookUrl, 'server.time')).status).toBe(200);
      expect((await call(emu.webhookUrl, 'server.time')).status).toBe(503);
      const stats = emu.stats();
      expect(stats.refused).toBe(2);
      expect(stats.requests).toBe(54);
      expect(stats.peakBucketLevel).toBe(50);
    } finally {
      await emu.close();
    }
  });

  it('a method outside the webhook scopes is 403 insufficient_scope; scope lists them', async () => {
    const emu = await emulator({ scopes: ['imopenlines'] });
    try {
      expect(await call(emu.webhookUrl, 'crm.activity.list')).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
      expect((await call(emu.webhookUrl, 'scope')).body['result']).toEqual(['imopenlines']);
    } finally {
      await emu.close();
    }
  });
});
