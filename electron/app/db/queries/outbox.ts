/**
 * The outbox's SQL (tables: migration 0008). Rows are keyed by source; the
 * sender and the enqueue path (electron/app/actions/*) decide, this only
 * reads and writes. A dialog with unsettled actions is shown as its base (the
 * source's last values of the columns actions change) with each unsettled
 * action's change applied in enqueue order: rebuildDialogView.
 */
import type { BackendAction, BackendErrorKind } from '../../backends/backend.ts';
import type { ActionKind, OutboxState, SkipReason } from '../../../../shared/domain/actions.ts';
import { STATUS_CODE } from '../../../../shared/domain/status.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { lineName, operatorName } from './reference.ts';

/** The dialogs columns an action's optimistic change may write. */
const OVERLAY_COLUMNS = [
  'status_code',
  'waiting_since',
  'spam',
  'operator_id',
  'operator_name',
  'line_id',
  'line_name',
  'pinned',
  'supervisor_rating',
  'supervisor_comment',
] as const;

export interface OutboxRow {
  id: number;
  source: string;
  action_id: string;
  batch_id: number | null;
  dialog_id: number;
  chat_id: number;
  kind: ActionKind;
  payload: string;
  state: OutboxState;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  settled_at: number | null;
  outcome: string | null;
  error_reason: BackendErrorKind | null;
  error_code: string | null;
  error_message: string | null;
}

export interface ActionBatchRow {
  id: number;
  source: string;
  kind: ActionKind;
  payload: string;
  created_at: number;
  requested: number;
  accepted: number;
  skipped: string;
}

export const actionOf = (row: OutboxRow): BackendAction => JSON.parse(row.payload) as BackendAction;

export function insertBatch(
  db: WritableDB,
  batch: { source: string; kind: ActionKind; payload: string; createdAt: number; requested: number; accepted: number; skipped: Array<{ dialogId: number; reason: SkipReason }> },
): number {
  return Number(
    prepared(db, 'INSERT INTO action_batches (source, kind, payload, created_at, requested, accepted, skipped) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      batch.source,
      batch.kind,
      batch.payload,
      batch.createdAt,
      batch.requested,
      batch.accepted,
      JSON.stringify(batch.skipped),
    ).lastInsertRowid,
  );
}

export function insertAction(
  db: WritableDB,
  row: { source: string; actionId: string; batchId: number; action: BackendAction; createdAt: number },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO outbox (source, action_id, batch_id, dialog_id, chat_id, kind, payload, state, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    ).run(row.source, row.actionId, row.batchId, row.action.dialogId, row.action.chatId, row.action.kind, JSON.stringify(row.action), row.createdAt, row.createdAt)
      .lastInsertRowid,
  );
}

/** The unsettled actions of a dialog, oldest first. */
export function openActionsOf(db: Db, source: string, dialogId: number): OutboxRow[] {
  return prepared(db, "SELECT * FROM outbox WHERE dialog_id = ? AND state IN ('pending', 'sending') AND source = ? ORDER BY id").all(dialogId, source) as OutboxRow[];
}

export function hasBase(db: Db, source: string, dialogId: number): boolean {
  return prepared(db, 'SELECT 1 FROM outbox_base WHERE source = ? AND dialog_id = ?').pluck().get(source, dialogId) !== undefined;
}

const BASE_JSON = `json_object(${OVERLAY_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')})`;

function refreshBase(db: WritableDB, source: string, dialogId: number): void {
  prepared(db, `UPDATE outbox_base SET base = (SELECT ${BASE_JSON} FROM dialogs WHERE id = ?) WHERE source = ? AND dialog_id = ?`).run(dialogId, source, dialogId);
}

/** Whether the source has any action not yet settled: when not, a sync batch has no overlay to keep. */
export function hasOpenActions(db: Db, source: string): boolean {
  return prepared(db, "SELECT 1 FROM outbox INDEXED BY ix_outbox_open WHERE source = ? AND state IN ('pending', 'sending') LIMIT 1").pluck().get(source) !== undefined;
}

