/**
 * The window: connection banner, toolbar, summary, the dialog grid and the
 * side pane. The grid is keyed by language because AG Grid takes its own
 * texts (localeText) only when it is created; its column state survives the
 * remount through the grid store.
 */
import { useEffect } from 'react';
import { useAppStore, useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { NoticeBanner } from './NoticeBanner.tsx';
import { DialogGrid } from './DialogGrid.tsx';
import { SidePane } from './SidePane.tsx';
import { SummaryPanel } from './SummaryPanel.tsx';
import { Toolbar } from './Toolbar.tsx';
import { focusDialogGrid } from '../grid/keep-place.ts';
import { FilterBar } from './filter-bar/FilterBar.tsx';
import { QuickSearch } from './QuickSearch.tsx';
import { ActionBar } from './actions/ActionBar.tsx';
import { AuditPanel } from './audit/AuditPanel.tsx';
import { CommandPalette } from './palette/CommandPalette.tsx';

export function App() {
  const { t, language } = useT();
  const phase = useAppStore((s) => s.phase);
  const startError = useAppStore((s) => s.startError);
  const start = useAppStore((s) => s.start);
  const paneOpen = useGridStore((s) => s.pane !== null);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className="ols-app">
      {phase === 'ready' && (
        // the first tab stop: past the toolbar and filters straight to the rows (shown when focused)
        <a
          className="ols-skip-link"
          href="#dialog-grid"
          data-testid="skip-to-grid"
          onClick={(event) => {
            event.preventDefault();
            focusDialogGrid();
          }}
        >
          {t('grid.skipToList')}
        </a>
      )}
      <ConnectionBanner />
      {phase === 'loading' && (
        <p className="ols-splash" role="status">
          {t('app.loading')}
        </p>
      )}
      {phase === 'failed' && (
        <div className="ols-splash" role="alert">
          <p>{t('app.startError', { message: startError ?? '' })}</p>
          <button type="button" className="ols-button" onClick={() => void start()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {phase === 'ready' && (
        <>
          <NoticeBanner />
          <Toolbar />
          <FilterBar leading={<QuickSearch />} />
          <ActionBar />
          <SummaryPanel />
          <main className={`ols-main${paneOpen ? ' ols-main--pane' : ''}`}>
            <DialogGrid key={language} />
            <SidePane />
          </main>
          <AuditPanel />
          <CommandPalette />
        </>
      )}
    </div>
  );
}
