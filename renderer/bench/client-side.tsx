/**
 * Bench page (npm run bench, renderer part; not linked from the app): the
 * comparison the infinite row model is measured against. It loads ALL rows
 * of the cache over the same contract (`dialogs:list`, blocks of 1000,
 * through src/ipc.ts) into AG Grid's client-side row model, with the app's
 * own column definitions, theme and styles, then renders them. Its progress
 * is on `window.olsBench` for the bench runner (electron/tools/bench/renderer.ts).
 * Nothing inline: it runs under the host's CSP like the app.
 */
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AgGridReact } from 'ag-grid-react';
import { ClientSideRowModelModule, ModuleRegistry, type GetRowIdParams } from 'ag-grid-community';
import type { DialogListItem } from '../../shared/domain/dialog.ts';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import { EMPTY_FILTER } from '../../shared/domain/filter.ts';
import '../src/grid/setup.ts';
import '../src/styles.css';
import { gridTheme } from '../src/grid/setup.ts';
import { buildColumnDefs, gridLocaleText } from '../src/grid/columns.ts';
import { translator } from '../src/i18n/index.ts';
import { call, errorMessage } from '../src/ipc.ts';

ModuleRegistry.registerModules([ClientSideRowModelModule]);

const BLOCK = 1000;
/** requests in flight at once: the host queues beyond its own bound anyway */
const PARALLEL = 4;

export interface BenchProgress {
  state: 'loading' | 'ready' | 'failed';
  total: number | null;
  loaded: number;
  /** ms from navigation start until every row had arrived */
  loadedAtMs: number | null;
  error: string | null;
}

declare global {
  interface Window {
    olsBench: BenchProgress;
  }
}

const progress: BenchProgress = { state: 'loading', total: null, loaded: 0, loadedAtMs: null, error: null };
window.olsBench = progress;

/** Every row in the app's default order, blocks fetched a few at a time and placed by index. */
async function loadAll(): Promise<DialogListItem[]> {
  const first = await call('dialogs:list', { filter: EMPTY_FILTER, sort: DEFAULT_SORT, startRow: 0, endRow: BLOCK });
  const total = first.total;
  progress.total = total;
  const blocks: DialogListItem[][] = [first.rows];
  progress.loaded = first.rows.length;
  let next = 1;
  const worker = async () => {
    while (next * BLOCK < total) {
      const index = next++;
      const page = await call('dialogs:list', {
        filter: EMPTY_FILTER,
        sort: DEFAULT_SORT,
        startRow: index * BLOCK,
        endRow: Math.min(total, (index + 1) * BLOCK),
      });
      blocks[index] = page.rows;
      progress.loaded += page.rows.length;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return blocks.flat();
}

// started at once, before React mounts (and only once, whatever StrictMode does)
const loading = loadAll();

const getRowId = (p: GetRowIdParams<DialogListItem>): string => String(p.data.id);

function ClientSideBench() {
  const [rows, setRows] = useState<DialogListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tr = translator('en');
  const columnDefs = useMemo(() => buildColumnDefs(tr, [], DEFAULT_SORT), [tr]);
  const localeText = useMemo(() => gridLocaleText(tr), [tr]);

  useEffect(() => {
    let cancelled = false;
    loading.then(
      (all) => {
        if (cancelled) return;
        progress.loadedAtMs = performance.now();
        setRows(all);
      },
      (failure: unknown) => {
        if (cancelled) return;
        progress.state = 'failed';
        progress.error = errorMessage(failure);
        setError(progress.error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  if (error) return <p role="alert">{error}</p>;
  if (!rows) return <p data-testid="bench-loading">{tr.t('grid.loading')}</p>;
  return (
    <div className="ols-grid" data-testid="dialog-grid" style={{ height: '100vh' }}>
      <div className="ols-grid-body">
        <AgGridReact<DialogListItem>
          theme={gridTheme}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, wrapHeaderText: true, autoHeaderHeight: true, suppressHeaderMenuButton: true }}
          localeText={localeText}
          rowData={rows}
          getRowId={getRowId}
          suppressColumnVirtualisation
          onFirstDataRendered={() => (progress.state = 'ready')}
        />
      </div>
    </div>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('client-side.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ClientSideBench />
  </StrictMode>,
);
