/** The dialog as the grid and the history pane see it (spec dialog-list.md §2). */
import type { ClientRating, Direction } from './timeline.ts';
import type { GeneralStatusId, StatusDetailId } from './status.ts';
import type { DateField, MetricId } from './metrics.ts';

export const CRM_ENTITY_TYPES = ['contact', 'company', 'deal', 'lead', 'activity'] as const;
export type CrmEntityType = (typeof CRM_ENTITY_TYPES)[number];

export interface CrmLink {
  type: CrmEntityType;
  id: number;
  title: string;
}

export interface OpenLine {
  id: number;
  name: string;
}

export interface Operator {
  id: number;
  name: string;
  isBot: boolean;
}

/** One grid row. Dates are epoch ms; durations whole seconds; null shows as "—". */
export type DialogRow = {
  id: number;
  chatId: number;
  lineId: number;
  line: string;
  direction: Direction;
  statusCode: number;
  status: GeneralStatusId | 'unknown';
  statusDetail: StatusDetailId | 'unknown';
  spam: boolean;
  channel: string;
  clientId: number;
  client: string;
  operatorId: number | null;
  operator: string | null;
  crm: CrmLink | null;
  pageUrl: string | null;
  formFilled: boolean;
  historyRequested: boolean;
  pinned: boolean;
  clientRating: ClientRating | null;
  supervisorComment: string | null;
  supervisorRating: number | null;
  /** start of the client's current unanswered wait, for the live timer */
  waitingSince: number | null;
  messageCount: number;
} & Record<DateField, number | null> &
  Record<MetricId, number | null>;

/** One entry of the history pane: a message or an event, in timeline order. */
export interface HistoryEntry {
  seq: number;
  at: number;
  kind: string;
  author: string | null;
  hidden: boolean;
  operatorId: number | null;
  operatorName: string | null;
  toOperatorId: number | null;
  toLineId: number | null;
  rating: ClientRating | null;
  text: string | null;
}
