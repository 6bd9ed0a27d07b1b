/**
 * Which data source filled the cache. A different source (another demo world,
 * another portal) means the stored dialogs are not this source's: they are
 * cleared, with a log line, rather than mixed under colliding ids.
 */
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { readCursor, writeCursor } from './sync-state.ts';
import type { Logger } from '../../ipc/dispatch.ts';

const IDENTITY_KEY = 'source-identity';

export function adoptIdentity(db: Db, identity: string, log: Logger): void {
  const stored = readCursor(db, IDENTITY_KEY);
  if (stored === identity) return;
  db.transaction(() => {
    if (stored !== null) {
      log.info(`[cache] data source changed (${stored} → ${identity}); clearing the cached dialogs`);
      for (const table of ['dialogs', 'messages', 'dialog_events', 'clients', 'lines', 'operators', 'sync_cursors']) {
        prepared(db, `DELETE FROM ${table}`).run();
      }
    }
    writeCursor(db, IDENTITY_KEY, identity);
  })();
}
