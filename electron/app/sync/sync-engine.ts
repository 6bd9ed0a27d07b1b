/**
 * The sync loop: reference data first, then pull → apply → push events, as
 * fast as the backend has more, then every `pollMs`. A failure never stops
 * the loop: the status says offline/error and the next try backs off. The
 * cache is reached through a SyncStore (the writer worker in the app), so
 * this loop only waits on I/O and never runs a query itself.
 */
import type { SyncStatus } from '../../../shared/ipc/contract.ts';
import type { Backend } from '../backends/backend.ts';
import type { WritableDB } from '../db/connection.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { CHANGES_CURSOR, type AppliedChanges } from './apply-changes.ts';
import { localSyncStore, type SyncStore } from './sync-store.ts';

export interface SyncEngineOptions {
  /** the cache: a store (the writer worker), or a connection used in this thread (tools, tests) */
  store?: SyncStore;
  db?: WritableDB;
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
/**
 * The longest wait a backend's retry-after is honoured for: Bitrix24 blocks a
 * method for the rest of its 10-minute window, and a call meanwhile only
 * extends the block (spec §1.4). "Sync now" still asks at once.
 */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

export class SyncEngine {
  readonly #store: SyncStore;
  readonly #deps: SyncEngineOptions;
  readonly #pollMs: number;
  readonly #batchSize: number;
  readonly #referenceEveryMs: number;
  #status: SyncStatus = { phase: 'idle', progress: 0, dialogs: 0, lastSyncAt: null, error: null };
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #inFlight: Promise<void> | null = null;
  #failures = 0;
  /** the current wait is one the backend named (retry-after), not our backoff */
  #namedWait = false;
  #referenceLoadedAt = 0;
  #caughtUpOnce = false;
  #initialised: Promise<void> | null = null;
  /** dialogs in the cache, counted once and then kept up by what each batch inserts */
  #total = 0;
  /** pulls run one at a time, whether the timer or "sync now" asked */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: SyncEngineOptions) {
    this.#deps = options;
    const store = options.store ?? (options.db ? localSyncStore(options.db, options.log) : null);
    if (!store) throw new Error('SyncEngine needs a store or a db');
    this.#store = store;
    this.#pollMs = options.pollMs ?? 2000;
    this.#batchSize = options.batchSize ?? 500;
    this.#referenceEveryMs = options.referenceEveryMs ?? 10 * 60_000;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** Reads where the last session stopped; called by start() and by the first syncOnce(). */
  init(): Promise<void> {
    this.#initialised ??= (async () => {
      const [cursor, total] = await Promise.all([this.#store.readCursor(CHANGES_CURSOR), this.#store.countAll()]);
      this.#caughtUpOnce = cursor !== null;
      this.#total = total;
      this.#status = { ...this.#status, progress: cursor === null ? 0 : 1, dialogs: total };
    })();
    return this.#initialised;
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

  /** One pull-and-apply step. Returns whether more is ready. */
  syncOnce(): Promise<boolean> {
    return this.#exclusive(() => this.#step());
  }

  /** Pulls until caught up (or a failure, which the status then carries). */
  syncNow(): Promise<SyncStatus> {
    return this.#exclusive(async () => {
      try {
        for (let i = 0; i < 100_000 && (await this.#step()); i += 1);
        this.#failures = 0;
      } catch (error) {
        this.#failed(error);
      }
      return this.#status;
    });
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => {});
    return run;
  }

  async #step(): Promise<boolean> {
    await this.init();
    const { backend } = this.#deps;
    if (Date.now() - this.#referenceLoadedAt > this.#referenceEveryMs) {
      await this.#store.writeReference(await backend.fetchReference());
      this.#referenceLoadedAt = Date.now();
    }
    const batch = await this.#pull();
    const applied = await this.#store.applyBatch(batch.changes, batch.cursor);
    this.#total += applied.inserted.length;
    if (!batch.hasMore) this.#caughtUpOnce = true;
    this.#setStatus({
      phase: this.#caughtUpOnce ? 'live' : 'backfill',
      progress: this.#caughtUpOnce ? 1 : (batch.progress ?? this.#status.progress),
      dialogs: this.#total,
      lastSyncAt: Date.now(),
      error: null,
    });
    if (applied.inserted.length || applied.updated.length) this.#deps.onChanged(applied, this.#total);
    return batch.hasMore;
  }

  /**
   * A cursor the backend no longer accepts (a demo world replayed after a
   * restart, a portal that reset its change log) starts a new pull cycle from
   * the beginning: upserts are idempotent, so re-delivered dialogs change
   * nothing but what really changed.
   */
  async #pull() {
    const cursor = await this.#store.readCursor(CHANGES_CURSOR);
    try {
      return await this.#deps.backend.pullChanges(cursor, this.#batchSize);
    } catch (error) {
      if (cursor === null || (error as { code?: unknown }).code !== 'BAD_CURSOR') throw error;
      this.#deps.log.info(`[sync] the backend refused the stored cursor (${(error as Error).message}); starting a new pull cycle`);
      await this.#store.clearCursor(CHANGES_CURSOR);
      return this.#deps.backend.pullChanges(null, this.#batchSize);
    }
  }

  /**
   * Something else just reached the backend (the outbox sent an action): if
   * the loop is backing off after failures, try now instead of waiting out
   * up to 30 s with the status still saying the portal is unreachable.
   */
  backendReachable(): void {
    // a wait the backend named (a rate limit) is not an outage: that it answers the outbox changes nothing
    if (!this.#running || this.#failures === 0 || this.#inFlight || !this.#timer || this.#namedWait) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#schedule(0);
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
    let next = this.#pollMs;
    try {
      const more = await this.syncOnce();
      this.#failures = 0;
      if (more) next = 0;
    } catch (error) {
      next = this.#failed(error);
    }
    this.#schedule(next);
  }

  /** Records a failed pull in the status; returns how long to back off. */
  #failed(error: unknown): number {
    this.#failures += 1;
    const err = error as { code?: unknown; message?: unknown; kind?: unknown; retryAfterMs?: unknown };
    const backoff = Math.min(MAX_BACKOFF_MS, this.#pollMs * 2 ** this.#failures);
    // a backend that names its wait (a rate limit) is not asked sooner
    const retryAfter = typeof err.retryAfterMs === 'number' && Number.isFinite(err.retryAfterMs) ? Math.min(MAX_RETRY_AFTER_MS, err.retryAfterMs) : 0;
    const next = Math.max(backoff, retryAfter);
    this.#namedWait = retryAfter > backoff;
    const code = typeof err.code === 'string' ? err.code : 'SYNC_FAILED';
    const message = typeof err.message === 'string' ? err.message : String(error);
    const kind = typeof err.kind === 'string' ? err.kind : undefined;
    this.#deps.log.warn(`[sync] pull failed (${code}): ${message}; retrying in ${next} ms`);
    this.#setStatus({
      ...this.#status,
      phase: code === 'UNAVAILABLE' || kind === 'unavailable' ? 'offline' : 'error',
      error: { code, message, ...(kind ? { kind } : {}) },
    });
    return next;
  }

  #setStatus(status: SyncStatus): void {
    this.#status = status;
    this.#deps.onStatus(status);
  }
}
