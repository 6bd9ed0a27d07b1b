/**
 * The audit log's slice of the IPC contract (issue 9 §8), and cancelling the
 * rest of a running bulk batch (which the audit records). Merged into
 * `Contract` in ./contract.ts; schemas in ./schemas-audit.ts, handlers in
 * electron/app/ipc/handlers/audit.ts, SQL in electron/app/db/queries/audit.ts.
 */
import { ACTION_KINDS, type DialogAction } from '../domain/actions.ts';
import type { Language } from './contract.ts';

/** What a supervisor did: an action, or cancelling queued ones. */
export const AUDIT_KINDS = [...ACTION_KINDS, 'cancel'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One dialog's outcome: pending until the outbox settles it; skipped ones never reached the outbox. */
export const AUDIT_OUTCOMES = ['pending', 'done', 'failed', 'cancelled', 'skipped'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What a cancel request names: one outbox entry, or the rest of a batch. */
export type CancelRequest = { kind: 'cancel'; outboxId: number } | { kind: 'cancel'; batchId: number };

export interface AuditFilter {
  /** epoch ms, inclusive */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  kinds?: AuditKind[];
  outcomes?: AuditOutcome[];
  dialogId?: number;
}

/** One dialog of one supervisor request. */
export interface AuditEntry {
  id: number;
  /** the request it belongs to (one bulk action is one request) */
  auditId: number;
  createdAt: number;
  /** who: the source's user or label */
  actor: string;
  kind: AuditKind;
  action: DialogAction | CancelRequest;
  dialogId: number;
  outcome: AuditOutcome;
  /** why it was skipped or failed (a skip reason, or the backend's code and words); how it was done */
  detail: string | null;
  settledAt: number | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** rows the filter selects */
  total: number;
}

/** The audit as CSV: browser mode downloads `csv`; the desktop app has saved it where the user chose. */
export type AuditExport =
  | { delivered: 'download'; fileName: string; rows: number; csv: string }
  | { delivered: 'saved'; fileName: string; rows: number; path: string | null };

/** The most rows one export writes: the CSV crosses IPC whole. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;

export interface AuditContract {
  /** The audit, newest first, one row per dialog of each request; paged. */
  'audit:list': { request: { filter: AuditFilter; offset?: number; limit?: number }; response: AuditPage };
  /** The rows the filter selects as CSV, labels in `language`, dates in `timeZone`. */
  'audit:export': { request: { filter: AuditFilter; language: Language; timeZone: string }; response: AuditExport };
  /**
   * Cancel every still-pending entry of a bulk batch; entries already being
   * sent finish. Answers how many were cancelled and how many were in flight.
   */
  'outbox:cancelBatch': { request: { batchId: number }; response: { cancelled: number; sending: number } };
}

export const AUDIT_CHANNELS = ['audit:list', 'audit:export', 'outbox:cancelBatch'] as const satisfies ReadonlyArray<keyof AuditContract>;
