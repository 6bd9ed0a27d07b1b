/**
 * The nine metrics (dialog-list.md §4), each with the moments that started
 * and stopped its clock and the rule that produced it. computeDialog and
 * explainDialog both read these results, so a value and its explanation can
 * never disagree.
 */
import type { MetricId } from '../../../shared/domain/metrics.ts';
import type { ExplainRuleKey } from '../../../shared/domain/explain-keys.ts';
import { compareEntries, secondsBetween } from './order.ts';
import { momentOf, type Moment, type StatusWalk } from './session.ts';
import type { Moments } from './moments.ts';
import type { Turn } from './turns.ts';

export interface MetricResult {
  value: number | null;
  start: Moment | null;
  stop: Moment | null;
  rule: ExplainRuleKey;
}

function span(start: Moment | null, stop: Moment | null, rule: ExplainRuleKey, noValueRule: ExplainRuleKey): MetricResult {
  if (!start || !stop) return { value: null, start, stop, rule: noValueRule };
  return { value: secondsBetween(start.entry.at, stop.entry.at), start, stop, rule };
}

export function computeMetrics(moments: Moments, walk: StatusWalk, turns: readonly Turn[]): Record<MetricId, MetricResult> {
  const { created } = moments;
  const started = walk.started;
  // A finished dialog that never got a reply is not still waiting: its "no value" rule says so.
  const finished = walk.closedBy !== null;
  return {
    waitFirstAnswer: span(
      created,
      moments.firstOperatorReply,
      'waitFirstAnswer.firstReply',
      finished ? 'waitFirstAnswer.neverAnswered' : 'waitFirstAnswer.noReply',
    ),
    timeToStart: span(
      created,
      started,
      started?.role === 'role.firstReplyTakes' ? 'timeToStart.firstReplyTakes' : 'timeToStart.taken',
      finished ? 'timeToStart.neverStarted' : 'timeToStart.notStarted',
    ),
    timeToOperatorClose: span(
      created,
      moments.operatorClosed,
      'timeToOperatorClose.closedByOperator',
      'timeToOperatorClose.notClosedByOperator',
    ),
    duration: span(moments.firstMessage, moments.lastMessage, 'duration.messages', 'duration.noMessages'),
    firstResponse: firstResponse(moments, walk, turns[0]),
    botTime: botTime(moments, walk),
    ...responseMetrics(turns, finished),
  };
}

/**
 * From the client's first message to the first operator reply after it (the
 * first turn's answer, without the bot clamp: like waitFirstAnswer it includes
 * bot time); with no reply, to the operator's close, else to the close.
 */
function firstResponse(moments: Moments, walk: StatusWalk, firstTurn: Turn | undefined): MetricResult {
  if (!firstTurn) return { value: null, start: null, stop: null, rule: 'firstResponse.clientNeverWrote' };
  const start = momentOf(firstTurn.opened.entry, 'role.clientFirstMessage');
  if (firstTurn.answer) return span(start, firstTurn.answer, 'firstResponse.reply', 'firstResponse.pending');
  const operatorClosed = moments.operatorClosed;
  // An operator close before the client's first message did not end this wait.
  if (operatorClosed && compareEntries(operatorClosed.entry, start.entry) >= 0) {
    return span(start, operatorClosed, 'firstResponse.operatorCloseFallback', 'firstResponse.pending');
  }
  return span(start, walk.closedBy, 'firstResponse.closeFallback', 'firstResponse.pending');
}

/** createdAt to queuedAt, or to closedAt when the dialog closed while the bot still held it. */
function botTime(moments: Moments, walk: StatusWalk): MetricResult {
  const { created, hold } = moments;
  if (!hold.botHeld) {
    return { value: 0, start: null, stop: null, rule: hold.botTookPart ? 'botTime.botAfterOperator' : 'botTime.noBot' };
  }
  if (hold.queued) {
    const rule = hold.queued.role === 'role.botHandoff' ? 'botTime.handoff' : 'botTime.intercepted';
    return span(created, hold.queued, rule, 'botTime.botStillHolds');
  }
  return span(created, walk.closedBy, 'botTime.closedWhileBotHeld', 'botTime.botStillHolds');
}

/**
 * Totals are summed from each turn's whole seconds, and the average is the
 * total divided by the answered turns, rounded down; so
 * avg × turns ≤ total < (avg + 1) × turns holds exactly.
 */
function responseMetrics(
  turns: readonly Turn[],
  finished: boolean,
): Pick<Record<MetricId, MetricResult>, 'responseTotal' | 'responseAvg' | 'responseMax'> {
  const answered = turns.filter((turn): turn is Turn & { answer: Moment; seconds: number } => turn.answer !== null);
  const first = answered[0];
  const last = answered.at(-1);
  if (!first || !last) {
    const none: MetricResult = { value: null, start: null, stop: null, rule: finished ? 'response.neverAnswered' : 'response.noAnsweredTurns' };
    return { responseTotal: none, responseAvg: { ...none }, responseMax: { ...none } };
  }
  const total = answered.reduce((sum, turn) => sum + turn.seconds, 0);
  // The first of equally long turns is the longest: the earliest evidence.
  const longest = answered.reduce((best, turn) => (turn.seconds > best.seconds ? turn : best), first);
  return {
    responseTotal: { value: total, start: first.start, stop: last.answer, rule: 'responseTotal.sum' },
    responseAvg: { value: Math.floor(total / answered.length), start: first.start, stop: last.answer, rule: 'responseAvg.mean' },
    responseMax: { value: longest.seconds, start: longest.start, stop: longest.answer, rule: 'responseMax.longest' },
  };
}
