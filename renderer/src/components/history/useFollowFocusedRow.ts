/**
 * While the side pane is open it follows the grid's focused row: moving
 * with the arrows (or j / k) shows that dialog's history, or the same
 * metric's explanation. Read from the DOM's focus (AG Grid focuses the
 * row's cell and renders `row-id` on it) so the grid needs no hook for the
 * pane; opening the pane only reads, so following can never act on a dialog.
 */
import { useEffect } from 'react';
import { useGridStore } from '../../store/grid.ts';

export function useFollowFocusedRow(open: boolean): void {
  useEffect(() => {
    if (!open) return;
    const onFocusIn = (event: FocusEvent): void => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      const row = target.closest('[data-testid="dialog-grid"] .ag-row[row-id]');
      // pinned and full-width rows have ids that are not dialog numbers
      const id = Number(row?.getAttribute('row-id'));
      if (!row || !Number.isSafeInteger(id) || id <= 0) return;
      const { pane, openHistory, openExplain } = useGridStore.getState();
      if (!pane || pane.id === id) return;
      if (pane.view === 'history') openHistory(id);
      else openExplain(id, pane.metric);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [open]);
}
