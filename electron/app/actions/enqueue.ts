/**
 * Turning a supervisor's request (one action, a selection or "all
 * matching") into outbox rows: decide per dialog whether it applies (a
 * finished dialog cannot be finished again; a dialog already being finished
 * is not queued twice), then write every accepted action and its optimistic
 * change in one transaction — so a crash keeps all of it or none of it, and
 * nothing shown as pending is ever missing from the outbox.
 */
import { randomUUID } from 'node:crypto';
import { ACTIVE_ONLY_KINDS, MAX_ACTION_DIALOGS, type ActionTarget, type DialogAction, type SkipReason } from '../../../shared/domain/actions.ts';
import { generalStatusOfCode } from '../../../shared/domain/status.ts';
import type { BackendAction } from '../backends/backend.ts';
import type { Db, WritableDB } from '../db/connection.ts';
import { lineExists, matchingDialogIds, operatorTarget } from '../db/queries/dialog-ids.ts';
import { applyOverlay, hasBase, insertAction, insertBatch, openKindsOf, targetRows, writeBase, type DialogTargetRow } from '../db/queries/outbox.ts';
import { AppError } from '../ipc/app-error.ts';

export interface ActionPlan {
  /** dialogs the request named or selected */
  requested: number;
  accepted: Array<{ dialogId: number; chatId: number }>;
  skipped: Array<{ dialogId: number; reason: SkipReason }>;
}

export interface EnqueueResult {
  batchId: number;
  accepted: number;
  skipped: Array<{ dialogId: number; reason: SkipReason }>;
  /** the dialogs whose rows now show the pending change */
  acceptedIds: number[];
}

/** Kinds that close the dialog: after one is queued, nothing that needs it open is queued again. */
const CLOSING = new Set(['finish', 'spam']);

function checkAction(db: Db, action: DialogAction): void {
  if (action.kind === 'transfer') {
    if ('toOperatorId' in action) {
      const target = operatorTarget(db, action.toOperatorId);
      if (!target) throw new AppError('VALIDATION', `There is no operator ${action.toOperatorId}`);
      if (target.isBot) throw new AppError('VALIDATION', `Operator ${action.toOperatorId} is a bot: a dialog cannot be transferred to a bot`);
    } else if (!lineExists(db, action.toLineId)) {
      throw new AppError('VALIDATION', `There is no open line ${action.toLineId}`);
    }
  }
}

function skipReason(row: DialogTargetRow | undefined, action: DialogAction, open: readonly string[], self: number | undefined): SkipReason | null {
  if (!row) return 'notFound';
  if (open.some((kind) => CLOSING.has(kind)) && action.kind !== 'vote') return 'alreadyQueued';
  if (ACTIVE_ONLY_KINDS.has(action.kind) && generalStatusOfCode(row.status_code) === 'finished') return 'notActive';
  if (action.kind === 'transfer') {
    if ('toOperatorId' in action && row.operator_id === action.toOperatorId) return 'sameTarget';
    if ('toLineId' in action && row.line_id === action.toLineId) return 'sameTarget';
  }
  if (action.kind === 'intercept') {
    if (row.operator_id === null) return 'noOperator';
    if (row.operator_id === self) return 'sameTarget';
  }
  return null;
}

/** The dialog ids a target names (a filter's without its `exceptIds`), bounded. */
export function resolveTarget(db: Db, target: ActionTarget, now: number): number[] {
  if ('dialogIds' in target) return [...new Set(target.dialogIds)];
  const { ids, more } = matchingDialogIds(db, target.filter, now, MAX_ACTION_DIALOGS, target.exceptIds ?? []);
  if (more) throw new AppError('TOO_LARGE', `The filter selects more than ${MAX_ACTION_DIALOGS.toLocaleString('en')} dialogs; narrow it to act on them`);
  return ids;
}

/** What the request would do, without doing it (the preview). */
export function planActions(db: Db, source: string, ids: readonly number[], action: DialogAction, self?: number): ActionPlan {
  checkAction(db, action);
  if (action.kind === 'intercept' && self === undefined) throw new AppError('UNAVAILABLE', 'This source does not say which user it acts as, so a dialog cannot be intercepted');
  const rows = new Map(targetRows(db, ids).map((r) => [r.id, r]));
  const open = openKindsOf(db, source, ids);
  const plan: ActionPlan = { requested: ids.length, accepted: [], skipped: [] };
  for (const id of ids) {
    const row = rows.get(id);
    const reason = skipReason(row, action, open.get(id) ?? [], self);
    if (reason) plan.skipped.push({ dialogId: id, reason });
    else plan.accepted.push({ dialogId: id, chatId: row!.chat_id });
  }
  return plan;
}

/** `self`: the backend's own user (Backend.selfOperatorId), needed by an intercept only. */
export function toBackendAction(action: DialogAction, dialogId: number, chatId: number, self?: number): BackendAction {
  const ids = { dialogId, chatId };
  switch (action.kind) {
    case 'finish':
    case 'spam':
      return { kind: action.kind, ...ids };
    case 'transfer':
      return 'toOperatorId' in action ? { kind: 'transfer', ...ids, toOperatorId: action.toOperatorId } : { kind: 'transfer', ...ids, toLineId: action.toLineId };
    case 'vote':
      return { kind: 'vote', ...ids, rating: action.rating, comment: action.comment };
    case 'pin':
      return { kind: 'pin', ...ids, pinned: action.pinned };
    case 'intercept':
      if (self === undefined) throw new AppError('UNAVAILABLE', 'This source does not say which user it acts as, so a dialog cannot be intercepted');
      return { kind: 'intercept', ...ids, operatorId: self };
  }
}

/** Writes the accepted actions and their optimistic changes, all in one transaction. */
export function enqueueActions(
  db: WritableDB,
  source: string,
  ids: readonly number[],
  action: DialogAction,
  now: number,
  newActionId: () => string = randomUUID,
  self?: number,
): EnqueueResult {
  return db.transaction((): EnqueueResult => {
    // planned inside the transaction: nothing can change between the decision and the write
    const plan = planActions(db, source, ids, action, self);
    const batchId = insertBatch(db, {
      source,
      kind: action.kind,
      payload: JSON.stringify(action),
      createdAt: now,
      requested: plan.requested,
      accepted: plan.accepted.length,
      skipped: plan.skipped,
    });
    for (const { dialogId, chatId } of plan.accepted) {
      if (!hasBase(db, source, dialogId)) writeBase(db, source, dialogId);
      const queued = toBackendAction(action, dialogId, chatId, self);
      insertAction(db, { source, actionId: newActionId(), batchId, action: queued, createdAt: now });
      // the newest action goes on top of the row as shown: the same as rebuilding it, one write
      applyOverlay(db, queued);
    }
    return { batchId, accepted: plan.accepted.length, skipped: plan.skipped, acceptedIds: plan.accepted.map((a) => a.dialogId) };
  })();
}
