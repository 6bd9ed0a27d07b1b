/**
 * The dialog list: AG Grid's infinite row model over `dialogs:list`. It keeps
 * only the blocks in view (plus a few), reloads them when the services report
 * changes (throttled), ticks the live wait columns every second without a
 * query, and saves column and sort changes through the grid store. Column
 * filters go to SQL through the datasource (grid/filter-model.ts); a filter
 * the services reject shows an error with a way out, and the grid stays usable.
 */
import { triageCommand } from '../grid/triage-keys.ts';
import { selectionKey, suppressSelectionKeys } from '../grid/selection-keys.ts';
import { useSelectionStore } from '../store/selection.ts';
import { selectionColumn } from './SelectionCells.tsx';
import { onActionDialogClosed, useActionsStore } from '../store/actions.ts';
import { RowMenu, openRowMenuFromCell } from './actions/RowMenu.tsx';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClickedEvent,
  CellFocusedEvent,
  CellKeyDownEvent,
  FilterChangedEvent,
  FullWidthCellKeyDownEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowDoubleClickedEvent,
} from 'ag-grid-community';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { errorMessage, IpcCallError, subscribe } from '../ipc.ts';
import { useAppStore, useT } from '../store/app.ts';
import { currentFilter, useGridStore } from '../store/grid.ts';
import { throttle } from '../throttle.ts';
import { agGridLocaleText, gridTheme, scrollbarWidthToReserve } from '../grid/setup.ts';
import { buildColumnDefs, gridLocaleText, isMetricColumn, loadingRowClassRules } from '../grid/columns.ts';
import { createDatasource } from '../grid/datasource.ts';
import { conditionsFromGridModel, showFilterInHeaders, UnsupportedFilterError } from '../grid/filter-model.ts';
import { fromGridState, toGridState } from '../grid/column-state.ts';
import { LIVE_COLUMN_IDS } from '../grid/live.ts';
import { decidePlace, focusDialogGrid, type GridPlace } from '../grid/keep-place.ts';

/** at most one reload of the visible blocks per this many ms, however busy the sync */
const REFRESH_THROTTLE_MS = 1500;
const TICK_MS = 1000;
const BLOCK_SIZE = 100;
/** 10 blocks = 1,000 rows kept at most; scrolling further fetches again */
const MAX_BLOCKS = 10;

const getRowId = (p: GetRowIdParams<DialogListItem>): string => String(p.data.id);

interface LoadError {
  message: string;
  /** the column filters are the cause: offer to clear them */
  byFilter: boolean;
}

function describeLoadError(error: unknown): LoadError {
  if (error instanceof UnsupportedFilterError) return { message: error.message, byFilter: true };
  const { filter } = useGridStore.getState();
  const hasFilters = filter.conditions.length > 0 || (filter.groups ?? []).some((g) => g.conditions.length > 0);
  if (error instanceof IpcCallError && error.code === 'VALIDATION' && hasFilters) {
    // the code is for support; the user gets the services' own sentence
    return { message: error.message, byFilter: true };
  }
  return { message: errorMessage(error), byFilter: false };
}

