/**
 * The switch between the demo world and a real portal: the Bitrix24
 * emulator on loopback, through the real connector, into real caches in a
 * temp folder. Each source keeps its own rows.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../electron/emulator/index.ts';
import { createSourceSwitch } from '../../../electron/app/source-switch.ts';
import { bitrix24WebhookTester } from '../../../electron/app/sources/bitrix24-tester.ts';
import { plainSecretBox } from '../../../electron/app/sources/secret-box.ts';
import type { Services } from '../../../electron/app/services.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';

const firstIds = async (services: Services) =>
  (await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 20 })).rows.map((r) => r.id);

describe('switching between the demo and the emulator portal', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 3, plan: 'enterprise', dialogs: 60, historyDays: 2 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('demo → portal → demo: one Services object, two caches, each with its own rows', async () => {
    const dataDir = tempDir();
    const settings = new Map<string, unknown>();
    const services = createSourceSwitch({
      dataDir,
      shell: 'browser',
      settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
      launch: { kind: 'demo', seed: 1, historyDays: 1, speed: 0 },
      secretBox: plainSecretBox,
      testWebhook: bitrix24WebhookTester,
      osLanguage: 'en',
      version: 'test',
      log: silentLog,
      autoSync: false,
    });
    try {
      await services.start();
      await call(services, 'sync:now', {});
      const demo = await firstIds(services);
      expect(demo.length).toBeGreaterThan(0);

      const tested = await call(services, 'sources:test', { webhookUrl: emulator.webhookUrl, plan: 'enterprise' });
      expect(tested.missing).toEqual([]);
      const connected = await call(services, 'sources:connect', { webhookUrl: emulator.webhookUrl, plan: 'enterprise' });
      expect(connected.current.kind).toBe('bitrix24');
      expect(JSON.stringify(connected)).not.toContain(new URL(emulator.webhookUrl).pathname.split('/')[3]);
      await call(services, 'sync:now', {});
      const portal = await firstIds(services);
      expect(portal.length).toBeGreaterThan(0);
      expect((await call(services, 'app:info', {})).backend.kind).toBe('bitrix24');

      await call(services, 'sources:use', { id: 'demo:seed1' });
      expect(await firstIds(services)).toEqual(demo);
      await call(services, 'sources:use', { id: connected.current.id });
      // no pull since: what shows is what the portal's cache kept
      expect(await firstIds(services)).toEqual(portal);
      expect(fs.readdirSync(dataDir).filter((n) => /^cache-.*\.sqlite$/.test(n)).length).toBe(2);
    } finally {
      await services.close();
    }
  });

  it('a webhook without crm: Test names the missing scope; a revoked secret reads as revoked', async () => {
    const narrow = await startEmulator({ port: 0, seed: 4, plan: 'standard', dialogs: 10, historyDays: 1, scopes: ['imopenlines', 'im', 'user'] });
    try {
      const tested = await bitrix24WebhookTester({ webhookUrl: narrow.webhookUrl, log: silentLog });
      expect(tested).toMatchObject({ ok: true, scopes: { imopenlines: true, im: true, crm: false, user: true } });
      const wrongSecret = narrow.webhookUrl.replace(/\/rest\/(\d+)\/[^/]+\//, '/rest/$1/wrongsecret0/');
      expect(await bitrix24WebhookTester({ webhookUrl: wrongSecret, log: silentLog })).toMatchObject({ ok: false, reason: 'revoked' });
    } finally {
      await narrow.close();
    }
  });
});
