/**
 * One dialog's timeline (spec timeline.md): the input of the metrics engine,
 * the unit the backends deliver and the cache stores.
 */

export const TIMELINE_KINDS = [
  'created',
  'message',
  'botHandoff',
  'skipped',
  'transferred',
  'taken',
  'closing',
  'closedByOperator',
  'closed',
  'spam',
  'vote',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const MESSAGE_AUTHORS = ['client', 'operator', 'bot', 'system'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CLIENT_RATINGS = ['like', 'dislike'] as const;
export type ClientRating = (typeof CLIENT_RATINGS)[number];

/**
 * A timeline entry as the engine and the cache see it: time in epoch
 * milliseconds, and `seq`, the entry's position in the dialog's timeline,
 * which orders entries that share a timestamp (timeline.md: by `at`, then by
 * position). `seq` is unique within a dialog and is the entry's identity for
 * idempotent upserts.
 */
export interface TimelineEntry {
  seq: number;
  at: number;
  kind: TimelineKind;
  /** message only */
  author?: MessageAuthor;
  /** operator messages only: an internal note the client does not see */
  hidden?: boolean;
  operatorId?: number;
  toOperatorId?: number;
  toLineId?: number;
  /** vote only */
  rating?: ClientRating;
  /** message text; not part of timeline.md, carried for history and search */
  text?: string;
}

export interface DialogTimeline {
  id: number;
  direction: Direction;
  entries: TimelineEntry[];
}

/** timeline.md input: one event as written in a timeline file. */
export interface TimelineFileEvent {
  at: string;
  kind: TimelineKind;
  author?: MessageAuthor;
  hidden?: boolean;
  operatorId?: number;
  toOperatorId?: number;
  toLineId?: number;
  rating?: ClientRating;
  text?: string;
}

export interface TimelineFile {
  id: number;
  direction: Direction;
  events: TimelineFileEvent[];
}
