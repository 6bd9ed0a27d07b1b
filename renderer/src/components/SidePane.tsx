/**
 * The right-hand pane for one dialog: its history, or why a metric has its
 * value. Keyboard: Tab from the grid reaches it (the grid is one tab stop),
 * F6 moves focus between the grid and the pane, and Esc closes it from
 * anywhere on the page, handing focus back to the dialog's row; an open
 * popover (an AG Grid filter, the column chooser) takes that Esc first.
 * While open, the pane follows the grid's focused row.
 */
import { useEffect, useRef } from 'react';
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { ExplainView } from './ExplainView.tsx';
import { HistoryView } from './HistoryView.tsx';
import { focusDialogGrid } from '../grid/keep-place.ts';
import { useFollowFocusedRow } from './history/useFollowFocusedRow.ts';

/** Open popovers that own Escape while they are shown: AG Grid's filter popups, our popovers and modal dialogs (the action preview). */
const POPOVER_SELECTOR = '.ag-popup, .ols-popover, dialog[open], [aria-modal="true"]';

/** Esc belongs to a popover when one is open or the key was pressed inside one (it may already be gone). */
function escapeBelongsToPopover(event: KeyboardEvent): boolean {
  if (document.querySelector(POPOVER_SELECTOR)) return true;
  const target = event.target;
  return target instanceof Element && (!target.isConnected || target.closest(POPOVER_SELECTOR) !== null);
}

/** Esc in the history's search field clears what was typed first; only an empty field lets it close the pane. */
const escapeClearsSearch = (event: KeyboardEvent): boolean =>
  event.target instanceof HTMLInputElement && event.target.hasAttribute('data-history-search') && event.target.value !== '';

export function SidePane() {
  const { t } = useT();
  const pane = useGridStore((s) => s.pane);
  const openHistory = useGridStore((s) => s.openHistory);
  const openExplain = useGridStore((s) => s.openExplain);
  const closePane = useGridStore((s) => s.closePane);
  const paneRef = useRef<HTMLElement>(null);
  const paneId = pane?.id ?? null;
  useFollowFocusedRow(paneId !== null);

  useEffect(() => {
    if (paneId === null) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.key === 'Escape') {
        if (escapeBelongsToPopover(event) || escapeClearsSearch(event)) return;
        const root = paneRef.current;
        // focus in the pane (or lost with it) goes back to the dialog's row; elsewhere it stays put
        const focusWasInPane = !!root && (root.contains(document.activeElement) || document.activeElement === document.body);
        // this Esc is spent: the grid must not also clear its selection with it (the next Esc does)
        event.preventDefault();
        closePane();
        if (focusWasInPane) requestAnimationFrame(() => focusDialogGrid(paneId));
      } else if (event.key === 'F6') {
        // the usual key for "next pane": from the pane to the grid, from anywhere else to the pane
        event.preventDefault();
        const root = paneRef.current;
        if (root?.contains(document.activeElement)) focusDialogGrid(paneId);
        else root?.focus();
      }
    };
    // capture: runs before AG Grid's popups close themselves, so an open one is still in the DOM
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [paneId, closePane]);

  if (!pane) return null;

  const firstMetric = METRIC_IDS[0];
  return (
    <aside
      className="ols-pane"
      data-testid="side-pane"
      aria-label={t('pane.label')}
      aria-keyshortcuts="F6 Escape"
      // focusable itself, so F6 lands on the pane and a screen reader announces its label
      tabIndex={-1}
      ref={paneRef}
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
          aria-keyshortcuts="Escape"
          title={t('grid.pane.closeHint')}
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
