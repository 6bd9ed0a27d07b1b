/**
 * Aggregates over the dialogs a filter selects: counts by status, median /
 * p90 / max of every metric, per-operator and per-line breakdowns, and SLA
 * shares (docs/metrics.md "Aggregates").
 *
 * Two ways to the same answer. A filter the rollups can answer
 * (canUseRollups: built-in presets, creation-date ranges, line, operator,
 * status) is summed from the rollup cells of the settled dialogs plus the
 * live dialogs read row by row: milliseconds at a million dialogs, with
 * percentiles read from histograms — marked approximate, within one bin —
 * wherever a cell took part. Any other filter is one pass over its rows,
 * everything exact.
 *
 * SLA share = over / measured, where a dialog is measured once its value is
 * known (the metric is set) or once it has already breached while the client
 * is still waiting. Waits still running under the threshold have no outcome
 * yet and are left out, so a quiet queue cannot dilute a breach rate.
 */
import type { Aggregates, SlaThresholds } from '../../../../shared/ipc/contract.ts';
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import { GENERAL_STATUS_IDS, STATUS_DETAIL_IDS, generalStatusOfCode, statusDetailOfCode } from '../../../../shared/domain/status.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { compileFilter } from './filter-sql.ts';
import { listLines, listOperators } from './reference.ts';
import { ROW_SELECT, SummaryAccumulator } from './rollup-accumulator.ts';
import { planRollups } from './rollup-plan.ts';
import { accumulateFromRollups } from './rollup-query.ts';
import { calendarOf, ChartAccumulator } from './chart-data.ts';

export { canUseRollups } from './rollup-plan.ts';

export interface AggregateOptions {
  /** `scan` reads every row even where the rollups could answer (tests and the bench compare the two) */
  method?: 'auto' | 'scan';
  /** also the charts' part (chart-data.ts), from the same pass */
  charts?: boolean;
}

export function aggregateDialogs(db: Db, filter: DialogFilter, sla: SlaThresholds, now: number, options: AggregateOptions = {}): Aggregates {
  const plan = options.method === 'scan' ? null : planRollups(filter, sla, now);
  const charts = options.charts ? new ChartAccumulator(calendarOf(db)) : null;
  const acc = plan ? accumulateFromRollups(db, plan, filter, sla, now, charts) : scanDialogs(db, filter, sla, now, charts);
  return toAggregates(db, acc, sla, now, plan ? 'rollup' : 'scan');
}

/** Every dialog the filter selects, in one pass: the exact summary. */
export function scanDialogs(db: Db, filter: DialogFilter, sla: SlaThresholds, now: number, charts: ChartAccumulator | null = null): SummaryAccumulator {
  const acc = new SummaryAccumulator(sla, charts);
  const { where, params } = compileFilter(filter, now);
  const inOrder = where !== '1' && matchShare(db, where, params, now) > SEQUENTIAL_ABOVE;
  const sql = `SELECT ${ROW_SELECT} FROM dialogs${inOrder ? ' NOT INDEXED' : ''}${where === '1' ? '' : ` WHERE ${where}`}`;
  for (const row of prepared(db, sql).raw().iterate(...params, { now }) as Iterable<Array<number | null>>) acc.addRow(row);
  return acc;
}

/**
 * Above this share of all dialogs, reading the whole table in order beats
 * the index the planner picks, whose every match is a random page read
 * (measured at 1 M: a 15 % filter twice as fast in order, a 3 % one even).
 */
const SEQUENTIAL_ABOVE = 0.08;
const SAMPLES = 8;
const SAMPLE_IDS = 1000;

/**
 * The share of dialogs `where` selects, from a few windows of consecutive
 * row ids spread over the table (ids follow time, so the windows do too):
 * ~8,000 rows read in order, a few milliseconds at a million.
 */
function matchShare(db: Db, where: string, params: unknown[], now: number): number {
  const span = prepared(db, 'SELECT min(rowid) AS lo, max(rowid) AS hi FROM dialogs').get() as { lo: number | null; hi: number | null };
  if (span.lo === null || span.hi === null) return 0;
  const sample = prepared(db, `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN ${where} THEN 1 ELSE 0 END), 0) AS hits FROM dialogs WHERE rowid >= ? AND rowid < ?`);
  let n = 0;
  let hits = 0;
  const step = Math.max(SAMPLE_IDS, (span.hi - span.lo + 1) / SAMPLES);
  for (let start = span.lo; start <= span.hi; start += step) {
    const got = sample.get(...params, Math.floor(start), Math.floor(start) + SAMPLE_IDS, { now }) as { n: number; hits: number };
    n += got.n;
    hits += got.hits;
  }
  return n === 0 ? 0 : hits / n;
}

function toAggregates(db: Db, acc: SummaryAccumulator, sla: SlaThresholds, now: number, method: Aggregates['method']): Aggregates {
  const names = {
    lines: new Map(listLines(db).map((l) => [l.id, l.name])),
    operators: new Map(listOperators(db).map((o) => [o.id, o.name])),
  };
  const { total, overall, byLine, byOperator } = acc.result(names);
  const byStatus = Object.fromEntries([...GENERAL_STATUS_IDS, 'unknown'].map((s) => [s, 0])) as Aggregates['byStatus'];
  const byStatusDetail = Object.fromEntries([...STATUS_DETAIL_IDS, 'unknown'].map((s) => [s, 0])) as Aggregates['byStatusDetail'];
  for (const [code, n] of acc.statusCounts) {
    byStatus[generalStatusOfCode(code)] += n;
    byStatusDetail[statusDetailOfCode(code)] += n;
  }
  return { total, byStatus, byStatusDetail, overall, byOperator, byLine, sla, at: now, method, charts: acc.charts?.result(total) ?? null };
}
