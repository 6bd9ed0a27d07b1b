/**
 * An independent reading of the status machine (spec timeline.md), written
 * from the rules and not from the generator: the final detailed status of a
 * timeline, plus the structural rules every demo timeline must keep.
 *
 * Where timeline.md is open, the project's decisions in docs/metrics.md §3
 * apply: botHandoff changes no status (the dialog stays new until an
 * operator acts), and a burst of client messages after an answer stays
 * clientWaitingAgain. The generator promises to avoid the other unclear
 * corners (a client message while re-queued after a take, anything but votes
 * and closes in closing mode), so the checker treats those as violations.
 */
import type { StatusDetailId } from '../../../shared/domain/status.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';

export interface CheckResult {
  status: StatusDetailId;
  violations: string[];
}

export function checkTimeline(entries: readonly TimelineEntry[]): CheckResult {
  const violations: string[] = [];
  const fail = (entry: TimelineEntry, why: string): void => {
    violations.push(`seq ${entry.seq} (${entry.kind}): ${why}`);
  };
  let status: StatusDetailId = 'new';
  let holder = false; // someone has taken it since it last entered the queue
  let everTaken = false;
  let terminal = false;
  let botHandedOff = false;

  entries.forEach((entry, index) => {
    if (entry.seq !== index) fail(entry, `seq should be ${index}`);
    const previous = entries[index - 1];
    if (previous && entry.at < previous.at) fail(entry, 'time goes back');
    if (index === 0 && entry.kind !== 'created') fail(entry, 'the first entry must be created');
    if (index > 0 && entry.kind === 'created') fail(entry, 'a second created');
    if (terminal) fail(entry, 'after the dialog was closed');
    if (entry.hidden !== undefined && !(entry.kind === 'message' && entry.author === 'operator')) fail(entry, 'hidden on a non-operator entry');

    switch (entry.kind) {
      case 'created':
        status = 'new';
        break;
      case 'botHandoff':
        if (botHandedOff || everTaken) fail(entry, 'a bot handoff after the operators had it');
        botHandedOff = true;
        break;
      case 'skipped':
      case 'transferred':
        if (entry.kind === 'transferred' && (entry.toOperatorId === undefined) === (entry.toLineId === undefined)) {
          fail(entry, 'a transfer names exactly one target');
        }
        if (entry.kind === 'skipped' && entry.operatorId === undefined) fail(entry, 'no operatorId');
        status = 'queued';
        holder = false;
        break;
      case 'taken':
        if (entry.operatorId === undefined) fail(entry, 'no operatorId');
        status = 'inWork';
        holder = true;
        everTaken = true;
        break;
      case 'message':
        if (entry.author === 'client') {
          if (status === 'closing') fail(entry, 'a client message in closing mode');
          if (everTaken && !holder) fail(entry, 'a client message while re-queued');
          if (holder) status = status === 'answered' || status === 'closing' || status === 'clientWaitingAgain' ? 'clientWaitingAgain' : 'clientWaiting';
        } else if (entry.author === 'operator') {
          if (entry.operatorId === undefined) fail(entry, 'an operator message without operatorId');
          if (entry.hidden === true) break;
          if (status === 'closing') fail(entry, 'an operator reply in closing mode');
          if (everTaken && !holder) fail(entry, 'an operator reply while re-queued');
          holder = true;
          everTaken = true;
          status = status === 'closing' ? 'closing' : 'answered';
        } else if (entry.author === 'bot') {
          if (botHandedOff || everTaken) fail(entry, 'a bot message after the handoff');
        } else if (entry.author !== 'system') {
          fail(entry, `unknown author ${String(entry.author)}`);
        }
        break;
      case 'closing':
        status = 'closing';
        break;
      case 'closedByOperator':
        if (entry.operatorId === undefined) fail(entry, 'no operatorId');
        break;
      case 'closed':
        status = 'finished';
        terminal = true;
        break;
      case 'spam':
        status = 'spam';
        terminal = true;
        break;
      case 'vote':
        if (entry.rating !== 'like' && entry.rating !== 'dislike') fail(entry, 'a vote without a rating');
        break;
      default:
        fail(entry, 'unknown kind');
    }
  });
  // an operator's close is always followed by the close itself (possibly after closing mode)
  const lastClose = entries.findLastIndex((e) => e.kind === 'closedByOperator');
  if (lastClose >= 0 && !entries.slice(lastClose).some((e) => e.kind === 'closed' || e.kind === 'closing')) {
    violations.push(`seq ${lastClose}: closedByOperator not followed by closing or closed`);
  }
  return { status, violations };
}
