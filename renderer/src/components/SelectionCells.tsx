/**
 * The grid's checkbox column (issue 9 §2): a box per row and one in the
 * header, both drawn from the selection store, so a live refresh that
 * re-creates the rows shows the same dialogs ticked. Click toggles a row,
 * Shift+click ticks the range from the last row clicked (read by position on
 * the services side when not all of it is loaded), the header box selects
 * every dialog the filter selects, or clears — by click, or by Space / Enter
 * on its header cell, which the grid's arrows reach (up from the first row).
 */
import { useEffect, useRef } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps, CustomHeaderProps } from 'ag-grid-react';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { headerState, isSelected } from '../grid/selection.ts';
import { useT } from '../store/app.ts';
import { useGridStore } from '../store/grid.ts';
import { useSelectionStore } from '../store/selection.ts';

/** not a ColumnId: settings and layouts never hold it (column-state.ts drops unknown ids) */
export const SELECT_COLUMN_ID = 'select';

function SelectCell(props: CustomCellRendererProps<DialogListItem>) {
  const { t } = useT();
  const id = props.data?.id;
  const checked = useSelectionStore((s) => id !== undefined && isSelected(s.selection, id));
  if (id === undefined) return null;
  return (
    <input
      type="checkbox"
      className="ols-select-box"
      // the grid is one tab stop: Space / x on the focused row ticks it
      tabIndex={-1}
      checked={checked}
      aria-label={t('actions.selectDialog', { id })}
      data-testid="select-row"
      // Shift+mousedown would otherwise extend a text selection over the cells
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onChange={(e) => {
        const shift = (e.nativeEvent as MouseEvent).shiftKey === true;
        const { anchor, click } = useSelectionStore.getState();
        const anchorIndexNow = anchor ? (props.api.getRowNode(String(anchor.id))?.rowIndex ?? null) : null;
        void click({ id, index: props.node.rowIndex ?? 0 }, shift, anchorIndexNow);
      }}
    />
  );
}

/** All matching when nothing is ticked, else none: what the header box does. */
function toggleAll(): void {
  const store = useSelectionStore.getState();
  if (headerState(store.selection, useGridStore.getState().total) === 'none') store.selectAll();
  else store.clear();
}

function SelectHeader(props: CustomHeaderProps<DialogListItem>) {
  const { t } = useT();
  const total = useGridStore((s) => s.total);
  const state = useSelectionStore((s) => headerState(s.selection, total));
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  // the grid focuses the header cell, not the box inside it (one tab stop): the cell takes the keys
  const cell = props.eGridHeader;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' && e.key !== 'Enter') return;
      e.preventDefault();
      e.stopPropagation();
      toggleAll();
    };
    cell.addEventListener('keydown', onKey);
    cell.setAttribute('aria-label', t('actions.selectAll'));
    return () => cell.removeEventListener('keydown', onKey);
  }, [cell, t]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="ols-select-box"
      checked={state === 'all'}
      aria-label={t('actions.selectAll')}
      aria-checked={state === 'some' ? 'mixed' : state === 'all'}
      data-testid="select-all"
      data-state={state}
      // reached by the header cell's keys, not by Tab
      tabIndex={-1}
      onChange={toggleAll}
    />
  );
}

export function selectionColumn(): ColDef<DialogListItem> {
  return {
    colId: SELECT_COLUMN_ID,
    headerName: '',
    width: 44,
    minWidth: 44,
    maxWidth: 44,
    pinned: 'left',
    lockPinned: true,
    lockPosition: 'left',
    suppressMovable: true,
    resizable: false,
    sortable: false,
    filter: false,
    cellRenderer: SelectCell,
    headerComponent: SelectHeader,
  };
}
