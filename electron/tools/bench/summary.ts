/**
 * Summary at scale (issue 7 point 7): every built-in preset and creation
 * date range through the services (rollups where they answer), beside the
 * exact one-pass scan of the same filter on a direct connection, with the
 * largest distance of an estimated median / p90 from the exact value; then
 * filters the rollups cannot answer (exact, background lane). Each preset
 * is timed twice, plain and with the charts' part (issue 8 point 6), whose
 * figures are checked equal to the scan's.
 */
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, withCreatedRange } from '../../../shared/domain/presets.ts';
import type { DialogFilter } from '../../../shared/domain/filter.ts';
import { DEFAULT_SLA, type Aggregates } from '../../../shared/ipc/contract.ts';
import type { Db } from '../../app/db/connection.ts';
import { aggregateDialogs, canUseRollups } from '../../app/db/queries/aggregates.ts';
import type { Services } from '../../app/services.ts';
import { call } from './harness.ts';
import type { ReportRow, ReportSection } from './report.ts';
import { fmt, summarise } from './stats.ts';

const RUNS = 9;

/**
 * Median CPU time (ms) of a summary on a direct connection: this thread's
 * own time, so a shared, loaded machine (where wall time mostly measures the
 * run queue) still compares plain and charts fairly.
 */
function cpuMs(raw: Db, filter: DialogFilter, now: number, charts: boolean): number {
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const before = process.cpuUsage();
    aggregateDialogs(raw, filter, DEFAULT_SLA, now, { charts });
    const spent = process.cpuUsage(before);
    if (i > 0) samples.push((spent.user + spent.system) / 1000);
  }
  return summarise(samples).median;
}

async function timed(services: Services, filter: DialogFilter, charts = false): Promise<{ p95: number; median: number; value: Aggregates }> {
  let value: Aggregates | null = null;
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const t0 = performance.now();
    value = await call(services, 'metrics:aggregate', charts ? { filter, charts } : { filter });
    if (i > 0) samples.push(performance.now() - t0);
  }
  const t = summarise(samples);
  return { p95: t.p95, median: t.median, value: value! };
}

/** The largest |estimate − exact| of a median or p90 over the overall group, in seconds. */
function worstEstimateGap(estimate: Aggregates, exact: Aggregates): number {
  let worst = 0;
  for (const [metric, summary] of Object.entries(estimate.overall.metrics)) {
    const truth = exact.overall.metrics[metric as keyof typeof exact.overall.metrics];
    for (const key of ['median', 'p90'] as const) {
      const a = summary[key];
      const b = truth[key];
      if (a !== null && b !== null) worst = Math.max(worst, Math.abs(a - b));
    }
  }
  return worst;
}

export async function benchSummary(services: Services, raw: Db, now: number): Promise<ReportSection[]> {
  const operator = raw.prepare('SELECT operator_id FROM dialogs WHERE operator_id IS NOT NULL GROUP BY operator_id ORDER BY COUNT(*) DESC LIMIT 1').pluck().get() as number;
  const presets = BUILT_IN_PRESET_IDS.map((id) => ({ name: id, filter: builtInPresetFilter(id, { operatorId: operator }) }));
  const ranges = (['today', 'last7days', 'thisMonth'] as const).flatMap((preset) => [
    { name: `created ${preset}`, filter: withCreatedRange({ conditions: [] }, { preset }) },
    { name: `active, created ${preset}`, filter: withCreatedRange(builtInPresetFilter('active', { operatorId: null }), { preset }) },
  ]);
  const rows: ReportRow[] = [];
  const chartRows: ReportRow[] = [];
  for (const { name, filter } of [...presets, ...ranges]) {
    const served = await timed(services, filter);
    const drawn = await timed(services, filter, true);
    const t0 = performance.now();
    const exact = aggregateDialogs(raw, filter, DEFAULT_SLA, now, { method: 'scan' });
    const scanMs = performance.now() - t0;
    // the scan's charts at the served answer's moment: live waits move with the clock, days and bins do not
    const exactCharts = aggregateDialogs(raw, filter, DEFAULT_SLA, drawn.value.at, { method: 'scan', charts: true }).charts;
    const same = JSON.stringify(exactCharts) === JSON.stringify(drawn.value.charts);
    chartRows.push({
      name: `${name} (${drawn.value.total.toLocaleString('en')} dialogs, ${drawn.value.charts?.byDay.length ?? 0} days)`,
      value:
        `${fmt(drawn.median)} / ${fmt(drawn.p95)} ms (plain summary ${fmt(served.median)} / ${fmt(served.p95)} ms; ` +
        `CPU on a direct connection ${fmt(cpuMs(raw, filter, drawn.value.at, true))} vs ${fmt(cpuMs(raw, filter, drawn.value.at, false))} ms; ` +
        `${same ? 'equal to the scan' : 'DIFFERS from the scan'})`,
      target: 'p95 ≤ 20 ms, equal',
      ok: drawn.p95 <= 20 && same,
    });
    const rollup = canUseRollups(filter);
    rows.push({
      name: `${name} (${served.value.total.toLocaleString('en')} dialogs${rollup ? ', rollups' : ', exact'})`,
      value: `${fmt(served.median)} / ${fmt(served.p95)} ms (exact scan ${fmt(scanMs)} ms; estimate off by ≤ ${fmt(worstEstimateGap(served.value, exact))} s)`,
      target: 'p95 ≤ 20 ms',
      ok: served.p95 <= 20,
    });
  }
  const others: Array<{ name: string; filter: DialogFilter }> = [
    { name: 'client name contains "ан"', filter: { conditions: [{ column: 'client', op: 'contains', value: 'ан' }] } },
    { name: 'wait ≥ 10 min', filter: { conditions: [{ column: 'waitFirstAnswer', op: 'range', from: 600 }] } },
    { name: 'telegram, last 7 days', filter: { conditions: [{ column: 'channel', op: 'in', values: ['telegrambot'] }, { column: 'createdAt', op: 'datePreset', preset: 'last7days' }] } },
  ];
  const otherRows: ReportRow[] = [];
  for (const { name, filter } of others) {
    const served = await timed(services, filter);
    otherRows.push({
      name: `${name} (${served.value.total.toLocaleString('en')} dialogs)`,
      value: `${fmt(served.median)} / ${fmt(served.p95)} ms`,
      target: 'p95 ≤ 300 ms',
      ok: served.p95 <= 300,
    });
  }
  return [
    { title: 'Summary: built-in presets and date ranges', note: 'through the services; "exact scan" is the one-pass exact summary of the same filter on a direct connection', rows },
    {
      title: 'Summary with charts: built-in presets and date ranges',
      note: 'metrics:aggregate with charts: true (days, hours of day, response-time bins) beside the plain summary, wall time through the services, then the median CPU time of the same summary with and without charts on a direct connection; "equal" compares the charts with those of an exact scan',
      rows: chartRows,
    },
    { title: 'Summary: other filters (exact, background lane)', rows: otherRows },
  ];
}
