import { describe, expect, it } from 'vitest';
import { computeDialog } from '../../../electron/app/metrics/engine.ts';
import type { MetricId } from '../../../shared/domain/metrics.ts';
import type { Direction } from '../../../shared/domain/timeline.ts';
import {
  SPEC_EXAMPLE_EVENTS,
  bot,
  client,
  closedByOperator,
  closed,
  closing,
  created,
  handoff,
  note,
  op,
  skipped,
  spam,
  sys,
  taken,
  timeline,
  toLine,
  toOperator,
  type Ev,
} from './support.ts';

type Nine = [number | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null, number | null];
const ORDER: MetricId[] = ['waitFirstAnswer', 'timeToStart', 'timeToOperatorClose', 'duration', 'firstResponse', 'botTime', 'responseTotal', 'responseAvg', 'responseMax'];

function metricsOf(events: readonly Ev[], direction: Direction = 'in'): Nine {
  const { metrics } = computeDialog(timeline(events, direction));
  return ORDER.map((id) => metrics[id]) as Nine;
}

const _ = null;
/**
 * Each row: the timeline, then the nine metrics in the order
 * waitFirstAnswer, timeToStart, timeToOperatorClose, duration, firstResponse,
 * botTime, responseTotal, responseAvg, responseMax. Times are seconds after 09:00:00.
 */
const CASES: Array<[string, Ev[], Nine, Direction?]> = [
  ['the timeline.md example', [...SPEC_EXAMPLE_EVENTS], [240, 180, 600, 240, 240, 60, 180, 180, 180]],
  ['no operator reply ever, closed by an operator: firstResponse to the operator close',
    [created(0), client(0), closedByOperator(300), closed(310)], [_, _, 300, 0, 300, 0, _, _, _]],
  ['no operator reply ever, closed without an operator: firstResponse to closedAt',
    [created(0), client(10), closed(100)], [_, _, _, 0, 90, 0, _, _, _]],
  ['no operator reply yet, still open: firstResponse null',
    [created(0), client(10), taken(20)], [_, 20, _, 0, _, 0, _, _, _]],
  ['the client never wrote: no firstResponse, no turns',
    [created(0), taken(5), op(10), closed(20)], [10, 5, _, 0, _, 0, _, _, _]],
  ['bot-only dialog closed by the bot: botTime to closedAt, no operator figures',
    [created(0), client(1), bot(2), client(30), bot(31), closed(100)], [_, _, _, 30, 99, 100, _, _, _]],
  ['bot still holds the dialog: botTime null',
    [created(0), client(1), bot(2)], [_, _, _, 1, _, _, _, _, _]],
  ['hidden operator notes are not replies and not part of the duration',
    [created(0), client(10), taken(20), note(30), op(70), note(80), closed(90)], [70, 20, _, 60, 60, 0, 60, 60, 60]],
  ['hidden notes only: no reply, no start; firstResponse falls back to the close',
    [created(0), client(10), note(30), closed(90)], [_, _, _, 0, 80, 0, _, _, _]],
  ['system messages are never replies but do count for the duration',
    [created(0), client(5), sys(6), op(65), sys(100)], [65, 65, _, 95, 60, 0, 60, 60, 60]],
  ['a burst of client messages counts from its first message',
    [created(0), client(0), client(20), client(40), taken(50), op(100), op(110), op(120)], [100, 50, _, 120, 100, 0, 100, 100, 100]],
  ['bursts of operator messages: only the first reply answers; three turns, the last unanswered',
    [created(0), client(0), op(30), op(40), client(100), client(110), op(160), client(200), op(290), client(400)],
    [30, 30, _, 400, 30, 0, 180, 60, 90]],
  ['whole seconds rounded down, per turn, and the average rounded down',
    [created(0), client(0), op(10.9), client(20.5), op(31.9)], [10, 10, _, 31, 10, 0, 21, 10, 11]],
  ['a transfer to an operator mid-turn does not reset the turn',
    [created(0), client(0), taken(10, 7), toOperator(30, 8), taken(40, 8), op(100, 8)], [100, 10, _, 100, 100, 0, 100, 100, 100]],
  ['a transfer to a line mid-turn does not reset the turn',
    [created(0), client(0), taken(10), toLine(30, 4), op(200, 9)], [200, 10, _, 200, 200, 0, 200, 200, 200]],
  ['outgoing: the operator writes first; firstResponse from the client first message',
    [created(0), op(0), client(600), op(660)], [0, 0, _, 660, 60, 0, 60, 60, 60], 'out'],
  ['spam closes the dialog: firstResponse to the spam mark',
    [created(0), client(0), spam(50)], [_, _, _, 0, 50, 0, _, _, _]],
  ['closing mode then a new client message opens a new turn',
    [created(0), client(0), taken(5), op(10), closing(20), client(30), op(90), closed(100)], [10, 5, _, 90, 10, 0, 70, 35, 60]],
  ['an operator reply before the bot hand-off answers the clamped turn with 0',
    [created(0), client(0), bot(5), op(60), handoff(120), closed(130)], [60, 60, _, 60, 60, 120, 0, 0, 0]],
  ['an operator takes the dialog over from the bot without a hand-off: queuedAt is that moment',
    [created(0), client(0), bot(5), client(20), taken(90), op(150)], [150, 90, _, 150, 150, 90, 60, 60, 60]],
  ['a bot that writes only after an operator: botTime 0',
    [created(0), client(0), op(10), bot(20)], [10, 10, _, 20, 10, 0, 10, 10, 10]],
  ['clock skew: a reply stamped before createdAt gives 0, never negative',
    [client(0), created(10), op(5)], [0, 0, _, 5, 5, 0, 5, 5, 5]],
  ['equal timestamps: a reply after the client message in the file answers it',
    [created(0), client(0), op(0)], [0, 0, _, 0, 0, 0, 0, 0, 0]],
  ['equal timestamps: a reply before the client message in the file does not',
    [created(0), op(0), client(0)], [0, 0, _, 0, _, 0, _, _, _]],
  ['entries after the close belong to a new session and are left out',
    [created(0), client(0), op(10), closed(20), client(100), op(130)], [10, 10, _, 10, 10, 0, 10, 10, 10]],
  ['no created event: the earliest entry stands in for createdAt',
    [client(5), op(65)], [60, 60, _, 60, 60, 0, 60, 60, 60]],
  ['empty timeline: nothing happened; botTime 0 (no bot took part)', [], [_, _, _, _, _, 0, _, _, _]],
  ['a skip after the bot hand-off does not move queuedAt; the turn counts from the hand-off',
    [created(0), client(0), bot(1), handoff(30), taken(60), skipped(90), taken(120, 8), op(150, 8)], [150, 60, _, 150, 150, 30, 120, 120, 120]],
];

