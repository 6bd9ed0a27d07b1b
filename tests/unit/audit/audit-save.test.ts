/**
 * The desktop path of audit:export: with the shell's save hook (the OS save
 * dialog in Electron, a stand-in here) the CSV is written where it answers,
 * private to the user; a closed dialog writes nothing; a hook answering
 * something that is not an absolute path is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/app/services.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';

let services: Services;
let answer: string | null = null;
const asked: string[] = [];
const dir = tempDir('ols-audit-save-');

beforeAll(async () => {
  const settings = new Map<string, unknown>();
  services = createServices({
    dataDir: path.join(dir, 'data'),
    shell: 'electron',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'demo', seed: 9, historyDays: 1 },
    osLanguage: 'en',
    version: 'test',
    log: silentLog,
    autoSync: false,
    saveFile: async (suggested) => {
      asked.push(`${suggested.fileName}|${suggested.format}`);
      return answer;
    },
  });
  await services.start();
  await call(services, 'sync:now', {});
});
afterAll(async () => {
  await services.close();
});

describe('audit:export in the desktop app', () => {
  it('saves through the save hook, writes nothing when the dialog is closed, refuses a relative path', async () => {
    const { rows } = await call(services, 'dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 2 });
    await call(services, 'actions:enqueue', { target: { dialogIds: rows.map((r) => r.id) }, action: { kind: 'pin', pinned: true } });

    answer = path.join(dir, 'chosen.csv');
    const saved = await call(services, 'audit:export', { filter: {}, language: 'en', timeZone: 'UTC' });
    expect(saved).toMatchObject({ delivered: 'saved', rows: 2, path: answer });
    expect(asked.at(-1)).toMatch(/^audit-.*\.csv\|csv$/);
    const text = fs.readFileSync(answer, 'utf8');
    expect(text.startsWith('\uFEFFTime,Who,Action')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    if (process.platform !== 'win32') expect(fs.statSync(answer).mode & 0o077).toBe(0);

    answer = null;
    expect(await call(services, 'audit:export', { filter: {}, language: 'en', timeZone: 'UTC' })).toMatchObject({ delivered: 'saved', path: null });

    answer = 'relative.csv';
    const refused = await services.invoke('audit:export', { filter: {}, language: 'en', timeZone: 'UTC' });
    expect(refused.ok ? null : refused.error.code).toBe('VALIDATION');
    expect(fs.existsSync(path.join(process.cwd(), 'relative.csv'))).toBe(false);
  });
});
