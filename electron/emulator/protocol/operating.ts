/**
 * Bitrix24's per-method operating budget (spec §1.4; b24restdocs limits.md):
 * each method's server time is summed over a sliding window (10 minutes), and
 * while that sum exceeds the budget (480 s in the docs) the method answers
 * 429 OPERATION_TIME_LIMIT; other methods go on working. A call is checked
 * before it runs and charged after, as the portal's LoadLimiter does, so the
 * call that crosses the budget still answers and a refused call costs nothing.
 *
 * A refusal has the documented shape by default: a plain call gets
 * `{error, error_description}` and no `time` (the portal's outputError adds
 * none), a refused batch command an entry in result_error and none in
 * result_time (batch.md's error example; methodsBatch keeps times of answered
 * commands only). So a client learns operating_reset_at only from the `time` of
 * answers that succeeded. `reportResetOnRefusal` adds what the docs do not
 * show: the time block, with the moment the block lifts, on the 429 and in
 * result_time[key], for testing a client that reads it there.
 *
 * The emulator does no real work worth timing, so a call's cost is a
 * deterministic model (a fixed part plus a part per row it returns), and time
 * comes from the injected clock, so tests step it instead of waiting.
 */
import { METHODS } from '../methods/registry.ts';

export interface OperatingCost {
  perCallMs: number;
  /** per row of the answer: list items, a history's messages */
  perRowMs: number;
}

export interface OperatingOptions {
  /** a method is blocked while its charges in the window sum to more than this (default 480 000) */
  budgetMs?: number;
  /** default 600 000 (10 minutes), sliding: each charge leaves it that long after it was made */
  windowMs?: number;
  /**
   * A number: every method costs that per call and nothing per row. A map by
   * method name: those methods' costs (a number is per call), the others the default.
   */
  costMs?: number | Readonly<Record<string, number | Partial<OperatingCost>>>;
}

export const DEFAULT_OPERATING_BUDGET_MS = 480_000;
export const DEFAULT_OPERATING_WINDOW_MS = 600_000;
/**
 * Small enough that the heaviest sync the leaky bucket lets through (enterprise:
 * 5 batches/s of 50 commands, half of them histories of a few dozen messages)
 * stays well under 480 s per 10 min, so only a test's own budget is ever hit.
 */
export const DEFAULT_DATA_COST: OperatingCost = { perCallMs: 1, perRowMs: 0.05 };
/** profile, scope, server.time read no portal data; the portal does not even record calls under 0.1 s. */
const FREE: OperatingCost = { perCallMs: 0, perRowMs: 0 };

export const OPERATION_TIME_LIMIT_DESCRIPTION = 'Method is blocked due to operation time limit.';

export interface OperatingReport {
  /** seconds this method has spent in the window */
  operating: number;
  /** epoch seconds when the oldest charge leaves the window */
  operating_reset_at: number;
}

interface Charge {
  at: number;
  ms: number;
}

const isCost = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** The options checked, or a RangeError naming the bad one. */
function checkedCosts(costMs: OperatingOptions['costMs']): { uniform: OperatingCost | null; perMethod: Map<string, OperatingCost> } {
  const perMethod = new Map<string, OperatingCost>();
  if (costMs === undefined) return { uniform: null, perMethod };
  if (typeof costMs === 'number') {
    if (!isCost(costMs)) throw new RangeError(`operatingCostMs must be a number ≥ 0, got ${costMs}`);
    return { uniform: { perCallMs: costMs, perRowMs: 0 }, perMethod };
  }
  if (typeof costMs !== 'object' || costMs === null || Array.isArray(costMs)) throw new RangeError('operatingCostMs must be a number or a map from method name to cost');
  for (const [rawName, cost] of Object.entries(costMs)) {
    const name = rawName.toLowerCase();
    if (!(name in METHODS)) throw new RangeError(`operatingCostMs: unknown method "${rawName}" (known: ${Object.keys(METHODS).join(', ')})`);
    const base = METHODS[name]!.scope === null ? FREE : DEFAULT_DATA_COST;
    const resolved = typeof cost === 'number' ? { perCallMs: cost, perRowMs: 0 } : { ...base, ...cost };
    if (!isCost(resolved.perCallMs) || !isCost(resolved.perRowMs)) {
      throw new RangeError(`operatingCostMs["${rawName}"]: perCallMs and perRowMs must be numbers ≥ 0, got ${JSON.stringify(cost)}`);
    }
    perMethod.set(name, resolved);
  }
  return { uniform: null, perMethod };
}

