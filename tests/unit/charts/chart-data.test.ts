/**
 * The charts' part of a summary against a brute-force count of the same
 * dialogs: random caches, random filters the rollups answer and filters they
 * do not, random write sequences (the triggers keep `t`), a rebuild, a DST
 * zone, and the IPC boundary. Days and hours are recomputed here with the
 * Date API, not the calendar table the code reads, and the response-time bins
 * by plain comparison with the edges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/app/db/connection.ts';
import { aggregateDialogs } from '../../../electron/app/db/queries/aggregates.ts';
import { CHART_BIN_EDGES } from '../../../electron/app/db/queries/chart-data.ts';
import { rebuildDerivedTables } from '../../../electron/app/db/queries/derived-tables.ts';
import { compileFilter } from '../../../electron/app/db/queries/filter-sql.ts';
import { histogramTriples } from '../../../electron/app/db/queries/rollup-jsonb.ts';
import { METRIC_COLUMN } from '../../../electron/app/db/queries/rollup-schema.ts';
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, withCreatedRange } from '../../../shared/domain/presets.ts';
import { DATE_PRESETS, type DialogFilter } from '../../../shared/domain/filter.ts';
import type { Aggregates, SummaryCharts } from '../../../shared/ipc/contract.ts';
import { call, openTempDb, testServices } from '../../support/temp-cache.ts';
import { insertRows, localNow, randomRollupFilter, randomRow, randomScanFilter, randomUpdate, recomputeLike, rng, seedReference, SLA } from '../db/aggregates-fixtures.ts';

const HOUR = 3_600_000;

/** Local midnight of a time, by the Date API, or null outside 2000–2099 (the rollups' calendar). */
function localDay(ms: number): number | null {
  const d = new Date(ms);
  if (d.getFullYear() < 2000 || d.getFullYear() > 2099) return null;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The charts counted row by row from the filter's own rows. */
function bruteForce(db: Db, filter: DialogFilter, now: number): SummaryCharts {
  const { where, params } = compileFilter(filter, now);
  const columns = METRIC_IDS.map((m) => METRIC_COLUMN[m]);
  const rows = db.prepare(`SELECT created_at, ${columns.join(', ')} FROM dialogs WHERE ${where}`).raw().all(...params, { now }) as Array<Array<number | null>>;
  const days = new Map<number, number>();
  const byHour = new Array<number>(24).fill(0);
  const bins = Object.fromEntries(METRIC_IDS.map((m) => [m, new Array<number>(CHART_BIN_EDGES.length + 1).fill(0)])) as SummaryCharts['bins'];
  let undated = 0;
  for (const row of rows) {
    const created = row[0];
    const day = created === null || created === undefined ? null : localDay(created);
    if (day === null) undated += 1;
    else {
      days.set(day, (days.get(day) ?? 0) + 1);
      // whole hours since local midnight (the wall-clock hour but on a day the clocks change), at most 23
      byHour[Math.min(23, Math.floor((created! - day) / HOUR))]! += 1;
    }
    METRIC_IDS.forEach((m, i) => {
      const v = row[1 + i];
      if (v === null || v === undefined) return;
      let bin = CHART_BIN_EDGES.findIndex((edge) => v <= edge);
      if (bin < 0) bin = CHART_BIN_EDGES.length;
      bins[m][bin]! += 1;
    });
  }
  const sorted = [...days.keys()].sort((a, b) => a - b);
  const byDay: SummaryCharts['byDay'] = [];
  if (sorted.length) {
    for (let d = new Date(sorted[0]!); d.getTime() <= sorted[sorted.length - 1]!; d.setDate(d.getDate() + 1)) {
      byDay.push({ day: d.getTime(), count: days.get(d.getTime()) ?? 0 });
    }
  }
  return { byDay, byHour, undated, binEdges: [...CHART_BIN_EDGES], bins };
}

function expectCharts(db: Db, filter: DialogFilter, now: number, where: string, method?: Aggregates['method']): Aggregates {
  const summary = aggregateDialogs(db, filter, SLA, now, { charts: true });
  if (method) expect(summary.method, where).toBe(method);
  expect(summary.charts, where).toEqual(bruteForce(db, filter, now));
  // the charts describe the very dialogs the tables beside them do
  const charts = summary.charts!;
  expect(charts.undated + charts.byHour.reduce((a, b) => a + b, 0), where).toBe(summary.total);
  expect(charts.byDay.reduce((a, b) => a + b.count, 0), where).toBe(summary.total - charts.undated);
  for (const m of METRIC_IDS) expect(charts.bins[m].reduce((a, b) => a + b, 0), `${where} ${m}`).toBe(summary.overall.metrics[m].count);
  return summary;
}

/** Every cell's t as a plain map (zero counts left out: a removal leaves its key at 0). */
function readTime(db: Db): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const row of db.prepare('SELECT tier, bucket, status_code, spam, line_id, operator_key, t FROM summary_cells WHERE n > 0').raw().all() as unknown[][]) {
    const triples = histogramTriples(row[6] as Uint8Array);
    expect(triples, 't stays in the JSONB shape the reader walks').not.toBeNull();
    const counts: Record<string, number> = {};
    for (let i = 0; i < triples!.length; i += 3) if (triples![i + 2]) counts[`${triples![i]}:${triples![i + 1]}`] = triples![i + 2]!;
    out.set(row.slice(0, 6).join('|'), counts);
  }
  return out;
}

