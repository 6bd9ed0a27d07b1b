/**
 * Tables derived from `dialogs` and kept in step by the writer (rollups for
 * the summary, later the search index). A bulk load that drops triggers and
 * indexes for speed calls rebuildDerivedTables afterwards, in the same
 * connection, so derived data never lags what the load wrote.
 */
import type { Db, WritableDB } from '../connection.ts';
import { clearSummaryRollups, rebuildSummaryRollups } from './rollup-rebuild.ts';
import { clearSearchIndex, rebuildSearchIndex } from './search-index.ts';

/** Rebuilds every derived table from `dialogs` in one pass (in one transaction, the caller's if it has one). */
export function rebuildDerivedTables(db: Db): void {
  const rebuild = () => {
    rebuildSummaryRollups(db);
    rebuildSearchIndex(db);
  };
  if (db.inTransaction) rebuild();
  else db.transaction(rebuild)();
}

/** Empties the derived data (a source change, just before the source's tables are cleared); the calendar stays. */
export function clearDerivedTables(db: WritableDB): void {
  clearSummaryRollups(db);
  clearSearchIndex(db);
}
