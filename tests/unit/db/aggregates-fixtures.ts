/**
 * Random caches for the rollup tests: dialog rows written straight into a
 * real SQLite file (every status code, missing values, creation dates over
 * three months and a few outside the rollups' calendar, clients still
 * waiting on closed dialogs), random filters the rollups answer, and the
 * comparisons: a rollup summary against the scan of the same filter.
 */
import { expect } from 'vitest';
import type { Db } from '../../../electron/app/db/connection.ts';
import { binBounds, binOf } from '../../../electron/app/db/queries/rollup-bins.ts';
import { histogramTriples } from '../../../electron/app/db/queries/rollup-jsonb.ts';
import { METRIC_COLUMN } from '../../../electron/app/db/queries/rollup-schema.ts';
import type { DialogFilter, FilterCondition } from '../../../shared/domain/filter.ts';
import { DATE_PRESETS } from '../../../shared/domain/filter.ts';
import { METRIC_IDS, SLA_METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { GENERAL_STATUS_IDS, STATUS_DETAIL_IDS } from '../../../shared/domain/status.ts';
import type { AggregateGroup, Aggregates } from '../../../shared/ipc/contract.ts';

export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/**
 * "Now" in the process's zone at call time (tests switch zones): the day after
 * Europe moved its clocks (29 March 2026), so "last 7 days" spans a 23-hour day there.
 */
export const localNow = (): number => new Date(2026, 2, 30, 14, 30).getTime();
const DAY = 86_400_000;
export const LINES = [1, 2, 3];
export const OPERATORS = [11, 12, 13, 14];
const CODES = [0, 5, 10, 20, 25, 40, 50, 60, 60, 60, 60, 60, 65, 65, 69, 75, 99];

export function seedReference(db: Db): void {
  for (const id of LINES) db.prepare('INSERT INTO lines (id, name) VALUES (?, ?)').run(id, `Line ${id}`);
  for (const id of OPERATORS) db.prepare('INSERT INTO operators (id, name, is_bot) VALUES (?, ?, 0)').run(id, `Operator ${id}`);
}

const METRIC_COLUMNS = METRIC_IDS.map((m) => METRIC_COLUMN[m]);
const COLUMNS = [
  'id', 'chat_id', 'line_id', 'line_name', 'direction', 'status_code', 'derived_status_code', 'spam', 'channel', 'client_id',
  'client_name', 'operator_id', 'operator_name', 'created_at', 'operator_answered_at', 'waiting_since', 'closed_at', ...METRIC_COLUMNS,
];

/** A metric value: often small, sometimes on a bin edge, now and then huge; null a fifth of the time. */
function metric(r: Rng): number | null {
  const x = r();
  if (x < 0.2) return null;
  if (x < 0.45) return Math.floor(r() * 61);
  if (x < 0.55) return pick(r, [60, 61, 180, 181, 600, 3600, 86_400]);
  if (x < 0.995) return Math.floor(Math.exp(r() * 12));
  return 31_536_000 + Math.floor(r() * 1e6);
}

/** Creation times: mostly the last three months, some today, a few undated or outside 2000–2099. */
function createdAt(r: Rng, now: number): number | null {
  const x = r();
  if (x < 0.02) return null;
  if (x < 0.03) return new Date(1995, 5, 1).getTime() + Math.floor(r() * DAY * 30);
  if (x < 0.15) return now - Math.floor(r() * 14 * 3600_000);
  return now - Math.floor(r() * 90 * DAY);
}

export interface RandomRow {
  id: number;
  values: unknown[];
}

export function randomRow(r: Rng, id: number, now: number): RandomRow {
  const status = pick(r, CODES);
  const line = pick(r, LINES);
  const operator = r() < 0.15 ? null : pick(r, OPERATORS);
  const created = createdAt(r, now);
  const metrics = METRIC_IDS.map(() => metric(r));
  const wfa = metrics[0]!;
  // a client may still wait on an open dialog, and (a backend's status winning over the timeline) on a closed one
  const waiting = r() < (status < 60 ? 0.5 : 0.03) && created !== null ? created + Math.floor(r() * (now - created)) : null;
  const answered = wfa !== null && created !== null ? created + wfa * 1000 : r() < 0.2 ? now - 1000 : null;
  return {
    id,
    values: [
      id, id + 1000, line, `Line ${line}`, r() < 0.9 ? 'in' : 'out', status, status, status === 65 || r() < 0.02 ? 1 : 0, 'livechat', id,
      `Client ${id}`, operator, operator === null ? null : `Operator ${operator}`, created, answered, waiting,
      status >= 60 && created !== null ? created + 60_000 + Math.floor(r() * DAY) : null, ...metrics,
    ],
  };
}

export function insertRows(db: Db, rows: readonly RandomRow[]): void {
  const insert = db.prepare(`INSERT INTO dialogs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const row of rows) insert.run(...row.values);
  })();
}

/** One random change to an existing dialog, as the sync or a recompute would write it. */
export function randomUpdate(db: Db, r: Rng, ids: readonly number[], now: number): void {
  const id = pick(r, ids);
  const change = Math.floor(r() * 7);
  const set = (sql: string, ...values: unknown[]) => db.prepare(`UPDATE dialogs SET ${sql} WHERE id = ?`).run(...values, id);
  if (change === 0) set('status_code = ?', pick(r, CODES));
  else if (change === 1) set('operator_id = ?', r() < 0.2 ? null : pick(r, OPERATORS));
  else if (change === 2) set(`${pick(r, METRIC_COLUMNS)} = ?`, metric(r));
  else if (change === 3) set('waiting_since = ?', r() < 0.5 ? null : now - Math.floor(r() * DAY));
  else if (change === 4) set('created_at = ?', createdAt(r, now));
  else if (change === 5) set('line_id = ?, spam = ?', pick(r, LINES), r() < 0.1 ? 1 : 0);
  // an unrelated column: the triggers must not move anything
  else set('client_name = ?', `Renamed ${id}`);
}

/** A recompute: every dialog rewritten at once, most values unchanged, some moved. */
export function recomputeLike(db: Db, r: Rng): void {
  const column = pick(r, METRIC_COLUMNS);
  db.prepare(`UPDATE dialogs SET ${column} = CASE WHEN id % 7 = ? THEN ${column} + 1 ELSE ${column} END, status_code = status_code`).run(
    Math.floor(r() * 7),
  );
}

/** Random filters from the conditions the rollups answer, with a date range often. */
export function randomRollupFilter(r: Rng, now: number): DialogFilter {
  const conditions: FilterCondition[] = [];
  const some = <T>(items: readonly T[]) => items.filter(() => r() < 0.4);
  if (r() < 0.4) conditions.push({ column: 'statusDetail', op: 'in', values: some([...STATUS_DETAIL_IDS, 'unknown']) });
  if (r() < 0.2) conditions.push({ column: 'status', op: 'in', values: some([...GENERAL_STATUS_IDS, 'unknown']) });
  if (r() < 0.3) conditions.push({ column: 'line', op: 'in', values: some([...LINES, 9]) });
  if (r() < 0.3) conditions.push({ column: 'operator', op: 'in', values: some([...OPERATORS, null]) });
  if (r() < 0.1) conditions.push({ column: 'operator', op: 'empty', value: r() < 0.5 });
  if (r() < 0.2) conditions.push({ column: 'spam', op: 'is', value: r() < 0.5 });
  if (r() < 0.1) conditions.push({ column: 'waitingNow', op: 'empty', value: r() < 0.5 });
  if (r() < 0.05) conditions.push({ column: 'waitingNow', op: 'range', from: Math.floor(r() * 3600) });
  const x = r();
  if (x < 0.3) conditions.push({ column: 'createdAt', op: 'datePreset', preset: pick(r, DATE_PRESETS) });
  else if (x < 0.6) {
    // local whole days, as the grid's date filter sends them
    const from = new Date(now);
    from.setHours(0, 0, 0, 0);
    from.setDate(from.getDate() - Math.floor(r() * 100));
    const to = new Date(from);
    to.setDate(to.getDate() + Math.floor(r() * 60));
    conditions.push({ column: 'createdAt', op: 'range', from: from.getTime(), to: to.getTime() + DAY - 1 });
  } else if (x < 0.7) {
    // most of the history, in whole days: read as all time less the ends
    const from = new Date(now);
    from.setHours(0, 0, 0, 0);
    from.setDate(from.getDate() - 85 - Math.floor(r() * 10));
    const to = new Date(now);
    to.setHours(0, 0, 0, 0);
    to.setDate(to.getDate() - Math.floor(r() * 5));
    conditions.push({ column: 'createdAt', op: 'range', from: from.getTime(), to: to.getTime() + DAY - 1 });
  } else if (x < 0.8) {
    // to the millisecond, either bound open
    const a = now - Math.floor(r() * 100 * DAY);
    conditions.push({ column: 'createdAt', op: 'range', ...(r() < 0.8 ? { from: a } : {}), ...(r() < 0.8 ? { to: a + Math.floor(r() * 40 * DAY) } : {}) });
  }
  return { conditions };
}

/** A filter the rollups cannot answer. */
export function randomScanFilter(r: Rng): DialogFilter {
  return pick(r, [
    { conditions: [{ column: 'channel', op: 'in', values: ['livechat'] }] },
    { conditions: [{ column: 'waitFirstAnswer', op: 'range', from: 60 }] },
    { conditions: [], search: 'Client 1' },
    { conditions: [{ column: 'closedAt', op: 'datePreset', preset: 'last7days' }] },
    { conditions: [{ column: 'line', op: 'in', values: [1] }, { column: 'direction', op: 'in', values: ['out'] }] },
  ] satisfies DialogFilter[]);
}

/** The width of the bin holding `v`, whose top is capped by the largest value (the overflow bin has no edge). */
const width = (v: number, max: number) => {
  const b = binBounds(binOf(v));
  return Math.min(b.high, max) - b.low;
};

/** The rollup group equals the scanned one: exact parts exactly, percentiles within a bin and within their stated bounds. */
function expectSameGroup(rollup: AggregateGroup, scan: AggregateGroup, where: string): void {
  expect({ key: rollup.key, name: rollup.name, count: rollup.count, sla: rollup.sla }, where).toEqual({
    key: scan.key,
    name: scan.name,
    count: scan.count,
    sla: scan.sla,
  });
  for (const m of METRIC_IDS) {
    const a = rollup.metrics[m];
    const b = scan.metrics[m];
    expect(b.approximate, `${where} ${m}: a scan is exact`).toBeNull();
    expect([a.count, a.max], `${where} ${m} count, max`).toEqual([b.count, b.max]);
    for (const p of ['median', 'p90'] as const) {
      const exact = b[p];
      const estimate = a[p];
      if (exact === null || estimate === null) {
        expect(estimate, `${where} ${m} ${p}`).toBe(exact);
        continue;
      }
      const bounds = a.approximate?.[p];
      if (!bounds) {
        expect(estimate, `${where} ${m} ${p} (exact)`).toBeCloseTo(exact, 6);
        continue;
      }
      expect(exact, `${where} ${m} ${p} within its bounds`).toBeGreaterThanOrEqual(bounds.low);
      expect(exact, `${where} ${m} ${p} within its bounds`).toBeLessThanOrEqual(bounds.high);
      expect(estimate).toBeGreaterThanOrEqual(bounds.low);
      expect(estimate).toBeLessThanOrEqual(bounds.high);
      expect(Math.abs(estimate - exact), `${where} ${m} ${p} within one bin`).toBeLessThanOrEqual(Math.max(width(bounds.low, b.max!), width(bounds.high, b.max!)) + 1e-9);
    }
  }
}

export function expectSameSummary(rollup: Aggregates, scan: Aggregates, where: string): void {
  expect(rollup.method, where).toBe('rollup');
  expect(scan.method).toBe('scan');
  expect([rollup.total, rollup.byStatus, rollup.byStatusDetail], where).toEqual([scan.total, scan.byStatus, scan.byStatusDetail]);
  expectSameGroup(rollup.overall, scan.overall, `${where} overall`);
  for (const [kind, a, b] of [
    ['line', rollup.byLine, scan.byLine],
    ['operator', rollup.byOperator, scan.byOperator],
  ] as const) {
    expect(a.map((g) => g.key), `${where} ${kind} groups`).toEqual(b.map((g) => g.key));
    a.forEach((g, i) => expectSameGroup(g, b[i]!, `${where} ${kind} ${g.key}`));
  }
}

/** Every non-empty cell: key → n, maxima, and the non-zero bins, for comparing two ways of building them. */
export function readCells(db: Db): Map<string, { n: number; max: Array<number | null>; bins: Record<string, number> }> {
  const cells = new Map<string, { n: number; max: Array<number | null>; bins: Record<string, number> }>();
  const maxes = METRIC_IDS.map((m) => `max_${METRIC_COLUMN[m]}`).join(', ');
  for (const row of db.prepare(`SELECT tier, bucket, status_code, spam, line_id, operator_key, n, ${maxes}, h FROM summary_cells WHERE n > 0`).raw().all() as unknown[][]) {
    const triples = histogramTriples(row[7 + METRIC_IDS.length] as Uint8Array);
    expect(triples, 'cells stay in the JSONB shape the reader walks').not.toBeNull();
    const bins: Record<string, number> = {};
    for (let i = 0; i < triples!.length; i += 3) if (triples![i + 2]) bins[`${triples![i]}:${triples![i + 1]}`] = triples![i + 2]!;
    cells.set(row.slice(0, 6).join('|'), { n: row[6] as number, max: row.slice(7, 7 + METRIC_IDS.length) as Array<number | null>, bins });
  }
  return cells;
}

export const SLA = { waitFirstAnswer: 60, responseMax: 180 };
export { SLA_METRIC_IDS };
