/**
 * Writing a dialog row: the backend's descriptive fields plus what the
 * metrics engine derived from its timeline. The derived columns are listed
 * once (COMPUTED_COLUMNS), so the sync's upsert and the full recompute can
 * never write them differently.
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

/** Columns from the backend's snapshot (and the names resolved for it). */
const SNAPSHOT_COLUMNS = [
  'id', 'chat_id', 'line_id', 'line_name', 'direction', 'reported_status_code', 'channel', 'client_id',
  'client_name', 'operator_id', 'operator_name', 'crm_type', 'crm_id', 'crm_title', 'page_url', 'form_filled',
  'history_requested', 'pinned', 'supervisor_comment', 'supervisor_rating',
] as const;

/** Columns the metrics engine derives from the timeline. */
const COMPUTED_COLUMNS = [
  'status_code', 'derived_status_code', 'spam', 'client_rating', 'created_at', 'queued_at',
  'operator_answered_at', 'operator_started_at', 'last_message_at', 'operator_closed_at', 'closed_at',
  'modified_at', 'wait_first_answer', 'time_to_start', 'time_to_operator_close', 'duration', 'first_response',
  'bot_time', 'response_total', 'response_avg', 'response_max', 'waiting_since', 'message_count', 'metrics_version',
] as const;

function snapshotValues(write: DialogWrite): unknown[] {
  const s = write.snapshot;
  return [
    s.id, s.chatId, s.lineId, write.lineName, s.direction, s.reportedStatusCode, s.channel, s.clientId,
    s.clientName, write.operatorId, write.operatorName, s.crm?.type ?? null, s.crm?.id ?? null, s.crm?.title ?? null,
    s.pageUrl, s.formFilled ? 1 : 0, s.historyRequested ? 1 : 0, s.pinned ? 1 : 0, s.supervisorComment,
    s.supervisorRating,
  ];
}

/** The backend's own status wins when it reports one (timeline.md); the derived one is kept beside it. */
function computedValues(c: DialogComputed, reportedStatusCode: number | null, metricsVersion: number): unknown[] {
  const derived = STATUS_CODE[c.statusDetail];
  const effective = reportedStatusCode ?? derived;
  const d = c.dates;
  const m = c.metrics;
  return [
    effective, derived, c.spam || effective === STATUS_CODE.spam ? 1 : 0, c.clientRating, d.createdAt, d.queuedAt,
    d.operatorAnsweredAt, d.operatorStartedAt, d.lastMessageAt, d.operatorClosedAt, d.closedAt,
    d.modifiedAt, m.waitFirstAnswer, m.timeToStart, m.timeToOperatorClose, m.duration, m.firstResponse,
    m.botTime, m.responseTotal, m.responseAvg, m.responseMax, c.waitingSince, c.messageCount, metricsVersion,
  ];
}

const ALL_COLUMNS = [...SNAPSHOT_COLUMNS, ...COMPUTED_COLUMNS];
const UPSERT_SQL = `
  INSERT INTO dialogs (${ALL_COLUMNS.join(', ')})
  VALUES (${ALL_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    ${ALL_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(',\n    ')}`;

const STORE_COMPUTED_SQL = `UPDATE dialogs SET ${COMPUTED_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;

export function upsertDialog(db: Db, write: DialogWrite): void {
  prepared(db, UPSERT_SQL).run(
    ...snapshotValues(write),
    ...computedValues(write.computed, write.snapshot.reportedStatusCode, write.metricsVersion),
  );
}

/** Rewrites only what the engine derives: used by the full recompute. */
export function storeComputed(db: Db, id: number, reportedStatusCode: number | null, c: DialogComputed, metricsVersion: number): void {
  prepared(db, STORE_COMPUTED_SQL).run(...computedValues(c, reportedStatusCode, metricsVersion), id);
}

export function dialogExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM dialogs WHERE id = ?').get(id) !== undefined;
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
