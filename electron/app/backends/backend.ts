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
  | { kind: 'pin'; dialogId: number; chatId: number; pinned: boolean };

/** An error a backend reports; `retryable` tells the outbox to try again later. */
export class BackendError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable: boolean) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.retryable = retryable;
  }
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
  fetchReference(): Promise<ReferenceData>;
  /** Changes after `cursor` (null: from the beginning, i.e. the backfill), at most `limit` dialogs. */
  pullChanges(cursor: string | null, limit: number): Promise<ChangeBatch>;
  /** One dialog's whole timeline, fresh from the backend. */
  fetchTimeline(dialogId: number): Promise<DialogTimeline>;
  perform(action: BackendAction): Promise<void>;
  close(): Promise<void>;
}
