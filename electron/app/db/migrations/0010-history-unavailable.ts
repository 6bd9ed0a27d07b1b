/**
 * `history_unavailable`: the backend refused the dialog's history (issue 10
 * §4: the grid marks such dialogs). A NOT NULL column with a constant
 * default is added without rewriting the table, so a 1 M-dialog cache
 * migrates at once; its sort index is built like 0003's, one (col, id) order
 * holding the dense filters' columns.
 */
import type { Migration } from './index.ts';

export const migration0010: Migration = {
  version: 10,
  name: '0010-history-unavailable',
  up(db) {
    db.exec('ALTER TABLE dialogs ADD COLUMN history_unavailable INTEGER NOT NULL DEFAULT 0');
    db.exec('CREATE INDEX sx_dialogs_history_unavailable ON dialogs (history_unavailable, id, line_id, operator_id, wait_first_answer)');
  },
};
