/**
 * A summary from the rollups: the cells of the settled dialogs the filter
 * selects, plus, read row by row and exactly, the live dialogs
 * (ix_dialogs_unsettled) and any settled dialogs in a partial day at the ends
 * of a date range — a range that is not whole local days of the zone the
 * rollups were built in (another zone, a range to the millisecond), or that
 * runs past the days summary_days lists.
 *
 * A date range is cut into the coarsest whole buckets it holds: local months,
 * dekads, then days; a long one, when that reads less, is all time less the
 * whole buckets outside it. All time is one bucket.
 */
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import type { SlaThresholds } from '../../../../shared/ipc/contract.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { compileFilter } from './filter-sql.ts';
import { CELL_CHART_SELECT, CELL_MAX_SELECT, CELL_SELECT, ROW_SELECT, SummaryAccumulator } from './rollup-accumulator.ts';
import type { ClosedWindowPlan, RollupPlan } from './rollup-plan.ts';
import type { ChartAccumulator } from './chart-data.ts';
import { settledSql, TIER_CODE, UNDATED_BUCKET, UNSETTLED_INDEX_COLUMNS, UNSETTLED_SQL } from './rollup-schema.ts';

/** A contiguous part of a date range and how it is read. */
export type RangePart =
  | { kind: 'month' | 'dekad'; bucket: number }
  | { kind: 'days'; first: number; last: number }
  /** settled dialogs read row by row: [from, to) */
  | { kind: 'rows'; from: number; to: number };

interface DayRow {
  start_ms: number;
  end_ms: number;
  dekad_ms: number;
  dekad_end_ms: number;
  month_ms: number;
  month_end_ms: number;
}

/** The span summary_days lists, or null when it lists nothing. */
function calendarSpan(db: Db): { first: number; last: number } | null {
  const first = prepared(db, 'SELECT start_ms FROM summary_days ORDER BY start_ms LIMIT 1').pluck().get() as number | undefined;
  const last = prepared(db, 'SELECT end_ms FROM summary_days ORDER BY start_ms DESC LIMIT 1').pluck().get() as number | undefined;
  return first === undefined || last === undefined ? null : { first, last };
}

/** [from, to) as whole months, whole dekads, runs of whole days, and the partial ends read as rows. */
export function rangeParts(db: Db, from: number, to: number): RangePart[] {
  if (!(from < to)) return [];
  const parts: RangePart[] = [];
  const span = calendarSpan(db);
  if (!span) return [{ kind: 'rows', from, to }];
  const { first, last } = span;
  // outside the listed days no cell can hold a dialog: those parts are rows (normally none)
  if (from < first) parts.push({ kind: 'rows', from, to: Math.min(to, first) });
  if (to > last) parts.push({ kind: 'rows', from: Math.max(from, last), to });
  const a = Math.max(from, first);
  const b = Math.min(to, last);
  if (a >= b) return parts;
  // where no day has a cell, no settled dialog was created: skip it
  // (two statements: one min() or max() each is an index seek, both in one statement a scan)
  const spanLo = prepared(db, `SELECT min(bucket) FROM summary_cells WHERE tier = ${TIER_CODE.day} AND bucket >= 0`).pluck().get() as number | null;
  const spanHi = prepared(db, `SELECT max(bucket) FROM summary_cells WHERE tier = ${TIER_CODE.day}`).pluck().get() as number | null;
  if (spanLo === null || spanHi === null || spanHi < 0) return parts;
  const lo = Math.max(a, spanLo);
  const hiEnd = prepared(db, 'SELECT end_ms FROM summary_days WHERE start_ms = ?').pluck().get(spanHi) as number;
  const hi = Math.min(b, hiEnd);
  if (lo >= hi) return parts;
  const days = prepared(db, 'SELECT start_ms, end_ms, dekad_ms, dekad_end_ms, month_ms, month_end_ms FROM summary_days WHERE start_ms >= ? AND start_ms < ? AND end_ms <= ? ORDER BY start_ms').all(lo, hi, hi) as DayRow[];
  if (days.length === 0) return [...parts, { kind: 'rows', from: lo, to: hi }];
  if (lo < days[0]!.start_ms) parts.push({ kind: 'rows', from: lo, to: days[0]!.start_ms });
  let run: { first: number; last: number } | null = null;
  const flush = () => {
    if (run) parts.push({ kind: 'days', ...run });
    run = null;
  };
  for (let i = 0; i < days.length; ) {
    const day = days[i]!;
    if (day.start_ms === day.month_ms && day.month_end_ms <= hi) {
      flush();
      parts.push({ kind: 'month', bucket: day.month_ms });
      while (i < days.length && days[i]!.month_ms === day.month_ms) i += 1;
    } else if (day.start_ms === day.dekad_ms && day.dekad_end_ms <= hi) {
      flush();
      parts.push({ kind: 'dekad', bucket: day.dekad_ms });
      while (i < days.length && days[i]!.dekad_ms === day.dekad_ms) i += 1;
    } else {
      run = run ? { first: run.first, last: day.start_ms } : { first: day.start_ms, last: day.start_ms };
      i += 1;
    }
  }
  flush();
  const end = days[days.length - 1]!.end_ms;
  if (end < hi) parts.push({ kind: 'rows', from: end, to: hi });
  return parts;
}

