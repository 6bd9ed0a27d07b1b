/**
 * The part of a dialog after an operator holds it: replies, client turns,
 * transfers, and the way it ends (closed by the operator, or auto-closed
 * through closing mode), plus what happens to it after it closed.
 * Delays are simulated milliseconds drawn to look like a real centre.
 */
import type { Rng } from './random.ts';
import type { DialogProfile, Story } from './story.ts';
import { phrase, supervisorReview, systemText, topicPhrase, type TextVars } from './texts.ts';
import { isWorkingTime, MINUTE, nextOpening, SECOND } from './timebase.ts';
import type { LineDef } from './world.ts';

/** A log-normal pause in seconds, clamped, returned in milliseconds. */
export function pause(rng: Rng, medianSec: number, sigma: number, minSec: number, maxSec: number): number {
  return Math.min(maxSec, Math.max(minSec, rng.logNormal(medianSec, sigma))) * SECOND;
}

export function between(rng: Rng, minSec: number, maxSec: number): number {
  return (minSec + rng.next() * (maxSec - minSec)) * SECOND;
}

export function textVars(p: DialogProfile, operatorId: number | null): TextVars {
  const operator = operatorId === null ? undefined : p.world.operatorById.get(operatorId);
  return { client: p.clientFirstName, op: operator?.name.split(' ')[0] ?? '', n: p.orderNo };
}

/** A human operator of the line's queue, other than the excluded ones when possible. */
export function pickOperator(p: DialogProfile, line: LineDef, exclude: readonly (number | null)[] = []): number {
  const free = line.operatorIds.filter((id) => !exclude.includes(id));
  return p.rng.pick(free.length > 0 ? free : line.operatorIds);
}

/**
 * How long a queued dialog waits to be taken: seconds to minutes in working
 * hours with a long tail; at night often until the morning shift.
 */
export function queueWait(rng: Rng, at: number, staffedAllDay: boolean): number {
  if (!staffedAllDay && !isWorkingTime(at) && rng.chance(0.6)) return nextOpening(at) - at + pause(rng, 300, 0.8, 20, 3600);
  if (rng.chance(0.07)) return between(rng, 20 * 60, 90 * 60);
  return pause(rng, 50, 1.1, 3, 40 * 60);
}

/**
 * The holder's first words after taking: a greeting (an apology after a long
 * wait), maybe an answer. Often the client adds details first while the
 * operator reads the history, and the reply then takes a little longer.
 */
export function firstReply(s: Story, p: DialogProfile, operatorId: number, waited: number): void {
  const { rng } = p;
  const v = textVars(p, operatorId);
  if (rng.chance(0.06)) s.wait(between(rng, 10, 60)).note(operatorId, phrase(rng, p.lang, 'hiddenNote', v));
  const clientFirst = rng.chance(0.35);
  if (clientFirst) s.wait(between(rng, 5, 60)).client(phrase(rng, p.lang, 'clientFollow', textVars(p, null)));
  s.wait(clientFirst ? pause(rng, 100, 0.8, 10, 20 * 60) : pause(rng, 45, 1.0, 3, 15 * 60));
  s.reply(operatorId, phrase(rng, p.lang, waited > 15 * MINUTE ? 'operatorApology' : 'operatorGreeting', v));
  // operators often send a second message right away: the answer, or a question back
  if (rng.chance(0.6)) {
    const key = rng.chance(0.6) ? 'answer' : 'ask';
    const text = key === 'answer' ? topicPhrase(rng, p.lang, 'operatorAnswer', p.line.topic, v) : phrase(rng, p.lang, 'operatorAsk', v);
    s.wait(between(rng, 4, 50)).reply(operatorId, text);
  }
}

/** A burst of one to three client messages. */
export function clientBurst(s: Story, p: DialogProfile, first: string): void {
  const { rng } = p;
  s.client(first);
  const extra = rng.weighted([[0, 65], [1, 25], [2, 10]] as const);
  for (let i = 0; i < extra; i++) s.wait(between(rng, 3, 40)).client(phrase(rng, p.lang, 'clientFollow', textVars(p, null)));
}

/** `rounds` client turns, each answered by the holder; one may be transferred instead. */
export function converse(s: Story, p: DialogProfile, rounds: number): void {
  const { rng } = p;
  let transferred = false;
  for (let round = 0; round < rounds; round++) {
    s.wait(pause(rng, 90, 1.1, 5, 45 * 60));
    clientBurst(s, p, phrase(rng, p.lang, 'clientFollow', textVars(p, null)));
    if (!transferred && round < 2 && rng.chance(0.07)) {
      transferred = transfer(s, p);
      if (transferred) continue;
    }
    operatorTurn(s, p);
    if (!p.formFilled && rng.chance(p.channel === 'livechat' ? 0.1 : 0.02)) {
      p.formFilled = true;
      s.wait(between(rng, 20, 240)).system(systemText(p.lang, 'formFilled', {})).patch({ formFilled: true });
    }
  }
}

