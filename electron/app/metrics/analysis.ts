/**
 * One pass over a dialog's timeline that both computeDialog and explainDialog
 * read: ordering, duplicates, the session boundary, the status machine, the
 * defining moments, the client turns and the metric results.
 */
import type { MetricId } from '../../../shared/domain/metrics.ts';
import type { ClientRating, DialogTimeline, TimelineEntry } from '../../../shared/domain/timeline.ts';
import { orderEntries } from './order.ts';
import { findMoments, type Moments } from './moments.ts';
import { splitSession, walkStatus, type StatusWalk } from './session.ts';
import { buildTurns, type Turn } from './turns.ts';
import { computeMetrics, type MetricResult } from './metric-values.ts';

export interface Analysis {
  /** distinct entries in timeline order, including those after the close */
  distinct: TimelineEntry[];
  duplicates: TimelineEntry[];
  inSession: TimelineEntry[];
  afterClose: TimelineEntry[];
  walk: StatusWalk;
  moments: Moments;
  turns: Turn[];
  metrics: Record<MetricId, MetricResult>;
  clientRating: ClientRating | null;
}

export function analyseTimeline(timeline: DialogTimeline): Analysis {
  const { distinct, duplicates } = orderEntries(timeline.entries);
  const { inSession, afterClose } = splitSession(distinct);
  const walk = walkStatus(inSession);
  const moments = findMoments(inSession);
  const turns = buildTurns(inSession, moments.hold, walk.closedBy !== null);
  return {
    distinct,
    duplicates,
    inSession,
    afterClose,
    walk,
    moments,
    turns,
    metrics: computeMetrics(moments, walk, turns),
    // Every vote counts, after the close too: the client rates a dialog once it is closed.
    clientRating: distinct.findLast((entry) => entry.kind === 'vote')?.rating ?? null,
  };
}
