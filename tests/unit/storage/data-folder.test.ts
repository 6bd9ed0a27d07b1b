/**
 * The data folder is private whatever the umask, and damaged files found at
 * start are moved aside (never deleted) and replaced, with a notice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { openCacheWithRecovery, salvageTables } from '../../../electron/app/db/open-cache.ts';
import { cacheFileName, createServices } from '../../../electron/app/services.ts';
import { openNodeSettingsStore, readSettings } from '../../../electron/app/settings/store.ts';
import { ensurePrivateDir } from '../../../electron/app/storage/private-files.ts';
import { SchemaTooNewError } from '../../../electron/app/db/migrations/index.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';

const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;
let umask = 0;
beforeAll(() => {
  // The most permissive umask: every mode below must come from the code, not from the environment.
  umask = process.umask(0o000);
});
afterAll(() => {
  process.umask(umask);
});

async function services(dataDir: string, seed = 1) {
  const settings = openNodeSettingsStore(dataDir, silentLog);
  const started = createServices({
      dataDir,
      shell: 'browser',
      settings: settings.store,
      notices: settings.notice ? [settings.notice] : [],
      backend: { kind: 'demo', seed, historyDays: 1, speed: 0 },
      osLanguage: 'en',
      version: 'test',
      log: silentLog,
      autoSync: false,
    });
  await started.start();
  return { settings, services: started };
}

describe.runIf(posix)('permissions of a fresh data folder', () => {
  it('are 0700 for the folder and 0600 for every file in it, cache, WAL, SHM and settings included', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const { services: s, settings } = await services(dataDir);
    settings.store.set('language', 'ru');
    await call(s, 'sync:now', {});
    const files = fs.readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining([cacheFileName({ kind: 'demo', seed: 1 }), 'settings.json']));
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(mode(dataDir)).toBe(0o700);
    for (const file of files) expect([file, mode(path.join(dataDir, file))]).toEqual([file, 0o600]);
    await s.close();
  });

  it('tightens an existing folder and its files at start', () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'old.sqlite'), '');
    fs.chmodSync(path.join(dataDir, 'old.sqlite'), 0o644);
    fs.mkdirSync(path.join(dataDir, 'logs'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'logs', 'a.log'), 'x', { mode: 0o666 });
    ensurePrivateDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'old.sqlite'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'logs', 'a.log'))).toBe(0o600);
  });
});

describe('a settings file that does not parse', () => {
  it.each([['{"language": "ru",'], ['\u0000\u0001garbage'], ['[1, 2']])('is moved aside and defaults are used (%j)', async (content) => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'settings.json'), content);
    const { services: s, settings } = await services(dataDir);
    expect(settings.notice?.kind).toBe('settingsReset');
    expect(fs.readFileSync(settings.notice!.movedTo, 'utf8')).toBe(content);
    expect(readSettings(settings.store).language).toBeNull();
    const info = await s.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { notices: [{ kind: 'settingsReset' }] } });
    // and the store works again
    settings.store.set('language', 'en');
    expect(readSettings(settings.store).language).toBe('en');
    await s.close();
  });
});

describe('a damaged cache at start', () => {
  async function filledDataDir(): Promise<{ dataDir: string; file: string; dialogs: number }> {
    const dataDir = tempDir();
    const { services: s } = await services(dataDir);
    const { dialogs } = await call(s, 'sync:now', {});
    await s.close();
    return { dataDir, file: path.join(dataDir, cacheFileName({ kind: 'demo', seed: 1 })), dialogs };
  }

  it('that is not SQLite at all is moved aside, and the cache is rebuilt from the source', async () => {
    const { dataDir, file, dialogs } = await filledDataDir();
    fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
    fs.rmSync(`${file}-wal`, { force: true });
    const { services: s } = await services(dataDir);
    const info = (await s.invoke('app:info', {})) as { ok: true; value: { notices: Array<{ kind: string; movedTo: string }> } };
    expect(info.value.notices).toEqual([{ kind: 'cacheRebuilt', movedTo: expect.stringContaining('.corrupt-') }]);
    expect(fs.readFileSync(info.value.notices[0]!.movedTo, 'utf8')).toContain('not a database');
    expect((await call(s, 'sync:now', {})).dialogs).toBe(dialogs);
    await s.close();
  });

  it('whose pages are damaged fails quick_check, is moved aside and rebuilt', async () => {
    const { dataDir, file, dialogs } = await filledDataDir();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(64 * 4096);
    // Scribble over pages in the middle of the file, leaving the header and schema page intact.
    for (let i = 8 * 4096; i < bytes.length - 4096; i += 4096 * 3) bytes.fill(0xa5, i + 16, i + 600);
    fs.writeFileSync(file, bytes);
    const { services: s } = await services(dataDir);
    const info = (await s.invoke('app:info', {})) as { ok: true; value: { notices: Array<{ kind: string }> } };
    expect(info.value.notices.map((n) => n.kind)).toEqual(['cacheRebuilt']);
    expect((await call(s, 'sync:now', {})).dialogs).toBe(dialogs);
    const check = openDatabase(file, { readonly: true, migrate: false });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    await s.close();
  });

  it('a healthy cache is kept as it is, with no notice', async () => {
    const { dataDir } = await filledDataDir();
    const { services: s } = await services(dataDir);
    const info = (await s.invoke('app:info', {})) as { ok: true; value: { notices: unknown[] } };
    expect(info.value.notices).toEqual([]);
    await s.close();
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });

  it('a cache from a newer app is refused untouched, not treated as damage', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openCacheWithRecovery(file, silentLog)).toThrow(SchemaTooNewError);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });

  it('user-owned tables are salvaged from the damaged copy where they read', () => {
    const dir = tempDir();
    const damaged = new Database(path.join(dir, 'old.sqlite'));
    damaged.exec("CREATE TABLE presets (id INTEGER PRIMARY KEY, name TEXT, old_only TEXT); INSERT INTO presets VALUES (1, 'Mine', 'x'), (2, 'Yours', 'y');");
    damaged.close();
    const fresh = new Database(path.join(dir, 'new.sqlite'));
    fresh.exec('CREATE TABLE presets (id INTEGER PRIMARY KEY, name TEXT, new_only TEXT)');
    const copied = salvageTables(path.join(dir, 'old.sqlite'), fresh, ['presets', 'missing_table'], silentLog);
    expect(copied).toEqual({ presets: 2, missing_table: 0 });
    expect(fresh.prepare('SELECT id, name, new_only FROM presets ORDER BY id').all()).toEqual([
      { id: 1, name: 'Mine', new_only: null },
      { id: 2, name: 'Yours', new_only: null },
    ]);
    fresh.close();
  });
});