function operatorTurn(s: Story, p: DialogProfile): void {
  const { rng } = p;
  const op = s.holder ?? pickOperator(p, p.line);
  const v = textVars(p, op);
  // now and then an operator is swamped: a reply takes tens of minutes
  s.wait(rng.chance(0.05) ? between(rng, 10 * 60, 40 * 60) : pause(rng, 55, 1.0, 3, 20 * 60));
  if (rng.chance(0.05)) s.note(op, phrase(rng, p.lang, 'hiddenNote', v)).wait(between(rng, 5, 40));
  if (rng.chance(0.2)) s.reply(op, phrase(rng, p.lang, 'operatorWait', v)).wait(between(rng, 20, 180));
  s.reply(op, topicPhrase(rng, p.lang, 'operatorAnswer', p.line.topic, v));
  if (rng.chance(0.15)) s.wait(between(rng, 5, 40)).reply(op, phrase(rng, p.lang, 'operatorAsk', v));
}

/**
 * The holder passes the dialog on: to a colleague of the same line, or to
 * another line of the client's language. The new holder takes it and answers.
 * Returns false when there is nobody to pass it to.
 */
export function transfer(s: Story, p: DialogProfile): boolean {
  const { rng } = p;
  const from = s.holder;
  const otherLines = p.world.lines.filter((l) => l.lang === p.lang && l.id !== p.line.id);
  const colleagues = p.line.operatorIds.filter((id) => id !== from);
  const toLine = otherLines.length > 0 && (colleagues.length === 0 || rng.chance(0.35));
  if (!toLine && colleagues.length === 0) return false;
  s.wait(between(rng, 20, 180));
  if (toLine) {
    const line = rng.pick(otherLines);
    s.system(systemText(p.lang, 'transferLine', { line: line.name })).transferToLine(line.id);
    p.line = line;
    retake(s, p, pickOperator(p, line, [from]));
  } else {
    const to = rng.pick(colleagues);
    const toName = p.world.operatorById.get(to)?.name ?? '';
    s.system(systemText(p.lang, 'transferOperator', { to: toName })).transferToOperator(to);
    retake(s, p, to);
  }
  return true;
}

/**
 * After a transfer: the new holder notices it, takes it and answers (the
 * client may repeat the question first); in closing mode they just close it.
 */
export function retake(s: Story, p: DialogProfile, operatorId: number, wasClosing = false): void {
  const { rng } = p;
  s.wait(pause(rng, 60, 0.9, 5, 20 * 60)).take(operatorId);
  if (wasClosing) {
    s.wait(between(rng, 30, 600)).closedByOperator(operatorId).closed();
    return;
  }
  if (rng.chance(0.3)) s.wait(between(rng, 5, 60)).client(phrase(rng, p.lang, 'clientFollow', textVars(p, null)));
  s.wait(pause(rng, 40, 0.9, 3, 10 * 60)).reply(operatorId, topicPhrase(rng, p.lang, 'operatorAnswer', p.line.topic, textVars(p, operatorId)));
}

function clientVote(s: Story, p: DialogProfile, probability: number): void {
  if (p.rng.chance(probability)) s.wait(between(p.rng, 10, 600)).vote(p.rng.chance(0.8) ? 'like' : 'dislike');
}

/**
 * How an answered dialog ends: maybe a thank-you and a goodbye, then either
 * the operator closes it, or the client goes quiet and the line's auto-close
 * puts it into closing mode (waiting for a vote) and then closes it.
 */
export function wrapUp(s: Story, p: DialogProfile): void {
  const { rng } = p;
  const op = s.holder ?? pickOperator(p, p.line);
  if (rng.chance(0.45)) {
    s.wait(between(rng, 20, 300)).client(phrase(rng, p.lang, 'clientThanks', textVars(p, null)));
    s.wait(between(rng, 10, 90)).reply(op, phrase(rng, p.lang, 'operatorBye', textVars(p, op)));
  }
  if (rng.chance(0.4)) {
    s.wait(between(rng, 30, 15 * 60)).closedByOperator(op);
    if (rng.chance(0.35)) {
      s.closing();
      clientVote(s, p, 0.5);
      s.wait(between(rng, 2 * 60, 15 * 60));
    }
    s.closed();
  } else {
    s.wait(p.line.autoCloseMinutes * MINUTE * (0.6 + rng.next() * 0.8)).closing();
    if (rng.chance(0.3)) s.system(systemText(p.lang, 'closing', {}));
    clientVote(s, p, 0.35);
    s.wait(between(rng, 5 * 60, 25 * 60)).closed();
  }
  afterClose(s, p);
}

/** Snapshot changes after the close: a transcript request, a supervisor's review. */
export function afterClose(s: Story, p: DialogProfile): void {
  const { rng } = p;
  if (rng.chance(0.04)) s.wait(between(rng, 0, 300)).patch({ historyRequested: true });
  if (rng.chance(0.05)) {
    const review = supervisorReview(rng);
    s.wait(between(rng, 10 * 60, 3 * 3600)).patch({ supervisorRating: review.rating, supervisorComment: review.comment });
  }
}
