/**
 * The rows of an export, block by block, in the grid's order: a keyset walk
 * (each block continues after the last row of the one before, through the
 * order's sort index; db/queries/dialogs.ts rawKeysetBlock), never OFFSET
 * and never the whole result at once. A keyset also stays right while the
 * sync writes: a block continues after a row, not at a position that new
 * rows would shift. Whatever the filter, the whole export is one pass over
 * the sort index.
 */
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import type { Db } from '../db/connection.ts';
import { itemFromRow } from '../db/queries/dialog-columns.ts';
import { keyOf, sortOrderOf, type SortKey } from '../db/queries/dialog-order.ts';
import { countDialogs, rawKeysetBlock } from '../db/queries/dialogs.ts';

export interface RowSource {
  /** rows the filter matched when the export began (the progress bar's end) */
  total: number;
  /** the next block; fewer than asked (or none) at the end */
  next(): DialogListItem[];
}

export function exportRows(db: Db, filter: DialogFilter, sort: SortSpec, now: number, blockSize: number): RowSource {
  const order = sortOrderOf(sort);
  const total = countDialogs(db, filter, now);
  const query = { filter, sort, startRow: 0, endRow: blockSize };
  let after: SortKey | null = null;
  let ended = total === 0;
  return {
    total,
    next() {
      if (ended) return [];
      const rows = rawKeysetBlock(db, query, now, Math.max(total, 1), after);
      if (rows.length < blockSize) ended = true;
      if (rows.length > 0) after = keyOf(order, rows[rows.length - 1]!);
      return rows.map(itemFromRow);
    },
  };
}
