/**
 * i18n keys used by metric explanations (DialogExplanation): the role of
 * each evidence point, the rule applied to each metric and to each client
 * turn, and the reason an entry was left out. The texts live in
 * renderer/src/i18n/explain.{en,ru}.json; a unit test checks that both files
 * hold exactly these keys.
 */
import type { ExclusionReason } from './metrics.ts';

/** What an evidence point (a timeline entry) is to the metric it explains. */
export const EXPLAIN_ROLE_KEYS = [
  'role.created',
  'role.firstEntry',
  'role.firstOperatorReply',
  'role.taken',
  'role.firstReplyTakes',
  'role.closedByOperator',
  'role.closed',
  'role.spam',
  'role.firstMessage',
  'role.lastMessage',
  'role.clientFirstMessage',
  'role.botHandoff',
  'role.operatorIntercept',
  'role.queuedAtCreation',
  'role.turnOpened',
  'role.turnAnswer',
] as const;
export type ExplainRoleKey = (typeof EXPLAIN_ROLE_KEYS)[number];

/** The rule a metric's value came from (one per way the value can arise). */
export const EXPLAIN_RULE_KEYS = [
  'waitFirstAnswer.firstReply',
  'waitFirstAnswer.noReply',
  /** the dialog was finished and no operator ever replied (noReply is for one that still runs) */
  'waitFirstAnswer.neverAnswered',
  'timeToStart.taken',
  'timeToStart.firstReplyTakes',
  'timeToStart.notStarted',
  'timeToStart.neverStarted',
  'timeToOperatorClose.closedByOperator',
  'timeToOperatorClose.notClosedByOperator',
  'duration.messages',
  'duration.noMessages',
  'firstResponse.reply',
  'firstResponse.operatorCloseFallback',
  'firstResponse.closeFallback',
  'firstResponse.pending',
  'firstResponse.clientNeverWrote',
  'botTime.noBot',
  'botTime.botAfterOperator',
  'botTime.handoff',
  'botTime.intercepted',
  'botTime.closedWhileBotHeld',
  'botTime.botStillHolds',
  'responseTotal.sum',
  'responseAvg.mean',
  'responseMax.longest',
  'response.noAnsweredTurns',
  'response.neverAnswered',
] as const;
export type ExplainRuleKey = (typeof EXPLAIN_RULE_KEYS)[number];

/** How one client turn was measured (ClientTurnEvidence.rule). */
export const TURN_RULE_KEYS = [
  'turn.answered',
  'turn.fromQueuedAt',
  'turn.answeredBeforeQueued',
  'turn.unanswered',
  'turn.neverAnswered',
] as const;
export type TurnRuleKey = (typeof TURN_RULE_KEYS)[number];

/** Text key of each ExclusionReason: `excluded.<reason>`. */
export const EXCLUSION_KEYS = [
  'excluded.bot',
  'excluded.system',
  'excluded.hidden',
  'excluded.beforeClamp',
  'excluded.duplicate',
  'excluded.afterClose',
] as const satisfies readonly `excluded.${ExclusionReason}`[];
export type ExclusionKey = (typeof EXCLUSION_KEYS)[number];

export function exclusionKey(reason: ExclusionReason): `excluded.${ExclusionReason}` {
  return `excluded.${reason}`;
}

/** Every key the explanation texts must define. */
export const ALL_EXPLAIN_KEYS = [
  ...EXPLAIN_ROLE_KEYS,
  ...EXPLAIN_RULE_KEYS,
  ...TURN_RULE_KEYS,
  ...EXCLUSION_KEYS,
] as const;
export type ExplainKey = (typeof ALL_EXPLAIN_KEYS)[number];