describe('summary charts', () => {
  const zone = process.env.TZ;
  let db: Db;
  let ids: number[];
  let now: number;
  beforeAll(() => {
    // a zone that changed its clocks the day before localNow: "last 7 days" holds a 23-hour day
    process.env.TZ = 'Europe/Berlin';
    now = localNow();
    ({ db } = openTempDb());
    seedReference(db);
    const r = rng(7);
    const rows = Array.from({ length: 2500 }, (_, i) => randomRow(r, 1 + i, now));
    insertRows(db, rows);
    ids = rows.map((row) => row.id);
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('equal a brute-force count for every built-in preset, alone and with every date preset', () => {
    for (const id of BUILT_IN_PRESET_IDS) {
      const preset = builtInPresetFilter(id, { operatorId: 12 });
      expectCharts(db, preset, now, id);
      for (const date of DATE_PRESETS) expectCharts(db, withCreatedRange(preset, { preset: date }), now, `${id} ${date}`);
    }
    const all = expectCharts(db, { conditions: [] }, now, 'all', 'rollup');
    expect(all.charts!.byDay.length, 'three months of days').toBeGreaterThan(80);
    expect(all.charts!.undated, 'some dialogs have no date in the calendar').toBeGreaterThan(0);
  });

  it('equal a brute-force count on random filters, from the rollups and from a scan alike', () => {
    const r = rng(11);
    const methods = new Set<string>();
    for (let i = 0; i < 60; i += 1) {
      const filter = i % 4 === 3 ? randomScanFilter(r) : randomRollupFilter(r, now);
      methods.add(expectCharts(db, filter, now, `random ${i}: ${JSON.stringify(filter)}`).method);
      // the same filter read by a scan: the same charts
      expect(aggregateDialogs(db, filter, SLA, now, { method: 'scan', charts: true }).charts).toEqual(bruteForce(db, filter, now));
    }
    expect([...methods].sort()).toEqual(['rollup', 'scan']);
  });

  it('follow random writes, deletes and a recompute (the triggers keep t as a rebuild makes it)', () => {
    const r = rng(5);
    let next = 500_000;
    for (let step = 0; step < 6; step += 1) {
      db.transaction(() => {
        for (let k = 0; k < 60; k += 1) randomUpdate(db, r, ids, now);
        const fresh = Array.from({ length: 30 }, () => randomRow(r, next++, now));
        insertRows(db, fresh);
        ids.push(...fresh.map((f) => f.id));
        for (const id of ids.splice(Math.floor(r() * ids.length), 4)) db.prepare('DELETE FROM dialogs WHERE id = ?').run(id);
        if (step % 3 === 2) recomputeLike(db, r);
      })();
      const incremental = readTime(db);
      db.exec('SAVEPOINT rebuild');
      try {
        rebuildDerivedTables(db);
        expect(incremental, `step ${step}: t as rebuilt`).toEqual(readTime(db));
      } finally {
        db.exec('ROLLBACK TO rebuild; RELEASE rebuild');
      }
      expectCharts(db, { conditions: [] }, now, `step ${step}, all`, 'rollup');
      expectCharts(db, randomRollupFilter(r, now), now, `step ${step}, random`);
    }
  });

  it('are left out unless asked for, and change nothing else in the summary', () => {
    const filter = withCreatedRange({ conditions: [] }, { preset: 'last7days' });
    const plain = aggregateDialogs(db, filter, SLA, now);
    const drawn = aggregateDialogs(db, filter, SLA, now, { charts: true });
    expect(plain.charts).toBeNull();
    expect({ ...drawn, charts: null }).toEqual(plain);
  });
});

describe('summary charts through the services', () => {
  it('come with metrics:aggregate when asked, and a request that says charts: "yes" is refused', async () => {
    const services = await testServices({ historyDays: 2 });
    try {
      const filter: DialogFilter = { conditions: [] };
      const drawn = await call(services, 'metrics:aggregate', { filter, charts: true });
      const plain = await call(services, 'metrics:aggregate', { filter });
      expect(plain.charts).toBeNull();
      expect(drawn.charts!.byHour.reduce((a, b) => a + b, 0) + drawn.charts!.undated).toBe(drawn.total);
      expect(drawn.charts!.byDay.length).toBeGreaterThanOrEqual(2);
      const refused = await services.invoke('metrics:aggregate', { filter, charts: 'yes' } as never);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('VALIDATION');
    } finally {
      await services.close();
    }
  });
});
