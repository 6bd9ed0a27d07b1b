/** The timeline.md "Output" object: what `npm run metrics -- FILE` prints for a dialog. */
import type { DialogComputed } from '../../../shared/domain/metrics.ts';
import type { GeneralStatusId, StatusDetailId } from '../../../shared/domain/status.ts';

/** Keys in the documented order; modifiedAt is not part of this format. */
export interface TimelineOutput {
  id: number;
  status: GeneralStatusId;
  statusDetail: StatusDetailId;
  createdAt: string | null;
  queuedAt: string | null;
  operatorAnsweredAt: string | null;
  operatorStartedAt: string | null;
  lastMessageAt: string | null;
  operatorClosedAt: string | null;
  closedAt: string | null;
  waitFirstAnswer: number | null;
  timeToStart: number | null;
  timeToOperatorClose: number | null;
  duration: number | null;
  firstResponse: number | null;
  botTime: number | null;
  responseTotal: number | null;
  responseAvg: number | null;
  responseMax: number | null;
}

export function toTimelineOutput(id: number, computed: DialogComputed): TimelineOutput {
  const { dates, metrics } = computed;
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  // Built key by key so that JSON.stringify prints them in the documented order.
  return {
    id,
    status: computed.status,
    statusDetail: computed.statusDetail,
    createdAt: iso(dates.createdAt),
    queuedAt: iso(dates.queuedAt),
    operatorAnsweredAt: iso(dates.operatorAnsweredAt),
    operatorStartedAt: iso(dates.operatorStartedAt),
    lastMessageAt: iso(dates.lastMessageAt),
    operatorClosedAt: iso(dates.operatorClosedAt),
    closedAt: iso(dates.closedAt),
    waitFirstAnswer: metrics.waitFirstAnswer,
    timeToStart: metrics.timeToStart,
    timeToOperatorClose: metrics.timeToOperatorClose,
    duration: metrics.duration,
    firstResponse: metrics.firstResponse,
    botTime: metrics.botTime,
    responseTotal: metrics.responseTotal,
    responseAvg: metrics.responseAvg,
    responseMax: metrics.responseMax,
  };
}
