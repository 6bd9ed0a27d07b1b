/**
 * Which dialogs the supervisor ticked in the grid (issue 9 §2): the current
 * Selection (grid/selection.ts: ids, or all matching the filter minus some),
 * the anchor a Shift+click ranges from, and a notice to show beside the count
 * (an "all matching" selection dropped because the filter changed, a range
 * that could not be read). Bulk actions ask `actionTarget()` what to send.
 */
import { create } from 'zustand';
import { MAX_ACTION_DIALOGS, type ActionTarget } from '../../../shared/domain/actions.ts';
import { searchOrder } from '../grid/datasource.ts';
import {
  afterFilterChange,
  complementTarget,
  NO_SELECTION,
  planTarget,
  RANGE_SLACK,
  rangeBounds,
  rangeFromWindow,
  selectAll,
  setSelected,
  toggle,
  isSelected,
  type Selection,
} from '../grid/selection.ts';
import { call, errorMessage } from '../ipc.ts';
import { currentFilter, useGridStore } from './grid.ts';

export type SelectionNotice =
  | { kind: 'allCleared' }
  | { kind: 'error'; message: string }
  | { kind: 'tooManyExcluded' }
  | { kind: 'outsideFilter' }
  | { kind: 'tooLarge' };

interface Row {
  id: number;
  /** the row's position in the grid now */
  index: number;
}

interface SelectionState {
  selection: Selection;
  /** the last row clicked or toggled from the keyboard: where a Shift+click range starts */
  anchor: Row | null;
  notice: SelectionNotice | null;
  /** a Shift+click range is being read from the services */
  resolving: boolean;
  /** a click on a row's checkbox; with Shift, every row from the anchor to it takes the anchor's state */
  click(row: Row, shift: boolean, anchorIndexNow?: number | null): Promise<void>;
  /** Space / x on the focused row */
  toggleRow(row: Row): void;
  /** Ctrl/Cmd+A, the header checkbox: every row the current filter selects */
  selectAll(): void;
  clear(): void;
  dismissNotice(): void;
}

let rangeSeq = 0;

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selection: NO_SELECTION,
  anchor: null,
  notice: null,
  resolving: false,

  async click(row, shift, anchorIndexNow) {
    const { anchor, selection } = get();
    if (!shift || !anchor || anchor.id === row.id) {
      set({ selection: toggle(selection, row.id), anchor: row, notice: null });
      return;
    }
    // the anchor's row may have moved since it was clicked (a live refresh): its position now, when the grid still holds it
    const from = { id: anchor.id, index: anchorIndexNow ?? anchor.index };
    const selected = isSelected(selection, anchor.id);
    const { startRow, endRow } = rangeBounds(from.index, row.index);
    const windowStart = Math.max(0, startRow - RANGE_SLACK);
    const seq = ++rangeSeq;
    set({ resolving: true });
    try {
      const filter = currentFilter();
      const { sort } = useGridStore.getState();
      const rank = filter.search?.trim() ? { rank: searchOrder.rank } : {};
      const wanted = Math.min(endRow + RANGE_SLACK, windowStart + MAX_ACTION_DIALOGS);
      const { ids } = await call('selection:ids', { filter, sort, startRow: windowStart, endRow: wanted, ...rank });
      if (seq !== rangeSeq) return;
      const range = rangeFromWindow(ids, windowStart, from, row);
      // the range is applied to the selection as it is now: a click meanwhile is kept
      set((s) => ({ selection: setSelected(s.selection, range, selected), anchor: row, notice: null, resolving: false }));
    } catch (error) {
      if (seq === rangeSeq) set({ resolving: false, notice: { kind: 'error', message: errorMessage(error) } });
    }
  },

  toggleRow(row) {
    set((s) => ({ selection: toggle(s.selection, row.id), anchor: row, notice: null }));
  },

  selectAll() {
    set({ selection: selectAll(currentFilter()), notice: null });
  },

  clear() {
    rangeSeq += 1;
    set({ selection: NO_SELECTION, anchor: null, notice: null, resolving: false });
  },

  dismissNotice() {
    set({ notice: null });
  },
}));

// Another filter: "all matching" meant the old one and is dropped (and the count says so);
// positions mean something else now, so a Shift+click starts a new range.
useGridStore.subscribe((state, previous) => {
  if (state.filter === previous.filter) return;
  const { selection, cleared } = afterFilterChange(useSelectionStore.getState().selection, state.filter);
  useSelectionStore.setState(cleared ? { selection, anchor: null, notice: { kind: 'allCleared' } } : { anchor: null });
});

/**
 * What a bulk action acts on: the selection, when there is one (null: there
 * is none, act on all matching the filter). Throws nothing: a selection that
 * cannot be sent leaves a notice and answers 'refused'.
 */
export async function selectionTarget(): Promise<ActionTarget | null | 'refused'> {
  const { selection } = useSelectionStore.getState();
  const plan = planTarget(selection, currentFilter());
  if (!plan) return null;
  if (plan.kind === 'target') return plan.target;
  if (plan.kind === 'error') {
    useSelectionStore.setState({ notice: { kind: plan.reason } });
    return 'refused';
  }
  // more ids than a request may name: the filter minus its other dialogs
  try {
    const { ids, total } = await call('selection:ids', {
      filter: plan.filter,
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: MAX_ACTION_DIALOGS,
    });
    if (total > MAX_ACTION_DIALOGS) {
      useSelectionStore.setState({ notice: { kind: 'tooLarge' } });
      return 'refused';
    }
    const target = selection.kind === 'ids' ? complementTarget(selection.ids, plan.filter, ids) : null;
    if (!target) {
      useSelectionStore.setState({ notice: { kind: 'outsideFilter' } });
      return 'refused';
    }
    return target;
  } catch (error) {
    useSelectionStore.setState({ notice: { kind: 'error', message: errorMessage(error) } });
    return 'refused';
  }
}