function cellConditions(plan: RollupPlan): { sql: string; params: unknown[] } {
  const sql: string[] = ['n > 0', `status_code IN (${plan.codes.join(', ')})`];
  const params: unknown[] = [];
  const list = (column: string, values: readonly number[]) => {
    sql.push(values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : '0');
    params.push(...values);
  };
  if (plan.spam !== null) sql.push(`spam = ${plan.spam}`);
  if (plan.lines) list('line_id', plan.lines);
  if (plan.operators) list('operator_key', plan.operators);
  if (plan.hasOperator) sql.push('operator_key <> 0');
  return { sql: sql.join(' AND '), params };
}

/**
 * Rows with `column` in [?, ?) that also meet `where`. The window is read
 * first, through whatever index leads with the column, and only its rows are
 * checked against the rest (CROSS JOIN keeps that order): left to itself the
 * planner may prefer an index on another condition (a status: most of the
 * table) and read far more rows.
 */
function inWindow(column: 'closed_at' | 'created_at', where: string): string {
  return `WITH w AS MATERIALIZED (SELECT rowid AS rid FROM dialogs WHERE ${column} >= ? AND ${column} < ?)
    SELECT ${ROW_SELECT} FROM w CROSS JOIN dialogs ON dialogs.rowid = w.rid WHERE ${where}`;
}

