/**
 * One sort index per sortable grid column, for 1 M dialogs (research
 * sqlite-limits.md §3, §10, §13). Each is ordered exactly like the grid's
 * `ORDER BY col, id` (so a keyset seek uses both columns) and also holds the
 * columns of the dense built-in filters — line, operator and the first-answer
 * wait — so a block, a skip or a count under those filters is checked inside
 * the index: the table is read only for the rows returned. Other filters (a
 * status, a date range) select few enough rows that the app orders them once
 * through their own index (electron/app/db/queries/dialog-paging.ts).
 *
 * The (col, id) indexes of 0002 are prefixes of these, and cx_dialogs_created
 * is replaced by sx_dialogs_created_at, so they go: the index set stays one
 * per sort column plus 0002's filter composites.
 */
import type { Migration } from './index.ts';

/** Sort columns; `id` is the rowid, so its index only adds the covered columns. */
const SORT_COLUMNS = [
  'id', 'line_name', 'direction', 'status_code', 'waiting_since', 'spam', 'channel', 'client_name', 'operator_name',
  'crm_title', 'page_url', 'form_filled', 'history_requested', 'pinned', 'client_rating', 'supervisor_comment',
  'supervisor_rating', 'created_at', 'queued_at', 'operator_answered_at', 'operator_started_at', 'last_message_at',
  'operator_closed_at', 'closed_at', 'modified_at', 'wait_first_answer', 'time_to_start', 'time_to_operator_close',
  'duration', 'first_response', 'bot_time', 'response_total', 'response_avg', 'response_max',
];
const COVERED = ['line_id', 'operator_id', 'wait_first_answer'];

const REPLACED = [
  'cx_dialogs_created',
  ...['last_message_at', 'modified_at', 'client_name', 'operator_name', 'line_name', 'status_code', 'channel', 'wait_first_answer',
    'first_response', 'response_avg', 'response_max', 'duration'].map((c) => `ix_dialogs_${c}`),
];

export const migration0003: Migration = {
  version: 3,
  name: '0003-sort-indexes',
  up(db) {
    for (const index of REPLACED) db.exec(`DROP INDEX IF EXISTS ${index}`);
    for (const column of SORT_COLUMNS) {
      const key = column === 'id' ? ['id'] : [column, 'id'];
      const columns = [...key, ...COVERED.filter((c) => c !== column)];
      db.exec(`CREATE INDEX sx_dialogs_${column} ON dialogs (${columns.join(', ')})`);
    }
  },
};