describe('the nine metrics', () => {
  it.each(CASES)('%s', (_name, events, expected, direction) => {
    expect(metricsOf(events, direction)).toEqual(expected);
  });
});

describe('dates', () => {
  const datesOf = (events: readonly Ev[]) => computeDialog(timeline(events)).dates;
  const at = (seconds: number) => Date.parse('2026-11-02T09:00:00Z') + seconds * 1000;

  it('the timeline.md example', () => {
    expect(datesOf(SPEC_EXAMPLE_EVENTS)).toEqual({
      createdAt: at(0),
      queuedAt: at(60),
      operatorAnsweredAt: at(240),
      operatorStartedAt: at(180),
      lastMessageAt: at(240),
      operatorClosedAt: at(600),
      closedAt: at(600),
      modifiedAt: at(600),
    });
  });

  it.each<[string, Ev[], number | null]>([
    ['no bot: queuedAt = createdAt', [created(0), client(1), taken(5)], at(0)],
    ['bot hand-off: queuedAt = the hand-off', [created(0), client(1), bot(2), handoff(30), taken(60)], at(30)],
    ['bot hand-off without a bot message still counts', [created(0), client(1), handoff(30)], at(30)],
    ['operator takes over from the bot: queuedAt = that action', [created(0), client(1), bot(2), taken(40)], at(40)],
    ['bot-only dialog: never queued', [created(0), client(1), bot(2), closed(9)], null],
  ])('queuedAt: %s', (_name, events, expected) => {
    expect(datesOf(events).queuedAt).toBe(expected);
  });

  it('operatorStartedAt is the first take, explicit or by a visible reply', () => {
    expect(datesOf([created(0), client(1), op(20), skipped(30), taken(40)]).operatorStartedAt).toBe(at(20));
    expect(datesOf([created(0), client(1), taken(10), op(20)]).operatorStartedAt).toBe(at(10));
    expect(datesOf([created(0), client(1), note(10)]).operatorStartedAt).toBeNull();
  });

  it('lastMessageAt ignores hidden notes and the entries after the close; modifiedAt takes any last entry', () => {
    const dates = datesOf([created(0), client(1), op(20), note(25), closed(30), client(40), sys(50)]);
    expect(dates.lastMessageAt).toBe(at(20));
    expect(dates.closedAt).toBe(at(30));
    expect(dates.modifiedAt).toBe(at(50));
  });

  it('operatorClosedAt is the first operator close', () => {
    expect(datesOf([created(0), client(1), op(2), closedByOperator(10), closedByOperator(20), closed(30)]).operatorClosedAt).toBe(at(10));
  });
});

describe('waitingSince', () => {
  const at = (seconds: number) => Date.parse('2026-11-02T09:00:00Z') + seconds * 1000;
  it.each<[string, Ev[], number | null]>([
    ['the open turn start', [created(0), client(10), client(15), taken(20)], at(10)],
    ['null while the bot still holds the dialog', [created(0), client(1), bot(2)], null],
    ['clamped to the hand-off when the turn opened with the bot', [created(0), client(1), bot(2), handoff(30)], at(30)],
    ['null once answered', [created(0), client(1), op(2)], null],
    ['null in closing mode', [created(0), client(1), op(2), client(3), closing(4)], null],
    ['null when finished', [created(0), client(1), closed(4)], null],
    ['a line transfer does not reset it', [created(0), client(5), taken(10), toLine(30, 4)], at(5)],
    ['closing mode then a client message: that message', [created(0), client(0), op(10), closing(20), client(30)], at(30)],
    ['null when the client has not written', [created(0), taken(1)], null],
  ])('%s', (_name, events, expected) => {
    expect(computeDialog(timeline(events)).waitingSince).toBe(expected);
  });
});
