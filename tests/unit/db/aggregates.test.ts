import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateDialogs } from '../../../electron/app/db/queries/aggregates.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import type { DialogSnapshot } from '../../../electron/app/backends/backend.ts';
import { computeDialog } from '../../../electron/app/metrics/engine.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';
import { ACTIVE_STATUS_DETAILS } from '../../../shared/domain/status.ts';
import { METRIC_IDS, type DialogComputed } from '../../../shared/domain/metrics.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';
import { demoBackend, FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

/** Linear interpolation between the two nearest ranks: the definition SQLite's percentile() uses, and the summary's exact one. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

interface Raw {
  snapshot: DialogSnapshot;
  computed: DialogComputed;
}

let db: Db;
let raw: Raw[];
const SLA = { waitFirstAnswer: 120, responseMax: 300 };

beforeAll(async () => {
  ({ db } = await filledCache(8, 5));
  // Brute force: the raw events straight from a second backend with the same seed and clock, computed in JS.
  const backend = demoBackend(8, { now: FIXED_NOW }, 5);
  const snapshots = new Map<number, DialogSnapshot>();
  const entries = new Map<number, Map<number, TimelineEntry>>();
  let cursor: string | null = null;
  for (;;) {
    const batch = await backend.pullChanges(cursor, 1000);
    for (const change of batch.changes) {
      snapshots.set(change.dialog.id, change.dialog);
      const byseq = entries.get(change.dialog.id) ?? new Map<number, TimelineEntry>();
      for (const e of change.entries) byseq.set(e.seq, e);
      entries.set(change.dialog.id, byseq);
    }
    cursor = batch.cursor;
    if (!batch.hasMore) break;
  }
  raw = [...snapshots.values()].map((snapshot) => ({
    snapshot,
    computed: computeDialog({ id: snapshot.id, direction: snapshot.direction, entries: [...entries.get(snapshot.id)!.values()] }),
  }));
});

describe('aggregates', () => {
  it('match a brute-force recomputation from raw events for the active dialogs', () => {
    const active = raw.filter((r) => (ACTIVE_STATUS_DETAILS as string[]).includes(r.computed.statusDetail));
    expect(active.length).toBeGreaterThan(5);
    const agg = aggregateDialogs(db, ACTIVE_DIALOGS_FILTER, SLA, FIXED_NOW);
    // open dialogs are never rolled up: read row by row, every figure exact
    expect(agg.method).toBe('rollup');

    expect(agg.total).toBe(active.length);
    for (const detail of ACTIVE_STATUS_DETAILS) {
      expect(agg.byStatusDetail[detail], detail).toBe(active.filter((r) => r.computed.statusDetail === detail).length);
    }
    expect(agg.byStatusDetail.finished).toBe(0);
    for (const metric of METRIC_IDS) {
      const values = active.map((r) => r.computed.metrics[metric]).filter((v): v is number => v !== null);
      const summary = agg.overall.metrics[metric];
      expect(summary.count, metric).toBe(values.length);
      expect(summary.max, metric).toBe(values.length ? Math.max(...values) : null);
      if (values.length === 0) {
        expect(summary.median, metric).toBeNull();
        expect(summary.p90, metric).toBeNull();
      } else {
        expect(summary.approximate, metric).toBeNull();
        expect(summary.median, metric).toBeCloseTo(percentile(values, 50)!, 6);
        expect(summary.p90, metric).toBeCloseTo(percentile(values, 90)!, 6);
      }
    }

    // Per operator: the responsible operator is the backend's, else the timeline's.
    const byOperator = new Map<number | null, Raw[]>();
    for (const r of active) {
      const key = r.snapshot.operatorId ?? r.computed.operatorId;
      byOperator.set(key, [...(byOperator.get(key) ?? []), r]);
    }
    expect(agg.byOperator.length).toBe(byOperator.size);
    for (const group of agg.byOperator) {
      const members = byOperator.get(group.key)!;
      expect(group.count).toBe(members.length);
      const waits = members.map((m) => m.computed.metrics.waitFirstAnswer).filter((v): v is number => v !== null);
      expect(group.metrics.waitFirstAnswer.max).toBe(waits.length ? Math.max(...waits) : null);
    }
  });

  it('counts SLA breaches among known values and waits already over the threshold', () => {
    const agg = aggregateDialogs(db, { conditions: [] }, SLA, FIXED_NOW);
    let over = 0;
    let measured = 0;
    for (const { computed: c } of raw) {
      const running =
        c.metrics.waitFirstAnswer === null && c.dates.operatorAnsweredAt === null && c.waitingSince !== null && c.dates.createdAt !== null
          ? FIXED_NOW - c.dates.createdAt
          : 0;
      const runningOver = running > SLA.waitFirstAnswer * 1000;
      const known = c.metrics.waitFirstAnswer !== null;
      if ((known && c.metrics.waitFirstAnswer! > SLA.waitFirstAnswer) || runningOver) over += 1;
      if (known || runningOver) measured += 1;
    }
    expect(agg.overall.sla.waitFirstAnswer.over).toBe(over);
    expect(agg.overall.sla.waitFirstAnswer.measured).toBe(measured);
    expect(agg.overall.sla.waitFirstAnswer.share).toBeCloseTo(over / measured, 9);
    expect(agg.total).toBe(raw.length);
  });

  it('gives the figures of every dialog from the rollups: counts and maxima exact, percentiles within their stated bounds', () => {
    const agg = aggregateDialogs(db, { conditions: [] }, SLA, FIXED_NOW);
    expect(agg.method).toBe('rollup');
    for (const metric of METRIC_IDS) {
      const values = raw.map((r) => r.computed.metrics[metric]).filter((v): v is number => v !== null);
      const summary = agg.overall.metrics[metric];
      expect([summary.count, summary.max], metric).toEqual([values.length, values.length ? Math.max(...values) : null]);
      for (const [p, exact] of [['median', percentile(values, 50)], ['p90', percentile(values, 90)]] as const) {
        if (exact === null) continue;
        const bounds = summary.approximate?.[p];
        if (!bounds) expect(summary[p], `${metric} ${p}`).toBeCloseTo(exact, 6);
        else {
          expect(exact, `${metric} ${p}`).toBeGreaterThanOrEqual(bounds.low);
          expect(exact, `${metric} ${p}`).toBeLessThanOrEqual(bounds.high);
        }
      }
    }
  });
});
