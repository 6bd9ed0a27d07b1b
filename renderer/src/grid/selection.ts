/**
 * Multi-row selection in the dialog grid (issue 9 §2), as pure values: either
 * a set of dialog ids, or "every dialog the filter selects" minus the ones
 * unticked. Both hold dialog ids, never row positions, so a live refresh or a
 * re-sort keeps the same dialogs selected. store/selection.ts holds the
 * current value; this file decides what each gesture does to it and what an
 * action then targets.
 */
import { MAX_ACTION_DIALOGS, MAX_ACTION_IDS, type ActionTarget } from '../../../shared/domain/actions.ts';
import type { DialogFilter } from '../../../shared/domain/filter.ts';

export type Selection =
  | { kind: 'ids'; ids: ReadonlySet<number> }
  /** Ctrl/Cmd+A: all rows matching `filter` (not only the loaded ones) but `except` */
  | { kind: 'all'; filter: DialogFilter; except: ReadonlySet<number> };

export const NO_SELECTION: Selection = { kind: 'ids', ids: new Set() };

export const filterKey = (filter: DialogFilter): string => JSON.stringify(filter);

export function isSelected(selection: Selection, id: number): boolean {
  return selection.kind === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
}

/** How many dialogs are selected; for "all matching", the filter's count (null: not known yet) minus the exclusions. */
export function selectedCount(selection: Selection, total: number | null): number | null {
  if (selection.kind === 'ids') return selection.ids.size;
  if (total === null) return null;
  return Math.max(0, total - selection.except.size);
}

export function isEmpty(selection: Selection, total: number | null): boolean {
  return selectedCount(selection, total) === 0;
}

/** Ticks or unticks the given dialogs (one click, Space, or a Shift+click range). */
export function setSelected(selection: Selection, ids: Iterable<number>, selected: boolean): Selection {
  if (selection.kind === 'ids') {
    const next = new Set(selection.ids);
    for (const id of ids) {
      if (selected) next.add(id);
      else next.delete(id);
    }
    return { kind: 'ids', ids: next };
  }
  const except = new Set(selection.except);
  for (const id of ids) {
    if (selected) except.delete(id);
    else except.add(id);
  }
  return { kind: 'all', filter: selection.filter, except };
}

export function toggle(selection: Selection, id: number): Selection {
  return setSelected(selection, [id], !isSelected(selection, id));
}

export function selectAll(filter: DialogFilter): Selection {
  return { kind: 'all', filter, except: new Set() };
}

/**
 * The selection once the grid shows another filter. Explicit ids stay (they
 * name dialogs, whatever the filter); "all matching" meant the old filter,
 * so it is cleared, and the caller says so.
 */
export function afterFilterChange(selection: Selection, filter: DialogFilter): { selection: Selection; cleared: boolean } {
  if (selection.kind === 'all' && filterKey(selection.filter) !== filterKey(filter)) return { selection: NO_SELECTION, cleared: true };
  return { selection, cleared: false };
}

/** The rows [from, to] of the grid in display order, whichever way round the two clicks came. */
export function rangeBounds(anchorIndex: number, index: number): { startRow: number; endRow: number } {
  return { startRow: Math.min(anchorIndex, index), endRow: Math.max(anchorIndex, index) + 1 };
}

/** How many rows either side of a Shift+click range are read too, in case rows moved since the grid drew them. */
export const RANGE_SLACK = 200;

/**
 * The ids between the anchor dialog and the clicked one, from a window of the
 * grid's order read with RANGE_SLACK either side (`window` starts at
 * `windowStart`). Rows that arrived or left since the grid drew them shift
 * positions, so both ends are found by id when the window holds them; a row
 * that moved out of it falls back to its drawn position.
 */
export function rangeFromWindow(
  window: readonly number[],
  windowStart: number,
  anchor: { id: number; index: number },
  clicked: { id: number; index: number },
): number[] {
  const at = (end: { id: number; index: number }): number => {
    const found = window.indexOf(end.id);
    return found !== -1 ? found : Math.min(Math.max(end.index - windowStart, 0), window.length - 1);
  };
  if (window.length === 0) return [];
  const a = at(anchor);
  const b = at(clicked);
  return window.slice(Math.min(a, b), Math.max(a, b) + 1);
}

export type TargetPlan =
  | { kind: 'target'; target: ActionTarget }
  /** too many ids to name: the caller reads the filter's ids and calls complementTarget */
  | { kind: 'complement'; filter: DialogFilter }
  | { kind: 'error'; reason: 'tooManyExcluded' };

/**
 * What an action on this selection sends (null: nothing is selected). Up to
 * MAX_ACTION_IDS ids go by name; "all matching" goes as its filter plus the
 * exclusions; more ids than that must be expressed as the current filter
 * minus the rest of it (complementTarget).
 */
export function planTarget(selection: Selection, currentFilter: DialogFilter): TargetPlan | null {
  if (selection.kind === 'all') {
    if (selection.except.size > MAX_ACTION_DIALOGS) return { kind: 'error', reason: 'tooManyExcluded' };
    const exceptIds = [...selection.except].sort((a, b) => a - b);
    return { kind: 'target', target: exceptIds.length > 0 ? { filter: selection.filter, exceptIds } : { filter: selection.filter } };
  }
  if (selection.ids.size === 0) return null;
  if (selection.ids.size <= MAX_ACTION_IDS) return { kind: 'target', target: { dialogIds: [...selection.ids].sort((a, b) => a - b) } };
  return { kind: 'complement', filter: currentFilter };
}

/**
 * A selection of more than MAX_ACTION_IDS ids as "the filter minus the rest":
 * `filterIds` are every id the filter selects. Null when some selected dialog
 * is outside the filter: no filter-based target could name it.
 */
export function complementTarget(selected: ReadonlySet<number>, filter: DialogFilter, filterIds: readonly number[]): ActionTarget | null {
  const inFilter = new Set(filterIds);
  for (const id of selected) if (!inFilter.has(id)) return null;
  const exceptIds = filterIds.filter((id) => !selected.has(id));
  return exceptIds.length > 0 ? { filter, exceptIds } : { filter };
}

/** The header checkbox: ticked, part-ticked or empty, for the rows the filter selects. */
export function headerState(selection: Selection, total: number | null): 'all' | 'some' | 'none' {
  const count = selectedCount(selection, total);
  if (!count) return 'none';
  return selection.kind === 'all' && selection.except.size === 0 ? 'all' : 'some';
}
