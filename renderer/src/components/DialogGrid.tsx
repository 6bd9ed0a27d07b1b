/**
 * The dialog list: AG Grid's infinite row model over `dialogs:list`. It keeps
 * only the blocks in view (plus a few), reloads them when the services report
 * changes (throttled), ticks the live wait columns every second without a
 * query, and saves column and sort changes through the grid store. Column
 * filters go to SQL through the datasource (grid/filter-model.ts); a filter
 * the services reject shows an error with a way out, and the grid stays usable.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellClickedEvent,
  CellKeyDownEvent,
  FullWidthCellKeyDownEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowDoubleClickedEvent,
} from 'ag-grid-community';
import type { DialogRow } from '../../../shared/domain/dialog.ts';
import { errorMessage, IpcCallError, subscribe } from '../ipc.ts';
import { useAppStore, useT } from '../store/app.ts';
import { currentFilter, useGridStore } from '../store/grid.ts';
import { throttle } from '../throttle.ts';
import { gridTheme } from '../grid/setup.ts';
import { buildColumnDefs, gridLocaleText, isMetricColumn } from '../grid/columns.ts';
import { createDatasource } from '../grid/datasource.ts';
import { UnsupportedFilterError } from '../grid/filter-model.ts';
import { fromGridState, toGridState } from '../grid/column-state.ts';
import { LIVE_COLUMN_IDS } from '../grid/live.ts';

/** at most one reload of the visible blocks per this many ms, however busy the sync */
const REFRESH_THROTTLE_MS = 1500;
const TICK_MS = 1000;
const BLOCK_SIZE = 100;
/** 10 blocks = 1,000 rows kept at most; scrolling further fetches again */
const MAX_BLOCKS = 10;

const getRowId = (p: GetRowIdParams<DialogRow>): string => String(p.data.id);

interface LoadError {
  message: string;
  /** the column filters are the cause: offer to clear them */
  byFilter: boolean;
}

function describeLoadError(error: unknown): LoadError {
  if (error instanceof UnsupportedFilterError) return { message: error.message, byFilter: true };
  const hasFilters = useGridStore.getState().columnConditions.length > 0;
  if (error instanceof IpcCallError && error.code === 'VALIDATION' && hasFilters) {
    // the code is for support; the user gets the services' own sentence
    return { message: error.message, byFilter: true };
  }
  return { message: errorMessage(error), byFilter: false };
}

export function DialogGrid() {
  const tr = useT();
  const apiRef = useRef<GridApi<DialogRow> | null>(null);
  const [loadError, setLoadError] = useState<LoadError | null>(null);

  // Column defs are built once per mount from the state at that moment; later
  // changes flow through the grid itself (and the store merely records them).
  const columnDefs = useMemo(() => {
    const { columns, sort } = useGridStore.getState();
    return buildColumnDefs(tr, columns, sort);
  }, [tr]);
  const localeText = useMemo(() => gridLocaleText(tr), [tr]);
  // Read at mount, before this grid's first block can overwrite the store with an empty model.
  const [initialFilterModel] = useState(() => useGridStore.getState().gridFilterModel);

  const datasource = useMemo(
    () =>
      createDatasource({
        onColumnFilters: (model, conditions) => useGridStore.getState().setColumnFilters(model, conditions),
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
      if (state.clearFiltersToken !== previous.clearFiltersToken) api.setFilterModel(null);
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

  const onGridReady = (event: GridReadyEvent<DialogRow>): void => {
    apiRef.current = event.api;
    // a remount (language switch) keeps the filters the user had set
    if (initialFilterModel) event.api.setFilterModel(initialFilterModel);
  };

  const onCellClicked = (event: CellClickedEvent<DialogRow>): void => {
    const colId = event.column.getColId();
    if (event.data && isMetricColumn(colId)) useGridStore.getState().openExplain(event.data.id, colId);
  };

  const onCellKeyDown = (event: CellKeyDownEvent<DialogRow> | FullWidthCellKeyDownEvent<DialogRow>): void => {
    const key = event.event instanceof KeyboardEvent ? event.event.key : null;
    if (key !== 'Enter' || !event.data || !('column' in event)) return;
    const colId = event.column.getColId();
    if (isMetricColumn(colId)) useGridStore.getState().openExplain(event.data.id, colId);
    else if (colId === 'actions') useGridStore.getState().openHistory(event.data.id);
  };

  const onRowDoubleClicked = (event: RowDoubleClickedEvent<DialogRow>): void => {
    if (event.data) useGridStore.getState().openHistory(event.data.id);
  };

  return (
    <div className="ols-grid" data-testid="dialog-grid">
      {loadError && (
        <div className="ols-grid-error" role="alert" data-testid="grid-error">
          <span>{tr.t(loadError.byFilter ? 'filter.rejected' : 'grid.error', { message: loadError.message })}</span>
          {loadError.byFilter && (
            <button type="button" className="ols-button ols-button--small" onClick={() => useGridStore.getState().clearColumnFilters()}>
              {tr.t('filter.clearAll')}
            </button>
          )}
        </div>
      )}
      <div className="ols-grid-body">
        <AgGridReact<DialogRow>
          theme={gridTheme}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, wrapHeaderText: true, autoHeaderHeight: true, suppressHeaderMenuButton: true }}
          localeText={localeText}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={MAX_BLOCKS}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={50}
          getRowId={getRowId}
          suppressMultiSort
          // every column's cells stay in the DOM (rows are still virtual): a few hundred
          // cells is cheap, and tests and keyboard users find any column without scrolling
          suppressColumnVirtualisation
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          enableBrowserTooltips
          suppressDragLeaveHidesColumns
          onGridReady={onGridReady}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnResized={(e) => e.finished && saveColumns()}
          onColumnVisible={saveColumns}
          onCellClicked={onCellClicked}
          onCellKeyDown={onCellKeyDown}
          onRowDoubleClicked={onRowDoubleClicked}
        />
      </div>
    </div>
  );
}
