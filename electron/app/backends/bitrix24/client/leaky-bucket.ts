/**
 * The portal's leaky bucket (spec §1.4) mirrored on our side, so we wait
 * before the portal would refuse: each request adds one, the level drains at
 * `ratePerSec`, and a request goes only while the level is below `burst`.
 *
 * We start half full because the portal's bucket is counted per IP and per
 * portal: another app, or our own previous run a moment ago, may have filled
 * part of it. A 503 from the portal means its bucket is fuller than ours
 * thinks, so `refused()` fills ours to the brim and lets it drain.
 */
export const PLAN_LIMITS = {
  standard: { ratePerSec: 2, burst: 50 },
  enterprise: { ratePerSec: 5, burst: 250 },
} as const;
export type Plan = keyof typeof PLAN_LIMITS;

export interface BucketClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: BucketClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export class LeakyBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  readonly #clock: BucketClock;
  #level: number;
  #at: number;
  /** takers queue here, so concurrent callers go out one after another, never together */
  #queue: Promise<void> = Promise.resolve();

  constructor(plan: Plan, clock: BucketClock = realClock, startFull = 0.5) {
    this.ratePerSec = PLAN_LIMITS[plan].ratePerSec;
    this.burst = PLAN_LIMITS[plan].burst;
    this.#clock = clock;
    this.#level = this.burst * startFull;
    this.#at = clock.now();
  }

  /** The level now (requests counted and not yet drained). */
  level(): number {
    this.#drain();
    return this.#level;
  }

  /** Waits until one more request fits, then counts it. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#takeNow(signal));
    this.#queue = turn.catch(() => {});
    return turn;
  }

  /** The portal said 503 QUERY_LIMIT_EXCEEDED: its bucket is full, so is ours now. */
  refused(): void {
    this.#drain();
    this.#level = this.burst;
  }

  async #takeNow(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.#drain();
      // one below the brim: the portal refuses once it is *above* X, and we leave it a margin
      if (this.#level + 1 <= this.burst - 1) {
        this.#level += 1;
        return;
      }
      const waitMs = Math.ceil(((this.#level + 2 - this.burst) / this.ratePerSec) * 1000);
      await this.#clock.sleep(Math.max(1, waitMs), signal);
    }
  }

  #drain(): void {
    const now = this.#clock.now();
    this.#level = Math.max(0, this.#level - ((now - this.#at) / 1000) * this.ratePerSec);
    this.#at = now;
  }
}
