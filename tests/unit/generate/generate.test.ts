import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoBackend } from '../../../electron/app/backends/demo/index.ts';
import { readWorld, worldFiles } from '../../../electron/app/backends/demo/world-file.ts';
import { openDatabase, type Db } from '../../../electron/app/db/connection.ts';
import { openCacheWithRecovery } from '../../../electron/app/db/open-cache.ts';
import { adoptIdentity } from '../../../electron/app/db/queries/cache-identity.ts';
import { readCursor } from '../../../electron/app/db/queries/sync-state.ts';
import { generateCache, GenerateRefused, type GenerateResult } from '../../../electron/app/generate/generate.ts';
import { cacheFileName } from '../../../electron/app/services.ts';
import { CHANGES_CURSOR } from '../../../electron/app/sync/apply-changes.ts';
import { recomputeAll } from '../../../electron/app/sync/recompute.ts';
import { SyncEngine } from '../../../electron/app/sync/sync-engine.ts';
import { STATUS_CODE, STATUS_DETAIL_IDS } from '../../../shared/domain/status.ts';
import { call, FIXED_NOW, openTempDb, silentLog, syncToEnd, tempDir, testServices } from '../../support/temp-cache.ts';

const SEED = 5;
const N = 5000;

const count = (db: Db, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const schemaOf = (db: Db) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all();
/** Rows of the dialogs with ids in [from, to]; a message's own rowid is the cache's, not the world's. */
function rowsBetween(db: Db, from: number, to: number) {
  return {
    dialogs: db.prepare('SELECT * FROM dialogs WHERE id BETWEEN ? AND ? ORDER BY id').all(from, to),
    messages: db.prepare('SELECT dialog_id, seq, at, author, operator_id, hidden, text FROM messages WHERE dialog_id BETWEEN ? AND ? ORDER BY 1, 2').all(from, to),
    events: db.prepare('SELECT * FROM dialog_events WHERE dialog_id BETWEEN ? AND ? ORDER BY 1, 2').all(from, to),
  };
}

describe('npm run generate (the scale generator)', () => {
  let dataDir: string;
  let file: string;
  let result: GenerateResult;

  beforeAll(async () => {
    dataDir = tempDir('ols-generate-');
    file = path.join(dataDir, cacheFileName({ kind: 'demo', seed: SEED }));
    result = await generateCache({ dataDir, cacheFile: file, seed: SEED, dialogs: N, now: FIXED_NOW, log: silentLog, chunk: 700 });
  });

  it('builds about N dialogs with about ten messages each, every detailed status among them, and a sound file', () => {
    expect(Math.abs(result.dialogs - N)).toBeLessThan(N * 0.03);
    const db = openDatabase(file, { readonly: true });
    expect(count(db, 'dialogs')).toBe(result.dialogs);
    expect(count(db, 'messages')).toBe(result.messages);
    const perDialog = result.messages / result.dialogs;
    expect(perDialog).toBeGreaterThan(8);
    expect(perDialog).toBeLessThan(12);
    const codes = (db.prepare('SELECT DISTINCT status_code AS code FROM dialogs').all() as Array<{ code: number }>).map((r) => r.code);
    expect(codes.sort((a, b) => a - b)).toEqual(STATUS_DETAIL_IDS.map((id) => STATUS_CODE[id]).sort((a, b) => a - b));
    expect(count(db, 'clients')).toBeGreaterThan(result.dialogs * 0.6);
    expect(count(db, 'lines')).toBeGreaterThan(3);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the secondary indexes and triggers the load dropped are all back, exactly as a migrated cache has them
    const { db: fresh } = openTempDb();
    expect(schemaOf(db)).toEqual(schemaOf(fresh));
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 1 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    if (process.platform !== 'win32') {
      for (const name of fs.readdirSync(dataDir)) expect(fs.statSync(path.join(dataDir, name)).mode & 0o777, name).toBe(0o600);
    }
    expect(fs.readdirSync(dataDir).some((name) => name.includes('.generating'))).toBe(false);
  });

  it('stores exactly what the engine computes from the stored timelines: a full recompute changes nothing', () => {
    const copy = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(file, copy);
    const db = openDatabase(copy);
    const before = db.prepare('SELECT * FROM dialogs ORDER BY id').all();
    expect(recomputeAll(db, { onlyStale: true }).dialogs).toBe(0);
    expect(recomputeAll(db).dialogs).toBe(result.dialogs);
    expect(db.prepare('SELECT * FROM dialogs ORDER BY id').all()).toEqual(before);
    db.close();
  });

  it('is this demo world’s cache: the services’ backend has its identity, and its world file says the history lives in the cache', () => {
    const files = worldFiles(dataDir, SEED);
    const { spec } = readWorld(files, SEED);
    expect(spec.anchor).toBe(FIXED_NOW);
    expect(spec.cacheOnlyBelow).toBeGreaterThan(result.dialogs * 0.5);
    expect(spec.cacheOnlyBelow).toBeLessThan(result.dialogs);
    const backend = createDemoBackend({ seed: SEED, historyDays: 30, worldDir: dataDir, now: () => FIXED_NOW + 60_000, log: silentLog });
    expect(backend.identity).toBe(result.identity);
    const opened = openCacheWithRecovery(file, silentLog);
    const lines: string[] = [];
    adoptIdentity(opened.db, backend.identity ?? '', { ...silentLog, info: (m: string) => void lines.push(m) });
    expect(lines).toEqual([]);
    expect(count(opened.db, 'dialogs')).toBe(result.dialogs);
    expect(opened.notice).toBeNull();
    opened.close();
  });

  it('then a real sync continues the world on top: the running dialogs go on, new ones arrive under new ids', async () => {
    const copyDir = tempDir();
    for (const name of fs.readdirSync(dataDir)) fs.copyFileSync(path.join(dataDir, name), path.join(copyDir, name));
    const db = openDatabase(path.join(copyDir, path.basename(file)));
    const clock = { now: FIXED_NOW + 20 * 60_000 };
    const logged: string[] = [];
    const log = { info: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(m), error: (m: string) => void logged.push(m) };
    const backend = createDemoBackend({ seed: SEED, worldDir: copyDir, now: () => clock.now, log });
    adoptIdentity(db, backend.identity ?? '', log);
    const cursor = readCursor(db, CHANGES_CURSOR);
    const maxBefore = (db.prepare('SELECT MAX(id) AS id FROM dialogs').get() as { id: number }).id;
    const running = db.prepare("SELECT COUNT(*) AS n FROM dialogs WHERE status_code NOT IN (60, 65)").get() as { n: number };
    await syncToEnd(new SyncEngine({ db, backend, log, onStatus: () => {}, onChanged: () => {}, batchSize: 300 }));
    expect(logged.filter((l) => /clearing|refused/.test(l))).toEqual([]);
    expect(readCursor(db, CHANGES_CURSOR)).not.toBe(cursor);
    const added = db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first FROM dialogs WHERE id > ?').get(maxBefore) as { n: number; first: number };
    expect(added.n).toBeGreaterThan(100);
    expect(added.first).toBe(maxBefore + 1);
    expect(count(db, 'dialogs')).toBe(result.dialogs + added.n);
    // generated dialogs that were running have moved on: fewer of the old ones are still open
    const stillOpen = db.prepare('SELECT COUNT(*) AS n FROM dialogs WHERE id <= ? AND status_code NOT IN (60, 65)').get(maxBefore) as { n: number };
    expect(stillOpen.n).toBeLessThan(running.n);

    // every dialog the world still holds reads the same in this cache as in a cache synced from scratch:
    // a generated dialog is the simulator's very dialog, and the sync on top only added what followed
    const scratch = openTempDb().db;
    adoptIdentity(scratch, backend.identity ?? '', silentLog);
    await syncToEnd(new SyncEngine({ db: scratch, backend, log: silentLog, onStatus: () => {}, onChanged: () => {}, batchSize: 1000 }));
    const ids = scratch.prepare('SELECT MIN(id) AS first, MAX(id) AS last FROM dialogs').get() as { first: number; last: number };
    expect(ids.first).toBeLessThanOrEqual(maxBefore - 100);
    expect(rowsBetween(db, ids.first, ids.last)).toEqual(rowsBetween(scratch, ids.first, ids.last));
    db.close();
  });

  it('refuses to replace a cache the folder holds for that seed, unless forced', async () => {
    const bytes = fs.statSync(file).size;
    await expect(generateCache({ dataDir, cacheFile: file, seed: SEED, dialogs: 1000, now: FIXED_NOW, log: silentLog })).rejects.toThrow(GenerateRefused);
    expect(fs.statSync(file).size).toBe(bytes);
    fs.writeFileSync(`${file}.open`, '');
    await expect(generateCache({ dataDir, cacheFile: file, seed: SEED, dialogs: 1000, force: true, log: silentLog })).rejects.toThrow(/open in a running app/);
    fs.rmSync(`${file}.open`);

    const other = tempDir();
    const otherFile = path.join(other, cacheFileName({ kind: 'demo', seed: SEED }));
    fs.copyFileSync(file, otherFile);
    const replaced = await generateCache({ dataDir: other, cacheFile: otherFile, seed: SEED, dialogs: 1000, force: true, now: FIXED_NOW + 1, log: silentLog });
    expect(replaced.identity).not.toBe(result.identity);
    const db = openDatabase(otherFile, { readonly: true });
    expect(count(db, 'dialogs')).toBe(replaced.dialogs);
    db.close();
  });
});

describe('a generated cache under the real services', () => {
  it('opens as the world’s own cache (nothing cleared) and live traffic continues on top', async () => {
    const dataDir = tempDir('ols-generate-services-');
    const seed = 12;
    const file = path.join(dataDir, cacheFileName({ kind: 'demo', seed }));
    const generated = await generateCache({ dataDir, cacheFile: file, seed, dialogs: 3000, now: Date.now() - 30 * 60_000, log: silentLog });
    const services = await testServices({ dataDir, seed });
    try {
      const status = await call(services, 'sync:now', {});
      expect(status.phase).toBe('live');
      // all of the generated history is still there, and the half hour since brought more
      expect(status.dialogs).toBeGreaterThan(generated.dialogs + 100);
      const db = openDatabase(file, { readonly: true });
      const first = db.prepare('SELECT MIN(id) AS id FROM dialogs').get() as { id: number };
      db.close();
      expect((await call(services, 'dialogs:get', { id: first.id })).id).toBe(first.id);
    } finally {
      await services.close();
    }
  });
});
