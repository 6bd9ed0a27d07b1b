/**
 * What the metrics engine computes for one dialog (spec dialog-list.md §2, §4;
 * timeline.md "Output"). Dates are epoch ms here; the timeline.md output
 * format (ISO strings) is produced from this by the command line.
 */
import type { GeneralStatusId, StatusDetailId } from './status.ts';

export const DATE_FIELDS = [
  'createdAt',
  'queuedAt',
  'operatorAnsweredAt',
  'operatorStartedAt',
  'lastMessageAt',
  'operatorClosedAt',
  'closedAt',
  'modifiedAt',
] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const METRIC_IDS = [
  'waitFirstAnswer',
  'timeToStart',
  'timeToOperatorClose',
  'duration',
  'firstResponse',
  'botTime',
  'responseTotal',
  'responseAvg',
  'responseMax',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Metrics for which an SLA threshold is configurable (share of dialogs over it). */
export const SLA_METRIC_IDS = ['waitFirstAnswer', 'responseMax'] as const satisfies readonly MetricId[];
export type SlaMetricId = (typeof SLA_METRIC_IDS)[number];

export interface DialogComputed {
  status: GeneralStatusId;
  statusDetail: StatusDetailId;
  /** Dates, epoch ms, null where the moment never happened. */
  dates: Record<DateField, number | null>;
  /** Whole seconds, rounded down; null where the defining moment never happened. */
  metrics: Record<MetricId, number | null>;
  /**
   * When the client's current unanswered wait began (epoch ms), or null when
   * nobody is waiting for an operator: drives the grid's live timer.
   */
  waitingSince: number | null;
  /** The operator currently responsible, as far as the timeline tells. */
  operatorId: number | null;
  clientRating: 'like' | 'dislike' | null;
  spam: boolean;
  messageCount: number;
}

/** A reference to the timeline entry that started or stopped a clock. */
export interface EvidencePoint {
  seq: number;
  at: number;
  kind: string;
  /** e.g. "first operator reply", "bot handoff (queuedAt)" — an i18n key. */
  role: string;
}

/** afterClose: an entry after the session ended (closed/spam); a later client message starts a new session. */
export const EXCLUSION_REASONS = ['bot', 'system', 'hidden', 'beforeClamp', 'duplicate', 'afterClose'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ClientTurnEvidence {
  /** the client message that opened the turn */
  opened: EvidencePoint;
  /** where the clock started: the opening message, or queuedAt if a bot held the dialog */
  start: EvidencePoint;
  /** the operator reply that answered it, null if unanswered */
  answer: EvidencePoint | null;
  seconds: number | null;
  /** i18n key of how the turn was measured, e.g. "turn.fromQueuedAt", "turn.unanswered" */
  rule?: string;
}

export interface MetricExplanation {
  metric: MetricId;
  value: number | null;
  start: EvidencePoint | null;
  stop: EvidencePoint | null;
  /** i18n key of the rule applied, e.g. "firstResponse.closeFallback", "botTime.noBot" */
  rule: string;
  /** only for the response* metrics */
  turns?: ClientTurnEvidence[];
  excluded: Array<{ seq: number; at: number; reason: ExclusionReason }>;
}

export interface DialogExplanation {
  dialogId: number;
  metrics: Record<MetricId, MetricExplanation>;
}
