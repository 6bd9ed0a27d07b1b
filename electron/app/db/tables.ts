/**
 * Who owns each table of the cache. Source-owned tables are a copy of what
 * the data source holds: a change of source clears them and a damaged cache
 * is rebuilt by syncing again. User-owned tables hold what only the user
 * made (presets, layouts, the outbox, the audit log — added by later
 * migrations, each keyed by source): they are never cleared by a source
 * change, and a damaged cache's copy is salvaged where it still reads.
 * Derived tables are computed from the source-owned ones (the summary
 * rollups and the calendar they are bucketed by), kept in step by triggers
 * and rebuilt by rebuildDerivedTables: a source change empties their data
 * (clearDerivedTables) before the source's tables go, and a damaged cache's
 * are rebuilt, never salvaged.
 */
export const SOURCE_OWNED_TABLES = ['dialogs', 'messages', 'dialog_events', 'clients', 'lines', 'operators', 'sync_cursors'] as const;

export const USER_OWNED_TABLES: readonly string[] = ['presets', 'layouts', 'workspace_state', 'action_batches', 'outbox', 'outbox_base', 'audit_actors', 'audit_actions', 'audit_dialogs'];

// search_fts: the quick-search index (FTS5; its shadow tables go with it), kept by the writer per batch
export const DERIVED_TABLES = ['summary_cells', 'summary_days', 'summary_meta', 'search_fts'] as const;
