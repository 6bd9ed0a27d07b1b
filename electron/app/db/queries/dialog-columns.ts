/**
 * The whitelist between grid columns and SQL: the only place a column id from
 * the UI becomes SQL text. Anything not listed here cannot be sorted or
 * filtered, whatever a caller sends.
 */
import type { ColumnId } from '../../../../shared/domain/columns.ts';

export type SqlFilterKind =
  | 'number'
  | 'text'
  | 'enum'
  | 'flag'
  | 'date'
  | 'duration'
  | 'status'
  | 'generalStatus'
  /** a live duration, now − the stored start time (waitingNow) */
  | 'runningSince';

export interface SqlColumn {
  /** the expression to sort by (a plain column, so an index can serve it) */
  sort: string | null;
  /** the expression filters compare; for enum/person columns, the id column */
  filter: string | null;
  kind: SqlFilterKind;
}

const c = (sort: string | null, filter: string | null, kind: SqlFilterKind): SqlColumn => ({ sort, filter, kind });

export const SQL_COLUMNS: Readonly<Record<ColumnId, SqlColumn>> = {
  id: c('id', 'id', 'number'),
  line: c('line_name', 'line_id', 'enum'),
  direction: c('direction', 'direction', 'enum'),
  status: c('status_code', 'status_code', 'generalStatus'),
  statusDetail: c('status_code', 'status_code', 'status'),
  // Sorted and filtered by its start time: a longer wait is an earlier waiting_since.
  waitingNow: c('waiting_since', 'waiting_since', 'runningSince'),
  spam: c('spam', 'spam', 'flag'),
  channel: c('channel', 'channel', 'enum'),
  client: c('client_name', 'client_name', 'text'),
  operator: c('operator_name', 'operator_id', 'enum'),
  crm: c('crm_title', 'crm_type', 'enum'),
  pageUrl: c('page_url', 'page_url', 'text'),
  actions: c(null, null, 'text'),
  formFilled: c('form_filled', 'form_filled', 'flag'),
  historyRequested: c('history_requested', 'history_requested', 'flag'),
  pinned: c('pinned', 'pinned', 'flag'),
  clientRating: c('client_rating', 'client_rating', 'enum'),
  supervisorComment: c('supervisor_comment', 'supervisor_comment', 'text'),
  supervisorRating: c('supervisor_rating', 'supervisor_rating', 'number'),
  createdAt: c('created_at', 'created_at', 'date'),
  queuedAt: c('queued_at', 'queued_at', 'date'),
  operatorAnsweredAt: c('operator_answered_at', 'operator_answered_at', 'date'),
  operatorStartedAt: c('operator_started_at', 'operator_started_at', 'date'),
  lastMessageAt: c('last_message_at', 'last_message_at', 'date'),
  operatorClosedAt: c('operator_closed_at', 'operator_closed_at', 'date'),
  closedAt: c('closed_at', 'closed_at', 'date'),
  modifiedAt: c('modified_at', 'modified_at', 'date'),
  waitFirstAnswer: c('wait_first_answer', 'wait_first_answer', 'duration'),
  timeToStart: c('time_to_start', 'time_to_start', 'duration'),
  timeToOperatorClose: c('time_to_operator_close', 'time_to_operator_close', 'duration'),
  duration: c('duration', 'duration', 'duration'),
  firstResponse: c('first_response', 'first_response', 'duration'),
  botTime: c('bot_time', 'bot_time', 'duration'),
  responseTotal: c('response_total', 'response_total', 'duration'),
  responseAvg: c('response_avg', 'response_avg', 'duration'),
  responseMax: c('response_max', 'response_max', 'duration'),
};

/**
 * The client is still waiting for a first operator answer: waitFirstAnswer is
 * then running (now − created_at) rather than stored. Filters and SLA shares
 * both use this one definition, the same the grid's live timer uses.
 */
export const RUNNING_FIRST_WAIT = '(wait_first_answer IS NULL AND operator_answered_at IS NULL AND waiting_since IS NOT NULL)';

/** Columns read for a grid row, in one list so SELECT and mapping stay in step. */
export const ROW_SELECT = `
  id, chat_id, line_id, line_name, direction, status_code, spam, channel, client_id, client_name,
  operator_id, operator_name, crm_type, crm_id, crm_title, page_url, form_filled, history_requested,
  pinned, client_rating, supervisor_comment, supervisor_rating,
  created_at, queued_at, operator_answered_at, operator_started_at, last_message_at,
  operator_closed_at, closed_at, modified_at,
  wait_first_answer, time_to_start, time_to_operator_close, duration, first_response, bot_time,
  response_total, response_avg, response_max, waiting_since, message_count`;
