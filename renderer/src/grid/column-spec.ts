/**
 * What a grid column takes from its registry row (shared/domain/columns.ts)
 * and the saved column state, before formatters and cell renderers are added
 * (columns.ts). Pure, so a test can hold it against the registry: every
 * registry column gets one, and nothing here names a column.
 */
import type { ColumnStateEntry } from '../../../shared/ipc/contract.ts';
import type { ColumnDef, ColumnId, ItemColumnId } from '../../../shared/domain/columns.ts';
import type { SortDirection, SortSpec } from '../../../shared/domain/filter.ts';
import { DEFAULT_PINNED, type PinSide } from '../../../shared/domain/layouts.ts';
import { filterKindOf, type ColumnFilterKind } from './filter-model.ts';

/** Newest / longest first is what a supervisor wants from a first click on a time column. */
const DESC_FIRST: ReadonlySet<ColumnDef['type']> = new Set(['date', 'duration', 'number', 'rating']);

export interface GridColumnSpec {
  colId: ColumnId;
  /** the list item field the cell shows; null for live and view columns (a getter computes those) */
  field: ItemColumnId | null;
  initialWidth: number;
  initialHide: boolean;
  /** the saved pin, else the column's default (No. and Client on the left) */
  initialPinned: PinSide | undefined;
  sortable: boolean;
  sortingOrder: SortDirection[];
  initialSort: SortDirection | undefined;
  /** the grid filter it offers, if any (the SQL side accepts the same conditions) */
  filter: ColumnFilterKind | null;
  cellClass: string[];
}

export function gridColumnSpec(def: ColumnDef, entry: ColumnStateEntry | undefined, sort: SortSpec): GridColumnSpec {
  const hasValue = def.origin !== 'live' && def.origin !== 'view';
  return {
    colId: def.id,
    field: hasValue ? (def.id as ItemColumnId) : null,
    initialWidth: entry?.width ?? def.width,
    initialHide: entry ? !entry.visible : !def.defaultVisible,
    initialPinned: (entry?.pinned === undefined ? DEFAULT_PINNED[def.id] : entry.pinned) ?? undefined,
    sortable: def.sortable,
    sortingOrder: DESC_FIRST.has(def.type) ? ['desc', 'asc'] : ['asc', 'desc'],
    initialSort: def.sortable && sort.column === def.id ? sort.direction : undefined,
    filter: filterKindOf(def),
    cellClass: [`ols-type-${def.type}`],
  };
}
