/**
 * Running waits. A row whose `waitingSince` is set has a client waiting right
 * now; its wait columns are computed from the clock at render time, so a 1 s
 * `refreshCells` on these columns alone keeps them current without a query.
 */
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import type { SlaThresholds } from '../../../shared/ipc/contract.ts';
import { secondsSince } from './format.ts';
import type { ColumnId } from '../../../shared/domain/columns.ts';

/** the columns the ticker refreshes */
export const LIVE_COLUMN_IDS = ['waitFirstAnswer', 'waitingNow'] as const satisfies readonly ColumnId[];

/** waitFirstAnswer is still running: a client waits and no operator has replied yet */
export function isFirstWaitRunning(row: DialogListItem): boolean {
  return row.waitingSince !== null && row.operatorAnsweredAt === null && row.createdAt !== null;
}

export function waitFirstAnswerNow(row: DialogListItem, now = Date.now()): number | null {
  if (isFirstWaitRunning(row) && row.createdAt !== null) return secondsSince(row.createdAt, now);
  return row.waitFirstAnswer;
}

export function waitingNow(row: DialogListItem, now = Date.now()): number | null {
  return row.waitingSince === null ? null : secondsSince(row.waitingSince, now);
}

export type SlaLevel = 'ok' | 'warn' | 'breach';

/** Amber from half the threshold (a warning while there is still time), red past it. */
const WARN_RATIO = 0.5;

export function slaLevel(seconds: number | null, threshold: number): SlaLevel {
  if (seconds === null || threshold <= 0) return 'ok';
  if (seconds >= threshold) return 'breach';
  return seconds >= threshold * WARN_RATIO ? 'warn' : 'ok';
}

/** A running wait is judged against the first-answer threshold (it is what the client feels). */
export function waitingLevel(row: DialogListItem, sla: SlaThresholds, now = Date.now()): SlaLevel {
  return slaLevel(waitingNow(row, now), sla.waitFirstAnswer);
}
