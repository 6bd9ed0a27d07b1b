/**
 * Grid indexes (research/sqlite-limits.md §3, §10). The default sort gets a
 * covering index ordered exactly like `ORDER BY created_at, id` that also
 * carries the hot filter columns, so a filtered page is checked inside the
 * index and the table is read only for the rows returned. Filter composites
 * put equality columns first and created_at last; they also make COUNT(*)
 * cheap. Other sortable columns get a (col, id) index; covering versions of
 * those come with the 1M-dialog work, where their write cost is measured.
 */
import type { Migration } from './index.ts';

const SECONDARY_SORT_COLUMNS = [
  'last_message_at',
  'modified_at',
  'client_name',
  'operator_name',
  'line_name',
  'status_code',
  'channel',
  'wait_first_answer',
  'first_response',
  'response_avg',
  'response_max',
  'duration',
];

export const migration0002: Migration = {
  version: 2,
  name: '0002-grid-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX cx_dialogs_created ON dialogs (created_at, id, status_code, line_id, operator_id);
      CREATE INDEX ix_dialogs_status_created ON dialogs (status_code, created_at);
      CREATE INDEX ix_dialogs_line_created ON dialogs (line_id, created_at);
      CREATE INDEX ix_dialogs_operator_status_created ON dialogs (operator_id, status_code, created_at);
      CREATE INDEX ix_dialogs_waiting ON dialogs (waiting_since) WHERE waiting_since IS NOT NULL;
    `);
    for (const column of SECONDARY_SORT_COLUMNS) {
      db.exec(`CREATE INDEX ix_dialogs_${column} ON dialogs (${column}, id)`);
    }
  },
};
