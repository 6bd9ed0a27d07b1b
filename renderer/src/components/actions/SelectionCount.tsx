/**
 * What the bar's actions will act on when rows are ticked: "2,341 selected"
 * (for "all matching", the filter's count minus the unticked), a Clear
 * button, and the selection's notice (an "all matching" selection the filter
 * change dropped, a range or a target that could not be made).
 */
import { MAX_ACTION_DIALOGS, MAX_ACTION_IDS } from '../../../../shared/domain/actions.ts';
import { selectedCount } from '../../grid/selection.ts';
import { useT } from '../../store/app.ts';
import { useGridStore } from '../../store/grid.ts';
import { useSelectionStore, type SelectionNotice } from '../../store/selection.ts';

function noticeText(t: ReturnType<typeof useT>['t'], locale: string, notice: SelectionNotice): string {
  switch (notice.kind) {
    case 'allCleared':
      return t('actions.selectionAllCleared');
    case 'error':
      return t('actions.selectionError', { message: notice.message });
    case 'tooManyExcluded':
      return t('actions.selectionTooManyExcluded', { max: MAX_ACTION_DIALOGS.toLocaleString(locale) });
    case 'outsideFilter':
      return t('actions.selectionOutsideFilter', { max: MAX_ACTION_IDS.toLocaleString(locale) });
    case 'tooLarge':
      return t('actions.selectionTooLarge', { max: MAX_ACTION_DIALOGS.toLocaleString(locale) });
  }
}

/** The selection's count and Clear; null when nothing is ticked (the bar then says "All N matching"). */
export function SelectionCount() {
  const { t, locale } = useT();
  const total = useGridStore((s) => s.total);
  const selection = useSelectionStore((s) => s.selection);
  const notice = useSelectionStore((s) => s.notice);
  const resolving = useSelectionStore((s) => s.resolving);
  const count = selectedCount(selection, total);
  const any = selection.kind === 'all' || selection.ids.size > 0;
  return (
    <>
      {any && (
        <span className="ols-selection" data-testid="selection-count" data-kind={selection.kind} data-count={count ?? ''} aria-busy={resolving}>
          <strong>{count === null ? t('actions.selectedUnknown') : t('actions.selected', { count: count.toLocaleString(locale) })}</strong>{' '}
          <button
            type="button"
            className="ols-button ols-button--small"
            aria-label={t('actions.selectionClearLabel')}
            data-testid="selection-clear"
            onClick={() => useSelectionStore.getState().clear()}
          >
            {t('actions.selectionClear')}
          </button>
        </span>
      )}
      {notice && (
        <span className="ols-muted" role="status" data-testid="selection-notice" data-kind={notice.kind}>
          {noticeText(t, locale, notice)}{' '}
          <button
            type="button"
            className="ols-button ols-button--small"
            aria-label={t('actions.selectionDismiss')}
            onClick={() => useSelectionStore.getState().dismissNotice()}
          >
            ×
          </button>
        </span>
      )}
    </>
  );
}

/** Whether the bar's actions go to ticked rows (rather than to all matching the filter). */
export function useHasSelection(): boolean {
  return useSelectionStore((s) => s.selection.kind === 'all' || s.selection.ids.size > 0);
}
