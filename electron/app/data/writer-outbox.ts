/**
 * The outbox inside the writer worker: enqueue (one transaction with the
 * optimistic changes), the sender that drains it, cancel, and the queue as
 * the UI lists it. It lives beside the sync (writer-sync.ts) because both
 * write the cache and talk to the same backend; the services' thread only
 * calls these methods and hears `outbox:changed`.
 */
import type { ActionTarget, DialogAction, OutboxState } from '../../../shared/domain/actions.ts';
import type { Events } from '../../../shared/ipc/contract.ts';
import type { ActionBatchResult, OutboxEntry, OutboxSnapshot } from '../../../shared/ipc/contract-actions.ts';
import { enqueueActions, planActions, resolveTarget } from '../actions/enqueue.ts';
import { portalLink, type PortalLinkTarget } from '../actions/portal-links.ts';
import { getDialog } from '../db/queries/dialogs.ts';
import { OutboxSender, type SenderStatus } from '../actions/outbox-sender.ts';
import type { Backend, DialogChange } from '../backends/backend.ts';
import type { DemoControlState, InjectedFailure } from '../backends/demo/faults.ts';
import type { DemoBackend } from '../backends/demo/index.ts';
import type { Db, WritableDB } from '../db/connection.ts';
import { getBatch, getOutboxRow, listOutbox, outboxCounts, rebuildDialogView, settle, type OutboxRow } from '../db/queries/outbox.ts';
import { recordCancelAudit, setAuditActor } from '../db/queries/audit.ts';
import { readCursor } from '../db/queries/sync-state.ts';
import { IDENTITY_KEY } from '../db/queries/cache-identity.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { applyChanges } from '../sync/apply-changes.ts';

type PostOutboxEvent = <E extends 'outbox:changed' | 'dialogs:changed'>(name: E, payload: Events[E]) => void;

/** Events at most this often: a bulk action of thousands settles in a stream. */
const EVENT_EVERY_MS = 250;

let sender: OutboxSender | null = null;
let backend: Backend | null = null;
let source = '';
let post: PostOutboxEvent = () => {};
let eventTimer: ReturnType<typeof setTimeout> | null = null;
let changedDialogs = new Set<number>();
let writer: WritableDB | null = null;
let dialogTotal: () => number = () => 0;

function scheduleEvent(dialogIds: readonly number[]): void {
  for (const id of dialogIds) changedDialogs.add(id);
  if (eventTimer) return;
  eventTimer = setTimeout(() => {
    eventTimer = null;
    if (!writer) return;
    const dialogs = [...changedDialogs];
    changedDialogs = new Set();
    post('outbox:changed', { counts: outboxCounts(writer, source), sender: sender?.status ?? null, dialogIds: dialogs });
    // the rows changed too (an optimistic change, its settling, a refresh): the grid reloads them as after a sync
    if (dialogs.length > 0) post('dialogs:changed', { inserted: [], updated: dialogs, total: dialogTotal() });
  }, EVENT_EVERY_MS);
}

/** The cache's source key: what outbox rows are keyed by (the identity the sync adopted). */
export function sourceKey(db: Db): string {
  return readCursor(db, IDENTITY_KEY) ?? 'unknown';
}

export function startWriterOutbox(
  db: WritableDB,
  theBackend: Backend,
  log: Logger,
  postEvent: PostOutboxEvent,
  options: { autoStart?: boolean; total?: () => number; backendReachable?: () => void } = {},
): void {
  let wasOffline = false;
  writer = db;
  dialogTotal = options.total ?? (() => 0);
  backend = theBackend;
  source = sourceKey(db);
  // who the audit says acted: the source's label (a portal's host, the demo world)
  setAuditActor(db, source, theBackend.kind === 'demo' ? `demo ${theBackend.label}` : theBackend.label);
  post = postEvent;
  sender = new OutboxSender({
    db,
    backend: theBackend,
    source,
    log,
    applyFresh: (change: DialogChange) => {
      applyChanges(db, [change], null, log);
    },
    onChanged: (_entries, dialogIds) => scheduleEvent(dialogIds),
    onStatus: (status) => {
      // the outbox got through after the backend had not answered: the sync need not wait out its backoff
      if (status.state !== 'offline' && wasOffline) options.backendReachable?.();
      wasOffline = status.state === 'offline';
      scheduleEvent([]);
    },
  });
  if (options.autoStart ?? true) sender.start();
}

export async function stopWriterOutbox(): Promise<void> {
  await sender?.stop();
  if (eventTimer) clearTimeout(eventTimer);
  eventTimer = null;
  sender = null;
  backend = null;
  writer = null;
}

/** The sync got through: the backend answers again. */
export function backendAnswered(): void {
  if (sender?.status.state === 'offline') sender.backendBack();
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    batchId: row.batch_id,
    dialogId: row.dialog_id,
    action: JSON.parse(row.payload) as OutboxEntry['action'],
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.state === 'pending' || row.state === 'sending' ? row.next_attempt_at : null,
    settledAt: row.settled_at,
    outcome: row.outcome,
    error: row.error_code === null ? null : { reason: row.error_reason ?? 'invalid', code: row.error_code, message: row.error_message ?? '' },
  };
}

