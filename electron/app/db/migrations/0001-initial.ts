/**
 * The cache's first schema. Times are epoch milliseconds, durations whole
 * seconds, flags 0/1. Names of lines, operators and clients are copied onto
 * the dialog so the grid sorts and filters by them from one covering index,
 * without a join per row. Never edit a landed migration: add a new one.
 */
import type { Migration } from './index.ts';

export const migration0001: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE lines (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE operators (
        id     INTEGER PRIMARY KEY,
        name   TEXT NOT NULL,
        is_bot INTEGER NOT NULL DEFAULT 0 CHECK (is_bot IN (0, 1))
      ) STRICT;

      CREATE TABLE clients (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dialogs (
        id                     INTEGER PRIMARY KEY,
        chat_id                INTEGER NOT NULL,
        line_id                INTEGER NOT NULL,
        line_name              TEXT NOT NULL,
        direction              TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        -- the status shown: the backend's own when it reports one, else the derived one
        status_code            INTEGER NOT NULL,
        derived_status_code    INTEGER NOT NULL,
        reported_status_code   INTEGER,
        spam                   INTEGER NOT NULL DEFAULT 0,
        channel                TEXT NOT NULL,
        client_id              INTEGER NOT NULL,
        client_name            TEXT NOT NULL,
        operator_id            INTEGER,
        operator_name          TEXT,
        crm_type               TEXT,
        crm_id                 INTEGER,
        crm_title              TEXT,
        page_url               TEXT,
        form_filled            INTEGER NOT NULL DEFAULT 0,
        history_requested      INTEGER NOT NULL DEFAULT 0,
        pinned                 INTEGER NOT NULL DEFAULT 0,
        client_rating          TEXT CHECK (client_rating IN ('like', 'dislike')),
        supervisor_comment     TEXT,
        supervisor_rating      INTEGER CHECK (supervisor_rating BETWEEN 1 AND 5),
        created_at             INTEGER,
        queued_at              INTEGER,
        operator_answered_at   INTEGER,
        operator_started_at    INTEGER,
        last_message_at        INTEGER,
        operator_closed_at     INTEGER,
        closed_at              INTEGER,
        modified_at            INTEGER,
        wait_first_answer      INTEGER,
        time_to_start          INTEGER,
        time_to_operator_close INTEGER,
        duration               INTEGER,
        first_response         INTEGER,
        bot_time               INTEGER,
        response_total         INTEGER,
        response_avg           INTEGER,
        response_max           INTEGER,
        waiting_since          INTEGER,
        message_count          INTEGER NOT NULL DEFAULT 0,
        -- the metrics engine version that computed the row: a newer engine recomputes older rows
        metrics_version        INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Messages and events keep their position in the dialog's timeline (seq):
      -- it orders entries that share a timestamp, and (dialog_id, seq) is the
      -- identity that makes a replayed sync batch a no-op.
      CREATE TABLE messages (
        id          INTEGER PRIMARY KEY,
        dialog_id   INTEGER NOT NULL,
        seq         INTEGER NOT NULL,
        at          INTEGER NOT NULL,
        author      TEXT NOT NULL CHECK (author IN ('client', 'operator', 'bot', 'system')),
        operator_id INTEGER,
        hidden      INTEGER NOT NULL DEFAULT 0,
        text        TEXT,
        UNIQUE (dialog_id, seq)
      ) STRICT;

      CREATE TABLE dialog_events (
        dialog_id      INTEGER NOT NULL,
        seq            INTEGER NOT NULL,
        at             INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        operator_id    INTEGER,
        to_operator_id INTEGER,
        to_line_id     INTEGER,
        rating         TEXT,
        PRIMARY KEY (dialog_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_cursors (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
