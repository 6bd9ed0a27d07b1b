/**
 * The sync loop: reference data first, then pull → apply → push events, as
 * fast as the backend has more, then every `pollMs`. A failure never stops
 * the loop: the status says offline/error and the next try backs off.
 */
import type { SyncStatus } from '../../../shared/ipc/contract.ts';
import type { Backend } from '../backends/backend.ts';
import type { Db } from '../db/connection.ts';
import { upsertReference } from '../db/queries/reference.ts';
import { countAllDialogs, readCursor } from '../db/queries/sync-state.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { applyChanges, CHANGES_CURSOR, type AppliedChanges } from './apply-changes.ts';

export interface SyncEngineOptions {
  db: Db;
  backend: Backend;
  log: Logger;
  onStatus(status: SyncStatus): void;
  onChanged(applied: AppliedChanges, total: number): void;
  /** wait between pulls once caught up */
  pollMs?: number;
  /** dialogs per pulled batch (one transaction each) */
  batchSize?: number;
  /** reload lines and operators this often */
  referenceEveryMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

export class SyncEngine {
  #options: Required<Omit<SyncEngineOptions, 'onStatus' | 'onChanged' | 'db' | 'backend' | 'log'>>;
  #deps: SyncEngineOptions;
  #status: SyncStatus;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #inFlight: Promise<void> | null = null;
  #failures = 0;
  #referenceLoadedAt = 0;
  #caughtUpOnce = false;

  constructor(options: SyncEngineOptions) {
    this.#deps = options;
    this.#options = {
      pollMs: options.pollMs ?? 2000,
      batchSize: options.batchSize ?? 500,
      referenceEveryMs: options.referenceEveryMs ?? 10 * 60_000,
    };
    const cursor = readCursor(options.db, CHANGES_CURSOR);
    this.#caughtUpOnce = cursor !== null;
    this.#status = {
      phase: 'idle',
      progress: cursor === null ? 0 : 1,
      dialogs: countAllDialogs(options.db),
      lastSyncAt: null,
      error: null,
    };
  }

  get status(): SyncStatus {
    return this.#status;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops the loop and waits for a pull under way, so the cache can close safely. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight;
  }

  /** One pull-and-apply step; exported for tests and for "sync now". Returns whether more is ready. */
  async syncOnce(): Promise<boolean> {
    const { db, backend } = this.#deps;
    if (Date.now() - this.#referenceLoadedAt > this.#options.referenceEveryMs) {
      const reference = await backend.fetchReference();
      db.transaction(() => upsertReference(db, reference.lines, reference.operators))();
      this.#referenceLoadedAt = Date.now();
    }
    const cursor = readCursor(db, CHANGES_CURSOR);
    const batch = await backend.pullChanges(cursor, this.#options.batchSize);
    const applied = applyChanges(db, batch.changes, batch.cursor, this.#deps.log);
    const total = countAllDialogs(db);
    if (!batch.hasMore) this.#caughtUpOnce = true;
    this.#setStatus({
      phase: this.#caughtUpOnce ? 'live' : 'backfill',
      progress: this.#caughtUpOnce ? 1 : (batch.progress ?? this.#status.progress),
      dialogs: total,
      lastSyncAt: Date.now(),
      error: null,
    });
    if (applied.inserted.length || applied.updated.length) this.#deps.onChanged(applied, total);
    return batch.hasMore;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#inFlight = this.#tick().finally(() => {
        this.#inFlight = null;
      });
    }, delayMs);
  }

  async #tick(): Promise<void> {
    let next = this.#options.pollMs;
    try {
      const more = await this.syncOnce();
      this.#failures = 0;
      if (more) next = 0;
    } catch (error) {
      this.#failures += 1;
      next = Math.min(MAX_BACKOFF_MS, this.#options.pollMs * 2 ** this.#failures);
      const err = error as { code?: unknown; message?: unknown };
      const code = typeof err.code === 'string' ? err.code : 'SYNC_FAILED';
      const message = typeof err.message === 'string' ? err.message : String(error);
      this.#deps.log.warn(`[sync] pull failed (${code}): ${message}; retrying in ${next} ms`);
      this.#setStatus({ ...this.#status, phase: code === 'UNAVAILABLE' ? 'offline' : 'error', error: { code, message } });
    }
    this.#schedule(next);
  }

  #setStatus(status: SyncStatus): void {
    this.#status = status;
    this.#deps.onStatus(status);
  }
}
