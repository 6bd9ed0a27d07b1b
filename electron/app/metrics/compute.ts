/** computeDialog: statuses, dates and metrics of one dialog from its timeline. */
import { GENERAL_OF_DETAIL } from '../../../shared/domain/status.ts';
import { METRIC_IDS, type DialogComputed, type MetricId } from '../../../shared/domain/metrics.ts';
import type { DialogTimeline } from '../../../shared/domain/timeline.ts';
import { analyseTimeline, type Analysis } from './analysis.ts';
import type { Moment } from './session.ts';

export function computeDialog(timeline: DialogTimeline): DialogComputed {
  return computedFromAnalysis(analyseTimeline(timeline));
}

export function computedFromAnalysis(analysis: Analysis): DialogComputed {
  const { walk, moments, metrics } = analysis;
  const at = (moment: Moment | null): number | null => moment?.entry.at ?? null;
  const values = Object.fromEntries(METRIC_IDS.map((id) => [id, metrics[id].value])) as Record<MetricId, number | null>;
  return {
    status: GENERAL_OF_DETAIL[walk.statusDetail],
    statusDetail: walk.statusDetail,
    dates: {
      createdAt: at(moments.created),
      queuedAt: at(moments.hold.queued),
      operatorAnsweredAt: at(moments.firstOperatorReply),
      operatorStartedAt: at(walk.started),
      lastMessageAt: at(moments.lastMessage),
      operatorClosedAt: at(moments.operatorClosed),
      closedAt: at(walk.closedBy),
      // Any change, after the close too: the cache uses it to notice new activity.
      modifiedAt: analysis.distinct.at(-1)?.at ?? null,
    },
    metrics: values,
    waitingSince: waitingSince(analysis),
    operatorId: walk.operatorId,
    clientRating: analysis.clientRating,
    spam: walk.spam,
    messageCount: analysis.distinct.filter((entry) => entry.kind === 'message').length,
  };
}

/**
 * When the client's current wait for an operator began: the open turn's
 * start. Null when no turn is open, when the dialog is closing or finished,
 * and while a bot still holds the dialog (the client is talking to the bot).
 */
function waitingSince(analysis: Analysis): number | null {
  const detail = analysis.walk.statusDetail;
  if (detail === 'closing' || detail === 'finished' || detail === 'spam') return null;
  const lastTurn = analysis.turns.at(-1);
  if (!lastTurn || lastTurn.answer) return null;
  if (lastTurn.openedDuringBotHold && !analysis.moments.hold.queued) return null;
  return lastTurn.start.entry.at;
}
