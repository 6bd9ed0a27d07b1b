/**
 * Writing a dialog row: the backend's descriptive fields plus what the
 * metrics engine derived from its timeline, in one upsert.
 */
import type { DialogComputed } from '../../../../shared/domain/metrics.ts';
import { STATUS_CODE } from '../../../../shared/domain/status.ts';
import type { DialogSnapshot } from '../../backends/backend.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';

export interface DialogWrite {
  snapshot: DialogSnapshot;
  computed: DialogComputed;
  lineName: string;
  operatorId: number | null;
  operatorName: string | null;
  metricsVersion: number;
}

const UPSERT_SQL = `
  INSERT INTO dialogs (
    id, chat_id, line_id, line_name, direction, status_code, derived_status_code, reported_status_code,
    spam, channel, client_id, client_name, operator_id, operator_name, crm_type, crm_id, crm_title,
    page_url, form_filled, history_requested, pinned, client_rating, supervisor_comment, supervisor_rating,
    created_at, queued_at, operator_answered_at, operator_started_at, last_message_at, operator_closed_at,
    closed_at, modified_at, wait_first_answer, time_to_start, time_to_operator_close, duration,
    first_response, bot_time, response_total, response_avg, response_max, waiting_since, message_count,
    metrics_version
  ) VALUES (${Array.from({ length: 44 }, () => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    chat_id = excluded.chat_id, line_id = excluded.line_id, line_name = excluded.line_name,
    direction = excluded.direction, status_code = excluded.status_code,
    derived_status_code = excluded.derived_status_code, reported_status_code = excluded.reported_status_code,
    spam = excluded.spam, channel = excluded.channel, client_id = excluded.client_id,
    client_name = excluded.client_name, operator_id = excluded.operator_id, operator_name = excluded.operator_name,
    crm_type = excluded.crm_type, crm_id = excluded.crm_id, crm_title = excluded.crm_title,
    page_url = excluded.page_url, form_filled = excluded.form_filled, history_requested = excluded.history_requested,
    pinned = excluded.pinned, client_rating = excluded.client_rating,
    supervisor_comment = excluded.supervisor_comment, supervisor_rating = excluded.supervisor_rating,
    created_at = excluded.created_at, queued_at = excluded.queued_at,
    operator_answered_at = excluded.operator_answered_at, operator_started_at = excluded.operator_started_at,
    last_message_at = excluded.last_message_at, operator_closed_at = excluded.operator_closed_at,
    closed_at = excluded.closed_at, modified_at = excluded.modified_at,
    wait_first_answer = excluded.wait_first_answer, time_to_start = excluded.time_to_start,
    time_to_operator_close = excluded.time_to_operator_close, duration = excluded.duration,
    first_response = excluded.first_response, bot_time = excluded.bot_time,
    response_total = excluded.response_total, response_avg = excluded.response_avg,
    response_max = excluded.response_max, waiting_since = excluded.waiting_since,
    message_count = excluded.message_count, metrics_version = excluded.metrics_version`;

export function upsertDialog(db: Db, write: DialogWrite): void {
  const { snapshot: s, computed: c } = write;
  const derived = STATUS_CODE[c.statusDetail];
  const effective = s.reportedStatusCode ?? derived;
  prepared(db, UPSERT_SQL).run(
    s.id,
    s.chatId,
    s.lineId,
    write.lineName,
    s.direction,
    effective,
    derived,
    s.reportedStatusCode,
    c.spam || effective === STATUS_CODE.spam ? 1 : 0,
    s.channel,
    s.clientId,
    s.clientName,
    write.operatorId,
    write.operatorName,
    s.crm?.type ?? null,
    s.crm?.id ?? null,
    s.crm?.title ?? null,
    s.pageUrl,
    s.formFilled ? 1 : 0,
    s.historyRequested ? 1 : 0,
    s.pinned ? 1 : 0,
    c.clientRating,
    s.supervisorComment,
    s.supervisorRating,
    c.dates.createdAt,
    c.dates.queuedAt,
    c.dates.operatorAnsweredAt,
    c.dates.operatorStartedAt,
    c.dates.lastMessageAt,
    c.dates.operatorClosedAt,
    c.dates.closedAt,
    c.dates.modifiedAt,
    c.metrics.waitFirstAnswer,
    c.metrics.timeToStart,
    c.metrics.timeToOperatorClose,
    c.metrics.duration,
    c.metrics.firstResponse,
    c.metrics.botTime,
    c.metrics.responseTotal,
    c.metrics.responseAvg,
    c.metrics.responseMax,
    c.waitingSince,
    c.messageCount,
    write.metricsVersion,
  );
}

export function dialogExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM dialogs WHERE id = ?').get(id) !== undefined;
}

/** Rewrites only what the engine derives: used by the full recompute. */
export function storeComputed(db: Db, id: number, reportedStatusCode: number | null, c: DialogComputed, metricsVersion: number): void {
  const derived = STATUS_CODE[c.statusDetail];
  const effective = reportedStatusCode ?? derived;
  prepared(
    db,
    `UPDATE dialogs SET status_code = ?, derived_status_code = ?, spam = ?, client_rating = ?,
       created_at = ?, queued_at = ?, operator_answered_at = ?, operator_started_at = ?, last_message_at = ?,
       operator_closed_at = ?, closed_at = ?, modified_at = ?, wait_first_answer = ?, time_to_start = ?,
       time_to_operator_close = ?, duration = ?, first_response = ?, bot_time = ?, response_total = ?,
       response_avg = ?, response_max = ?, waiting_since = ?, message_count = ?, metrics_version = ?
     WHERE id = ?`,
  ).run(
    effective,
    derived,
    c.spam || effective === STATUS_CODE.spam ? 1 : 0,
    c.clientRating,
    c.dates.createdAt,
    c.dates.queuedAt,
    c.dates.operatorAnsweredAt,
    c.dates.operatorStartedAt,
    c.dates.lastMessageAt,
    c.dates.operatorClosedAt,
    c.dates.closedAt,
    c.dates.modifiedAt,
    c.metrics.waitFirstAnswer,
    c.metrics.timeToStart,
    c.metrics.timeToOperatorClose,
    c.metrics.duration,
    c.metrics.firstResponse,
    c.metrics.botTime,
    c.metrics.responseTotal,
    c.metrics.responseAvg,
    c.metrics.responseMax,
    c.waitingSince,
    c.messageCount,
    metricsVersion,
    id,
  );
}

export interface RecomputeTarget {
  id: number;
  direction: 'in' | 'out';
  reported_status_code: number | null;
}

/** Dialogs in id order after `afterId`, for recomputing in resumable chunks. */
export function dialogsAfter(db: Db, afterId: number, limit: number, belowVersion: number | null): RecomputeTarget[] {
  return (
    belowVersion === null
      ? prepared(db, 'SELECT id, direction, reported_status_code FROM dialogs WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit)
      : prepared(
          db,
          'SELECT id, direction, reported_status_code FROM dialogs WHERE id > ? AND metrics_version < ? ORDER BY id LIMIT ?',
        ).all(afterId, belowVersion, limit)
  ) as RecomputeTarget[];
}