/** How many rows an answer carries, the part of a read's cost that grows with the data. */
export function rowsOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (typeof result !== 'object' || result === null) return 0;
  const r = result as Record<string, unknown>;
  if (Array.isArray(r['items'])) return r['items'].length;
  // session.history.get: messages keyed by id
  if (typeof r['message'] === 'object' && r['message'] !== null) return Object.keys(r['message']).length;
  return 0;
}

export class OperatingBudget {
  readonly budgetMs: number;
  readonly windowMs: number;
  readonly #now: () => number;
  readonly #uniform: OperatingCost | null;
  readonly #perMethod: Map<string, OperatingCost>;
  /** per method, oldest first */
  readonly #charges = new Map<string, Charge[]>();

  constructor(options: OperatingOptions, now: () => number) {
    const budgetMs = options.budgetMs ?? DEFAULT_OPERATING_BUDGET_MS;
    const windowMs = options.windowMs ?? DEFAULT_OPERATING_WINDOW_MS;
    if (!(typeof budgetMs === 'number' && Number.isFinite(budgetMs) && budgetMs > 0)) throw new RangeError(`operatingBudgetMs must be a number > 0, got ${budgetMs}`);
    if (!(typeof windowMs === 'number' && Number.isFinite(windowMs) && windowMs >= 1000)) throw new RangeError(`operatingWindowMs must be a number ≥ 1000, got ${windowMs}`);
    const costs = checkedCosts(options.costMs);
    this.budgetMs = budgetMs;
    this.windowMs = windowMs;
    this.#now = now;
    this.#uniform = costs.uniform;
    this.#perMethod = costs.perMethod;
  }

  costOf(method: string, result: unknown): number {
    const cost = this.#uniform ?? this.#perMethod.get(method) ?? (METHODS[method]?.scope === null ? FREE : DEFAULT_DATA_COST);
    return cost.perCallMs + cost.perRowMs * rowsOf(result);
  }

  /** The method's charges still in the window (older ones dropped). */
  #live(method: string): Charge[] {
    const list = this.#charges.get(method);
    if (!list) return [];
    const since = this.#now() - this.windowMs;
    let drop = 0;
    while (drop < list.length && list[drop]!.at <= since) drop++;
    if (drop) list.splice(0, drop);
    return list;
  }

  #spentMs(method: string, live = this.#live(method)): number {
    return live.reduce((sum, c) => sum + c.ms, 0);
  }

  /** true: the method is over its budget and must be refused now */
  blocked(method: string): boolean {
    return this.#spentMs(method) > this.budgetMs;
  }

  charge(method: string, result: unknown): void {
    const ms = this.costOf(method, result);
    if (ms <= 0) return;
    const list = this.#live(method);
    list.push({ at: this.#now(), ms });
    this.#charges.set(method, list);
  }

  /** Epoch ms at which a charge made at `at` has left the window. */
  #leaves(at: number): number {
    return at + this.windowMs;
  }

  /**
   * What `time` says of the method. Rounded up to the second: a client that
   * waits until operating_reset_at finds the charge gone, never a second early.
   * With nothing charged, a charge made now would leave at now + window.
   */
  report(method: string): OperatingReport {
    const live = this.#live(method);
    const oldest = live[0]?.at ?? this.#now();
    return { operating: this.#spentMs(method, live) / 1000, operating_reset_at: Math.ceil(this.#leaves(oldest) / 1000) };
  }

  /**
   * For a refused method: epoch seconds when enough charges have left the
   * window that the next call is admitted (the oldest's exit when one is enough).
   */
  unblockedAt(method: string): number {
    const live = this.#live(method);
    let spent = this.#spentMs(method, live);
    for (const c of live) {
      spent -= c.ms;
      if (spent <= this.budgetMs) return Math.ceil(this.#leaves(c.at) / 1000);
    }
    return Math.ceil(this.#now() / 1000);
  }
}
