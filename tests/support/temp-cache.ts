/** Real SQLite files in temp dirs, filled by the real sync from the real demo backend. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoBackend } from '../../electron/app/backends/demo/index.ts';
import type { Backend } from '../../electron/app/backends/backend.ts';
import { openDatabase, type Db } from '../../electron/app/db/connection.ts';
import { SyncEngine } from '../../electron/app/sync/sync-engine.ts';
import { createServices, type Services } from '../../electron/app/services.ts';

export const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A fixed "now", so every test sees the same demo world. */
export const FIXED_NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function tempDir(prefix = 'ols-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTempDb(options: { migrate?: boolean } = {}): { db: Db; file: string } {
  const file = path.join(tempDir(), 'cache.sqlite');
  return { db: openDatabase(file, options), file };
}

export function demoBackend(seed = 1, clock: { now: number } = { now: FIXED_NOW }, historyDays = 7): Backend {
  return createDemoBackend({ seed, historyDays, now: () => clock.now });
}

export function syncEngineFor(db: Db, backend: Backend): SyncEngine {
  return new SyncEngine({ db, backend, log: silentLog, onStatus: () => {}, onChanged: () => {}, batchSize: 500 });
}

/** Pulls until the backend has nothing more. */
export async function syncToEnd(engine: SyncEngine): Promise<void> {
  for (let i = 0; i < 10_000; i += 1) {
    if (!(await engine.syncOnce())) return;
  }
  throw new Error('sync did not finish');
}

export async function filledCache(seed = 1, historyDays = 7): Promise<{ db: Db; backend: Backend; file: string }> {
  const { db, file } = openTempDb();
  const backend = demoBackend(seed, { now: FIXED_NOW }, historyDays);
  await syncToEnd(syncEngineFor(db, backend));
  return { db, backend, file };
}

/** Every table's rows, for comparing whole caches. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['lines', 'operators', 'clients', 'dialogs', 'messages', 'dialog_events', 'sync_cursors']) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  }
  return out;
}

/** The real services on a fresh data dir and one day of demo history, with settings kept in memory. */
export function testServices(): Services {
  const settings = new Map<string, unknown>();
  return createServices({
    dataDir: tempDir(),
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'demo', seed: 1, historyDays: 1 },
    osLanguage: 'en',
    version: 'test',
    log: silentLog,
  });
}
