/**
 * The collapsible Summary: `metrics:aggregate` for the grid's current filter
 * and column filters — counts by status, metric summaries, SLA shares with
 * editable thresholds, and per-operator / per-line tables. Refreshed on
 * `dialogs:changed` at most every 5 s while open, every 15 s even without
 * one (running waits cross thresholds as time passes), and whenever the
 * filter, a column filter or a threshold changes.
 */
import { BUILT_IN_PRESET_IDS } from '../../../shared/domain/presets.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useEffect, useState } from 'react';
import { GENERAL_STATUS_IDS, STATUS_DETAIL_IDS } from '../../../shared/domain/status.ts';
import { SLA_METRIC_IDS, type SlaMetricId } from '../../../shared/domain/metrics.ts';
import type { Aggregates } from '../../../shared/ipc/contract.ts';
import { errorMessage, subscribe } from '../ipc.ts';
import { useAppStore, useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { summaryShown, useSummaryStore } from '../store/summary.ts';
import type { Translator } from '../i18n/index.ts';
import { throttle } from '../throttle.ts';
import { formatShare, formatTime, secondsToMinutes } from '../grid/format.ts';
import { anyApproximate, ApproximateNote, GroupTable, MetricsTable } from './SummaryTables.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';

const REFRESH_THROTTLE_MS = 5000;
/**
 * Running waits grow with the clock while nothing changes: a waiting client
 * crosses an SLA threshold or a "≥ N minutes" filter without any event, so a
 * summary on screen is read again this often even when the world is quiet.
 */
const CLOCK_REFRESH_MS = 15_000;

function useSummaryRefresh(): void {
  useEffect(() => {
    // the panel or the charts: either shows this summary
    const reloadIfOpen = (): void => {
      if (summaryShown()) void useSummaryStore.getState().load();
    };
    const throttled = throttle(reloadIfOpen, REFRESH_THROTTLE_MS);
    const clock = setInterval(() => throttled(), CLOCK_REFRESH_MS);
    const offChanged = subscribe('dialogs:changed', () => throttled());
    const offGrid = useGridStore.subscribe((s, prev) => {
      // columnConditions only changes identity when the filter really changes (setColumnFilters)
      if (s.sla !== prev.sla || s.filter !== prev.filter || s.columnConditions !== prev.columnConditions) reloadIfOpen();
    });
    const offApp = useAppStore.subscribe((s, prev) => {
      if (s.reconnects !== prev.reconnects) reloadIfOpen();
    });
    return () => {
      throttled.cancel();
      clearInterval(clock);
      offChanged();
      offGrid();
      offApp();
    };
  }, []);
}

function SlaEditor({ metric, data, tr }: { metric: SlaMetricId; data: Aggregates; tr: Translator }) {
  const { t, locale } = tr;
  const seconds = useGridStore((s) => s.sla[metric]);
  const [draft, setDraft] = useState(String(secondsToMinutes(seconds)));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(String(secondsToMinutes(seconds))), [seconds]);

  const commit = (): void => {
    const minutes = Number(draft.replace(',', '.'));
    if (!Number.isFinite(minutes) || minutes < 0) {
      setDraft(String(secondsToMinutes(seconds)));
      return;
    }
    const next = Math.round(minutes * 60);
    if (next === seconds) return;
    const { sla, setSla } = useGridStore.getState();
    setSla({ ...sla, [metric]: next }).then(
      () => setError(null),
      (e: unknown) => setError(errorMessage(e)),
    );
  };

  const share = data.overall.sla[metric];
  const label = t(`column.${metric}`);
  return (
    <tr data-sla={metric}>
      <th scope="row">{label}</th>
      <td>
        <input
          className="ols-sla-input"
          type="number"
          min={0}
          step={0.5}
          inputMode="decimal"
          value={draft}
          aria-label={t('summary.thresholdFor', { metric: label })}
          data-testid={`sla-input-${metric}`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        {error && <div className="ols-error">{error}</div>}
      </td>
      <td className="ols-num">{share.over}</td>
      <td className="ols-num">{share.measured}</td>
      <td className="ols-num" data-testid={`sla-share-${metric}`}>
        {formatShare(share.share, locale) ?? t('value.none')}
      </td>
    </tr>
  );
}

function SummaryBody({ data, tr }: { data: Aggregates; tr: Translator }) {
  const { t } = tr;
  const details = [...STATUS_DETAIL_IDS, 'unknown' as const].filter((d) => d !== 'unknown' || data.byStatusDetail.unknown > 0);
  return (
    <div className="ols-summary-grid">
      <section>
        <h3 className="ols-subtitle" data-testid="summary-total" data-total={data.total}>
          {t('summary.total', { count: data.total })}
        </h3>
        <ul className="ols-chips" data-testid="summary-by-status">
          {[...GENERAL_STATUS_IDS, 'unknown' as const]
            .filter((g) => g !== 'unknown' || data.byStatus.unknown > 0)
            .map((g) => (
              <li key={g} className={`ols-badge ols-badge--${g}`} data-status={g}>
                {t(`status.${g}`)}: <strong>{data.byStatus[g]}</strong>
              </li>
            ))}
        </ul>
        <h3 className="ols-subtitle">{t('summary.sla')}</h3>
        <table className="ols-table" data-testid="summary-sla">
          <thead>
            <tr>
              <th scope="col">{t('summary.metric')}</th>
              <th scope="col">{t('summary.threshold')}</th>
              <th scope="col" className="ols-num">{t('summary.over')}</th>
              <th scope="col" className="ols-num">{t('summary.measured')}</th>
              <th scope="col" className="ols-num">{t('summary.share')}</th>
            </tr>
          </thead>
          <tbody>
            {SLA_METRIC_IDS.map((m) => (
              <SlaEditor key={m} metric={m} data={data} tr={tr} />
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3 className="ols-subtitle">{t('summary.byStatusDetail')}</h3>
        <table className="ols-table" data-testid="summary-by-status-detail">
          <tbody>
            {details.map((d) => (
              <tr key={d} data-status-detail={d}>
                <th scope="row">{d === 'unknown' ? t('status.unknown') : t(`statusDetail.${d}`)}</th>
                <td className="ols-num">{data.byStatusDetail[d]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="ols-summary-metrics">
        <h3 className="ols-subtitle">{t('summary.metrics')}</h3>
        <MetricsTable metrics={data.overall.metrics} tr={tr} />
        {anyApproximate([data.overall.metrics]) && <ApproximateNote tr={tr} />}
      </section>
      <section className="ols-summary-wide">
        <h3 className="ols-subtitle">{t('summary.byOperator')}</h3>
        <GroupTable groups={data.byOperator} kind="operator" tr={tr} />
        <h3 className="ols-subtitle">{t('summary.byLine')}</h3>
        <GroupTable groups={data.byLine} kind="line" tr={tr} />
      </section>
    </div>
  );
}

export function SummaryPanel() {
  const tr = useT();
  const { t, locale } = tr;
  const { open, data, loading, error, toggle, load } = useSummaryStore();
  const presetId = useGridStore((s) => s.presetId);
  const filteredColumns = useGridStore((s) => new Set(s.columnConditions.map((c) => c.column)).size);
  useSummaryRefresh();

  return (
    <>
      <section className={`ols-summary${open ? ' ols-summary--open' : ''}`} data-testid="summary-panel" aria-label={t('summary.title')}>
        <header className="ols-summary-header">
          <button
            type="button"
            className="ols-disclosure"
            aria-expanded={open}
            aria-controls="ols-summary-body"
            title={open ? t('summary.collapse') : t('summary.expand')}
            data-testid="summary-toggle"
            onClick={toggle}
          >
            <span aria-hidden="true" className="ols-disclosure-icon">{open ? '▾' : '▸'}</span>
            {t('summary.title')}
          </button>
          <span className="ols-muted">
            {/* which dialogs: the built-in preset they came from, or "filtered" once edited or saved */}
            {presetId !== null && (BUILT_IN_PRESET_IDS as readonly string[]).includes(presetId)
              ? t(`workspace.preset.${presetId}` as MessageKey)
              : t(presetId === null ? 'summary.customFilter' : 'summary.savedPreset')}
            {filteredColumns > 0 && ` · ${t('filter.active', { count: filteredColumns })}`}
          </span>
          {open && data && <span className="ols-muted">{t('summary.updatedAt', { time: formatTime(data.at, locale) ?? '' })}</span>}
          {open && (
            <button type="button" className="ols-button ols-button--small" onClick={() => void load()} disabled={loading}>
              {t('summary.refresh')}
            </button>
          )}
        </header>
        {open && (
          <div id="ols-summary-body" className="ols-summary-body" aria-busy={loading}>
            {error && (
              <p className="ols-error" role="alert">
                {t('pane.error', { message: error })}
              </p>
            )}
            {!data && loading && <p className="ols-muted">{t('pane.loading')}</p>}
            {data && <SummaryBody data={data} tr={tr} />}
          </div>
        )}
      </section>
      {/* the charts above the grid: the same summary, drawn */}
      <ChartsPanel />
    </>
  );
}