export function DialogGrid() {
  const tr = useT();
  const apiRef = useRef<GridApi<DialogListItem> | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // Focus follows the dialog, not the row index: rows arrive at the top (grid/keep-place.ts).
  const placeRef = useRef<GridPlace | null>(null);
  // whether keyboard focus was last in the grid; a re-rendered row can drop it to <body> meanwhile
  const focusInGridRef = useRef(false);
  const [announcement, setAnnouncement] = useState('');
  const [scrollbarWidth] = useState(scrollbarWidthToReserve);
  const [loadError, setLoadError] = useState<LoadError | null>(null);

  // Column defs are built once per mount from the state at that moment; later
  // changes flow through the grid itself (and the store merely records them).
  const columnDefs = useMemo(() => {
    const { columns, sort } = useGridStore.getState();
    // the checkbox column first, pinned left: not a dialog column, so never saved in settings or layouts
    return [selectionColumn(), ...buildColumnDefs(tr, columns, sort)];
  }, [tr]);
  // AG Grid's own texts from its locale package (Russian: ours), the app's wording over them
  const localeText = useMemo(() => ({ ...agGridLocaleText(tr.language), ...gridLocaleText(tr) }), [tr]);
  const datasource = useMemo(
    () =>
      createDatasource({
        filter: currentFilter,
        onTotal: (total) => {
          useGridStore.getState().setTotal(total);
          setLoadError(null);
        },
        onSort: (sort) => useGridStore.getState().setSort(sort),
        onError: (error) => setLoadError(describeLoadError(error)),
      }),
    [],
  );

  // After an action dialog closes, the keyboard is back on the row it acted on.
  // (after the modal has gone, through the grid's own focus: the rows may have been re-rendered meanwhile)
  useEffect(
    () =>
      onActionDialogClosed(() =>
        setTimeout(() => {
          focusInGridRef.current = true;
          if (!focusRowOnEntry()) focusDialogGrid();
        }, 0),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reads refs only
    [],
  );

  // New and changed dialogs appear without a reload: re-fetch the loaded blocks.
  useEffect(() => {
    const refresh = throttle(() => apiRef.current?.refreshInfiniteCache(), REFRESH_THROTTLE_MS);
    const off = subscribe('dialogs:changed', () => refresh());
    return () => {
      off();
      refresh.cancel();
    };
  }, []);

  // Scope changes start over from the top; "clear filters" goes through the grid's own
  // filter model (the datasource then records it); a reconnection re-fetches what is loaded.
  useEffect(() => {
    const offGrid = useGridStore.subscribe((state, previous) => {
      const api = apiRef.current;
      if (!api) return;
      if (state.reloadToken !== previous.reloadToken) {
        api.ensureIndexVisible(0, 'top');
        api.purgeInfiniteCache();
      }
      // the store's filter is the truth: the headers show what it says (their echo is a no-op)
      if (state.filter !== previous.filter) showFilterInHeaders(api, state.filter);
      // a preset's saved sort (the grid's own header clicks arrive here already applied: a no-op)
      if (state.sort !== previous.sort) {
        const shown = api.getColumnState().find((c) => c.sort);
        if (shown?.colId !== state.sort.column || shown.sort !== state.sort.direction) {
          api.applyColumnState({ state: [{ colId: state.sort.column, sort: state.sort.direction }], defaultState: { sort: null } });
        }
      }
      if (state.columnsRevision !== previous.columnsRevision) {
        api.applyColumnState({ state: toGridState(state.columns), applyOrder: true });
      }
    });
    const offApp = useAppStore.subscribe((state, previous) => {
      if (state.reconnects !== previous.reconnects) apiRef.current?.refreshInfiniteCache();
    });
    return () => {
      offGrid();
      offApp();
    };
  }, []);

  // The one ticker: re-render the live wait cells from the clock, no query.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.hidden) return;
      apiRef.current?.refreshCells({ columns: [...LIVE_COLUMN_IDS], force: true });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const saveColumns = (): void => {
    const api = apiRef.current;
    if (api) useGridStore.getState().columnsChanged(fromGridState(api.getColumnState()));
  };

  const onGridReady = (event: GridReadyEvent<DialogListItem>): void => {
    apiRef.current = event.api;
    // the headers show the store's filter, also after a remount (language switch)
    showFilterInHeaders(event.api, useGridStore.getState().filter);
  };

  // A header filter edited by the user edits the store's filter (the store's own
  // setFilterModel calls come back as source 'api' and are not edits).
  const onFilterChanged = (event: FilterChangedEvent<DialogListItem>): void => {
    if (event.source === 'api') return;
    try {
      useGridStore.getState().headerFiltersChanged(conditionsFromGridModel(event.api.getFilterModel()));
    } catch (error) {
      // a filter we cannot express in SQL fails loudly rather than showing unfiltered rows
      setLoadError(describeLoadError(error));
    }
  };

  const onCellFocused = (event: CellFocusedEvent<DialogListItem>): void => {
    if (event.rowIndex === null || event.rowPinned || !event.column) return;
    const data = event.api.getDisplayedRowAtIndex(event.rowIndex)?.data;
    const colId = typeof event.column === 'string' ? event.column : event.column.getColId();
    if (data) placeRef.current = { id: data.id, colId };
  };

  const gridHasFocus = (): boolean => {
    const active = document.activeElement;
    return focusInGridRef.current && (active === document.body || (active !== null && !!rootRef.current?.contains(active)));
  };

  // After every block load (a live refresh, a scroll): put focus back on the remembered dialog.
  const restorePlace = (): void => {
    const api = apiRef.current;
    const place = placeRef.current;
    const focused = api?.getFocusedCell();
    if (!api || !place || !focused || focused.rowPinned) return;
    const decision = decidePlace({
      place,
      focusedIndex: focused.rowIndex,
      idAtFocus: api.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id ?? null,
      indexOfPlace: api.getRowNode(String(place.id))?.rowIndex ?? null,
    });
    if (decision.kind === 'left') {
      placeRef.current = { ...place, id: decision.nowId };
      setAnnouncement(tr.t('grid.focusLeft', { left: decision.leftId, now: decision.nowId }));
    } else if (decision.kind === 'move' && gridHasFocus()) {
      // only while the user works in the grid: never pull focus out of the toolbar or the pane
      api.ensureIndexVisible(decision.rowIndex);
      api.setFocusedCell(decision.rowIndex, place.colId);
    }
  };

  // Tabbing into the grid lands on a row (the remembered dialog, else the first row in view),
  // not on the first header cell: the rows are what a keyboard user came for.
  const focusRowOnEntry = (): boolean => {
    const api = apiRef.current;
    if (!api || api.getDisplayedRowCount() === 0) return false;
    const place = placeRef.current;
    const placeIndex = place ? api.getRowNode(String(place.id))?.rowIndex : undefined;
    const rowIndex = placeIndex ?? Math.max(0, api.getFirstDisplayedRowIndex());
    const colId = place?.colId ?? api.getAllDisplayedColumns()[0]?.getColId();
    if (colId === undefined) return false;
    api.ensureIndexVisible(rowIndex);
    api.setFocusedCell(rowIndex, colId);
    return true;
  };

  const onCellClicked = (event: CellClickedEvent<DialogListItem>): void => {
    const colId = event.column.getColId();
    if (event.data && isMetricColumn(colId)) useGridStore.getState().openExplain(event.data.id, colId);
  };

  const onCellKeyDown = (event: CellKeyDownEvent<DialogListItem> | FullWidthCellKeyDownEvent<DialogListItem>): void => {
    const key = event.event instanceof KeyboardEvent ? event.event.key : null;
    // Enter or Space on the ≡ cell opens the row's menu (actions/RowMenu.tsx), before any row key sees it
    if ((key === 'Enter' || key === ' ') && event.data && 'column' in event && event.column.getColId() === 'actions') {
      const { api, node } = event;
      event.event?.preventDefault();
      openRowMenuFromCell(event.data, event.event?.target ?? null, () => node.rowIndex !== null && api.setFocusedCell(node.rowIndex, 'actions'));
      return;
    }
    if (event.event instanceof KeyboardEvent && selectionShortcut(event.event)) return;
    if (event.event instanceof KeyboardEvent && event.data && key !== 'Enter' && triage(event.event, event.data, event.node.rowIndex)) return;
    if (key !== 'Enter' || !event.data || !('column' in event)) return;
    const colId = event.column.getColId();
    if (isMetricColumn(colId)) useGridStore.getState().openExplain(event.data.id, colId);
    // Enter on any other cell opens the dialog's history, as the actions cell does
    else useGridStore.getState().openHistory(event.data.id);
    // the row whose pane is open is the selected one
    event.node.setSelected(true);
  };

  /** Ctrl/Cmd+A selects every dialog the filter selects; Esc clears a selection (and leaves Esc to others when there is none). */
  const selectionShortcut = (keyboard: KeyboardEvent): boolean => {
    const command = selectionKey(keyboard);
    // an Esc the side pane already took (it closed itself) does one thing, not two
    // (Ctrl+A arrives prevented on purpose: suppressSelectionKeys keeps the page's text from selecting)
    if (command === 'clear' && keyboard.defaultPrevented) return false;
    const selection = useSelectionStore.getState();
    if (command === 'selectAll') selection.selectAll();
    else if (command === 'clear' && (selection.selection.kind === 'all' || selection.selection.ids.size > 0)) selection.clear();
    else return false;
    keyboard.preventDefault();
    return true;
  };

  /** One key per action on the focused row (grid/triage-keys.ts); true when the key was one. */
  const triage = (keyboard: KeyboardEvent, row: DialogListItem, rowIndex: number | null): boolean => {
    const command = triageCommand(keyboard, row);
    if (!command) return false;
    keyboard.preventDefault();
    if (command.kind === 'select') {
      useSelectionStore.getState().toggleRow({ id: row.id, index: rowIndex ?? 0 });
      return true;
    }
    const actions = useActionsStore.getState();
    const one = { dialogIds: [row.id] };
    if (command.kind === 'act') void actions.begin(command.action, one);
    else if (command.kind === 'menu') actions.openMenu({ kind: command.menu, target: one });
    else if (command.kind === 'help') actions.setHelp(true);
    else document.querySelector<HTMLInputElement>('[data-testid="quick-search"] input')?.focus();
    return true;
  };

  const onRowDoubleClicked = (event: RowDoubleClickedEvent<DialogListItem>): void => {
    if (event.data) useGridStore.getState().openHistory(event.data.id);
  };

  return (
    <div
      className="ols-grid"
      data-testid="dialog-grid"
      id="dialog-grid"
      ref={rootRef}
      onFocus={() => (focusInGridRef.current = true)}
      onBlur={(e) => {
        // focus moving to another element outside leaves the grid; to nowhere (a row re-rendered) does not
        if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget)) focusInGridRef.current = false;
      }}
    >
      <p className="ols-visually-hidden" role="status" aria-live="polite" data-testid="grid-announce">
        {announcement}
      </p>
      <RowMenu />
      {loadError && (
        <div className="ols-grid-error" role="alert" data-testid="grid-error">
          <span>{tr.t(loadError.byFilter ? 'filter.rejected' : 'grid.error', { message: loadError.message })}</span>
          {loadError.byFilter && (
            <button type="button" className="ols-button ols-button--small" onClick={() => useGridStore.getState().clearFilter()}>
              {tr.t('filter.bar.clearFilter')}
            </button>
          )}
        </div>
      )}
      <div className="ols-grid-body">
        <AgGridReact<DialogListItem>
          theme={gridTheme}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, wrapHeaderText: true, autoHeaderHeight: true, suppressHeaderMenuButton: true, suppressKeyboardEvent: suppressSelectionKeys }}
          localeText={localeText}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={MAX_BLOCKS}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={50}
          getRowId={getRowId}
          rowClassRules={loadingRowClassRules}
          suppressMultiSort
          // every column's cells stay in the DOM (rows are still virtual): a few hundred
          // cells is cheap, and tests and keyboard users find any column without scrolling
          suppressColumnVirtualisation
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          enableBrowserTooltips
          suppressDragLeaveHidesColumns
          onGridReady={onGridReady}
          onCellFocused={onCellFocused}
          onModelUpdated={restorePlace}
          // the last column must not end under an overlay scrollbar (setup.ts)
          scrollbarWidth={scrollbarWidth}
          // Tab leaves the grid (arrows move between cells): the side pane is the next stop
          tabToNextCell={() => false}
          focusGridInnerElement={focusRowOnEntry}
          onFilterChanged={onFilterChanged}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnResized={(e) => e.finished && saveColumns()}
          onColumnVisible={saveColumns}
          // a header dragged into (or out of) the pinned area: kept like a move or a resize
          onColumnPinned={saveColumns}
          onCellClicked={onCellClicked}
          onCellKeyDown={onCellKeyDown}
          onRowDoubleClicked={onRowDoubleClicked}
        />
      </div>
    </div>
  );
}
