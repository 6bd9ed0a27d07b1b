/** Real SQLite files in temp dirs, filled by the real sync from the real demo backend. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoBackend } from '../../electron/app/backends/demo/index.ts';
import type { Backend } from '../../electron/app/backends/backend.ts';
import type { BackendConfig } from '../../electron/app/backends/factory.ts';
import { openDatabase, type Db, type WritableDB } from '../../electron/app/db/connection.ts';
import { SyncEngine } from '../../electron/app/sync/sync-engine.ts';
import { createServices, type Services } from '../../electron/app/services.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract.ts';

export const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A fixed "now", so every test sees the same demo world. */
export const FIXED_NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function tempDir(prefix = 'ols-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTempDb(options: { migrate?: boolean } = {}): { db: WritableDB; file: string } {
  const file = path.join(tempDir(), 'cache.sqlite');
  return { db: openDatabase(file, options), file };
}

export function demoBackend(seed = 1, clock: { now: number } = { now: FIXED_NOW }, historyDays = 7): Backend {
  return createDemoBackend({ seed, historyDays, now: () => clock.now });
}

export function syncEngineFor(db: WritableDB, backend: Backend): SyncEngine {
  return new SyncEngine({ db, backend, log: silentLog, onStatus: () => {}, onChanged: () => {}, batchSize: 500 });
}

/** Pulls until the backend has nothing more. */
export async function syncToEnd(engine: SyncEngine): Promise<void> {
  for (let i = 0; i < 10_000; i += 1) {
    if (!(await engine.syncOnce())) return;
  }
  throw new Error('sync did not finish');
}

export async function filledCache(seed = 1, historyDays = 7): Promise<{ db: WritableDB; backend: Backend; file: string }> {
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

/**
 * The real services (worker threads and all) on a fresh data dir and one day
 * of demo history, with settings kept in memory, started, the backfill
 * pulled. They pull again only on `sync:now`, so a test decides when.
 */
/** Real services in a temp folder, synced once: the demo world by default, or `source` (a portal on loopback). */
export async function testServices(backend: { historyDays?: number; seed?: number; dataDir?: string; source?: BackendConfig } = {}): Promise<Services> {
  const settings = new Map<string, unknown>();
  const services = createServices({
    dataDir: backend.dataDir ?? tempDir(),
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: backend.source ?? { kind: 'demo', seed: backend.seed ?? 1, historyDays: backend.historyDays ?? 1 },
    osLanguage: 'en',
    version: 'test',
    log: silentLog,
    autoSync: false,
  });
  await services.start();
  await call(services, 'sync:now', {});
  return services;
}

/** invoke() for tests: the value, or a thrown error naming the IPC error. */
export async function call<C extends Channel>(services: Services, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await services.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ResponseOf<C>;
}
