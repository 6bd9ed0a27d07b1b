/**
 * Quick search (issue 8, point 3): an FTS5 index over client names and
 * message text, one document per dialog, derived from the source-owned
 * tables and kept in step by the writer in batches. An existing cache is
 * filled here in one pass (about 3.5 s per 100 k dialogs on this machine).
 * The design: electron/app/db/queries/search-index.ts.
 */
import type { Migration } from './index.ts';
import { createSearchIndex, rebuildSearchIndex } from '../queries/search-index.ts';

export const migration0006: Migration = {
  version: 6,
  name: '0006-search',
  up(db) {
    createSearchIndex(db);
    rebuildSearchIndex(db);
  },
};
