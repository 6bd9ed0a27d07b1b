/**
 * The two ways the summary reads a percentile: exactly, from every value
 * (selected in place, no sort), and from a rollup histogram, within one bin.
 * Both follow SQLite's percentile(): linear interpolation between the two
 * nearest ranks.
 */
import { BIN_COUNT, binBounds } from './rollup-bins.ts';

/** The k-th smallest (0-based) of `a`, reordering it (Hoare's quickselect). */
function select(a: Int32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Linear interpolation between the two nearest ranks (SQLite's percentile()). */
export function percentileInPlace(a: Int32Array, p: number): number {
  const rank = (p / 100) * (a.length - 1);
  const lo = Math.floor(rank);
  const low = select(a, lo);
  if (rank === lo) return low;
  // after selecting lo, everything above index lo is ≥ a[lo]: the next rank is their minimum
  let high = Infinity;
  for (let i = lo + 1; i < a.length; i += 1) if (a[i]! < high) high = a[i]!;
  return low + (high - low) * (rank - lo);
}

/**
 * A percentile from a histogram: the bins holding the two nearest ranks,
 * each rank placed evenly within its bin's whole-second values, interpolated
 * as the exact definition does. The exact value lies within [low, high].
 */
export function fromHistogram(hist: Float64Array, metric: number, count: number, p: number, max: number): { value: number; low: number; high: number } {
  const rank = (p / 100) * (count - 1);
  const lo = Math.floor(rank);
  // the last rank is the maximum, which is known exactly
  const at = (r: number) => (r === count - 1 ? { estimate: max, low: max, high: max } : rankInBins(hist, metric, r, max));
  const a = at(lo);
  const b = lo + 1 < count && rank > lo ? at(lo + 1) : a;
  return { value: a.estimate + (b.estimate - a.estimate) * (rank - lo), low: a.low, high: b.high };
}

/** Where rank `rank` falls: its bin's whole-second range (capped by the known maximum) and an even spread within it. */
function rankInBins(hist: Float64Array, metric: number, rank: number, max: number): { estimate: number; low: number; high: number } {
  const base = metric * BIN_COUNT;
  let seen = 0;
  for (let bin = 0; bin < BIN_COUNT; bin += 1) {
    const c = hist[base + bin]!;
    if (c <= 0) continue;
    if (rank < seen + c) {
      const { low, high } = binBounds(bin);
      const top = Math.max(low, Math.min(high, max));
      return { estimate: c > 1 ? low + ((top - low) * (rank - seen)) / (c - 1) : low, low, high: top };
    }
    seen += c;
  }
  return { estimate: max, low: max, high: max };
}
