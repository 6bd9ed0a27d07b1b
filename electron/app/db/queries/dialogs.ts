/**
 * Grid reads: one block of list items for a filter and sort, the filtered
 * count, and one dialog. Plain `fn(db, …)` functions: whoever owns the
 * connection (a reader worker) calls them. How a block is read at 1 M
 * dialogs is dialog-paging.ts; the SQL of an order is dialog-order.ts.
 */
import type { DialogListItem } from '../../../../shared/domain/dialog.ts';
import type { DialogFilter, SortSpec } from '../../../../shared/domain/filter.ts';
import { prepared, type Db } from '../connection.ts';
import { itemFromRow, ROW_SELECT, type DialogRow } from './dialog-columns.ts';
import { rangesAfter, sortOrderOf, type SortKey } from './dialog-order.ts';
import { dataStamp, prepareJumps as prepareBlockJumps, rangeSql, readBlock, resolveBlock, snapshotSql, walkFilter, type Block, type Strategy } from './dialog-paging.ts';
import { countFromRollups } from './dialog-counts.ts';
import { compileFilter, countBranches, whereClause } from './filter-sql.ts';
import { countSearchOnly } from './search-query.ts';

export { HOP, pagingLimits, resetPaging, SNAPSHOT_MAX } from './dialog-paging.ts';
export type { SortKey } from './dialog-order.ts';

export interface ListQuery {
  filter: DialogFilter;
  sort: SortSpec;
  startRow: number;
  endRow: number;
  /** with a quick search: 'relevance' orders the matches best first instead of by `sort` (search-query.ts rankedIds) */
  rank?: 'relevance' | 'sort';
}

/**
 * Rows matching the filter. With no filter there is no WHERE, so SQLite
 * counts from its smallest index; lines, operators and statuses are summed
 * from the rollups (dialog-counts.ts); a filter with disjoint branches is
 * counted branch by branch, each through its own index.
 */
export function countDialogs(db: Db, filter: DialogFilter, now: number): number {
  const compiled = compileFilter(filter, now);
  const fromRollups = countFromRollups(db, filter, compiled);
  if (fromRollups !== null) return fromRollups;
  const searched = countSearchOnly(db, compiled.parts, compiled.search, dataStamp(db));
  if (searched !== null) return searched;
  let total = 0;
  for (const branch of countBranches(compiled)) {
    total += prepared(db, `SELECT COUNT(*) FROM dialogs${whereClause(branch)}`).pluck().get(...branch.params) as number;
  }
  return total;
}

/** The block a request reads; exported so other reads of the grid's order share its paging state (dialog-range.ts). */
export const blockOf = (query: ListQuery, now: number, total: number): Block => {
  const filter = compileFilter(query.filter, now);
  return {
    order: sortOrderOf(query.sort),
    source: query.filter,
    filter,
    key: `${query.sort.column}|${query.sort.direction}|${query.rank ?? 'sort'}|${JSON.stringify(query.filter)}`,
    rank: query.rank ?? 'sort',
    start: query.startRow,
    end: Math.min(query.endRow, total),
    total,
  };
};

/**
 * Rows [startRow, min(endRow, total)) of the filtered, sorted list. `total`
 * is the filter's count (the grid asks for it once per filter and data
 * version); it bounds the last block, so no read runs past the final row.
 */
export function listDialogs(db: Db, query: ListQuery, now: number, total: number): DialogListItem[] {
  return readBlock(db, blockOf(query, now, total)).map(itemFromRow);
}

/**
 * One pass over the query's whole order that leaves a block boundary every
 * hundredth of the set, so any later jump of this (filter, sort) costs about
 * a block (the first jump otherwise skips up to half the set: 20–60 ms at
 * 1 M). For a reader to run when idle after a grid's first block.
 */
export function prepareJumps(db: Db, query: ListQuery, now: number, total: number, maxHops = Infinity): { made: number; done: boolean } {
  return prepareBlockJumps(db, blockOf(query, now, total), maxHops);
}

export function getDialog(db: Db, id: number): DialogListItem | null {
  const row = prepared(db, `SELECT ${ROW_SELECT} FROM dialogs WHERE id = ?`).get(id) as DialogRow | undefined;
  return row ? itemFromRow(row) : null;
}

export interface BlockPlan {
  strategy: Strategy;
  /** what a block from the top runs (walk) or what orders the set once (snapshot) */
  statements: Array<{ sql: string; params: unknown[] }>;
}

/** The statements a block of this query runs, for EXPLAIN QUERY PLAN in tests. */
export function blockPlan(db: Db, query: ListQuery, now: number, total: number): BlockPlan {
  const block = blockOf(query, now, total);
  const { strategy, filter } = resolveBlock(db, block);
  if (strategy === 'snapshot') return { strategy, statements: [snapshotSql(block.order, filter)] };
  return { strategy, statements: rangesAfter(block.order, null).map((range) => rangeSql(block.order, filter, range, ROW_SELECT)) };
}

/**
 * The best raw SQL for one block, for the bench to time beside listDialogs:
 * a keyset seek over the order's covering sort index from `after` (the key
 * of the row before the block; null for the first block), split form, no
 * boundaries kept, no mapping. Returns the stored rows.
 */
export function rawKeysetBlock(db: Db, query: ListQuery, now: number, total: number, after: SortKey | null): DialogRow[] {
  const block = blockOf(query, now, total);
  const filter = walkFilter(db, block);
  const n = query.endRow - query.startRow;
  const rows: DialogRow[] = [];
  for (const range of rangesAfter(block.order, after)) {
    if (rows.length >= n) break;
    const { sql, params } = rangeSql(block.order, filter, range, ROW_SELECT);
    rows.push(...(prepared(db, `${sql} LIMIT ?`).all(...params, n - rows.length) as DialogRow[]));
  }
  return rows;
}

/** The key of the row just before `startRow` (null at the top), read through listDialogs' own paging. */
export function keyBefore(db: Db, query: ListQuery, now: number, total: number): SortKey | null {
  if (query.startRow === 0) return null;
  const order = sortOrderOf(query.sort);
  const [row] = readBlock(db, { ...blockOf({ ...query, startRow: query.startRow - 1, endRow: query.startRow }, now, total) });
  return row ? { value: row[order.column], id: row.id } : null;
}
