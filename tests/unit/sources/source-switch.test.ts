/**
 * The source switch with real services (workers, SQLite caches in a temp
 * folder): each source keeps its own cache, switching back finds the rows,
 * and the webhook's secret never reaches an answer, an event or the log.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services.ts';
import { createSourceSwitch } from '../../../electron/app/source-switch.ts';
import { plainSecretBox } from '../../../electron/app/sources/secret-box.ts';
import { openSourcesStore } from '../../../electron/app/sources/sources-store.ts';
import type { WebhookProbe, WebhookTester } from '../../../electron/app/sources/webhook-test.ts';
import type { DemoBackendConfig } from '../../../electron/app/backends/factory.ts';
import { cacheFileName, type BackendConfig } from '../../../electron/app/backends/factory.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';

const SECRET = 'zz9PluralZAlpha';
const WEBHOOK = `https://acme.bitrix24.ru/rest/7/${SECRET}/`;
const ALL_SCOPES = { imopenlines: true, im: true, crm: true, user: true };
const seed = (n: number): DemoBackendConfig => ({ kind: 'demo', seed: n, historyDays: 1, speed: 0 });

const opened: Services[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function recorder() {
  const lines: unknown[] = [];
  const log = { info: (...a: unknown[]) => lines.push(a), warn: (...a: unknown[]) => lines.push(a), error: (...a: unknown[]) => lines.push(a) };
  return { lines, log };
}

async function switchOn(options: { dataDir?: string; launch?: BackendConfig | null; tester?: WebhookTester; log?: typeof silentLog } = {}) {
  const settings = new Map<string, unknown>();
  const dataDir = options.dataDir ?? tempDir();
  const events: Array<[string, unknown]> = [];
  const services = createSourceSwitch({
    dataDir,
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    launch: options.launch === undefined ? seed(1) : options.launch,
    secretBox: plainSecretBox,
    testWebhook: options.tester ?? (async () => ({ ok: true, portal: 'acme.bitrix24.ru', userName: 'Anna Smirnova', scopes: ALL_SCOPES })),
    osLanguage: 'en',
    version: 'test',
    log: options.log ?? silentLog,
    autoSync: false,
  });
  opened.push(services);
  services.onEvent((name, payload) => events.push([name, payload]));
  await services.start();
  return { services, dataDir, events };
}

const firstIds = async (services: Services) =>
  (await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 20 })).rows.map((r) => r.id);

describe('source switch', () => {
  it('switches demo seed 1 → seed 2 → seed 1: the same invoke, each source its own cache, the rows kept', async () => {
    const dataDir = tempDir();
    openSourcesStore(dataDir, plainSecretBox, silentLog).saveDemo(seed(2));
    const { services, events } = await switchOn({ dataDir });
    await call(services, 'sync:now', {});
    const seed1 = await firstIds(services);
    const seed1Info = await call(services, 'app:info', {});
    expect(seed1.length).toBeGreaterThan(5);

    const list = await call(services, 'sources:list', {});
    expect(list.current).toEqual({ id: 'demo:seed1', kind: 'demo', label: '#1' });
    expect(list.saved.map((s) => s.id)).toEqual(['demo:seed1', 'demo:seed2']);

    const after = await call(services, 'sources:use', { id: 'demo:seed2' });
    expect(after.current.id).toBe('demo:seed2');
    expect(events.filter(([name]) => name === 'sources:changed')).toEqual([['sources:changed', { current: { id: 'demo:seed2', kind: 'demo', label: '#2', secretStorage: null } }]]);
    expect((await call(services, 'app:info', {})).backend.label).toBe('#2');
    await call(services, 'sync:now', {});
    const seed2 = await firstIds(services);
    expect(seed2.length).toBeGreaterThan(5);
    const seed2Client = (await call(services, 'dialogs:get', { id: seed2[0]! })).client;

    await call(services, 'sources:use', { id: 'demo:seed1' });
    // no pull yet: what shows is what seed 1's cache kept
    expect(await firstIds(services)).toEqual(seed1);
    expect((await call(services, 'app:info', {})).backend).toEqual(seed1Info.backend);
    expect(fs.existsSync(`${dataDir}/cache-demo-seed1.sqlite`) && fs.existsSync(`${dataDir}/cache-demo-seed2.sqlite`)).toBe(true);
    await call(services, 'sources:use', { id: 'demo:seed2' });
    expect((await call(services, 'dialogs:get', { id: seed2[0]! })).client).toBe(seed2Client);
  });

  it('starts on the saved current source when the launch names none; launch options win over it', async () => {
    const dataDir = tempDir();
    const store = openSourcesStore(dataDir, plainSecretBox, silentLog);
    store.saveDemo(seed(3));
    store.setCurrent('demo:seed3');
    const saved = await switchOn({ dataDir, launch: null });
    expect((await call(saved.services, 'sources:list', {})).current.id).toBe('demo:seed3');
    await saved.services.close();
    const explicit = await switchOn({ dataDir, launch: seed(1) });
    expect((await call(explicit.services, 'sources:list', {})).current.id).toBe('demo:seed1');
  });

  it('a saved source that no longer opens (a cache from a newer app) gives way to the demo world at launch', async () => {
    const dataDir = tempDir();
    const store = openSourcesStore(dataDir, plainSecretBox, silentLog);
    store.saveDemo(seed(3));
    store.setCurrent('demo:seed3');
    const newer = new Database(path.join(dataDir, cacheFileName(seed(3))));
    newer.pragma('user_version = 9999');
    newer.close();
    const { services } = await switchOn({ dataDir, launch: null });
    expect((await call(services, 'sources:list', {})).current.id).toBe('demo:seed1');
    expect((await call(services, 'app:info', {})).backend.label).toBe('#1');
  });

  it('refuses to forget the source in use, forgets another and keeps its cache unless asked', async () => {
    const dataDir = tempDir();
    openSourcesStore(dataDir, plainSecretBox, silentLog).saveDemo(seed(2));
    const { services } = await switchOn({ dataDir });
    await call(services, 'sources:use', { id: 'demo:seed2' });
    await call(services, 'sources:use', { id: 'demo:seed1' });
    expect(await services.invoke('sources:forget', { id: 'demo:seed1' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await services.invoke('sources:forget', { id: 'bitrix24:nowhere:u1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const left = await call(services, 'sources:forget', { id: 'demo:seed2' });
    expect(left.saved.map((s) => s.id)).toEqual(['demo:seed1']);
    expect(fs.existsSync(`${dataDir}/cache-demo-seed2.sqlite`)).toBe(true);
  });
});

describe('sources handlers', () => {
  it('refuses what is not a webhook with VALIDATION in plain words, never repeating the secret', async () => {
    const { services } = await switchOn();
    const bad: unknown[] = [
      { webhookUrl: `http://acme.bitrix24.ru/rest/7/${SECRET}/` },
      { webhookUrl: `https://acme.bitrix24.ru/rest/x/${SECRET}/` },
      { webhookUrl: `https://acme.bitrix24.ru/rest/7/${SECRET}/?a=1` },
      { webhookUrl: `not a url ${SECRET}` },
      { webhookUrl: '' },
      { webhookUrl: `https://a.b/rest/7/${SECRET}/`.padEnd(2000, 'x') },
      { webhookUrl: WEBHOOK, plan: 'gold' },
      { webhookUrl: WEBHOOK, extra: 1 },
    ];
    for (const request of bad) {
      const result = await services.invoke('sources:test', request);
      expect(result, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    expect(await services.invoke('sources:connect', { webhookUrl: WEBHOOK })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await services.invoke('sources:use', { id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers a test with the portal, the user and the scopes, the missing ones named', async () => {
    const { services } = await switchOn({
      tester: async ({ webhookUrl }) => {
        expect(webhookUrl).toBe(WEBHOOK);
        return { ok: true, portal: 'acme.bitrix24.ru', userName: 'Anna', scopes: { imopenlines: true, im: true, crm: false, user: true } };
      },
    });
    const result = await services.invoke('sources:test', { webhookUrl: `  ${WEBHOOK}profile.json ` });
    expect(result).toEqual({ ok: true, value: { portal: 'acme.bitrix24.ru', userName: 'Anna', scopes: { imopenlines: true, im: true, crm: false, user: true }, missing: ['crm'] } });
  });

  it('says why a webhook does not work: unreachable, revoked, no rights', async () => {
    for (const [probe, code, words] of [
      [{ ok: false, reason: 'unreachable', detail: 'ECONNREFUSED' }, 'UNAVAILABLE', /could not be reached/],
      [{ ok: false, reason: 'revoked' }, 'UNAVAILABLE', /revoked or has expired/],
      [{ ok: false, reason: 'noRights' }, 'UNAVAILABLE', /may not read open lines/],
    ] as Array<[WebhookProbe, string, RegExp]>) {
      const { services } = await switchOn({ tester: async () => probe });
      const result = await services.invoke('sources:test', { webhookUrl: WEBHOOK });
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(words);
      await services.close();
    }
    const { services } = await switchOn({ tester: async () => ({ ok: true, portal: 'acme.bitrix24.ru', userName: 'A', scopes: { ...ALL_SCOPES, imopenlines: false } }) });
    expect(await services.invoke('sources:connect', { webhookUrl: WEBHOOK, plan: 'standard' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/imopenlines/) } });
  });

  it('a portal that cannot open leaves the previous source running and nothing saved; the secret appears in no answer, event or log line', async () => {
    const { lines, log } = recorder();
    const { services, events, dataDir } = await switchOn({ log, tester: async () => { throw new Error(`socket hang up at ${WEBHOOK}`); } });
    const answers: unknown[] = [await services.invoke('sources:test', { webhookUrl: WEBHOOK })];
    await services.close();
    // the portal's cache was written by a newer version of the app: its services refuse to start
    const newer = new Database(path.join(dataDir, cacheFileName({ kind: 'bitrix24', webhookUrl: WEBHOOK })));
    newer.pragma('user_version = 9999');
    newer.close();
    const second = await switchOn({ dataDir, log });
    answers.push(await second.services.invoke('sources:test', { webhookUrl: WEBHOOK }));
    const connect = await second.services.invoke('sources:connect', { webhookUrl: WEBHOOK, plan: 'standard' });
    answers.push(connect, await second.services.invoke('sources:list', {}), await second.services.invoke('app:info', {}));
    expect(connect).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((await call(second.services, 'sources:list', {})).saved.map((s) => s.id)).toEqual(['demo:seed1']);
    expect((await call(second.services, 'app:info', {})).backend.kind).toBe('demo');
    expect(second.events.some(([name]) => name === 'sources:changed')).toBe(false);
    const everything = JSON.stringify([answers, events, second.events, lines.map(String)]) + fs.readFileSync(`${dataDir}/sources.json`, 'utf8').replace(/.*sealedWebhook.*/g, '');
    expect(everything).not.toContain(SECRET);
    expect(answers[0]).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
