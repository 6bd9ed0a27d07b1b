/**
 * The dialog list's state: columns, sort, scope (all / active), the column
 * filters, the SLA thresholds, the row count, and what the side pane shows.
 * Column and sort changes are saved through `settings:set`; column saves are
 * debounced because a drag or a resize fires many events. Column filters are
 * kept in memory only (saved filter presets come later).
 */
import { create } from 'zustand';
import type { FilterModel } from 'ag-grid-community';
import type { ColumnStateEntry, Settings, SlaThresholds } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SLA } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SORT } from '../../../shared/domain/columns.ts';
import {
  ACTIVE_DIALOGS_FILTER,
  EMPTY_FILTER,
  type DialogFilter,
  type FilterCondition,
  type SortSpec,
} from '../../../shared/domain/filter.ts';
import type { MetricId } from '../../../shared/domain/metrics.ts';
import { call } from '../ipc.ts';
import { normaliseEntries, sameEntries } from '../grid/column-state.ts';
import { combineFilters, sameConditions } from '../grid/filter-model.ts';

export type Scope = 'all' | 'active';

export type PaneState =
  | { view: 'explain'; id: number; metric: MetricId }
  | { view: 'history'; id: number };

interface GridState {
  hydrated: boolean;
  /** the live column state (order, visibility, width) */
  columns: ColumnStateEntry[];
  /** bumped when columns change from outside the grid (chooser), so the grid applies them */
  columnsRevision: number;
  sort: SortSpec;
  sla: SlaThresholds;
  scope: Scope;
  /** the column filters as SQL conditions (ANDed with the scope) */
  columnConditions: FilterCondition[];
  /** AG Grid's own model of the same filters, to restore them when the grid remounts (language switch) */
  gridFilterModel: FilterModel | null;
  /** bumped to make the grid drop every column filter (the toolbar's "clear") */
  clearFiltersToken: number;
  /** rows matching the current filter, from the last block the grid loaded */
  total: number | null;
  pane: PaneState | null;
  /** bumped to make the grid reload every loaded block */
  reloadToken: number;
  hydrate(settings: Settings): void;
  /** from the grid's own events: remember and save, nothing to apply */
  columnsChanged(columns: ColumnStateEntry[]): void;
  /** from the chooser: remember, save and apply to the grid */
  applyColumns(columns: ColumnStateEntry[]): void;
  setSort(sort: SortSpec): void;
  setSla(sla: SlaThresholds): Promise<void>;
  setScope(scope: Scope): void;
  /** from the grid: its filter model and what it means in SQL (filter-model.ts) */
  setColumnFilters(gridFilterModel: FilterModel | null, conditions: FilterCondition[]): void;
  clearColumnFilters(): void;
  setTotal(total: number): void;
  openExplain(id: number, metric: MetricId): void;
  openHistory(id: number): void;
  closePane(): void;
}

const COLUMN_SAVE_DELAY_MS = 700;
let columnSaveTimer: ReturnType<typeof setTimeout> | null = null;

function saveColumnsSoon(columns: ColumnStateEntry[]): void {
  if (columnSaveTimer) clearTimeout(columnSaveTimer);
  columnSaveTimer = setTimeout(() => {
    columnSaveTimer = null;
    call('settings:set', { columns }).catch((error: unknown) => console.error('[settings] columns not saved', error));
  }, COLUMN_SAVE_DELAY_MS);
}

export const useGridStore = create<GridState>()((set, get) => ({
  hydrated: false,
  columns: normaliseEntries(null),
  columnsRevision: 0,
  sort: DEFAULT_SORT,
  sla: DEFAULT_SLA,
  scope: 'all',
  columnConditions: [],
  gridFilterModel: null,
  clearFiltersToken: 0,
  total: null,
  pane: null,
  reloadToken: 0,

  hydrate(settings) {
    set({
      hydrated: true,
      columns: normaliseEntries(settings.columns),
      sort: settings.sort ?? DEFAULT_SORT,
      sla: { ...DEFAULT_SLA, ...settings.sla },
    });
  },

  columnsChanged(columns) {
    if (sameEntries(columns, get().columns)) return;
    set({ columns });
    saveColumnsSoon(columns);
  },

  applyColumns(columns) {
    const normalised = normaliseEntries(columns);
    set((s) => ({ columns: normalised, columnsRevision: s.columnsRevision + 1 }));
    saveColumnsSoon(normalised);
  },

  setSort(sort) {
    const current = get().sort;
    if (current.column === sort.column && current.direction === sort.direction) return;
    set({ sort });
    call('settings:set', { sort }).catch((error: unknown) => console.error('[settings] sort not saved', error));
  },

  async setSla(sla) {
    const previous = get().sla;
    set({ sla });
    try {
      const saved = await call('settings:set', { sla });
      set({ sla: { ...DEFAULT_SLA, ...saved.sla } });
    } catch (error) {
      set({ sla: previous });
      throw error;
    }
  },

  setScope(scope) {
    if (scope !== get().scope) set((s) => ({ scope, total: null, reloadToken: s.reloadToken + 1 }));
  },

  setColumnFilters(gridFilterModel, conditions) {
    // the datasource reports the model on every block: only a real change counts
    if (sameConditions(conditions, get().columnConditions)) {
      set({ gridFilterModel });
      return;
    }
    // the old total no longer describes the rows; the next block brings the new one
    set({ gridFilterModel, columnConditions: conditions, total: null });
  },

  clearColumnFilters() {
    set((s) => ({ clearFiltersToken: s.clearFiltersToken + 1 }));
  },

  setTotal(total) {
    if (total !== get().total) set({ total });
  },

  openExplain(id, metric) {
    set({ pane: { view: 'explain', id, metric } });
  },

  openHistory(id) {
    set({ pane: { view: 'history', id } });
  },

  closePane() {
    set({ pane: null });
  },
}));

export function filterOfScope(scope: Scope): DialogFilter {
  return scope === 'active' ? ACTIVE_DIALOGS_FILTER : EMPTY_FILTER;
}

/**
 * THE filter of what the grid shows: the scope's conditions AND the column
 * filters. The grid's datasource and the Summary both call this, so their
 * numbers always describe the same dialogs.
 */
export function currentFilter(): DialogFilter {
  const { scope, columnConditions } = useGridStore.getState();
  return combineFilters(filterOfScope(scope), columnConditions);
}