/** The summary of a rollup-answerable filter (planRollups), as the accumulator's result. */
export function accumulateFromRollups(
  db: Db,
  plan: RollupPlan | ClosedWindowPlan,
  filter: DialogFilter,
  sla: SlaThresholds,
  now: number,
  charts: ChartAccumulator | null = null,
): SummaryAccumulator {
  const acc = new SummaryAccumulator(sla, charts);
  const { where, params } = compileFilter(filter, now);
  const rows = (sql: string, extra: unknown[] = []) => {
    for (const row of prepared(db, sql).raw().iterate(...extra, ...params, { now }) as Iterable<Array<number | null>>) acc.addRow(row);
  };
  if (plan.kind === 'closedWindow') {
    rows(inWindow('closed_at', where), [plan.from, plan.to]);
    return acc;
  }
  // the live rows, all through their covering index, then the filter: with the filter beside the index's
  // condition a constant-false one ("operator in []") would leave INDEXED BY no plan at all
  rows(`WITH live AS MATERIALIZED (SELECT ${UNSETTLED_INDEX_COLUMNS.join(', ')} FROM dialogs INDEXED BY ix_dialogs_unsettled WHERE ${UNSETTLED_SQL})
    SELECT ${ROW_SELECT} FROM live WHERE ${where}`);
  if (plan.codes.length === 0) return acc;

  const cells = cellConditions(plan);
  const asText = (rowid: number, column: 'h' | 't' = 'h') => prepared(db, `SELECT json(${column}) FROM summary_cells WHERE rowid = ?`).pluck().get(rowid) as string;
  // t only when charts are drawn: a plain summary never reads it
  const select = charts ? CELL_CHART_SELECT : CELL_SELECT;
  const addCells = (sql: string, extra: unknown[], sign: 1 | -1 = 1, withMax = true) => {
    for (const cell of prepared(db, `SELECT ${select} FROM summary_cells WHERE ${sql} AND ${cells.sql}`).raw().iterate(...extra, ...cells.params)) {
      acc.addCell(cell as unknown[], asText, sign, withMax);
    }
  };
  if (!plan.created) {
    addCells(`tier = ${TIER_CODE.all} AND bucket = 0`, []);
    return acc;
  }
  const settledRows = inWindow('created_at', `${settledSql()} AND (${where})`);
  const inside = rangeParts(db, plan.created.from, plan.created.to);
  const outside = complementParts(db, plan.created.from, plan.created.to, inside);
  if (outside) {
    // all time, less the undated dialogs and what lies outside the range; maxima from the range's own cells
    addCells(`tier = ${TIER_CODE.all} AND bucket = 0`, [], 1, false);
    addCells(`tier = ${TIER_CODE.month} AND bucket = ${UNDATED_BUCKET}`, [], -1);
    for (const part of outside) addCells(...partCells(part), -1);
    for (const part of inside.filter(isBucketPart)) {
      const [sql, extra] = partCells(part);
      for (const cell of prepared(db, `SELECT ${CELL_MAX_SELECT} FROM summary_cells WHERE ${sql} AND ${cells.sql}`).raw().iterate(...extra, ...cells.params)) {
        acc.addCellMax(cell as unknown[]);
      }
    }
    return acc;
  }
  for (const part of inside) {
    if (part.kind === 'rows') rows(settledRows, [part.from, part.to]);
    else addCells(...partCells(part));
  }
  return acc;
}

type BucketPart = Exclude<RangePart, { kind: 'rows' }>;
const isBucketPart = (part: RangePart): part is BucketPart => part.kind !== 'rows';

/** The cells of a whole-bucket part: the condition and its parameters. */
function partCells(part: BucketPart): [string, unknown[]] {
  return part.kind === 'days'
    ? [`tier = ${TIER_CODE.day} AND bucket >= ? AND bucket <= ?`, [part.first, part.last]]
    : [`tier = ${TIER_CODE[part.kind]} AND bucket = ?`, [part.bucket]];
}

/** Relative cost of reading one bucket of each tier (the size of its cells at a million dialogs: 78, 275, 373, 592 KB). */
const PART_COST = { day: 1, dekad: 3.5, month: 4.8, all: 7.6 } as const;

function cost(parts: readonly RangePart[]): number {
  let total = 0;
  for (const part of parts) {
    if (part.kind === 'days') total += PART_COST.day * (1 + Math.round((part.last - part.first) / 86_400_000));
    else if (part.kind !== 'rows') total += PART_COST[part.kind];
  }
  return total;
}

/**
 * What lies outside [from, to) within the calendar, as whole buckets, when
 * reading all time less that is clearly cheaper than reading the range
 * itself (a long range); null otherwise, or when either side would need
 * rows (rows cannot be taken out of a histogram's exact maxima).
 */
function complementParts(db: Db, from: number, to: number, inside: readonly RangePart[]): BucketPart[] | null {
  if (!inside.every(isBucketPart) || cost(inside) * 0.8 <= PART_COST.all) return null;
  const span = calendarSpan(db);
  if (!span || from < span.first || to > span.last) return null;
  const outside = [...rangeParts(db, span.first, from), ...rangeParts(db, to, span.last)];
  if (!outside.every(isBucketPart)) return null;
  return PART_COST.all + cost(outside) < 0.8 * cost(inside) ? outside.filter(isBucketPart) : null;
}
