/**
 * The ids of every dialog a filter selects, for acting on "all matching"
 * (not only the rows the grid loaded), minus the ones the supervisor unticked.
 * Bounded: the caller asks for at most `limit` and hears whether there were more.
 */
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { compileFilter, whereClause } from './filter-sql.ts';

export function matchingDialogIds(db: Db, filter: DialogFilter, now: number, limit: number, exceptIds: readonly number[] = []): { ids: number[]; more: boolean } {
  const compiled = compileFilter(filter, now);
  // left out in SQL, so `limit` bounds what remains: a large filter minus many unticked rows can still be acted on
  const except = exceptIds.length > 0 ? ['id NOT IN (SELECT value FROM json_each(?))'] : [];
  const ids = prepared(db, `SELECT id FROM dialogs${whereClause(compiled, except)} ORDER BY id LIMIT ?`)
    .pluck()
    .all(...compiled.params, ...(except.length ? [JSON.stringify(exceptIds)] : []), limit + 1) as number[];
  return ids.length > limit ? { ids: ids.slice(0, limit), more: true } : { ids, more: false };
}

/** A transfer target as the cache knows it: null when there is no such operator (or line). */
export function operatorTarget(db: Db, id: number): { id: number; isBot: boolean } | null {
  const row = prepared(db, 'SELECT id, is_bot FROM operators WHERE id = ?').get(id) as { id: number; is_bot: number } | undefined;
  return row ? { id: row.id, isBot: row.is_bot === 1 } : null;
}

export function lineExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM lines WHERE id = ?').pluck().get(id) !== undefined;
}