/**
 * The sync just wrote the source's fresh copy of the dialog: with actions
 * still unsettled, that copy is their new base and they are applied over it
 * again; with none, a stale base goes. (Also heals a cache rebuilt from
 * scratch: the first sync re-creates the bases of what is still queued.)
 */
export function overlayAfterSync(db: WritableDB, source: string, dialogId: number): void {
  if (openActionsOf(db, source, dialogId).length === 0) {
    prepared(db, 'DELETE FROM outbox_base WHERE source = ? AND dialog_id = ?').run(source, dialogId);
    return;
  }
  writeBase(db, source, dialogId);
  rebuildDialogView(db, source, dialogId);
}

/** Records the dialog row's overlay columns as the source gave them, before its first overlay. */
export function writeBase(db: WritableDB, source: string, dialogId: number): void {
  prepared(db, `INSERT OR REPLACE INTO outbox_base (source, dialog_id, base) SELECT ?, id, ${BASE_JSON} FROM dialogs WHERE id = ?`).run(source, dialogId);
}

function restoreBase(db: WritableDB, source: string, dialogId: number): void {
  prepared(
    db,
    `UPDATE dialogs SET ${OVERLAY_COLUMNS.map((c) => `${c} = json_extract(b.base, '$.${c}')`).join(', ')}
     FROM (SELECT base FROM outbox_base WHERE source = ? AND dialog_id = ?) AS b WHERE dialogs.id = ?`,
  ).run(source, dialogId, dialogId);
}

/**
 * One action's optimistic change to the dialog row. Applied on top of the
 * row as shown (its base with the earlier unsettled actions) it gives what
 * rebuildDialogView would, with one write instead of two.
 */
export function applyOverlay(db: WritableDB, action: BackendAction): void {
  const id = action.dialogId;
  switch (action.kind) {
    case 'finish':
      prepared(db, 'UPDATE dialogs SET status_code = ?, waiting_since = NULL WHERE id = ?').run(STATUS_CODE.finished, id);
      return;
    case 'spam':
      prepared(db, 'UPDATE dialogs SET status_code = ?, spam = 1, waiting_since = NULL WHERE id = ?').run(STATUS_CODE.spam, id);
      return;
    case 'transfer':
      if (action.toOperatorId !== undefined) {
        const name = operatorName(db, action.toOperatorId) ?? `#${action.toOperatorId}`;
        prepared(db, 'UPDATE dialogs SET operator_id = ?, operator_name = ? WHERE id = ?').run(action.toOperatorId, name, id);
      } else if (action.toLineId !== undefined) {
        // a dialog sent to another line waits in that line's queue for one of its operators
        const name = lineName(db, action.toLineId) ?? `#${action.toLineId}`;
        prepared(db, 'UPDATE dialogs SET line_id = ?, line_name = ?, operator_id = NULL, operator_name = NULL, status_code = ? WHERE id = ?').run(
          action.toLineId,
          name,
          STATUS_CODE.queued,
          id,
        );
      }
      return;
    case 'vote':
      prepared(db, 'UPDATE dialogs SET supervisor_rating = ?, supervisor_comment = ? WHERE id = ?').run(action.rating, action.comment, id);
      return;
    case 'pin':
      prepared(db, 'UPDATE dialogs SET pinned = ? WHERE id = ?').run(action.pinned ? 1 : 0, id);
      return;
    case 'intercept': {
      const name = operatorName(db, action.operatorId) ?? `#${action.operatorId}`;
      prepared(db, 'UPDATE dialogs SET operator_id = ?, operator_name = ? WHERE id = ?').run(action.operatorId, name, id);
      return;
    }
  }
}

/**
 * The dialog row as it should be shown: its base with every unsettled
 * action applied in order; with none left, the base itself (and the base
 * row goes). Call in the transaction that changed the dialog or its actions.
 */
