/**
 * Which data source filled the cache. A different source (another demo world,
 * another portal) means the stored dialogs are not this source's: they are
 * cleared, with a log line, rather than mixed under colliding ids.
 */
import type { WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { readCursor, writeCursor } from './sync-state.ts';
import { SOURCE_OWNED_TABLES } from '../tables.ts';
import { clearDerivedTables } from './derived-tables.ts';
import type { Logger } from '../../ipc/dispatch.ts';

/** The sync cursor holding the source's identity: what user-owned rows (presets, the outbox…) are keyed by. */
export const IDENTITY_KEY = 'source-identity';

export function adoptIdentity(db: WritableDB, identity: string, log: Logger): void {
  const stored = readCursor(db, IDENTITY_KEY);
  if (stored === identity) return;
  db.transaction(() => {
    if (stored !== null) {
      log.info(`[cache] data source changed (${stored} → ${identity}); clearing the cached dialogs`);
      // derived data first: then no trigger takes the dialogs out of the rollups one by one
      clearDerivedTables(db);
      for (const table of SOURCE_OWNED_TABLES) {
        prepared(db, `DELETE FROM ${table}`).run();
      }
    }
    writeCursor(db, IDENTITY_KEY, identity);
  })();
}
