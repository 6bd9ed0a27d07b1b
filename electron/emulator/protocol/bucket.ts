/**
 * Bitrix24's leaky bucket (spec §1.4), one per client address: each request
 * adds 1, the level drains by Y per second, and a request that finds the
 * level at X is refused (503 QUERY_LIMIT_EXCEEDED) without adding to it.
 * Time comes from the injected clock, so tests step it instead of waiting.
 */
export const PLANS = { standard: { capacity: 50, drainPerSecond: 2 }, enterprise: { capacity: 250, drainPerSecond: 5 } } as const;
export type Plan = keyof typeof PLANS;

export class LeakyBuckets {
  readonly #levels = new Map<string, { level: number; at: number }>();
  readonly #plan: { capacity: number; drainPerSecond: number };
  readonly #now: () => number;
  peak = 0;

  constructor(plan: Plan, now: () => number) {
    this.#plan = PLANS[plan];
    this.#now = now;
  }

  /** true: admitted (and counted); false: refused */
  admit(client: string): boolean {
    const now = this.#now();
    const state = this.#levels.get(client) ?? { level: 0, at: now };
    state.level = Math.max(0, state.level - ((now - state.at) / 1000) * this.#plan.drainPerSecond);
    state.at = now;
    this.#levels.set(client, state);
    if (state.level + 1 > this.#plan.capacity) return false;
    state.level += 1;
    this.peak = Math.max(this.peak, state.level);
    return true;
  }
}
