/**
 * The outbox (issue 9): every supervisor action, written in the same
 * transaction as its optimistic change to the cache, and sent from here with
 * retries until the backend has answered it — exactly once. User-owned and
 * keyed by source: a source change or a rebuilt cache never loses a queued
 * action (db/tables.ts). Design: electron/app/actions/outbox-sender.ts.
 *
 * - `outbox`: one row per action. `state` pending → sending → done | failed,
 *   or pending → cancelled. `sending` is recorded (and committed) before each
 *   attempt, so a row found in `sending` after a crash is "in doubt": the
 *   dialog's state is checked before anything is sent again.
 * - `outbox_base`: for a dialog with actions not yet settled, the values the
 *   source last gave the columns actions change. The row shown is the base
 *   with every unsettled action's change applied in order; the sync updates
 *   the base from fresh snapshots and re-applies them until they settle.
 * - `action_batches`: one row per request from the UI (a bulk action), with
 *   what was skipped and why: the per-dialog report and the audit log read it.
 */
import type { Migration } from './index.ts';

export const migration0008: Migration = {
  version: 8,
  name: '0008-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE action_batches (
        id            INTEGER PRIMARY KEY,
        source        TEXT NOT NULL,
        kind          TEXT NOT NULL,
        payload       TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        requested     INTEGER NOT NULL,
        accepted      INTEGER NOT NULL,
        skipped       TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        source          TEXT NOT NULL,
        action_id       TEXT NOT NULL UNIQUE,
        batch_id        INTEGER REFERENCES action_batches(id),
        dialog_id       INTEGER NOT NULL,
        chat_id         INTEGER NOT NULL,
        kind            TEXT NOT NULL,
        payload         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        settled_at      INTEGER,
        outcome         TEXT,
        error_reason    TEXT,
        error_code      TEXT,
        error_message   TEXT
      ) STRICT;
      CREATE INDEX ix_outbox_open ON outbox (source, next_attempt_at, id) WHERE state IN ('pending', 'sending');
      CREATE INDEX ix_outbox_dialog_open ON outbox (dialog_id, id) WHERE state IN ('pending', 'sending');
      CREATE INDEX ix_outbox_batch ON outbox (batch_id);

      CREATE TABLE outbox_base (
        source    TEXT NOT NULL,
        dialog_id INTEGER NOT NULL,
        base      TEXT NOT NULL,
        PRIMARY KEY (source, dialog_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
