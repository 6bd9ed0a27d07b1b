/**
 * What a supervisor does to dialogs (spec dialog-list.md §6), as the UI asks
 * for it: the action without the dialog it applies to (one action, any
 * number of dialogs). The outbox turns each (dialog, action) into a backend
 * call, exactly once.
 */
import type { DialogFilter } from './filter.ts';

export const ACTION_KINDS = ['finish', 'spam', 'transfer', 'vote', 'pin', 'intercept'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export type DialogAction =
  | { kind: 'finish' }
  | { kind: 'spam' }
  /** exactly one target: an operator, or another open line (the dialog then waits in its queue) */
  | { kind: 'transfer'; toOperatorId: number }
  | { kind: 'transfer'; toLineId: number }
  | { kind: 'vote'; rating: number; comment: string }
  | { kind: 'pin'; pinned: boolean }
  /** the supervisor (the connected user) takes the dialog over from its operator (imopenlines.session.intercept) */
  | { kind: 'intercept' };

/** Actions that only make sense while the dialog is active (not finished, not spam). */
export const ACTIVE_ONLY_KINDS: ReadonlySet<ActionKind> = new Set(['finish', 'spam', 'transfer', 'pin', 'intercept']);

/**
 * Which dialogs: these ids, or every dialog the filter selects (not only the
 * rows loaded) but those in `exceptIds` — the grid's "all matching, minus the
 * ones unticked", and a selection too large to name by id.
 */
export type ActionTarget = { dialogIds: number[] } | { filter: DialogFilter; exceptIds?: number[] };

/** Why a dialog of the selection is left out. */
// noOperator: an intercept of a dialog nobody holds (Bitrix24 answers `true` and changes nothing)
export const SKIP_REASONS = ['notFound', 'notActive', 'alreadyQueued', 'sameTarget', 'noOperator'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const OUTBOX_STATES = ['pending', 'sending', 'done', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** The most dialogs one request may act on. */
export const MAX_ACTION_DIALOGS = 100_000;
/** The most dialog ids one request may name (a filter names more). */
export const MAX_ACTION_IDS = 10_000;
