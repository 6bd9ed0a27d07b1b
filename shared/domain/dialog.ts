/** The dialog as the grid and the history pane see it (spec dialog-list.md §2). */
import type { ClientRating } from './timeline.ts';
import type { ColumnRegistry, ColumnValue, ItemColumnId } from './columns.ts';
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

/**
 * One item of the dialog list (the `dialogs:list` contract), as the grid and
 * the history pane see it. Its column fields follow from the column registry
 * (shared/domain/columns.ts): dates are epoch ms, durations whole seconds,
 * null shows as "—". The rest are the ids and state the UI needs beside them.
 */
export type DialogListItem = { [K in ItemColumnId]: ColumnValue<ColumnRegistry[K]> } & {
  chatId: number;
  lineId: number;
  statusCode: number;
  clientId: number;
  operatorId: number | null;
  /** start of the client's current unanswered wait, for the live timer */
  waitingSince: number | null;
  messageCount: number;
};

// every date and metric the engine computes is a list column of the type the engine gives it
const datesAndMetricsAreColumns: [DateField | MetricId] extends [ItemColumnId]
  ? Record<DateField | MetricId, number | null> extends Pick<DialogListItem, DateField | MetricId>
    ? true
    : never
  : never = true;
void datesAndMetricsAreColumns;

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
