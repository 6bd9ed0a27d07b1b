/**
 * explainDialog: for every metric, its value (the same result computeDialog
 * reports), the entries that started and stopped its clock, the rule applied,
 * the client turns behind the response metrics, and the entries left out
 * within the metric's window, with the reason.
 */
import {
  METRIC_IDS,
  type ClientTurnEvidence,
  type DialogExplanation,
  type EvidencePoint,
  type ExclusionReason,
  type MetricExplanation,
  type MetricId,
} from '../../../shared/domain/metrics.ts';
import type { DialogTimeline, TimelineEntry } from '../../../shared/domain/timeline.ts';
import { analyseTimeline, type Analysis } from './analysis.ts';
import { compareEntries } from './order.ts';
import type { Moment } from './session.ts';
import type { MetricResult } from './metric-values.ts';
import type { Turn } from './turns.ts';

type Excluded = MetricExplanation['excluded'][number];

/**
 * Which reasons each metric reports, and over which entries: 'span' = from
 * its start to its stop entry (open-ended where one is missing), 'all' = the
 * whole timeline (metrics built from every message or every turn).
 * `duplicate` and `afterClose` apply to every metric.
 */
const EXCLUSION_SCOPE: Record<MetricId, { reasons: readonly ExclusionReason[]; window: 'span' | 'all' }> = {
  waitFirstAnswer: { reasons: ['bot', 'system', 'hidden'], window: 'span' },
  timeToStart: { reasons: ['hidden'], window: 'span' },
  timeToOperatorClose: { reasons: [], window: 'span' },
  duration: { reasons: ['hidden'], window: 'all' },
  firstResponse: { reasons: ['bot', 'system', 'hidden'], window: 'span' },
  botTime: { reasons: [], window: 'span' },
  responseTotal: { reasons: ['bot', 'system', 'hidden', 'beforeClamp'], window: 'all' },
  responseAvg: { reasons: ['bot', 'system', 'hidden', 'beforeClamp'], window: 'all' },
  responseMax: { reasons: ['bot', 'system', 'hidden', 'beforeClamp'], window: 'all' },
};

const RESPONSE_METRICS: ReadonlySet<MetricId> = new Set(['responseTotal', 'responseAvg', 'responseMax']);

export function explainDialog(timeline: DialogTimeline): DialogExplanation {
  const analysis = analyseTimeline(timeline);
  const candidates = exclusionCandidates(analysis);
  const metrics = Object.fromEntries(
    METRIC_IDS.map((id) => [id, explainMetric(id, analysis.metrics[id], analysis.turns, candidates)]),
  ) as Record<MetricId, MetricExplanation>;
  return { dialogId: timeline.id, metrics };
}

function explainMetric(
  id: MetricId,
  result: MetricResult,
  turns: readonly Turn[],
  candidates: ReadonlyArray<{ entry: TimelineEntry; reason: ExclusionReason }>,
): MetricExplanation {
  const scope = EXCLUSION_SCOPE[id];
  const inScope = (entry: TimelineEntry): boolean =>
    scope.window === 'all' ||
    ((!result.start || compareEntries(entry, result.start.entry) >= 0) &&
      (!result.stop || compareEntries(entry, result.stop.entry) <= 0));
  const excluded: Excluded[] = candidates
    .filter(({ entry, reason }) => (scope.reasons.includes(reason) || reason === 'duplicate' || reason === 'afterClose') && inScope(entry))
    .map(({ entry, reason }) => ({ seq: entry.seq, at: entry.at, reason }));
  return {
    metric: id,
    value: result.value,
    start: evidence(result.start),
    stop: evidence(result.stop),
    rule: result.rule,
    ...(RESPONSE_METRICS.has(id) ? { turns: turns.map(turnEvidence) } : {}),
    excluded,
  };
}

/** Every entry some metric might leave out, in timeline order, each with one reason. */
function exclusionCandidates(analysis: Analysis): Array<{ entry: TimelineEntry; reason: ExclusionReason }> {
  const clamped = new Set<TimelineEntry>(
    analysis.turns.filter((turn) => turn.openedDuringBotHold).flatMap((turn) => turn.clientMessages),
  );
  const candidates: Array<{ entry: TimelineEntry; reason: ExclusionReason }> = [];
  for (const entry of analysis.inSession) {
    const reason = messageExclusion(entry, clamped);
    if (reason) candidates.push({ entry, reason });
  }
  for (const entry of analysis.duplicates) candidates.push({ entry, reason: 'duplicate' });
  // A vote after the close still sets the client's rating, so it is not reported as left out.
  for (const entry of analysis.afterClose) if (entry.kind !== 'vote') candidates.push({ entry, reason: 'afterClose' });
  return candidates.sort((a, b) => compareEntries(a.entry, b.entry));
}

function messageExclusion(entry: TimelineEntry, clamped: ReadonlySet<TimelineEntry>): ExclusionReason | null {
  if (entry.kind !== 'message') return null;
  if (entry.author === 'bot') return 'bot';
  if (entry.author === 'system') return 'system';
  if (entry.hidden === true) return 'hidden';
  // Client messages written while the bot held the dialog: the turn's clock starts at queuedAt instead.
  if (clamped.has(entry)) return 'beforeClamp';
  return null;
}

function point(moment: Moment): EvidencePoint {
  return { seq: moment.entry.seq, at: moment.entry.at, kind: moment.entry.kind, role: moment.role };
}

function evidence(moment: Moment | null): EvidencePoint | null {
  return moment ? point(moment) : null;
}

function turnEvidence(turn: Turn): ClientTurnEvidence {
  return {
    opened: point(turn.opened),
    start: point(turn.start),
    answer: evidence(turn.answer),
    seconds: turn.seconds,
    rule: turn.rule,
  };
}
