/**
 * The grid's sort orders as SQL: which index walks them and the keyset
 * ranges that continue an order after a given row. Pure: SQL text and
 * parameters only, no database.
 *
 * Every order is total: `col dir, id dir`, with NULLs as their own segment
 * ordered by id (first for ascending, last for descending, as SQLite orders
 * them; waitingNow puts the idle dialogs last either way). A keyset step is
 * written in the split form — `col = ? AND id > ?`, then `col > ?` — never as
 * a row value `(col, id) > (?, ?)`, which SQLite 3.54 seeks on the first
 * column only (research §13.2).
 */
import { COLUMN_REGISTRY } from '../../../../shared/domain/columns.ts';
import type { SortSpec } from '../../../../shared/domain/filter.ts';
import { COLUMN_SQL, type DbColumn } from './dialog-columns.ts';
import { FilterError } from './filter-sql.ts';

/** Besides its own column, what every sort index holds (migration 0003): filters on these are checked in the index. */
export const SORT_INDEX_COVERS: readonly DbColumn[] = ['id', 'line_id', 'operator_id', 'wait_first_answer'];

export const sortIndexName = (column: DbColumn): string => `sx_dialogs_${column}`;

export type Direction = 'ASC' | 'DESC';

export interface SortOrder {
  column: DbColumn;
  index: string;
  /** of the values and of the ids that break ties */
  dir: Direction;
  /** where the NULL segment goes; null when the column is never NULL */
  nulls: 'first' | 'last' | null;
}

/** A row's place in an order: its sort value (null: in the NULL segment) and id. */
export interface SortKey {
  value: number | string | null;
  id: number;
}

/** One index range of an order: conditions, their parameters and the ORDER BY that walks it. */
export interface Range {
  where: string[];
  params: unknown[];
  orderBy: string;
  /** which segment of the order it lies in: the sort column's values or its NULLs */
  segment: 'values' | 'nulls';
}

export function sortOrderOf(sort: SortSpec): SortOrder {
  const spec = Object.hasOwn(COLUMN_REGISTRY, sort.column) ? COLUMN_REGISTRY[sort.column] : undefined;
  const column = spec?.sortable ? COLUMN_SQL[sort.column].sort : null;
  if (!spec || !column) throw new FilterError(`Column "${sort.column}" cannot be sorted`);
  const index = sortIndexName(column);
  if (spec.origin === 'live') {
    // a live wait: "desc" is the longest wait first, i.e. the earliest start; dialogs nobody waits on go last
    return { column, index, dir: sort.direction === 'desc' ? 'ASC' : 'DESC', nulls: 'last' };
  }
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  return { column, index, dir, nulls: column === 'id' || !spec.nullable ? null : dir === 'ASC' ? 'first' : 'last' };
}

/** The same rows read from the other end. */
export function reversed(order: SortOrder): SortOrder {
  return {
    ...order,
    dir: order.dir === 'ASC' ? 'DESC' : 'ASC',
    nulls: order.nulls === null ? null : order.nulls === 'first' ? 'last' : 'first',
  };
}

export const keyOf = (order: SortOrder, row: Record<string, unknown>): SortKey => ({
  value: row[order.column] as SortKey['value'],
  id: row.id as number,
});

/** The ranges that hold every row after `key` (or every row, for null), in order. */
export function rangesAfter(order: SortOrder, key: SortKey | null): Range[] {
  const { column: c, dir } = order;
  const cmp = dir === 'ASC' ? '>' : '<';
  const byId = `id ${dir}`;
  const range = (where: string[], params: unknown[], orderBy: string, segment: Range['segment'] = 'values'): Range => ({ where, params, orderBy, segment });
  if (c === 'id') return [key ? range([`id ${cmp} ?`], [key.id], byId) : range([], [], byId)];
  const values = range(order.nulls ? [`${c} IS NOT NULL`] : [], [], `${c} ${dir}, ${byId}`);
  const nulls = range([`${c} IS NULL`], [], byId, 'nulls');
  if (!key) return order.nulls === 'first' ? [nulls, values] : order.nulls === 'last' ? [values, nulls] : [values];
  if (key.value === null) return [range([`${c} IS NULL`, `id ${cmp} ?`], [key.id], byId, 'nulls'), ...(order.nulls === 'first' ? [values] : [])];
  return [
    range([`${c} = ?`, `id ${cmp} ?`], [key.value, key.id], byId),
    range([`${c} ${cmp} ?`], [key.value], `${c} ${dir}, ${byId}`),
    ...(order.nulls === 'last' ? [nulls] : []),
  ];
}

/**
 * The whole order as one ORDER BY that no index can serve (unary `+`), so
 * the planner reads the filter's own index and sorts only the matching rows:
 * the plan for ordering a small filtered set once.
 */
export function sortedOrderBy(order: SortOrder): string {
  const { column: c, dir } = order;
  if (c === 'id') return `+id ${dir}`;
  // SQLite puts NULLs first ascending and last descending; anything else needs a leading term
  const native = order.nulls === null || (order.nulls === 'first') === (dir === 'ASC');
  const lead = native ? '' : order.nulls === 'last' ? `${c} IS NULL, ` : `${c} IS NOT NULL, `;
  return `${lead}+${c} ${dir}, +id ${dir}`;
}

/** Filters on these columns are checked inside the order's sort index, without reading the table. */
export const coveredBy = (order: SortOrder, columns: Iterable<DbColumn>): boolean =>
  [...columns].every((c) => c === order.column || SORT_INDEX_COVERS.includes(c));
