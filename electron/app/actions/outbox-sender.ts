/**
 * Sends the outbox to the backend, exactly once per action, in the writer
 * worker (it owns the connection and the backend).
 *
 * Exactly once without idempotency keys (Bitrix24 has none):
 * 1. Before a call goes out, the row is marked `sending` and that is
 *    committed. A crash or kill from then on finds it `sending` at the next
 *    start: in doubt.
 * 2. An action in doubt — found `sending`, or whose call ended without an
 *    answer (timeout, dropped connection) — is never simply sent again: the
 *    dialog is fetched fresh first, and if the action's effect is already
 *    there (effects.ts) it is settled as done without a call. If it is not
 *    there yet but the last attempt may still be running at the backend
 *    (Backend.callLimitMs: a portal finishes a request whose client gave up
 *    or died), it is checked again once it cannot be, and only then sent.
 * 3. An answer settles the row (done / failed) in one transaction with the
 *    dialog row's view; only a "nothing was done" answer (throttled) goes
 *    back to `pending` without a check.
 * At most one action per dialog is in flight, and a dialog's actions go in
 * the order they were taken; different dialogs go in parallel.
 */
import { asBackendError, type ActionOutcome, type Backend, type DialogChange } from '../backends/backend.ts';
import type { WritableDB } from '../db/connection.ts';
import {
  actionOf,
  makeWaitingDue,
  markSending,
  nextDueAt,
  nextSendable,
  rebuildDialogView,
  reschedule,
  settle,
  settleIntoBase,
  type OutboxRow,
  type SettleError,
} from '../db/queries/outbox.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { effectPresent } from './effects.ts';

export interface SenderStatus {
  /** `offline`: the backend did not answer the last attempt; actions wait and are retried */
  state: 'idle' | 'sending' | 'offline' | 'stopped';
  lastError: { reason: string; code: string; message: string; at: number } | null;
  /** when the next waiting action is due (epoch ms), null when none waits */
  nextAttemptAt: number | null;
}

export interface OutboxSenderOptions {
  db: WritableDB;
  backend: Backend;
  source: string;
  log: Logger;
  now?: () => number;
  /** write a fresh copy of a dialog to the cache (the sync's applyChanges) */
  applyFresh(change: DialogChange): void;
  /** rows of these outbox entries changed (their dialogs' rows too) */
  onChanged(entryIds: number[], dialogIds: number[]): void;
  onStatus?(status: SenderStatus): void;
  /** dialogs acted on at once (default 4) */
  concurrency?: number;
  /** one call's limit (default 30 s); past it the action is in doubt */
  timeoutMs?: number;
  /** how long an attempt may still run at the backend after it went out (default: the backend's callLimitMs, else 0) */
  inDoubtGraceMs?: number;
}

const MAX_BACKOFF_MS = 60_000;