export function rebuildDialogView(db: WritableDB, source: string, dialogId: number): void {
  if (!hasBase(db, source, dialogId)) return;
  restoreBase(db, source, dialogId);
  const open = openActionsOf(db, source, dialogId);
  for (const row of open) applyOverlay(db, actionOf(row));
  if (open.length === 0) prepared(db, 'DELETE FROM outbox_base WHERE source = ? AND dialog_id = ?').run(source, dialogId);
}

/** The overlay columns a recompute writes (computed from the timeline); the rest are snapshot fields it leaves. */
const COMPUTED_OVERLAY_COLUMNS = ['status_code', 'waiting_since', 'spam'] as const;

/**
 * A recompute just rewrote the row's computed columns from the timeline: they
 * are the source's values now, so they go into the base, and the unsettled
 * actions are applied over it again.
 */
export function overlayAfterRecompute(db: WritableDB, source: string, dialogId: number): void {
  if (!hasBase(db, source, dialogId)) return;
  prepared(
    db,
    `UPDATE outbox_base SET base = (SELECT json_set(outbox_base.base, ${COMPUTED_OVERLAY_COLUMNS.map((c) => `'$.${c}', d.${c}`).join(', ')}) FROM dialogs d WHERE d.id = ?)
     WHERE source = ? AND dialog_id = ?`,
  ).run(dialogId, source, dialogId);
  rebuildDialogView(db, source, dialogId);
}

/**
 * A done action's effect becomes part of the base (the source's next snapshot
 * replaces it anyway). Call after settling it. The usual case — it was the
 * dialog's only unsettled action — leaves the row as it is and drops the base.
 */
export function settleIntoBase(db: WritableDB, row: OutboxRow): void {
  if (!hasBase(db, row.source, row.dialog_id)) return;
  if (openActionsOf(db, row.source, row.dialog_id).length === 0) {
    prepared(db, 'DELETE FROM outbox_base WHERE source = ? AND dialog_id = ?').run(row.source, row.dialog_id);
    return;
  }
  restoreBase(db, row.source, row.dialog_id);
  applyOverlay(db, actionOf(row));
  refreshBase(db, row.source, row.dialog_id);
  rebuildDialogView(db, row.source, row.dialog_id);
}

/** The backend is back: every action waiting out a backoff for an unreachable backend is due now. */
export function makeWaitingDue(db: WritableDB, source: string, now: number): number {
  return prepared(
    db,
    "UPDATE outbox SET next_attempt_at = ? WHERE source = ? AND state IN ('pending', 'sending') AND next_attempt_at > ? AND error_reason = 'unavailable'",
  ).run(now, source, now).changes;
}

/** Every dialog of the source that has a base (after a recompute rewrote the rows). */
export function dialogsWithBase(db: Db, source: string): number[] {
  return prepared(db, 'SELECT dialog_id FROM outbox_base WHERE source = ?').pluck().all(source) as number[];
}

/**
 * The next actions to send: unsettled, due, and the oldest unsettled one of
 * their dialog (one at a time per dialog, in order), skipping dialogs whose
 * action is in flight now.
 */
