/**
 * Actions' slice of the IPC contract (issue 9): preview and enqueue an
 * action on dialogs (ids, or all matching a filter), the outbox as the UI
 * lists it, cancel, and the demo backend's failure switches. Merged into
 * `Contract` in ./contract.ts; schemas in ./schemas-actions.ts, handlers in
 * electron/app/ipc/handlers/actions.ts; the work runs in the writer worker
 * (electron/app/data/writer-outbox.ts).
 */
import type { ActionTarget, DialogAction, OutboxState, SkipReason } from '../domain/actions.ts';
import type { DialogFilter, SortSpec } from '../domain/filter.ts';

export interface ActionPreview {
  /** dialogs the request named or the filter selected */
  requested: number;
  /** would be acted on */
  accepted: number;
  /** left out, and why */
  skipped: Array<{ dialogId: number; reason: SkipReason }>;
}

export interface ActionBatchResult {
  batchId: number;
  accepted: number;
  skipped: Array<{ dialogId: number; reason: SkipReason }>;
}

/** An action as queued for one dialog. */
export type QueuedAction = DialogAction & { dialogId: number; chatId: number };

export interface OutboxEntry {
  id: number;
  batchId: number | null;
  dialogId: number;
  action: QueuedAction;
  state: OutboxState;
  attempts: number;
  createdAt: number;
  /** when it is tried next; null once settled */
  nextAttemptAt: number | null;
  settledAt: number | null;
  /** applied | alreadyInState | rejected | cancelled */
  outcome: string | null;
  /** the backend's last answer that was not a success (kind, its code, its words) */
  error: { reason: string; code: string; message: string } | null;
}

export interface OutboxCounts {
  pending: number;
  sending: number;
  done: number;
  failed: number;
  cancelled: number;
}

export interface SenderState {
  /** `offline`: the backend did not answer; actions wait and are retried */
  state: 'idle' | 'sending' | 'offline' | 'stopped';
  lastError: { reason: string; code: string; message: string; at: number } | null;
  nextAttemptAt: number | null;
}

export interface OutboxSnapshot {
  entries: OutboxEntry[];
  counts: OutboxCounts;
  sender: SenderState | null;
  /** with `batchId`: what the request asked for and what it skipped */
  batch: { id: number; requested: number; accepted: number; skipped: Array<{ dialogId: number; reason: SkipReason }> } | null;
}

export const DEMO_FAILURES = ['unavailable', 'rateLimited', 'conflict', 'lostAnswer'] as const;
export type DemoFailure = (typeof DEMO_FAILURES)[number];

export interface DemoControlState {
  paused: boolean;
  failing: { kind: DemoFailure; remaining: number } | null;
}

export interface ActionsContract {
  /** What acting would do: how many dialogs, how many skipped and why. Nothing is written. */
  'actions:preview': { request: { target: ActionTarget; action: DialogAction }; response: ActionPreview };
  /** Queue the action for every dialog it applies to (one transaction with the rows' optimistic changes). */
  'actions:enqueue': { request: { target: ActionTarget; action: DialogAction }; response: ActionBatchResult };
  /** The outbox: recent entries (newest first, or one batch in order), counts and the sender's state. */
  'outbox:list': { request: { states?: OutboxState[]; batchId?: number; limit?: number }; response: OutboxSnapshot };
  /** Cancel an action that has not been sent. */
  'outbox:cancel': { request: { id: number }; response: OutboxEntry };
  /**
   * The dialog ids at positions [startRow, endRow) of the grid's order (filter, sort, rank) and the
   * filter's count: a Shift+click range across rows the grid has not loaded. Read-only.
   */
  'selection:ids': {
    request: { filter: DialogFilter; sort: SortSpec; rank?: 'relevance' | 'sort'; startRow: number; endRow: number };
    response: { ids: number[]; total: number };
  };
  /** Active dialogs assigned to each operator now (the transfer picker's load); operators with none are absent. Read-only. */
  'operators:load': { request: Record<string, never>; response: { operators: Array<{ operatorId: number; active: number }> } };
  /**
   * A dialog's web page on the connected portal: its chat, or its CRM record. Built by the services from the
   * portal's origin and the dialog's ids and checked to stay on that origin; UNAVAILABLE for a source without pages (the demo).
   * `opened`: the desktop app opened it in the OS browser itself; false (browser mode): the page opens `url`.
   */
  'links:dialog': { request: { dialogId: number; target: 'chat' | 'crm' }; response: { url: string; opened: boolean } };
  /** Demo backend only: pause it (unreachable) or make its next actions fail. */
  'demo:control': { request: { paused?: boolean; fail?: { kind: DemoFailure; count: number } }; response: DemoControlState };
}

export const ACTIONS_CHANNELS = ['actions:preview', 'actions:enqueue', 'outbox:list', 'outbox:cancel', 'selection:ids', 'operators:load', 'links:dialog', 'demo:control'] as const satisfies ReadonlyArray<
  keyof ActionsContract
>;

/** Pushed when outbox entries change state (at most a few times a second). */
export interface OutboxChangedEvent {
  counts: OutboxCounts;
  sender: SenderState | null;
  /** dialogs whose rows changed with them */
  dialogIds: number[];
}
