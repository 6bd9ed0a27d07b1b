/**
 * The dialog's defining moments (dialog-list.md §2 dates), each kept as the
 * timeline entry it came from so that every figure can name its evidence.
 */
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';
import { isBotMessage, isClientMessage, isHiddenMessage, isOperatorReply } from './order.ts';
import { momentOf, type Moment } from './session.ts';

export interface BotHold {
  /** a bot message or hand-off came before any operator action: the bot held the dialog from its start */
  botHeld: boolean;
  /** a bot wrote or handed off at any point of the session */
  botTookPart: boolean;
  /**
   * queuedAt: the first bot hand-off; when the bot held the dialog but never
   * handed it off, the operator action that took it over; when no bot held
   * it, createdAt. Null while (or if) the bot kept it to the end.
   */
  queued: Moment | null;
}

export interface Moments {
  created: Moment | null;
  firstOperatorReply: Moment | null;
  firstMessage: Moment | null;
  lastMessage: Moment | null;
  clientFirstMessage: Moment | null;
  operatorClosed: Moment | null;
  hold: BotHold;
}

export function findMoments(inSession: readonly TimelineEntry[]): Moments {
  const created = findCreated(inSession);
  // Hidden notes are internal to the contact centre: not part of the conversation's span.
  const conversation = inSession.filter((entry) => entry.kind === 'message' && !isHiddenMessage(entry));
  const asMoment = (entry: TimelineEntry | undefined, role: Moment['role']): Moment | null =>
    entry ? momentOf(entry, role) : null;

  return {
    created,
    firstOperatorReply: asMoment(inSession.find(isOperatorReply), 'role.firstOperatorReply'),
    firstMessage: asMoment(conversation[0], 'role.firstMessage'),
    lastMessage: asMoment(conversation.at(-1), 'role.lastMessage'),
    clientFirstMessage: asMoment(inSession.find(isClientMessage), 'role.clientFirstMessage'),
    operatorClosed: asMoment(inSession.find((entry) => entry.kind === 'closedByOperator'), 'role.closedByOperator'),
    hold: findBotHold(inSession, created),
  };
}

/** The `created` event; without one (a partial history), the earliest entry stands in. */
function findCreated(inSession: readonly TimelineEntry[]): Moment | null {
  const createdEvent = inSession.find((entry) => entry.kind === 'created');
  if (createdEvent) return momentOf(createdEvent, 'role.created');
  const earliest = inSession[0];
  return earliest ? momentOf(earliest, 'role.firstEntry') : null;
}

/** What an operator does to take a dialog off the bot or the queue. Hidden notes and closing do not. */
function isOperatorAction(entry: TimelineEntry): boolean {
  return entry.kind === 'taken' || entry.kind === 'skipped' || entry.kind === 'transferred' || isOperatorReply(entry);
}

function isBotActivity(entry: TimelineEntry): boolean {
  return isBotMessage(entry) || entry.kind === 'botHandoff';
}

function findBotHold(inSession: readonly TimelineEntry[], created: Moment | null): BotHold {
  const firstActionIndex = inSession.findIndex(isOperatorAction);
  const beforeOperator = firstActionIndex < 0 ? inSession : inSession.slice(0, firstActionIndex);
  const botHeld = beforeOperator.some(isBotActivity);
  const botTookPart = inSession.some(isBotActivity);
  if (!botHeld) return { botHeld, botTookPart, queued: created ? momentOf(created.entry, 'role.queuedAtCreation') : null };

  const handoff = inSession.find((entry) => entry.kind === 'botHandoff');
  if (handoff) return { botHeld, botTookPart, queued: momentOf(handoff, 'role.botHandoff') };
  const intercept = inSession[firstActionIndex];
  return { botHeld, botTookPart, queued: intercept ? momentOf(intercept, 'role.operatorIntercept') : null };
}