/** 1 s, 2 s, 4 s … up to a minute, ±20 %, so many waiting actions do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(Math.max(attempts - 1, 0), 6));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class OutboxSender {
  readonly #o: OutboxSenderOptions;
  readonly #now: () => number;
  readonly #concurrency: number;
  readonly #timeoutMs: number;
  readonly #inDoubtGraceMs: number;
  readonly #inFlight = new Map<number, { controller: AbortController; done: Promise<void> }>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;
  #status: SenderStatus = { state: 'stopped', lastError: null, nextAttemptAt: null };

  constructor(options: OutboxSenderOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#inDoubtGraceMs = Math.max(0, options.inDoubtGraceMs ?? options.backend.callLimitMs ?? 0);
  }

  get status(): SenderStatus {
    return { ...this.#status };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#setStatus({ ...this.#status, state: 'idle' });
    this.wake();
  }

  /** The backend answers again (the sync got through): what waits out a backoff goes now. */
  backendBack(): void {
    if (this.#stopped) return;
    if (makeWaitingDue(this.#o.db, this.#o.source, this.#now()) > 0 || this.#status.state === 'offline') this.wake();
  }

  /** Look for work now (after an enqueue, or when the backend is back). */
  wake(): void {
    if (this.#stopped) return;
    this.#schedule(0);
  }

  /** Stops taking new work and waits for the calls in flight (an interrupted one stays in doubt: checked next start). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const pending = [...this.#inFlight.values()];
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref?.());
    await Promise.race([Promise.all(pending.map((p) => p.done)), grace]);
    for (const { controller } of this.#inFlight.values()) controller.abort(new Error('the app is stopping'));
    await Promise.all([...this.#inFlight.values()].map((p) => p.done));
    this.#setStatus({ ...this.#status, state: 'stopped' });
  }

  /** Runs until nothing is due now (tests and tools; the app lets the timer drive it). */
  async drain(maxRounds = 100_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      this.#pump();
      if (this.#inFlight.size === 0) return;
      await Promise.race([...this.#inFlight.values()].map((p) => p.done));
    }
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, Math.max(0, delayMs));
  }

  #pump(): void {
    if (this.#stopped && this.#timer === null && this.#inFlight.size === 0 && this.#status.state === 'stopped') return;
    const free = this.#concurrency - this.#inFlight.size;
    if (free > 0) {
      const rows = nextSendable(this.#o.db, this.#o.source, this.#now(), free, [...this.#inFlight.keys()]);
      for (const row of rows) this.#start(row);
    }
    if (this.#inFlight.size === 0) {
      const due = nextDueAt(this.#o.db, this.#o.source);
      this.#setStatus({ ...this.#status, state: this.#status.state === 'offline' ? 'offline' : 'idle', nextAttemptAt: due });
      if (due !== null && !this.#stopped) this.#schedule(Math.max(50, due - this.#now()));
    }
  }

  #start(row: OutboxRow): void {
    const controller = new AbortController();
    const entry = { controller, done: Promise.resolve() };
    this.#inFlight.set(row.dialog_id, entry);
    if (this.#status.state !== 'offline') this.#setStatus({ ...this.#status, state: 'sending' });
    entry.done = this.#send(row, controller.signal)
      .catch((error: unknown) => {
        // a bug here must not lose the action: it stays (or becomes) in doubt and is checked next time
        this.#o.log.error(`[outbox] action ${row.id} (${row.kind} on dialog ${row.dialog_id}) failed unexpectedly`, error);
        try {
          reschedule(this.#o.db, row.id, this.#now() + backoffMs(row.attempts + 1), true, { reason: 'unavailable', code: 'INTERNAL', message: String(error) });
        } catch {
          /* the row stays as it was: sending or pending, both retried */
        }
      })
      .finally(() => {
        this.#inFlight.delete(row.dialog_id);
        this.#o.onChanged([row.id], [row.dialog_id]);
        if (!this.#stopped) this.#pump();
      });
  }

  async #send(row: OutboxRow, stop: AbortSignal): Promise<void> {
    const { db, backend } = this.#o;
    const action = actionOf(row);
    const signal = AbortSignal.any([stop, AbortSignal.timeout(this.#timeoutMs)]);

    if (row.state === 'sending') {
      // in doubt: the last attempt may have reached the backend
      let fresh: DialogChange;
      try {
        fresh = await backend.fetchDialog(row.dialog_id, signal);
      } catch (error) {
        const e = asBackendError(error);
        if (e.kind === 'notFound') return this.#fail(row, { reason: e.kind, code: e.code, message: e.message }, null);
        return this.#retry(row, { reason: e.kind, code: e.code, message: e.message }, true, e.retryAfterMs);
      }
      if (effectPresent(action, fresh)) {
        db.transaction(() => {
          settle(db, row.id, 'done', 'alreadyInState', this.#now(), null);
          // its base goes (or takes its effect) here: the sync below skips overlays when none is open
          settleIntoBase(db, row);
          this.#o.applyFresh(fresh);
        })();
        this.#online();
        return;
      }
      const runningUntil = (row.last_attempt_at ?? 0) + this.#inDoubtGraceMs;
      if (runningUntil > this.#now()) {
        // the backend answered, so it is not offline; the earlier call may yet land: sending now could do it twice
        reschedule(db, row.id, runningUntil, true, {
          reason: 'unavailable',
          code: 'IN_DOUBT',
          message: 'The last attempt may still be running on the backend; checked again before it is sent',
        });
        this.#online();
        return;
      }
    }

    markSending(db, row.id, this.#now());
    let outcome: ActionOutcome;
    try {
      outcome = await backend.perform({ actionId: row.action_id, action }, signal);
    } catch (error) {
      // a backend that throws instead of answering: we cannot know whether it was done
      const e = asBackendError(error);
      return this.#retry(row, { reason: e.kind, code: e.code, message: e.message }, true, e.retryAfterMs);
    }
    switch (outcome.kind) {
      case 'applied':
      case 'alreadyInState':
        db.transaction(() => {
          // the effect becomes the base: the row keeps showing it until the sync brings the source's copy
          settle(db, row.id, 'done', outcome.kind, this.#now(), null);
          settleIntoBase(db, row);
        })();
        this.#online();
        return;
      case 'rejected':
        return this.#fail(row, { reason: outcome.reason, code: outcome.code, message: outcome.message }, signal);
      case 'retry':
        // not reached (unreachable, throttled): simply again later; maybe reached (timed out, answer lost): in doubt
        return this.#retry(row, { reason: outcome.reason, code: outcome.code, message: outcome.message }, outcome.sent, outcome.afterMs);
    }
  }

  /** A final refusal: the action fails visibly and the dialog is read fresh, so the row shows the truth. */
  async #fail(row: OutboxRow, error: SettleError, signal: AbortSignal | null): Promise<void> {
    const { db, backend } = this.#o;
    db.transaction(() => {
      settle(db, row.id, 'failed', 'rejected', this.#now(), error);
      rebuildDialogView(db, row.source, row.dialog_id);
    })();
    this.#online();
    if (!signal || error.reason === 'notFound') return;
    try {
      this.#o.applyFresh(await backend.fetchDialog(row.dialog_id, signal));
    } catch (refreshError) {
      this.#o.log.warn(`[outbox] dialog ${row.dialog_id} could not be refreshed after a refused action: ${asBackendError(refreshError).message}`);
    }
  }

  #retry(row: OutboxRow, error: SettleError, inDoubt: boolean, afterMs: number | null): void {
    const at = this.#now() + (afterMs ?? backoffMs(row.attempts + 1));
    reschedule(this.#o.db, row.id, at, inDoubt, error);
    if (error.reason === 'unavailable') {
      this.#setStatus({ state: 'offline', lastError: { ...error, at: this.#now() }, nextAttemptAt: at });
    }
  }

  #online(): void {
    if (this.#status.state === 'offline' || this.#status.lastError) this.#setStatus({ state: 'sending', lastError: null, nextAttemptAt: null });
  }

  #setStatus(status: SenderStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (changed) this.#o.onStatus?.({ ...status });
  }
}
