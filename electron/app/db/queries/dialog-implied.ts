/**
 * A filter on a line or operator, sorted by that same column, names the rows'
 * sort values without saying so: the grid sorts `line` by line_name but
 * filters it by line_id. Walking the name index for one line's rows would
 * read every other line's run first (research §13.3's "filter without an
 * index that leads into the sort column"). So the names of the chosen ids
 * are added as a condition on the sort column, which the index seeks.
 *
 * Names are copied onto each dialog when it is written, so a renamed line can
 * leave older dialogs under an older name: the condition is used only when
 * it keeps every row of the filter (one count over those runs, inside the
 * sort index), and otherwise the walk reads the whole index as before.
 */
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { COLUMN_SQL, type DbColumn } from './dialog-columns.ts';
import type { SortOrder } from './dialog-order.ts';
import type { CompiledFilter } from './filter-sql.ts';

/** Sort columns that copy a reference table's name, with the id column that determines them. */
const NAMED_BY: Partial<Record<DbColumn, { id: DbColumn; table: 'lines' | 'operators' }>> = {
  line_name: { id: 'line_id', table: 'lines' },
  operator_name: { id: 'operator_id', table: 'operators' },
};

/** The filter with the names its ids imply on the sort column, or the filter itself. */
export function withImpliedNames(db: Db, order: SortOrder, filter: DialogFilter, compiled: CompiledFilter, total: number): CompiledFilter {
  const named = NAMED_BY[order.column];
  if (!named || total === 0) return compiled;
  const condition = filter.conditions.find((c) => c.op === 'in' && COLUMN_SQL[c.column].filter === named.id);
  if (!condition || condition.op !== 'in' || condition.values.length === 0) return compiled;
  const ids = condition.values;
  if (!ids.every((v): v is number => typeof v === 'number')) return compiled;
  const known = prepared(db, `SELECT name FROM ${named.table} WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(ids)) as string[];
  // the sync writes "#<id>" for an id the reference data does not know
  const names = [...new Set([...known, ...ids.map((id) => `#${id}`)])];
  const part = `${order.column} IN (SELECT value FROM json_each(?))`;
  const params = [JSON.stringify(names), ...compiled.params];
  const parts = [part, ...compiled.parts];
  const kept = prepared(db, `SELECT COUNT(*) FROM dialogs INDEXED BY ${order.index} WHERE ${parts.join(' AND ')}`).pluck().get(...params) as number;
  return kept === total ? { ...compiled, parts, params, where: parts.join(' AND ') } : compiled;
}
