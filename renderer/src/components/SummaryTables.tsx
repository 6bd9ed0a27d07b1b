/** The Summary panel's tables: metric summaries, and the per-operator / per-line breakdowns. */
import type { AggregateGroup, MetricSummary } from '../../../shared/ipc/contract.ts';
import { METRIC_IDS, SLA_METRIC_IDS, type MetricId } from '../../../shared/domain/metrics.ts';
import type { Translator } from '../i18n/index.ts';
import { formatDuration, formatShare } from '../grid/format.ts';

const none = (tr: Translator, text: string | null): string => text ?? tr.t('value.none');

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
              <td className="ols-num">{none(tr, formatDuration(s.median))}</td>
              <td className="ols-num">{none(tr, formatDuration(s.p90))}</td>
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
              {GROUP_METRICS.map(({ metric, stat }) => (
                <td className="ols-num" key={metric}>
                  {none(tr, formatDuration(g.metrics[metric][stat]))}
                </td>
              ))}
              {SLA_METRIC_IDS.map((m) => (
                <td className="ols-num" key={`sla-${m}`} title={`${g.sla[m].over} / ${g.sla[m].measured}`}>
                  {none(tr, formatShare(g.sla[m].share, locale))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
