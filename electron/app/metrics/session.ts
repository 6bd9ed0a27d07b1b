/**
 * The session boundary and the status machine (timeline.md "The status
 * machine"). A Bitrix24 Open Lines session ends when it is closed or marked
 * spam; a client message after that opens a NEW session with its own number,
 * so entries after the end belong to another dialog and are left out of this
 * one's status, dates and metrics (votes excepted: the client usually rates
 * the dialog after it closed).
 */
import type { StatusDetailId } from '../../../shared/domain/status.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';
import type { ExplainRoleKey } from '../../../shared/domain/explain-keys.ts';
import { isClientMessage, isOperatorReply } from './order.ts';

/** A timeline entry and what it is to the figure it starts or stops. */
export interface Moment {
  entry: TimelineEntry;
  role: ExplainRoleKey;
}

export function momentOf(entry: TimelineEntry, role: ExplainRoleKey): Moment {
  return { entry, role };
}

export interface SessionSplit {
  inSession: TimelineEntry[];
  afterClose: TimelineEntry[];
}

/**
 * The session runs to its first `closed` or `spam` entry, plus the entries
 * stamped with the same instant: a backend writes the spam mark and the close
 * of one action in either order.
 */
export function splitSession(distinct: readonly TimelineEntry[]): SessionSplit {
  const endIndex = distinct.findIndex((entry) => entry.kind === 'closed' || entry.kind === 'spam');
  if (endIndex < 0) return { inSession: [...distinct], afterClose: [] };
  const endAt = distinct[endIndex]?.at;
  let last = endIndex;
  while (last + 1 < distinct.length && distinct[last + 1]?.at === endAt) last += 1;
  return { inSession: distinct.slice(0, last + 1), afterClose: distinct.slice(last + 1) };
}

export interface StatusWalk {
  statusDetail: StatusDetailId;
  /** the operator responsible when the walk ended */
  operatorId: number | null;
  spam: boolean;
  /** the first time an operator took the dialog: `taken`, or a visible reply while nobody had */
  started: Moment | null;
  /** the `closed` or `spam` entry that ended the session */
  closedBy: Moment | null;
}

/** Run the status machine over the session's entries, in timeline order. */
export function walkStatus(inSession: readonly TimelineEntry[]): StatusWalk {
  let detail: StatusDetailId = 'new';
  // The status a client message leaves while no operator holds the dialog.
  let untakenDetail: 'new' | 'queued' = 'new';
  let taken = false;
  let closingMode = false;
  let operatorId: number | null = null;
  let spam = false;
  let started: Moment | null = null;
  let closedBy: Moment | null = null;

  const requeue = (nextOperator: number | null): void => {
    taken = false;
    closingMode = false;
    untakenDetail = 'queued';
    detail = 'queued';
    operatorId = nextOperator;
  };

  for (const entry of inSession) {
    if (closedBy) {
      // Same-instant entries after the close: only a spam mark still tells something.
      if (entry.kind === 'spam') {
        spam = true;
        detail = 'spam';
      }
      continue;
    }
    switch (entry.kind) {
      case 'skipped':
        requeue(null);
        break;
      case 'transferred':
        requeue(entry.toOperatorId ?? null);
        break;
      case 'taken':
        taken = true;
        closingMode = false;
        detail = 'inWork';
        operatorId = entry.operatorId ?? operatorId;
        started ??= momentOf(entry, 'role.taken');
        break;
      case 'closing':
        closingMode = true;
        detail = 'closing';
        break;
      case 'closed':
        detail = 'finished';
        closedBy = momentOf(entry, 'role.closed');
        break;
      case 'spam':
        spam = true;
        detail = 'spam';
        closedBy = momentOf(entry, 'role.spam');
        break;
      case 'message':
        if (isClientMessage(entry)) {
          closingMode = false;
          if (!taken) detail = untakenDetail;
          else if (detail === 'answered' || detail === 'closing' || detail === 'clientWaitingAgain') {
            // A burst after an answer is still the "new question after answer".
            detail = 'clientWaitingAgain';
          } else detail = 'clientWaiting';
        } else if (isOperatorReply(entry)) {
          if (!taken) {
            taken = true;
            started ??= momentOf(entry, 'role.firstReplyTakes');
          }
          detail = closingMode ? 'closing' : 'answered';
          operatorId = entry.operatorId ?? operatorId;
        }
        break;
      default:
        // created, botHandoff, closedByOperator, vote: no status change.
        break;
    }
  }
  return { statusDetail: detail, operatorId, spam, started, closedBy };
}
