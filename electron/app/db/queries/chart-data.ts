/**
 * The charts' part of a summary (docs/metrics.md "Charts"): dialogs per
 * local day and per local hour of creation, and each metric's distribution
 * over a few display bins. It rides on the summary's own pass — the same
 * rows, the same rollup cells — so the charts and the tables beside them can
 * never describe different dialogs.
 *
 * Every figure is exact whichever way the summary was made. Days and hours
 * come from a cell's `t` (rollup-schema.ts), or from a row's creation time
 * found in the same calendar the cells were bucketed by. The display bins'
 * edges are all edges of the rollup bins (rollup-bins.ts), so a display bin
 * is an exact sum of rollup bins, and a row's value lands in the same one.
 */
import type { SummaryCharts } from '../../../../shared/ipc/contract.ts';
import { METRIC_IDS, type MetricId } from '../../../../shared/domain/metrics.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { BIN_COUNT, binBounds, isBinEdge } from './rollup-bins.ts';

/** Upper edges (seconds) of the response-time bins: the marks a supervisor reads wait times by. */
export const CHART_BIN_EDGES: readonly number[] = [10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 7200, 21_600, 86_400];
if (!CHART_BIN_EDGES.every(isBinEdge)) throw new Error('every chart bin edge must be a rollup bin edge');

const M = METRIC_IDS.length;
const CHART_BINS = CHART_BIN_EDGES.length + 1;
const HOUR_MS = 3_600_000;

/** The display bin of a value in seconds: (previous edge, edge], the last one open. */
export function chartBinOf(value: number): number {
  for (let i = 0; i < CHART_BIN_EDGES.length; i += 1) if (value <= CHART_BIN_EDGES[i]!) return i;
  return CHART_BIN_EDGES.length;
}

/** Rollup bin → display bin. */
const CHART_BIN_OF_ROLLUP_BIN = (() => {
  const out = new Uint8Array(BIN_COUNT);
  for (let bin = 0; bin < BIN_COUNT; bin += 1) out[bin] = chartBinOf(binBounds(bin).high);
  return out;
})();

/** The local days the rollups are bucketed by (summary_days), as start times; index = the day keys in `t`. */
export interface Calendar {
  /** day i is [starts[i], starts[i + 1]) */
  readonly starts: Float64Array;
}

const calendars = new WeakMap<Db, { key: string; calendar: Calendar }>();

/**
 * The calendar of this cache, read once per connection (36,500 days) and
 * again only when a rebuild wrote another one (another zone: its first day
 * or its recorded zone differs).
 */
export function calendarOf(db: Db): Calendar {
  const first = prepared(db, 'SELECT start_ms FROM summary_days ORDER BY start_ms LIMIT 1').pluck().get() as number | undefined;
  const zone = prepared(db, "SELECT value FROM summary_meta WHERE key = 'timeZone'").pluck().get() as string | undefined;
  const key = `${first}|${zone}`;
  const cached = calendars.get(db);
  if (cached?.key === key) return cached.calendar;
  const rows = prepared(db, 'SELECT start_ms, end_ms FROM summary_days ORDER BY start_ms').raw().all() as Array<[number, number]>;
  const starts = new Float64Array(rows.length + (rows.length ? 1 : 0));
  rows.forEach(([start], i) => (starts[i] = start));
  if (rows.length) starts[rows.length] = rows[rows.length - 1]![1];
  const calendar = { starts };
  calendars.set(db, { key, calendar });
  return calendar;
}

export class ChartAccumulator {
  readonly #starts: Float64Array;
  readonly #days: Float64Array;
  readonly #hours = new Float64Array(24);
  readonly #bins = new Float64Array(M * CHART_BINS);
  /** the day of the last row: rows mostly come in creation order */
  #lastDay = 0;

  constructor(calendar: Calendar) {
    this.#starts = calendar.starts;
    this.#days = new Float64Array(Math.max(0, calendar.starts.length - 1));
  }

  #dayOf(at: number): number {
    const s = this.#starts;
    const days = s.length - 1;
    if (days <= 0 || !(at >= s[0]!) || at >= s[days]!) return -1;
    const last = this.#lastDay;
    if (at >= s[last]! && at < s[last + 1]!) return last;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    this.#lastDay = lo;
    return lo;
  }

  /** One dialog read as a row: its creation time (ms) and its metric values from `first` on. */
  addRow(createdAt: number | null | undefined, row: ReadonlyArray<number | null>, first: number): void {
    if (createdAt !== null && createdAt !== undefined) {
      const day = this.#dayOf(createdAt);
      if (day >= 0) {
        this.#days[day]! += 1;
        // as the triggers: whole hours since local midnight, at most 23
        this.#hours[Math.min(23, Math.floor((createdAt - this.#starts[day]!) / HOUR_MS))]! += 1;
      }
    }
    for (let i = 0; i < M; i += 1) {
      const value = row[first + i];
      if (value !== null && value !== undefined) this.#bins[i * CHART_BINS + chartBinOf(value)]! += 1;
    }
  }

  /** A cell's histogram triples (metric, rollup bin, count), signed. */
  addBins(triples: Int32Array, sign: 1 | -1): void {
    for (let t = 0; t < triples.length; t += 3) {
      const metric = triples[t]!;
      const bin = triples[t + 1]!;
      if (metric >= M || bin >= BIN_COUNT) continue;
      this.#bins[metric * CHART_BINS + CHART_BIN_OF_ROLLUP_BIN[bin]!]! += triples[t + 2]! * sign;
    }
  }

  /** A cell's `t` triples (0 = hour, 1 = day index; key; count), signed. */
  addTime(triples: Int32Array, sign: 1 | -1): void {
    for (let t = 0; t < triples.length; t += 3) {
      const kind = triples[t]!;
      const key = triples[t + 1]!;
      const count = triples[t + 2]! * sign;
      if (kind === 0 && key < 24) this.#hours[key]! += count;
      else if (kind === 1 && key < this.#days.length) this.#days[key]! += count;
    }
  }

  /** The charts of everything added, for a summary of `total` dialogs. */
  result(total: number): SummaryCharts {
    const byHour = Array.from(this.#hours);
    const dated = byHour.reduce((a, b) => a + b, 0);
    const byDay: SummaryCharts['byDay'] = [];
    const days = this.#days;
    let firstDay = 0;
    while (firstDay < days.length && days[firstDay] === 0) firstDay += 1;
    let lastDay = days.length - 1;
    while (lastDay >= firstDay && days[lastDay] === 0) lastDay -= 1;
    for (let d = firstDay; d <= lastDay; d += 1) byDay.push({ day: this.#starts[d]!, count: days[d]! });
    const bins = {} as Record<MetricId, number[]>;
    METRIC_IDS.forEach((m, i) => (bins[m] = Array.from(this.#bins.subarray(i * CHART_BINS, (i + 1) * CHART_BINS))));
    return { byDay, byHour, undated: total - dated, binEdges: [...CHART_BIN_EDGES], bins };
  }
}
