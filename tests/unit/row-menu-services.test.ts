/**
 * The row menu's and transfer picker's channels through the real services
 * (reader and writer workers over a demo cache): operators:load equals the
 * grid's own count of each operator's active dialogs; links:dialog is
 * refused in plain words where the source has no web pages, and on a portal
 * (the emulator) builds pages on its origin and hands them to the desktop
 * shell's opener; bad requests are refused at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnPortal } from '../../electron/app/actions/portal-links.ts';
import { createServices, type Services } from '../../electron/app/services.ts';
import { startEmulator, type Emulator } from '../../electron/emulator/index.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/filter.ts';
import { call, silentLog, tempDir, testServices } from '../support/temp-cache.ts';

let services: Services;
beforeAll(async () => {
  services = await testServices({ seed: 6, historyDays: 2, dataDir: tempDir('ols-rowmenu-') });
});
afterAll(() => services.close());

describe('row menu channels', () => {
  it('operators:load gives each operator the count the grid shows for their active dialogs', async () => {
    const { operators } = await call(services, 'operators:load', {});
    expect(operators.length).toBeGreaterThan(1);
    for (const { operatorId, active } of operators) {
      const { total } = await call(services, 'dialogs:list', {
        filter: { ...ACTIVE_DIALOGS_FILTER, conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [operatorId] }] },
        sort: { column: 'id', direction: 'asc' },
        startRow: 0,
        endRow: 1,
      });
      expect(active, `operator ${operatorId}`).toBe(total);
    }
  });

  it('links:dialog on the demo is UNAVAILABLE (no web pages); malformed requests are VALIDATION', async () => {
    const { rows } = await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 });
    expect(await services.invoke('links:dialog', { dialogId: rows[0]!.id, target: 'chat' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await services.invoke('links:dialog', { dialogId: rows[0]!.id, target: 'javascript' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await services.invoke('operators:load', { all: true } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('links:dialog on a portal (services over the emulator)', () => {
  let emu: Emulator;
  let portal: Services;
  const opened: Array<[string, string]> = [];
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 3, plan: 'enterprise', historyDays: 1, dialogsPerDay: 60 });
    const settings = new Map<string, unknown>();
    portal = createServices({
      dataDir: tempDir('ols-rowmenu-portal-'),
      shell: 'electron',
      settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
      backend: { kind: 'bitrix24', webhookUrl: emu.webhookUrl, plan: 'enterprise' },
      osLanguage: 'en',
      version: 'test',
      log: silentLog,
      autoSync: false,
      // the desktop shell's opener: records what it was asked to open, and checks the origin as main does
      openExternal: async (url, origin) => {
        if (!isOnPortal(url, origin)) throw new Error('off the portal');
        opened.push([url, origin]);
      },
    });
    await portal.start();
    await call(portal, 'sync:now', {});
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
    await emu?.close();
  });

  it('builds the chat and CRM pages on the portal’s origin and hands them to the shell', async () => {
    const origin = new URL(emu.webhookUrl).origin;
    const { rows } = await call(portal, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 200 });
    const row = rows[0]!;
    expect(await call(portal, 'links:dialog', { dialogId: row.id, target: 'chat' })).toEqual({ url: `${origin}/online/?IM_DIALOG=chat${row.chatId}`, opened: true });
    expect(opened.at(-1)).toEqual([`${origin}/online/?IM_DIALOG=chat${row.chatId}`, origin]);
    const withCrm = rows.find((r) => r.crm !== null);
    if (withCrm) {
      const { url } = await call(portal, 'links:dialog', { dialogId: withCrm.id, target: 'crm' });
      expect(url.startsWith(`${origin}/crm/${withCrm.crm!.type}/`)).toBe(true);
    }
    const without = rows.find((r) => r.crm === null);
    if (without) expect(await portal.invoke('links:dialog', { dialogId: without.id, target: 'crm' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await portal.invoke('links:dialog', { dialogId: 999_999_999, target: 'chat' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
