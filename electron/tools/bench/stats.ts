/** Samples and their summary; the bench's only arithmetic. */
export interface Timing {
  runs: number;
  median: number;
  p95: number;
  max: number;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? NaN;
  return { runs: sorted.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

/** Times `fn` `runs` times after one warm-up call; async-aware. */
export async function timeAsync(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Timing> {
  await fn(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

export const fmt = (ms: number) => (Number.isFinite(ms) ? (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) : '—');
export const fmtTiming = (t: Timing) => `${fmt(t.median)} / ${fmt(t.p95)}`;