function demoBackend(): DemoBackend {
  if (backend?.kind !== 'demo' || !('control' in backend)) throw new AppError('UNAVAILABLE', 'Only the demo backend can be paused or made to fail');
  return backend as DemoBackend;
}

export const OUTBOX_API = {
  actionsPreview(db: Db, target: ActionTarget, action: DialogAction, now: number) {
    const plan = planActions(db, sourceKey(db), resolveTarget(db, target, now), action, backend?.selfOperatorId);
    return { requested: plan.requested, accepted: plan.accepted.length, skipped: plan.skipped };
  },
  actionsEnqueue(db: Db, target: ActionTarget, action: DialogAction, now: number): ActionBatchResult {
    if (!sender) throw new AppError('UNAVAILABLE', 'The outbox is not running (no backend)');
    const { acceptedIds, ...result } = enqueueActions(db as WritableDB, sourceKey(db), resolveTarget(db, target, now), action, now, undefined, backend?.selfOperatorId);
    // queued and committed: from here on an error would tell the user it failed when it did not
    sender.wake();
    scheduleEvent(acceptedIds);
    return result;
  },
  outboxList(db: Db, query: { states?: OutboxState[]; batchId?: number; limit?: number }): OutboxSnapshot {
    const key = sourceKey(db);
    const rows = listOutbox(db, key, { states: query.states, batchId: query.batchId, limit: query.limit ?? 200 });
    const batch = query.batchId === undefined ? null : getBatch(db, query.batchId);
    return {
      entries: rows.map(entryOf),
      counts: outboxCounts(db, key),
      sender: sender?.status ?? null,
      batch: batch === null ? null : { id: batch.id, requested: batch.requested, accepted: batch.accepted, skipped: JSON.parse(batch.skipped) as ActionBatchResult['skipped'] },
    };
  },
  outboxCancel(db: Db, id: number, now: number): OutboxEntry {
    const row = getOutboxRow(db, id);
    if (!row || row.source !== sourceKey(db)) throw new AppError('NOT_FOUND', `Outbox entry ${id}`);
    if (row.state === 'sending') throw new AppError('CONFLICT', 'This action is being sent (or may have reached the backend already); it can no longer be cancelled');
    if (row.state !== 'pending') throw new AppError('CONFLICT', `This action is already ${row.state}`);
    const w = db as WritableDB;
    w.transaction(() => {
      settle(w, id, 'cancelled', 'cancelled', now, null);
      rebuildDialogView(w, row.source, row.dialog_id);
      recordCancelAudit(w, { source: row.source, request: { kind: 'cancel', outboxId: id }, batchId: row.batch_id, dialogIds: [row.dialog_id], now });
    })();
    scheduleEvent([row.dialog_id]);
    return entryOf(getOutboxRow(db, id)!);
  },
  /**
   * "Cancel the rest" of a bulk batch: every entry still pending is
   * cancelled; those being sent are left to finish (they may have reached
   * the backend). The sender runs on this thread and marks an entry sending
   * before its first await, so no entry it has picked is still pending here.
   */
  outboxCancelBatch(db: Db, batchId: number, now: number): { cancelled: number; sending: number } {
    const key = sourceKey(db);
    const batch = getBatch(db, batchId);
    if (!batch || batch.source !== key) throw new AppError('NOT_FOUND', `Action batch ${batchId}`);
    const open = listOutbox(db, key, { states: ['pending', 'sending'], batchId, limit: 1_000_000 });
    const pending = open.filter((r) => r.state === 'pending');
    const w = db as WritableDB;
    w.transaction(() => {
      for (const row of pending) {
        settle(w, row.id, 'cancelled', 'cancelled', now, null);
        rebuildDialogView(w, row.source, row.dialog_id);
      }
      if (pending.length > 0) recordCancelAudit(w, { source: key, request: { kind: 'cancel', batchId }, batchId, dialogIds: pending.map((r) => r.dialog_id), now });
    })();
    scheduleEvent(pending.map((r) => r.dialog_id));
    return { cancelled: pending.length, sending: open.length - pending.length };
  },
  /** A dialog's page on the connected portal (its chat or its CRM record); the writer holds the backend that knows the portal. */
  portalLink(db: Db, dialogId: number, target: PortalLinkTarget): { url: string; origin: string } {
    if (!backend?.portalOrigin) throw new AppError('UNAVAILABLE', 'This source has no web pages to open');
    const dialog = getDialog(db, dialogId);
    if (!dialog) throw new AppError('NOT_FOUND', `Dialog ${dialogId}`);
    return { url: portalLink(backend.portalOrigin, dialog, target), origin: backend.portalOrigin };
  },
  senderStatus(_db: Db): SenderStatus | null {
    return sender?.status ?? null;
  },
  demoControl(_db: Db, patch: { paused?: boolean; fail?: { kind: InjectedFailure; count: number } }): DemoControlState {
    const demo = demoBackend();
    if (patch.paused !== undefined) demo.control.setPaused(patch.paused);
    if (patch.fail) demo.control.failNextActions(patch.fail.kind, patch.fail.count);
    if (patch.paused === false) sender?.backendBack();
    return demo.control.state();
  },
};
