/**
 * Composition root of the services: cache, backend, sync engine and handlers.
 * Both shells (electron/main and the browser-mode host) call createServices and
 * carry `handlers` and events over their transport; nothing here imports electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, EventName, Events, Handlers, Language } from '../../shared/ipc/contract.ts';
import type { Backend } from './backends/backend.ts';
import { createDemoBackend } from './backends/demo/index.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { adoptIdentity } from './db/queries/cache-identity.ts';
import { createHandlers } from './ipc/handlers.ts';
import type { Logger } from './ipc/dispatch.ts';
import type { KeyValueStore } from './settings/store.ts';
import { recomputeAll } from './sync/recompute.ts';
import { SyncEngine } from './sync/sync-engine.ts';

export interface DemoBackendConfig {
  kind: 'demo';
  seed: number;
  /** days of history to backfill */
  historyDays?: number;
  /** multiplies the pace of live traffic */
  speed?: number;
}

export type BackendConfig = DemoBackendConfig;

export interface ServicesOptions {
  dataDir: string;
  shell: 'electron' | 'browser';
  settings: KeyValueStore;
  backend: BackendConfig;
  osLanguage: Language;
  version: string;
  log?: Logger;
  /** sync poll interval once caught up */
  pollMs?: number;
}

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Services {
  handlers: Handlers;
  /** subscribe to push events; returns the unsubscribe function */
  onEvent(listener: EventListener): () => void;
  /** start syncing */
  start(): Promise<void>;
  /** stop syncing and close the cache; safe to call twice */
  close(): Promise<void>;
  /** the cache connection, for tools and tests in the same process */
  readonly db: Db;
  readonly sync: SyncEngine;
}

function createBackend(config: BackendConfig): Backend {
  return createDemoBackend({ seed: config.seed, historyDays: config.historyDays, speed: config.speed });
}

/** One cache file per data source, so switching seeds or portals never mixes dialogs. */
export function cacheFileName(config: BackendConfig): string {
  return `cache-demo-seed${config.seed}.sqlite`;
}

/** Opens the cache (throws SchemaTooNewError for a cache from a newer app) and wires everything. */
export function createServices(options: ServicesOptions): Services {
  const log = options.log ?? console;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(path.join(options.dataDir, cacheFileName(options.backend)));
  const backend = createBackend(options.backend);
  adoptIdentity(db, backend.identity ?? `${backend.kind}:${backend.label}`, log);
  // An engine update recomputes what an older engine stored, before the grid reads it.
  const stale = recomputeAll(db, { onlyStale: true });
  if (stale.dialogs) log.info(`[metrics] recomputed ${stale.dialogs} dialogs for the new engine in ${stale.ms} ms`);

  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  let dataVersion = 0;
  const sync = new SyncEngine({
    db,
    backend,
    log,
    pollMs: options.pollMs,
    onStatus: (status) => emit('sync:status', status),
    onChanged: (applied, total) => {
      dataVersion += 1;
      emit('dialogs:changed', { inserted: applied.inserted, updated: applied.updated, total });
    },
  });
  const info: AppInfo = {
    version: options.version,
    shell: options.shell,
    backend: { kind: backend.kind, label: backend.label },
    dataDir: options.dataDir,
    osLanguage: options.osLanguage,
  };
  const handlers = createHandlers({
    db,
    backend,
    sync,
    settings: options.settings,
    info,
    now: Date.now,
    dataVersion: () => dataVersion,
    emitProgress: (done, total) => emit('metrics:progress', { done, total }),
    emitChanged: () => {
      dataVersion += 1;
      emit('dialogs:changed', { inserted: [], updated: [], total: sync.status.dialogs });
    },
  });

  let closed: Promise<void> | null = null;
  return {
    handlers,
    db,
    sync,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      sync.start();
    },
    close() {
      closed ??= (async () => {
        await sync.stop();
        await backend.close();
        db.close();
      })();
      return closed;
    },
  };
}
