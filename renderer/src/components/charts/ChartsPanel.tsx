/**
 * The charts above the grid (issue 8 point 6): status distribution, the
 * distribution of a wait metric, dialogs per hour of day and per day,
 * per-operator load and SLA share — all for THE filter the grid shows, from
 * the same `metrics:aggregate` answer as the Summary panel (its `charts`
 * part). Collapsible, remembered; refreshed with the summary (the panel's
 * throttled `dialogs:changed` reload, and any filter or threshold change).
 */
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../store/app.ts';
import { useSummaryStore } from '../../store/summary.ts';
import { formatTime } from '../../grid/format.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { chartSpecs, TIME_METRICS, type TimeMetric } from './chart-model.ts';

export function ChartsPanel() {
  const tr = useT();
  const { t, locale } = tr;
  const open = useSummaryStore((s) => s.chartsOpen);
  const toggle = useSummaryStore((s) => s.toggleCharts);
  const data = useSummaryStore((s) => s.data);
  const loading = useSummaryStore((s) => s.loading);
  const error = useSummaryStore((s) => s.error);
  const [metric, setMetric] = useState<TimeMetric>('waitFirstAnswer');
  const charts = data?.charts ?? null;
  // remembered open: the first summary, with its charts, is asked for as the console starts
  useEffect(() => {
    const state = useSummaryStore.getState();
    if (state.chartsOpen && !state.data?.charts && !state.loading) void state.load();
  }, []);
  // rebuilt only when the answer, the language or the metric changes: a re-render alone redraws nothing
  const specs = useMemo(() => (open && data && charts ? chartSpecs(data, charts, metric, tr) : null), [open, data, charts, metric, tr]);

  return (
    <section className={`ols-charts${open ? ' ols-charts--open' : ''}`} data-testid="charts-panel" aria-label={t('charts.region')}>
      <header className="ols-summary-header">
        <button
          type="button"
          className="ols-disclosure"
          aria-expanded={open}
          aria-controls="ols-charts-body"
          title={open ? t('charts.collapse') : t('charts.expand')}
          data-testid="charts-toggle"
          onClick={toggle}
        >
          <span aria-hidden="true" className="ols-disclosure-icon">{open ? '▾' : '▸'}</span>
          {t('charts.title')}
        </button>
        {open && data && charts && (
          <span className="ols-muted" data-testid="charts-updated">
            {t('charts.count', { count: data.total.toLocaleString(locale) })} · {t('charts.updatedAt', { time: formatTime(data.at, locale) ?? '' })}
          </span>
        )}
      </header>
      {open && (
        <div id="ols-charts-body" className="ols-charts-body" aria-busy={loading}>
          {error && (
            <p className="ols-error" role="alert">
              {t('charts.error', { message: error })}
            </p>
          )}
          {!specs && !error && <p className="ols-muted">{t('charts.loading')}</p>}
          {specs && data!.total === 0 && <p className="ols-muted">{t('charts.empty')}</p>}
          {specs && (
            <div className="ols-charts-grid" data-testid="charts-grid" data-total={data!.total}>
              {specs.map((spec) => (
                <ChartFigure key={spec.id} spec={spec} tr={tr}>
                  {spec.id === 'times' && (
                    <select
                      className="ols-chart-select"
                      value={metric}
                      aria-label={t('charts.times.metric')}
                      data-testid="charts-metric"
                      onChange={(e) => setMetric(e.target.value as TimeMetric)}
                    >
                      {TIME_METRICS.map((m) => (
                        <option key={m} value={m}>
                          {t(`column.${m}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </ChartFigure>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
