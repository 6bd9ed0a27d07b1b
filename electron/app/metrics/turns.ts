/**
 * Client turns (dialog-list.md §4): a turn opens at the first client message
 * after an operator reply (or the dialog start) and is answered by the next
 * operator reply visible to the client. Further client messages join the open
 * turn (a burst counts from its first message); further operator messages
 * answer nothing. Bot and system messages, hidden notes and transfers neither
 * open, answer nor reset a turn: the client is still waiting for a person.
 */
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';
import type { TurnRuleKey } from '../../../shared/domain/explain-keys.ts';
import { compareEntries, isClientMessage, isOperatorReply, secondsBetween } from './order.ts';
import { momentOf, type Moment } from './session.ts';
import type { BotHold } from './moments.ts';

export interface Turn {
  opened: Moment;
  /** where the clock starts: the opening message, or queuedAt when a bot held the dialog then */
  start: Moment;
  answer: Moment | null;
  seconds: number | null;
  rule: TurnRuleKey;
  /** every client message of the turn, the opening one first */
  clientMessages: TimelineEntry[];
  /** opened while the bot held the dialog: the clock starts at queuedAt, or not at all while the bot keeps it */
  openedDuringBotHold: boolean;
}

/** `finished`: the session is closed, so a turn still open at its end was never answered (not "not yet"). */
export function buildTurns(inSession: readonly TimelineEntry[], hold: BotHold, finished = false): Turn[] {
  const turns: Turn[] = [];
  let open: TimelineEntry[] | null = null;
  for (const entry of inSession) {
    if (isClientMessage(entry)) {
      if (open) open.push(entry);
      else open = [entry];
    } else if (isOperatorReply(entry) && open) {
      turns.push(measureTurn(open, entry, hold, finished));
      open = null;
    }
  }
  if (open) turns.push(measureTurn(open, null, hold, finished));
  return turns;
}

function measureTurn(clientMessages: TimelineEntry[], reply: TimelineEntry | null, hold: BotHold, finished: boolean): Turn {
  const opening = clientMessages[0];
  if (!opening) throw new Error('a turn needs its opening client message');
  const opened = momentOf(opening, 'role.turnOpened');
  const openedDuringBotHold = hold.botHeld && (hold.queued === null || compareEntries(opening, hold.queued.entry) < 0);
  const start = openedDuringBotHold && hold.queued ? hold.queued : opened;
  const answer = reply ? momentOf(reply, 'role.turnAnswer') : null;
  return {
    opened,
    start,
    answer,
    seconds: reply ? secondsBetween(start.entry.at, reply.at) : null,
    rule: turnRule(openedDuringBotHold && start !== opened, start, reply, finished),
    clientMessages,
    openedDuringBotHold,
  };
}

function turnRule(clamped: boolean, start: Moment, reply: TimelineEntry | null, finished: boolean): TurnRuleKey {
  if (!reply) return finished ? 'turn.neverAnswered' : 'turn.unanswered';
  if (!clamped) return 'turn.answered';
  // An operator may answer while the bot still holds the dialog, before the hand-off: the wait counts as 0.
  return compareEntries(reply, start.entry) < 0 ? 'turn.answeredBeforeQueued' : 'turn.fromQueuedAt';
}
