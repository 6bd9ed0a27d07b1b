/**
 * The dialog list's state: columns, sort, THE filter (issue 8 §1), the SLA
 * thresholds, the row count, and what the side pane shows. Column and sort
 * changes are saved through `settings:set`; column saves are debounced
 * because a drag or a resize fires many events.
 *
 * The filter is owned here and nowhere else: presets, the Filter + search bar
 * and the header column filters all write it (the headers through
 * headerFiltersChanged, which replaces the edited columns' top-level
 * conditions), and the grid derives AG Grid's filter model from it
 * (grid/filter-model.ts gridModelFromFilter), never the other way round.
 */
import { create } from 'zustand';
import type { ColumnStateEntry, ResponseOf, Settings, SlaThresholds } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SLA } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SORT } from '../../../shared/domain/columns.ts';
import {
  EMPTY_FILTER,
  type DialogFilter,
  type FilterCondition,
  type SortSpec,
} from '../../../shared/domain/filter.ts';
import type { MetricId } from '../../../shared/domain/metrics.ts';
import { call, errorMessage } from '../ipc.ts';
import { normaliseEntries, sameEntries } from '../grid/column-state.ts';
import { headerConditions, sameConditions, withHeaderConditions } from '../grid/filter-model.ts';

/** What the Filter + search bar offers for lines, operators and channels. */
export type FilterChoices = ResponseOf<'reference:get'>;

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
  /**
   * THE filter the user built (issue 8 §1): a preset's and the Filter + search
   * bar's conditions, groups and quick search. The datasource, the summary,
   * export and bulk actions all read it through currentFilter().
   */
  filter: DialogFilter;
  /** the preset `filter` came from ('active', 'user:12', …); null once edited, or when none was chosen */
  presetId: string | null;
  /**
   * What the header column filters show of `filter` (derived, recomputed with
   * it; a new array only when it changes). For the toolbar's "Column filters: N".
   */
  columnConditions: FilterCondition[];
  /** choices for the bar's "any of" pickers; null until loaded */
  filterChoices: FilterChoices | null;
  filterChoicesError: string | null;
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
  /** replace the filter (the rows reload); `presetId` names the preset it came from */
  setFilter(filter: DialogFilter, presetId?: string | null): void;
  /** from the grid: what the header filters now say, as conditions (conditionsFromGridModel) */
  headerFiltersChanged(fromHeaders: FilterCondition[]): void;
  /** drop what the header filters show (the toolbar's "clear column filters") */
  clearColumnFilters(): void;
  /** drop every condition and group (Esc in the bar); the quick search stays, it has its own clear */
  clearFilter(): void;
  loadFilterChoices(): Promise<void>;
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
  filter: EMPTY_FILTER,
  presetId: null,
  columnConditions: [],
  filterChoices: null,
  filterChoicesError: null,
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

  setFilter(filter, presetId = null) {
    set((s) => {
      const shown = headerConditions(filter);
      return {
        filter,
        presetId,
        // keep the old array when the headers show the same: its identity means "changed"
        columnConditions: sameConditions(shown, s.columnConditions) ? s.columnConditions : shown,
        // the old total no longer describes the rows; the next block brings the new one
        total: null,
        reloadToken: s.reloadToken + 1,
      };
    });
  },

  headerFiltersChanged(fromHeaders) {
    const { filter } = get();
    const next = withHeaderConditions(filter, fromHeaders);
    // the echo of our own setFilterModel changes nothing; a real edit means the preset was edited
    if (next !== filter) get().setFilter(next, null);
  },

  clearColumnFilters() {
    get().headerFiltersChanged([]);
  },

  clearFilter() {
    const { filter } = get();
    if (filter.conditions.length === 0 && !(filter.groups ?? []).some((g) => g.conditions.length > 0)) return;
    get().setFilter(filter.search === undefined ? { conditions: [] } : { conditions: [], search: filter.search }, null);
  },

  async loadFilterChoices() {
    try {
      const reference = await call('reference:get', {});
      set({ filterChoices: reference, filterChoicesError: null });
    } catch (error) {
      // the pickers say so and offer a retry; typing a filter by hand still works
      set({ filterChoicesError: errorMessage(error) });
    }
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

/**
 * THE filter of what the grid shows. The grid's datasource, the Summary,
 * export and "act on all matching" all call this, so their numbers always
 * describe the same dialogs.
 */
export function currentFilter(): DialogFilter {
  return useGridStore.getState().filter;
}
