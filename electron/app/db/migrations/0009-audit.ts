/**
 * The audit log (issue 9 §8): every supervisor action — who, what, which
 * dialogs, when, and each dialog's outcome once it settles. Its own tables,
 * not a view over the outbox: the outbox is a work queue that may be pruned
 * once its entries settle, the audit is a record that must outlive it. So no
 * foreign key points into the outbox (a pruned entry would take its audit
 * row with it, or block the prune), and rows name the outbox entry by its
 * `action_id` (a UUID), not its rowid, which a pruned table may hand out
 * again. User-owned, keyed by source (db/tables.ts).
 *
 * Triggers write it, in the very statement's transaction that changes the
 * outbox: a batch inserted → its request and skipped dialogs, an entry
 * inserted → its pending row, an entry settling → its outcome. Every path
 * that queues or settles an action (enqueue, the sender, cancel, a repair)
 * is audited without having to remember to, and the audit can never say
 * other than the outbox did. Cancels, which are requests of their own, are
 * written by the cancel path (db/queries/audit.ts).
 *
 * - `audit_actions`: one row per request (a bulk action, or a cancel).
 * - `audit_dialogs`: one row per dialog the request named, with its outcome:
 *   pending → done | failed | cancelled, or skipped at once (and why). The
 *   request's time and kind are repeated here so the list's filters and its
 *   newest-first order read one index.
 * - `audit_actors`: who acts for each source (its user or label), set when
 *   the outbox starts for it; the triggers read it.
 */
import type { Migration } from './index.ts';

export const migration0009: Migration = {
  version: 9,
  name: '0009-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_actors (
        source TEXT PRIMARY KEY,
        actor  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_actions (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        actor       TEXT NOT NULL,
        kind        TEXT NOT NULL,
        payload     TEXT NOT NULL,
        batch_id    INTEGER,
        created_at  INTEGER NOT NULL,
        requested   INTEGER NOT NULL,
        accepted    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ix_audit_actions_batch ON audit_actions (batch_id);

      CREATE TABLE audit_dialogs (
        id          INTEGER PRIMARY KEY,
        audit_id    INTEGER NOT NULL REFERENCES audit_actions(id),
        source      TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        dialog_id   INTEGER NOT NULL,
        action_id   TEXT,
        outcome     TEXT NOT NULL CHECK (outcome IN ('pending', 'done', 'failed', 'cancelled', 'skipped')),
        detail      TEXT,
        settled_at  INTEGER
      ) STRICT;
      CREATE INDEX ix_audit_dialogs_time ON audit_dialogs (source, created_at, id);
      CREATE INDEX ix_audit_dialogs_dialog ON audit_dialogs (source, dialog_id, created_at);
      CREATE UNIQUE INDEX ix_audit_dialogs_action ON audit_dialogs (action_id) WHERE action_id IS NOT NULL;
      CREATE INDEX ix_audit_dialogs_audit ON audit_dialogs (audit_id);

      CREATE TRIGGER audit_batch_inserted AFTER INSERT ON action_batches BEGIN
        INSERT INTO audit_actions (source, actor, kind, payload, batch_id, created_at, requested, accepted)
        VALUES (NEW.source, COALESCE((SELECT actor FROM audit_actors WHERE source = NEW.source), NEW.source),
                NEW.kind, NEW.payload, NEW.id, NEW.created_at, NEW.requested, NEW.accepted);
        INSERT INTO audit_dialogs (audit_id, source, created_at, kind, dialog_id, outcome, detail, settled_at)
        SELECT last_insert_rowid(), NEW.source, NEW.created_at, NEW.kind, json_extract(s.value, '$.dialogId'), 'skipped',
               json_extract(s.value, '$.reason'), NEW.created_at
        FROM json_each(NEW.skipped) s;
      END;

      CREATE TRIGGER audit_action_queued AFTER INSERT ON outbox BEGIN
        INSERT INTO audit_dialogs (audit_id, source, created_at, kind, dialog_id, action_id, outcome)
        SELECT a.id, NEW.source, NEW.created_at, NEW.kind, NEW.dialog_id, NEW.action_id, 'pending'
        FROM audit_actions a WHERE a.batch_id = NEW.batch_id AND a.kind = NEW.kind AND a.source = NEW.source
        ORDER BY a.id DESC LIMIT 1;
      END;

      CREATE TRIGGER audit_action_settled AFTER UPDATE OF state ON outbox
      WHEN NEW.state IN ('done', 'failed', 'cancelled') AND OLD.state NOT IN ('done', 'failed', 'cancelled') BEGIN
        UPDATE audit_dialogs
        SET outcome = NEW.state,
            detail = CASE NEW.state
              WHEN 'done' THEN NEW.outcome
              WHEN 'failed' THEN COALESCE(NEW.error_code, '') || ': ' || substr(COALESCE(NEW.error_message, ''), 1, 500)
              ELSE NULL END,
            settled_at = NEW.settled_at
        WHERE action_id = NEW.action_id AND outcome = 'pending';
      END;
    `);
  },
};
