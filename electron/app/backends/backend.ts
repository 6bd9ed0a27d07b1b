/**
 * What every open-lines backend provides: the embedded demo simulator now, the
 * Bitrix24 REST connector next. Everything here is backend-neutral domain data;
 * each backend maps its own wire format (Dto) to it inside its own folder.
 */
import type { CrmLink, OpenLine, Operator } from '../../../shared/domain/dialog.ts';
import type { Direction, DialogTimeline, TimelineEntry } from '../../../shared/domain/timeline.ts';

/** A dialog's descriptive fields; statuses, dates and metrics come from its timeline. */
export interface DialogSnapshot {
  id: number;
  /** the chat the actions address (Bitrix24 CHAT_ID) */
  chatId: number;
  lineId: number;
  direction: Direction;
  /** connector id: livechat, telegrambot, … */
  channel: string;
  clientId: number;
  clientName: string;
  /** the responsible operator as the backend reports it; null when unassigned or unknown */
  operatorId: number | null;
  crm: CrmLink | null;
  pageUrl: string | null;
  formFilled: boolean;
  historyRequested: boolean;
  pinned: boolean;
  /**
   * the backend refused this dialog's history (Bitrix24: session.history.get
   * answered not found or no rights), so its timeline is only what the
   * session's own record says and its metrics are partial
   */
  historyUnavailable: boolean;
  supervisorRating: number | null;
  supervisorComment: string | null;
  /** a status code the backend reports itself (Bitrix24 lines.status); it wins over the derived one */
  reportedStatusCode: number | null;
}

export interface DialogChange {
  dialog: DialogSnapshot;
  /**
   * Timeline entries, identified by (dialog id, seq). Applying the same change
   * twice must leave the cache as applying it once.
   */
  entries: TimelineEntry[];
  /** true: `entries` is the whole timeline and replaces what is stored */
  replaceTimeline: boolean;
}

export interface ChangeBatch {
  changes: DialogChange[];
  /** opaque; pass it back to get what changed after this batch */
  cursor: string;
  /** more changes are ready now: pull again without waiting */
  hasMore: boolean;
  /** during the first backfill: how far along it is, 0..1; null when unknown */
  progress: number | null;
}

export interface ReferenceData {
  lines: OpenLine[];
  operators: Operator[];
}

/** Actions a supervisor performs (spec §6). Each names both ids, as Bitrix24 needs CHAT_ID for most. */
export type BackendAction =
  | { kind: 'finish'; dialogId: number; chatId: number }
  | { kind: 'spam'; dialogId: number; chatId: number }
  | { kind: 'transfer'; dialogId: number; chatId: number; toOperatorId?: number; toLineId?: number }
  | { kind: 'vote'; dialogId: number; chatId: number; rating: number; comment: string }
  | { kind: 'pin'; dialogId: number; chatId: number; pinned: boolean }
  /** `operatorId`: who takes the dialog over, the backend's own user (fixed when queued, so a retry checks the same effect) */
  | { kind: 'intercept'; dialogId: number; chatId: number; operatorId: number };

/**
 * One error taxonomy for everything that talks to a backend — the sync and
 * the outbox read the same kinds. `unavailable` and `rateLimited` are worth
 * retrying (the latter after `retryAfterMs`); the rest are answers: trying
 * the same request again cannot change them.
 */
export const BACKEND_ERROR_KINDS = ['unavailable', 'rateLimited', 'auth', 'forbidden', 'notFound', 'conflict', 'invalid'] as const;
export type BackendErrorKind = (typeof BACKEND_ERROR_KINDS)[number];

const RETRYABLE_KINDS: ReadonlySet<BackendErrorKind> = new Set(['unavailable', 'rateLimited']);

/** The kind of the codes backends answer with (the demo speaks Bitrix24's); an unknown code is `invalid`. */
const KIND_OF_CODE: Readonly<Record<string, BackendErrorKind>> = {
  UNAVAILABLE: 'unavailable',
  PAUSED: 'unavailable',
  CLOSED: 'unavailable',
  TIMEOUT: 'unavailable',
  QUERY_LIMIT_EXCEEDED: 'rateLimited',
  RATE_LIMITED: 'rateLimited',
  NO_AUTH_FOUND: 'auth',
  EXPIRED_TOKEN: 'auth',
  INVALID_TOKEN: 'auth',
  ACCESS_DENIED: 'forbidden',
  INSUFFICIENT_SCOPE: 'forbidden',
  NOT_FOUND: 'notFound',
  SESSION_CLOSED: 'conflict',
  OPERATOR_WRONG: 'conflict',
  CHAT_ID: 'invalid',
  TRANSFER_ID_EMPTY: 'invalid',
  WRONG_RATING: 'invalid',
  BAD_CURSOR: 'invalid',
};

