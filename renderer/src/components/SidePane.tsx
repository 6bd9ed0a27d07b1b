/** The right-hand pane for one dialog: its history, or why a metric has its value. */
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { ExplainView } from './ExplainView.tsx';
import { HistoryView } from './HistoryView.tsx';

export function SidePane() {
  const { t } = useT();
  const pane = useGridStore((s) => s.pane);
  const openHistory = useGridStore((s) => s.openHistory);
  const openExplain = useGridStore((s) => s.openExplain);
  const closePane = useGridStore((s) => s.closePane);
  if (!pane) return null;

  const firstMetric = METRIC_IDS[0];
  return (
    <aside
      className="ols-pane"
      data-testid="side-pane"
      aria-label={t('pane.label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') closePane();
      }}
    >
      <header className="ols-pane-header">
        <h2 className="ols-pane-title">{t('pane.dialog', { id: pane.id })}</h2>
        <div className="ols-tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={pane.view === 'history'}
            data-testid="pane-tab-history"
            onClick={() => openHistory(pane.id)}
          >
            {t('pane.history')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={pane.view === 'explain'}
            data-testid="pane-tab-explain"
            onClick={() => openExplain(pane.id, pane.view === 'explain' ? pane.metric : firstMetric)}
          >
            {t('pane.explain')}
          </button>
        </div>
        <button
          type="button"
          className="ols-button ols-icon-button"
          aria-label={t('pane.close')}
          title={t('pane.close')}
          data-testid="pane-close"
          onClick={closePane}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div className="ols-pane-body" role="tabpanel">
        {pane.view === 'history' ? <HistoryView id={pane.id} /> : <ExplainView id={pane.id} metric={pane.metric} />}
      </div>
    </aside>
  );
}