export function nextSendable(db: Db, source: string, now: number, limit: number, busyDialogs: readonly number[]): OutboxRow[] {
  return prepared(
    db,
    `SELECT o.* FROM outbox o INDEXED BY ix_outbox_open
     WHERE o.source = ? AND o.state IN ('pending', 'sending') AND o.next_attempt_at <= ?
       AND o.dialog_id NOT IN (SELECT value FROM json_each(?))
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dialog_id = o.dialog_id AND p.state IN ('pending', 'sending') AND p.id < o.id)
     ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  ).all(source, now, JSON.stringify(busyDialogs), limit) as OutboxRow[];
}

/** When the next unsettled action falls due (null: none). */
export function nextDueAt(db: Db, source: string): number | null {
  return (prepared(db, "SELECT MIN(next_attempt_at) FROM outbox WHERE source = ? AND state IN ('pending', 'sending')").pluck().get(source) as number | null) ?? null;
}

export function getOutboxRow(db: Db, id: number): OutboxRow | null {
  return (prepared(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
}

/** Recorded before the call goes out: a crash from here on leaves the action in doubt. */
export function markSending(db: WritableDB, id: number, now: number): void {
  prepared(db, "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ? WHERE id = ?").run(now, id);
}

export interface SettleError {
  reason: BackendErrorKind;
  code: string;
  message: string;
}

/** A final answer: done (applied, or already so) or failed. */
export function settle(db: WritableDB, id: number, state: 'done' | 'failed' | 'cancelled', outcome: string, now: number, error: SettleError | null): void {
  prepared(
    db,
    'UPDATE outbox SET state = ?, outcome = ?, settled_at = ?, next_attempt_at = ?, error_reason = ?, error_code = ?, error_message = ? WHERE id = ?',
  ).run(state, outcome, now, now, error?.reason ?? null, error?.code ?? null, error?.message ?? null, id);
}

/**
 * Not answered: try again at `at`. `inDoubt`: the backend may have done it
 * (the call went out, no answer came back), so the next attempt checks first.
 */
export function reschedule(db: WritableDB, id: number, at: number, inDoubt: boolean, error: SettleError): void {
  prepared(db, 'UPDATE outbox SET state = ?, next_attempt_at = ?, error_reason = ?, error_code = ?, error_message = ? WHERE id = ?').run(
    inDoubt ? 'sending' : 'pending',
    at,
    error.reason,
    error.code,
    error.message.slice(0, 500),
    id,
  );
}

export interface OutboxCounts {
  pending: number;
  sending: number;
  done: number;
  failed: number;
  cancelled: number;
}

export function outboxCounts(db: Db, source: string): OutboxCounts {
  const counts: OutboxCounts = { pending: 0, sending: 0, done: 0, failed: 0, cancelled: 0 };
  for (const row of prepared(db, 'SELECT state, COUNT(*) AS n FROM outbox WHERE source = ? GROUP BY state').all(source) as Array<{ state: OutboxState; n: number }>) {
    counts[row.state] = row.n;
  }
  return counts;
}

export function listOutbox(db: Db, source: string, query: { states?: readonly OutboxState[]; batchId?: number; limit: number }): OutboxRow[] {
  const states = JSON.stringify(query.states ?? ['pending', 'sending', 'done', 'failed', 'cancelled']);
  return (
    query.batchId === undefined
      ? prepared(db, 'SELECT * FROM outbox WHERE source = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?').all(source, states, query.limit)
      : prepared(db, 'SELECT * FROM outbox WHERE source = ? AND batch_id = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?').all(
          source,
          query.batchId,
          states,
          query.limit,
        )
  ) as OutboxRow[];
}

export function getBatch(db: Db, id: number): ActionBatchRow | null {
  return (prepared(db, 'SELECT * FROM action_batches WHERE id = ?').get(id) as ActionBatchRow | undefined) ?? null;
}

/** The dialogs an enqueue decides on: present, their status, chat and holder. */
export interface DialogTargetRow {
  id: number;
  chat_id: number;
  status_code: number;
  operator_id: number | null;
  line_id: number;
  pinned: number;
}

export function targetRows(db: Db, ids: readonly number[]): DialogTargetRow[] {
  return prepared(db, 'SELECT id, chat_id, status_code, operator_id, line_id, pinned FROM dialogs WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(ids),
  ) as DialogTargetRow[];
}

/** Kinds of the unsettled actions per dialog, for "already queued". */
export function openKindsOf(db: Db, source: string, ids: readonly number[]): Map<number, ActionKind[]> {
  const map = new Map<number, ActionKind[]>();
  if (ids.length === 0) return map;
  const rows = prepared(
    db,
    "SELECT dialog_id, kind FROM outbox INDEXED BY ix_outbox_dialog_open WHERE state IN ('pending', 'sending') AND dialog_id IN (SELECT value FROM json_each(?)) AND source = ? ORDER BY id",
  ).all(JSON.stringify(ids), source) as Array<{ dialog_id: number; kind: ActionKind }>;
  for (const row of rows) map.set(row.dialog_id, [...(map.get(row.dialog_id) ?? []), row.kind]);
  return map;
}