/** An error a backend reports: its own code, and the kind the sync and the outbox act on. */
export class BackendError extends Error {
  readonly code: string;
  readonly kind: BackendErrorKind;
  readonly retryable: boolean;
  /** for `rateLimited`: how long the backend asked us to wait */
  readonly retryAfterMs: number | null;
  /** the request may have reached the backend before this error (a timeout, a reset after sending) */
  readonly maybeSent: boolean;
  constructor(
    code: string,
    message: string,
    retryable?: boolean,
    options: { kind?: BackendErrorKind; retryAfterMs?: number; maybeSent?: boolean } = {},
  ) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.kind = options.kind ?? KIND_OF_CODE[code] ?? (retryable ? 'unavailable' : 'invalid');
    this.retryable = retryable ?? RETRYABLE_KINDS.has(this.kind);
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.maybeSent = options.maybeSent ?? false;
  }
}

/**
 * Any error from a backend call in the taxonomy: a network failure or a bug
 * is `unavailable` (worth retrying), and may have reached the backend.
 */
export function asBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BackendError('UNAVAILABLE', message, true, { kind: 'unavailable', maybeSent: true });
}

/** An action as the outbox sends it: the action and the outbox's own id for it. */
export interface ActionRequest {
  /** the outbox's id of this action (logged by backends that can; Bitrix24 has no idempotency keys) */
  actionId: string;
  action: BackendAction;
}

/**
 * What performing an action came to. `alreadyInState`: the dialog already
 * was as the action would leave it, nothing was changed. `rejected`: the
 * backend said no, and asking again will not change that. `retry`: nothing
 * was done; try again after `afterMs`.
 */
export type ActionOutcome =
  | { kind: 'applied' }
  | { kind: 'alreadyInState' }
  | { kind: 'rejected'; reason: BackendErrorKind; code: string; message: string }
  /**
   * `sent`: the request may have reached the backend (it timed out, or the
   * connection dropped after sending) — the action is in doubt and is checked
   * before it is sent again. false: it certainly did not (refused connection,
   * unreachable, throttled, 503).
   */
  | { kind: 'retry'; afterMs: number | null; reason: BackendErrorKind; code: string; message: string; sent: boolean };

/** The outcome a thrown backend error stands for. */
export function outcomeOfError(error: unknown): ActionOutcome {
  const e = asBackendError(error);
  return e.retryable
    ? { kind: 'retry', afterMs: e.retryAfterMs, reason: e.kind, code: e.code, message: e.message, sent: e.maybeSent }
    : { kind: 'rejected', reason: e.kind, code: e.code, message: e.message };
}

export interface Backend {
  readonly kind: 'demo' | 'bitrix24';
  /** shown in the UI, e.g. "Demo contact centre (seed 1)" or the portal host */
  readonly label: string;
  /**
   * Names the data this backend serves (demo world, portal and user). A cache
   * filled from another identity is cleared before syncing, so two sources
   * never mix under the same dialog ids.
   */
  readonly identity?: string;
  /** the user the backend acts as (the demo's supervisor, the webhook's user): who an intercept hands the dialog to */
  readonly selfOperatorId?: number;
  /** the portal's web origin, where its chats and CRM records open; absent: the source has no web pages (the demo) */
  readonly portalOrigin?: string;
  /**
   * How long after a call went out the backend may still carry it out (a portal finishes a request whose
   * client timed out or died, up to its own time limit). An action in doubt whose effect is not there yet
   * is not sent again before then, or it could be done twice. Absent: 0 (nothing outlives the caller).
   */
  readonly callLimitMs?: number;
  fetchReference(): Promise<ReferenceData>;
  /** Changes after `cursor` (null: from the beginning, i.e. the backfill), at most `limit` dialogs. */
  pullChanges(cursor: string | null, limit: number): Promise<ChangeBatch>;
  /** One dialog's whole timeline, fresh from the backend. */
  fetchTimeline(dialogId: number): Promise<DialogTimeline>;
  /** The dialog as it stands now: its snapshot and whole timeline (the outbox checks an action in doubt with it). */
  fetchDialog(dialogId: number, signal?: AbortSignal): Promise<DialogChange>;
  /** Performs one action; a backend's refusal is an outcome, not a throw. */
  perform(request: ActionRequest, signal?: AbortSignal): Promise<ActionOutcome>;
  close(): Promise<void>;
}
