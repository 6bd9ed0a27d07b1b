/**
 * The demo backend's switches for what a real portal does to its callers:
 * being unreachable for a while, refusing or throttling actions, and — the
 * case exactly-once is about — doing an action and losing the answer. Tests
 * and the UI's demo menu set them; nothing else does.
 */
import { BackendError, type ActionOutcome, type BackendErrorKind } from '../backend.ts';

/** How the next actions fail. */
export type InjectedFailure = 'unavailable' | 'rateLimited' | 'conflict' | 'lostAnswer';
export const INJECTED_FAILURES: readonly InjectedFailure[] = ['unavailable', 'rateLimited', 'conflict', 'lostAnswer'];

export interface DemoControlState {
  /** every call answers "unavailable", as an unreachable portal would */
  paused: boolean;
  /** actions still to fail, and how */
  failing: { kind: InjectedFailure; remaining: number } | null;
}

export interface DemoControl {
  state(): DemoControlState;
  setPaused(paused: boolean): void;
  /** the next `count` actions fail as `kind`; `lostAnswer` ones are applied, then the answer is lost */
  failNextActions(kind: InjectedFailure, count: number): void;
}

/** What the demo answers a throttled caller: Bitrix24's QUERY_LIMIT_EXCEEDED comes with no hint, we give one. */
const RATE_LIMIT_RETRY_MS = 500;

export class DemoFaults implements DemoControl {
  #paused = false;
  #failing: { kind: InjectedFailure; remaining: number } | null = null;

  state(): DemoControlState {
    return { paused: this.#paused, failing: this.#failing ? { ...this.#failing } : null };
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
  }

  failNextActions(kind: InjectedFailure, count: number): void {
    if (!INJECTED_FAILURES.includes(kind)) throw new RangeError(`unknown failure kind ${String(kind)}`);
    if (!Number.isInteger(count) || count < 0 || count > 1_000_000) throw new RangeError(`count must be 0..1,000,000, got ${count}`);
    this.#failing = count === 0 ? null : { kind, remaining: count };
  }

  /** Throws the unreachable portal's error while paused. */
  checkReachable(): void {
    if (this.#paused) throw new BackendError('PAUSED', 'the demo backend is paused (unreachable)', true, { kind: 'unavailable' });
  }

  /** An injected failure that happens before anything is done, if one is due. */
  beforePerform(): ActionOutcome | null {
    const kind = this.#failing?.kind;
    if (!kind || kind === 'lostAnswer') return null;
    this.#take();
    const reason: BackendErrorKind = kind;
    if (kind === 'conflict') return { kind: 'rejected', reason, code: 'CONFLICT', message: 'the demo refused this action (injected)' };
    return {
      kind: 'retry',
      afterMs: kind === 'rateLimited' ? RATE_LIMIT_RETRY_MS : null,
      reason,
      code: kind === 'rateLimited' ? 'QUERY_LIMIT_EXCEEDED' : 'UNAVAILABLE',
      message: `the demo failed this action (injected: ${kind})`,
      sent: false,
    };
  }

  /** After an action was done: throws when its answer is to be lost. */
  afterPerform(): void {
    if (this.#failing?.kind !== 'lostAnswer') return;
    this.#take();
    throw new BackendError('UNAVAILABLE', 'the connection dropped before the answer arrived (injected)', true, { kind: 'unavailable', maybeSent: true });
  }

  #take(): void {
    if (!this.#failing) return;
    this.#failing.remaining -= 1;
    if (this.#failing.remaining <= 0) this.#failing = null;
  }
}
