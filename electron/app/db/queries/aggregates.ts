/**
 * Aggregates over the dialogs a filter selects: counts by status, median /
 * p90 / max of every metric (SQLite's percentile(), linear interpolation),
 * per-operator and per-line breakdowns, and SLA shares.
 *
 * SLA share = over / measured, where a dialog is measured once its value is
 * known (the metric is set) or once it has already breached while the client
 * is still waiting. Waits still running under the threshold have no outcome
 * yet and are left out, so a quiet queue cannot dilute a breach rate.
 */
import type { AggregateGroup, Aggregates, MetricSummary, SlaShare, SlaThresholds } from '../../../../shared/ipc/contract.ts';
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import { METRIC_IDS, SLA_METRIC_IDS, type MetricId, type SlaMetricId } from '../../../../shared/domain/metrics.ts';
import {
  GENERAL_STATUS_IDS,
  STATUS_DETAIL_IDS,
  generalStatusOfCode,
  statusDetailOfCode,
} from '../../../../shared/domain/status.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { RUNNING_FIRST_WAIT, SQL_COLUMNS } from './dialog-columns.ts';
import { compileFilter } from './filter-sql.ts';

const metricColumn = (metric: MetricId): string => SQL_COLUMNS[metric].sort as string;

/** The running wait of a dialog that still waits, per SLA metric (ms expressions; :now bound). */
const RUNNING_WAIT: Record<SlaMetricId, string> = {
  waitFirstAnswer: `CASE WHEN ${RUNNING_FIRST_WAIT} THEN @now - created_at END`,
  responseMax: `CASE WHEN waiting_since IS NOT NULL THEN @now - waiting_since END`,
};

function selectList(): string {
  const parts = ['COUNT(*) AS n'];
  for (const metric of METRIC_IDS) {
    const col = metricColumn(metric);
    parts.push(
      `COUNT(${col}) AS ${metric}_n`,
      `median(${col}) AS ${metric}_median`,
      `percentile(${col}, 90) AS ${metric}_p90`,
      `MAX(${col}) AS ${metric}_max`,
    );
  }
  for (const metric of SLA_METRIC_IDS) {
    const col = metricColumn(metric);
    const thr = `@sla_${metric}`;
    const runningOver = `(COALESCE(${RUNNING_WAIT[metric]}, 0) > ${thr} * 1000)`;
    parts.push(
      `SUM((${col} IS NOT NULL AND ${col} > ${thr}) OR ${runningOver}) AS ${metric}_over`,
      `SUM(${col} IS NOT NULL OR ${runningOver}) AS ${metric}_measured`,
    );
  }
  return parts.join(',\n');
}

type AggregateRecord = Record<string, number | null> & { key?: number | null; name?: string | null };

function groupFrom(record: AggregateRecord, key: number | null, name: string): AggregateGroup {
  const metrics = {} as Record<MetricId, MetricSummary>;
  for (const metric of METRIC_IDS) {
    metrics[metric] = {
      count: record[`${metric}_n`] ?? 0,
      median: record[`${metric}_median`] ?? null,
      p90: record[`${metric}_p90`] ?? null,
      max: record[`${metric}_max`] ?? null,
    };
  }
  const sla = {} as Record<SlaMetricId, SlaShare>;
  for (const metric of SLA_METRIC_IDS) {
    const over = record[`${metric}_over`] ?? 0;
    const measured = record[`${metric}_measured`] ?? 0;
    sla[metric] = { over, measured, share: measured > 0 ? over / measured : null };
  }
  return { key, name, count: record.n ?? 0, metrics, sla };
}

export function aggregateDialogs(db: Db, filter: DialogFilter, sla: SlaThresholds, now: number): Aggregates {
  const { where, params } = compileFilter(filter, now);
  const named: Record<string, unknown> = { now };
  for (const metric of SLA_METRIC_IDS) named[`sla_${metric}`] = sla[metric];
  // Positional filter params and named ones cannot mix in one statement: the filter's go into a CTE.
  const filtered = `WITH f AS (SELECT * FROM dialogs WHERE ${where})`;
  const run = (sql: string) => prepared(db, sql).all(...params, named) as AggregateRecord[];
  const select = selectList();

  const [overall] = run(`${filtered} SELECT ${select} FROM f`);
  const byOperator = run(
    `${filtered} SELECT operator_id AS key, MAX(operator_name) AS name, ${select} FROM f GROUP BY operator_id ORDER BY n DESC, key`,
  );
  const byLine = run(
    `${filtered} SELECT line_id AS key, MAX(line_name) AS name, ${select} FROM f GROUP BY line_id ORDER BY n DESC, key`,
  );
  const statusCounts = prepared(db, `SELECT status_code AS code, COUNT(*) AS n FROM dialogs WHERE ${where} GROUP BY status_code`).all(
    ...params,
  ) as Array<{ code: number; n: number }>;

  const byStatus = Object.fromEntries([...GENERAL_STATUS_IDS, 'unknown'].map((s) => [s, 0])) as Aggregates['byStatus'];
  const byStatusDetail = Object.fromEntries([...STATUS_DETAIL_IDS, 'unknown'].map((s) => [s, 0])) as Aggregates['byStatusDetail'];
  for (const { code, n } of statusCounts) {
    byStatus[generalStatusOfCode(code)] += n;
    byStatusDetail[statusDetailOfCode(code)] += n;
  }
  return {
    total: overall?.n ?? 0,
    byStatus,
    byStatusDetail,
    overall: groupFrom(overall ?? {}, null, ''),
    byOperator: byOperator.map((r) => groupFrom(r, r.key ?? null, r.name ?? '')),
    byLine: byLine.map((r) => groupFrom(r, r.key ?? null, r.name ?? '')),
    sla,
    at: now,
  };
}
