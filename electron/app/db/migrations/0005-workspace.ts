/**
 * The workspace's user-owned tables (issue 8): saved filter presets, named
 * column layouts and the workspace state (chosen preset and layout), each
 * keyed by source — the cache identity (queries/cache-identity.ts) — so a
 * folder that served two portals keeps each one's presets apart. Never
 * cleared by a source change (db/tables.ts). Filters, sorts and columns are
 * stored as the JSON the IPC schemas validated: plain data that survives app
 * updates (a column dropped since is dropped when read, never an error).
 * Names are unique per source, so a button's label says which preset it is.
 *
 * Two partial indexes keep the built-in presets' live counts off full scans
 * at 1 M dialogs (tests/unit/workspace/preset-counts.test.ts holds the plans):
 * - "Finished today" is status IN (finished codes) AND closed_at in today: in
 *   a cache the sync built (no ANALYZE statistics) the planner takes the
 *   status index and walks every finished dialog (95 % of the table);
 *   (status_code, closed_at) seeks each code's today range. Partial on a set
 *   closed_at, so the live dialogs, which change most, never touch it.
 * - "Waiting for an answer" compiles to `NOT waiting_since IS NULL` (the
 *   filter's "not empty"), which SQLite does not take to imply 0002's
 *   `waiting_since IS NOT NULL` index, so it scanned a whole sort index
 *   (37 ms median at 100 k dialogs, against 0.006 ms with this one); an
 *   index whose WHERE is that very expression is chosen, and holds only the
 *   few dialogs waiting right now.
 */
import type { Migration } from './index.ts';

export const migration0005: Migration = {
  version: 5,
  name: '0005-workspace',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        filter_json TEXT NOT NULL,
        sort_json TEXT,
        position INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX ux_presets_source_name ON presets (source, name);
      CREATE INDEX ix_presets_source_position ON presets (source, position);

      CREATE TABLE layouts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        position INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX ux_layouts_source_name ON layouts (source, name);
      CREATE INDEX ix_layouts_source_position ON layouts (source, position);

      CREATE TABLE workspace_state (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (source, key)
      ) WITHOUT ROWID;

      CREATE INDEX ix_dialogs_status_closed ON dialogs (status_code, closed_at) WHERE closed_at IS NOT NULL;
      CREATE INDEX ix_dialogs_waiting_now ON dialogs (waiting_since) WHERE NOT waiting_since IS NULL;
    `);
  },
};
