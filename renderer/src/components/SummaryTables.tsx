/**
 * The Summary panel's tables: metric summaries, and the per-operator /
 * per-line breakdowns. A median or p90 the services estimated from their
 * rollup histograms carries "≈", a tooltip and, for screen readers, the
 * bounds the exact value lies within.
 */
import type { CSSProperties } from 'react';
import type { AggregateGroup, MetricSummary, ValueBounds } from '../../../shared/ipc/contract.ts';
import { METRIC_IDS, SLA_METRIC_IDS, type MetricId } from '../../../shared/domain/metrics.ts';
import type { Translator } from '../i18n/index.ts';
import { formatDuration, formatShare } from '../grid/format.ts';

const none = (tr: Translator, text: string | null): string => text ?? tr.t('value.none');

/** Read by screen readers, not shown. */
const SCREEN_READER_ONLY: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/** A duration cell; an estimate shows "≈" and says within which bounds the exact value lies. */
function DurationCell({ value, bounds, tr }: { value: number | null; bounds: ValueBounds | null | undefined; tr: Translator }) {
  const text = none(tr, formatDuration(value));
  if (!bounds || value === null) return <td className="ols-num">{text}</td>;
  const explanation = tr.t('summary.approxValue', {
    value: text,
    low: formatDuration(bounds.low) ?? '',
    high: formatDuration(bounds.high) ?? '',
  });
  return (
    <td className="ols-num" title={explanation} data-approximate="true">
      <span aria-hidden="true">≈ {text}</span>
      <span style={SCREEN_READER_ONLY}>{explanation}</span>
    </td>
  );
}

/** Whether any figure of these summaries is an estimate (then the tables carry the ≈ note). */
export function anyApproximate(summaries: ReadonlyArray<Record<MetricId, MetricSummary>>): boolean {
  return summaries.some((metrics) => METRIC_IDS.some((m) => metrics[m].approximate !== null));
}

/** What "≈" means, under a table that shows it. */
export function ApproximateNote({ tr }: { tr: Translator }) {
  return (
    <p className="ols-muted" data-testid="summary-approx-note">
      {tr.t('summary.approxNote')}
    </p>
  );
}

export function MetricsTable({ metrics, tr }: { metrics: Record<MetricId, MetricSummary>; tr: Translator }) {
  const { t } = tr;
  return (
    <table className="ols-table" data-testid="summary-metrics">
      <thead>
        <tr>
          <th scope="col">{t('summary.metric')}</th>
          <th scope="col" className="ols-num">{t('summary.count')}</th>
          <th scope="col" className="ols-num">{t('summary.median')}</th>
          <th scope="col" className="ols-num">{t('summary.p90')}</th>
          <th scope="col" className="ols-num">{t('summary.max')}</th>
        </tr>
      </thead>
      <tbody>
        {METRIC_IDS.map((m) => {
          const s = metrics[m];
          return (
            <tr key={m} data-metric={m}>
              <th scope="row">{t(`column.${m}`)}</th>
              <td className="ols-num">{s.count}</td>
              <DurationCell value={s.median} bounds={s.approximate?.median} tr={tr} />
              <DurationCell value={s.p90} bounds={s.approximate?.p90} tr={tr} />
              <td className="ols-num">{none(tr, formatDuration(s.max))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The figures a supervisor compares people and lines by; the full set is in the metrics table. */
const GROUP_METRICS: ReadonlyArray<{ metric: MetricId; stat: 'median' | 'max' }> = [
  { metric: 'waitFirstAnswer', stat: 'median' },
  { metric: 'firstResponse', stat: 'median' },
  { metric: 'responseAvg', stat: 'median' },
  { metric: 'responseMax', stat: 'max' },
];

export function GroupTable({
  groups,
  kind,
  tr,
}: {
  groups: readonly AggregateGroup[];
  kind: 'operator' | 'line';
  tr: Translator;
}) {
  const { t, locale } = tr;
  if (groups.length === 0) return <p className="ols-muted">{t('summary.empty')}</p>;
  const statLabel = (stat: 'median' | 'max'): string => t(stat === 'median' ? 'summary.median' : 'summary.max');
  return (
    <div className="ols-table-scroll">
      <table className="ols-table" data-testid={kind === 'operator' ? 'summary-by-operator' : 'summary-by-line'}>
        <thead>
          <tr>
            <th scope="col">{t(kind === 'operator' ? 'column.operator' : 'column.line')}</th>
            <th scope="col" className="ols-num">{t('summary.count')}</th>
            {GROUP_METRICS.map(({ metric, stat }) => (
              <th scope="col" className="ols-num" key={metric}>
                {t(`column.${metric}`)}
                <div className="ols-th-sub">{statLabel(stat)}</div>
              </th>
            ))}
            {SLA_METRIC_IDS.map((m) => (
              <th scope="col" className="ols-num" key={`sla-${m}`}>
                {t('summary.slaShort', { metric: t(`column.${m}`) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key ?? 'none'}>
              <th scope="row">{g.key === null && kind === 'operator' ? t('summary.noOperator') : g.name}</th>
              <td className="ols-num">{g.count}</td>
              {GROUP_METRICS.map(({ metric, stat }) => {
                const summary = g.metrics[metric];
                return (
                  <DurationCell key={metric} value={summary[stat]} bounds={stat === 'median' ? summary.approximate?.median : null} tr={tr} />
                );
              })}
              {SLA_METRIC_IDS.map((m) => (
                <td className="ols-num" key={`sla-${m}`} title={`${g.sla[m].over} / ${g.sla[m].measured}`}>
                  {none(tr, formatShare(g.sla[m].share, locale))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {anyApproximate(groups.map((g) => g.metrics)) && <ApproximateNote tr={tr} />}
    </div>
  );
}
