/** Each fault switch does what it says, at start and through POST /_emulator/faults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../electron/emulator/index.ts';
import { call, emulator } from './helpers.ts';

async function setFaults(emu: Emulator, faults: unknown): Promise<number> {
  const r = await fetch(`${emu.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ faults }) });
  return r.status;
}

describe('emulator faults', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await emulator({ plan: 'enterprise', faults: 'teapot:next1', slowMs: 20 });
  });
  afterAll(() => emu.close());

  it('a fault from the start list fires on the next request only', async () => {
    expect(await call(emu.webhookUrl, 'profile')).toMatchObject({ status: 418 });
    expect((await call(emu.webhookUrl, 'profile')).status).toBe(200);
  });

  it.each([
    ['storm503', 503, 'QUERY_LIMIT_EXCEEDED'],
    ['limit429', 429, 'OPERATION_TIME_LIMIT'],
    ['error500', 500, 'INTERNAL_SERVER_ERROR'],
    ['teapot', 418, 'I_AM_A_TEAPOT'],
  ])('%s answers %i %s, then stops', async (kind, status, error) => {
    expect(await setFaults(emu, `${kind}:next1`)).toBe(200);
    expect(await call(emu.webhookUrl, 'profile')).toMatchObject({ status, body: { error } });
    expect((await call(emu.webhookUrl, 'profile')).status).toBe(200);
  });

  it('drop destroys the socket; truncate cuts the JSON; wrongTypes swaps strings and numbers; slow still answers', async () => {
    await setFaults(emu, [{ kind: 'drop', next: 1 }]);
    await expect(call(emu.webhookUrl, 'profile')).rejects.toThrow();
    await setFaults(emu, 'truncate:next1');
    const cut = await fetch(emu.webhookUrl + 'profile');
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();
    await setFaults(emu, 'wrongTypes:next1');
    const swapped = await call(emu.webhookUrl, 'profile');
    expect(swapped.body['result'].ID).toBe(1);
    await setFaults(emu, 'slow:1');
    expect((await call(emu.webhookUrl, 'profile')).status).toBe(200);
    expect(emu.log().at(-1)?.faults).toEqual(['slow']);
    await setFaults(emu, '');
  });

  it('revoked: 401 from then on, until the faults are switched off; probability 0 never fires', async () => {
    emu.setFaults('revoked');
    expect(await call(emu.webhookUrl, 'profile')).toMatchObject({ status: 401, body: { error: 'NO_AUTH_FOUND' } });
    expect((await call(emu.webhookUrl, 'profile')).status).toBe(401);
    emu.setFaults('error500:0');
    for (let i = 0; i < 5; i++) expect((await call(emu.webhookUrl, 'profile')).status).toBe(200);
    expect(await setFaults(emu, 'nonsense')).toBe(400);
  });

  it('stats and log are served outside /rest, with the secret redacted from the log', async () => {
    const stats = await fetch(`${emu.url}/_emulator/stats`).then((r) => r.json());
    expect(stats.requests).toBeGreaterThan(10);
    expect(stats.perMethod.profile).toBeGreaterThan(0);
    const log = await fetch(`${emu.url}/_emulator/log`).then((r) => r.text());
    const secret = emu.webhookUrl.split('/').at(-2) as string;
    expect(log).not.toContain(secret);
    expect(JSON.parse(log).length).toBeGreaterThan(10);
  });
});
