/**
 * The ids at positions [startRow, endRow) of the grid's order (a filter, a
 * sort, a quick search's rank): what a Shift+click range covers when its rows
 * are not all loaded in the renderer. Read through listDialogs' own paging
 * (same block key, so the boundaries the grid's blocks left make this a few
 * keyset steps, and the positions are the ones the grid shows).
 */
import { type Db } from '../connection.ts';
import { blockOf, type ListQuery } from './dialogs.ts';
import { readBlock } from './dialog-paging.ts';

/** rows read per step: the grid's own block bound, so every step is a block the paging knows */
const STEP = 1000;

export function dialogIdsInRange(db: Db, query: ListQuery, now: number, total: number): number[] {
  const ids: number[] = [];
  const end = Math.min(query.endRow, total);
  for (let start = query.startRow; start < end; start += STEP) {
    const rows = readBlock(db, blockOf({ ...query, startRow: start, endRow: Math.min(start + STEP, end) }, now, total));
    for (const row of rows) ids.push(row.id);
    if (rows.length === 0) break;
  }
  return ids;
}
