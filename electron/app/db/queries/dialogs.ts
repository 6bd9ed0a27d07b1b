/**
 * Grid reads: one block of rows for a filter and sort, the filtered count,
 * and one dialog. Sorting always ends with `id` in the direction of the sort
 * key, so the order is total and blocks never overlap or skip a row.
 */
import type { CrmEntityType, DialogRow } from '../../../../shared/domain/dialog.ts';
import type { DialogFilter, SortSpec } from '../../../../shared/domain/filter.ts';
import { statusDetailOfCode, generalStatusOfCode } from '../../../../shared/domain/status.ts';
import { prepared, type Db } from '../connection.ts';
import { compileFilter, FilterError } from './filter-sql.ts';
import { ROW_SELECT, SQL_COLUMNS } from './dialog-columns.ts';

/**
 * Above this many matching rows the planner is not trusted for ORDER BY +
 * LIMIT (research §3.5: it sorts the whole filtered set instead of walking
 * the covering sort index), so the app picks the index itself.
 */
const FORCE_SORT_INDEX_ABOVE = 5000;
/** Sort columns with a covering index that a broad filter can be checked inside. */
const COVERING_SORT_INDEX: Partial<Record<string, string>> = { created_at: 'cx_dialogs_created' };

export interface DialogRowRecord {
  id: number;
  chat_id: number;
  line_id: number;
  line_name: string;
  direction: 'in' | 'out';
  status_code: number;
  spam: number;
  channel: string;
  client_id: number;
  client_name: string;
  operator_id: number | null;
  operator_name: string | null;
  crm_type: string | null;
  crm_id: number | null;
  crm_title: string | null;
  page_url: string | null;
  form_filled: number;
  history_requested: number;
  pinned: number;
  client_rating: 'like' | 'dislike' | null;
  supervisor_comment: string | null;
  supervisor_rating: number | null;
  created_at: number | null;
  queued_at: number | null;
  operator_answered_at: number | null;
  operator_started_at: number | null;
  last_message_at: number | null;
  operator_closed_at: number | null;
  closed_at: number | null;
  modified_at: number | null;
  wait_first_answer: number | null;
  time_to_start: number | null;
  time_to_operator_close: number | null;
  duration: number | null;
  first_response: number | null;
  bot_time: number | null;
  response_total: number | null;
  response_avg: number | null;
  response_max: number | null;
  waiting_since: number | null;
  message_count: number;
}

export function rowFromRecord(r: DialogRowRecord): DialogRow {
  return {
    id: r.id,
    chatId: r.chat_id,
    lineId: r.line_id,
    line: r.line_name,
    direction: r.direction,
    statusCode: r.status_code,
    status: generalStatusOfCode(r.status_code),
    statusDetail: statusDetailOfCode(r.status_code),
    spam: r.spam === 1,
    channel: r.channel,
    clientId: r.client_id,
    client: r.client_name,
    operatorId: r.operator_id,
    operator: r.operator_name,
    crm:
      r.crm_type && r.crm_id !== null
        ? { type: r.crm_type as CrmEntityType, id: r.crm_id, title: r.crm_title ?? '' }
        : null,
    pageUrl: r.page_url,
    formFilled: r.form_filled === 1,
    historyRequested: r.history_requested === 1,
    pinned: r.pinned === 1,
    clientRating: r.client_rating,
    supervisorComment: r.supervisor_comment,
    supervisorRating: r.supervisor_rating,
    createdAt: r.created_at,
    queuedAt: r.queued_at,
    operatorAnsweredAt: r.operator_answered_at,
    operatorStartedAt: r.operator_started_at,
    lastMessageAt: r.last_message_at,
    operatorClosedAt: r.operator_closed_at,
    closedAt: r.closed_at,
    modifiedAt: r.modified_at,
    waitFirstAnswer: r.wait_first_answer,
    timeToStart: r.time_to_start,
    timeToOperatorClose: r.time_to_operator_close,
    duration: r.duration,
    firstResponse: r.first_response,
    botTime: r.bot_time,
    responseTotal: r.response_total,
    responseAvg: r.response_avg,
    responseMax: r.response_max,
    waitingSince: r.waiting_since,
    messageCount: r.message_count,
  };
}

export interface ListQuery {
  filter: DialogFilter;
  sort: SortSpec;
  startRow: number;
  endRow: number;
}

export function countDialogs(db: Db, filter: DialogFilter, now: number): number {
  const { where, params } = compileFilter(filter, now);
  return (prepared(db, `SELECT COUNT(*) AS n FROM dialogs WHERE ${where}`).get(...params) as { n: number }).n;
}

/** The SQL of one block; exported so tests can EXPLAIN it. */
export function buildListSql(query: ListQuery, now: number, total: number): { sql: string; params: unknown[] } {
  const sortColumn = SQL_COLUMNS[query.sort.column]?.sort;
  if (!sortColumn) throw new FilterError(`Column "${query.sort.column}" cannot be sorted`);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const { where, params } = compileFilter(query.filter, now);
  const index = COVERING_SORT_INDEX[sortColumn];
  const hint = index && total > FORCE_SORT_INDEX_ABOVE && where !== '1' ? ` INDEXED BY ${index}` : '';
  const orderBy = orderByClause(query.sort, sortColumn, direction);
  return {
    sql: `SELECT ${ROW_SELECT} FROM dialogs${hint} WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    params: [...params, query.endRow - query.startRow, query.startRow],
  };
}

function orderByClause(sort: SortSpec, sortColumn: string, direction: 'ASC' | 'DESC'): string {
  if (sortColumn === 'id') return `id ${direction}`;
  if (SQL_COLUMNS[sort.column].kind === 'runningSince') {
    // Longest wait first for "desc"; dialogs nobody waits on go last either way.
    const start = direction === 'DESC' ? 'ASC' : 'DESC';
    return `${sortColumn} IS NULL, ${sortColumn} ${start}, id ${start}`;
  }
  return `${sortColumn} ${direction}, id ${direction}`;
}

export function listDialogs(db: Db, query: ListQuery, now: number, total: number): DialogRow[] {
  const { sql, params } = buildListSql(query, now, total);
  return (prepared(db, sql).all(...params) as DialogRowRecord[]).map(rowFromRecord);
}

export function getDialog(db: Db, id: number): DialogRow | null {
  const record = prepared(db, `SELECT ${ROW_SELECT} FROM dialogs WHERE id = ?`).get(id) as DialogRowRecord | undefined;
  return record ? rowFromRecord(record) : null;
}
