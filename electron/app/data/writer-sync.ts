/**
 * The sync, inside the writer worker: the backend is built here from its
 * config, pulls land in this thread's connection without crossing threads,
 * and the services' thread only hears events. So a backfill of hundreds of
 * dialogs per batch never costs the thread that answers the UI a thing.
 */
import type { Events, SyncStatus } from '../../../shared/ipc/contract.ts';
import type { Backend } from '../backends/backend.ts';
import { createBackend, type BackendConfig } from '../backends/factory.ts';
import type { Db, WritableDB } from '../db/connection.ts';
import { adoptIdentity } from '../db/queries/cache-identity.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { SyncEngine } from '../sync/sync-engine.ts';
import { backendAnswered, startWriterOutbox, stopWriterOutbox } from './writer-outbox.ts';

export interface WriterSyncOptions {
  backend: BackendConfig;
  dataDir: string;
  pollMs?: number;
  /** false: pull only on syncNow (tests, tools) */
  autoSync?: boolean;
  /** a manual clock starting here (the bench replays live polls on it); default the wall clock */
  manualClockFrom?: number;
}

export type PostEvent = <E extends 'sync:status' | 'dialogs:changed' | 'outbox:changed'>(name: E, payload: Events[E]) => void;

let engine: SyncEngine | null = null;
let backend: Backend | null = null;
let clock = 0;

/** Builds the backend, adopts its identity (a new source clears the source's tables) and prepares the engine. */
export async function startWriterSync(db: WritableDB, options: WriterSyncOptions, log: Logger, post: PostEvent): Promise<{ kind: string; label: string; selfOperatorId: number | null; status: SyncStatus }> {
  clock = options.manualClockFrom ?? 0;
  backend = createBackend(options.backend, {
    dataDir: options.dataDir,
    log,
    now: options.manualClockFrom === undefined ? undefined : () => clock,
  });
  adoptIdentity(db, backend.identity ?? `${backend.kind}:${backend.label}`, log);
  engine = new SyncEngine({
    db,
    backend,
    log,
    pollMs: options.pollMs,
    onStatus: (status) => {
      // the backend answers again: the outbox need not wait out its backoff
      if (status.phase === 'live') backendAnswered();
      post('sync:status', status);
    },
    onChanged: (applied, total) => post('dialogs:changed', { inserted: applied.inserted, updated: applied.updated, total }),
  });
  await engine.init();
  // the outbox sends through the same backend; what a crash left queued drains from here
  startWriterOutbox(db, backend, log, (name, payload) => post(name, payload), {
    total: () => engine?.status.dialogs ?? 0,
    backendReachable: () => engine?.backendReachable(),
  });
  if (options.autoSync ?? true) engine.start();
  return { kind: backend.kind, label: backend.label, selfOperatorId: backend.selfOperatorId ?? null, status: engine.status };
}

/** Stops pulling and lets the backend go; called before the connection closes. */
export async function stopWriterSync(): Promise<void> {
  await engine?.stop();
  await stopWriterOutbox();
  await backend?.close();
  engine = null;
  backend = null;
}

function running(): SyncEngine {
  if (!engine) throw Object.assign(new Error('The sync is not running'), { code: 'UNAVAILABLE' });
  return engine;
}

export const SYNC_API = {
  syncNow(_db: Db) {
    return running().syncNow();
  },
  syncStatus(_db: Db) {
    return running().status;
  },
  /** bench only: move the manual clock (see manualClockFrom) */
  advanceClock(_db: Db, ms: number) {
    clock += ms;
    return clock;
  },
};
