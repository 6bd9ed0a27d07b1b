/**
 * The histogram bins of the summary rollups. Metrics are whole seconds, and a
 * bin holds the values (low, high]: upper edges included, so "over a
 * threshold" (value > t) is an exact sum of bins whenever t is an edge. The
 * edges are every second to 1 min, then steps that keep each bin within
 * about 8 % of its value (5 s to 3 min, 10 s to 10 min, 30 s to 30 min, 1 min
 * to 1 h, …, 1 day to 365 days); every SLA threshold a supervisor types in
 * whole or half minutes up to 30 min is an edge, and so is every whole minute
 * up to 1 h. A percentile read from these bins is within one bin of the exact
 * value; below 1 min it is exact.
 *
 * The same definition produces the SQL the triggers bin with and the bounds
 * the reader estimates from, so the two can never disagree.
 */

/** [after, upTo, step]: bins of `step` seconds covering (after, upTo]. */
const SEGMENTS: ReadonlyArray<readonly [number, number, number]> = [
  [60, 180, 5],
  [180, 600, 10],
  [600, 1800, 30],
  [1800, 3600, 60],
  [3600, 7200, 300],
  [7200, 21_600, 600],
  [21_600, 86_400, 1800],
  [86_400, 604_800, 7200],
  [604_800, 2_592_000, 43_200],
  [2_592_000, 31_536_000, 86_400],
];
/** Values 0…60 have a bin each. */
const EXACT_UP_TO = 60;

interface Segment {
  after: number;
  upTo: number;
  step: number;
  /** index of the segment's first bin */
  first: number;
}

const SEGMENT_TABLE: readonly Segment[] = (() => {
  let first = EXACT_UP_TO + 1;
  return SEGMENTS.map(([after, upTo, step]) => {
    const segment = { after, upTo, step, first };
    first += (upTo - after) / step;
    return segment;
  });
})();

const LAST_EDGE = SEGMENTS[SEGMENTS.length - 1]![1];
/** The one bin above the last edge (over 365 days). */
export const OVERFLOW_BIN = SEGMENT_TABLE[SEGMENT_TABLE.length - 1]!.first + (LAST_EDGE - SEGMENTS[SEGMENTS.length - 1]![0]) / SEGMENTS[SEGMENTS.length - 1]![2];
export const BIN_COUNT = OVERFLOW_BIN + 1;

/** The bin of a value in seconds (negative values, which the engine never stores, count as 0). */
export function binOf(value: number): number {
  if (value <= EXACT_UP_TO) return Math.max(0, value);
  for (const s of SEGMENT_TABLE) if (value <= s.upTo) return s.first + Math.floor((value - s.after - 1) / s.step);
  return OVERFLOW_BIN;
}

/** The smallest and largest whole-second value a bin holds (the overflow bin: up to Infinity). */
export function binBounds(bin: number): { low: number; high: number } {
  if (bin <= EXACT_UP_TO) return { low: bin, high: bin };
  for (const s of SEGMENT_TABLE) {
    const k = bin - s.first;
    if (k < (s.upTo - s.after) / s.step) return { low: s.after + k * s.step + 1, high: s.after + (k + 1) * s.step };
  }
  return { low: LAST_EDGE + 1, high: Infinity };
}

/** True when `seconds` is an upper edge, so that the count of values above it is exact. */
export function isBinEdge(seconds: number): boolean {
  if (!Number.isInteger(seconds) || seconds < 0) return false;
  if (seconds <= EXACT_UP_TO) return true;
  if (seconds > LAST_EDGE) return false;
  return binBounds(binOf(seconds)).high === seconds;
}

/** The SQL expression of binOf over an integer expression (NULL stays NULL). */
export function binSql(expr: string): string {
  const parts = [`WHEN ${expr} <= ${EXACT_UP_TO} THEN max(${expr}, 0)`];
  for (const s of SEGMENT_TABLE) parts.push(`WHEN ${expr} <= ${s.upTo} THEN ${s.first} + (${expr} - ${s.after + 1}) / ${s.step}`);
  return `(CASE ${parts.join(' ')} WHEN ${expr} IS NOT NULL THEN ${OVERFLOW_BIN} END)`;
}
