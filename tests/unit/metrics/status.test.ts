import { describe, expect, it } from 'vitest';
import { computeDialog } from '../../../electron/app/metrics/engine.ts';
import type { StatusDetailId } from '../../../shared/domain/status.ts';
import {
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
  vote,
  type Ev,
} from './support.ts';

// Every transition of the timeline.md status machine, and the decisions around it.
const TRANSITIONS: Array<[string, Ev[], StatusDetailId]> = [
  ['created → new', [created(0)], 'new'],
  ['empty timeline → new', [], 'new'],
  ['client message before anyone took it stays new', [created(0), client(1)], 'new'],
  ['bot hand-off changes no status', [created(0), client(1), bot(2), handoff(3)], 'new'],
  ['skipped → queued', [created(0), client(1), taken(2), skipped(3)], 'queued'],
  ['transfer to a line → queued', [created(0), client(1), taken(2), toLine(3, 4)], 'queued'],
  ['transfer to an operator → queued until taken', [created(0), client(1), taken(2), toOperator(3, 8)], 'queued'],
  ['client message while queued stays queued', [created(0), taken(1), skipped(2), client(3)], 'queued'],
  ['taken → inWork', [created(0), client(1), taken(2)], 'inWork'],
  ['taken, client writes → clientWaiting', [created(0), taken(1), client(2)], 'clientWaiting'],
  ['clientWaiting, client writes again → clientWaiting', [created(0), taken(1), client(2), client(3)], 'clientWaiting'],
  ['operator reply → answered', [created(0), client(1), taken(2), op(3)], 'answered'],
  ['visible reply without taken counts as taken → answered', [created(0), client(1), op(2)], 'answered'],
  ['answered, client writes → clientWaitingAgain', [created(0), client(1), op(2), client(3)], 'clientWaitingAgain'],
  ['clientWaitingAgain, client writes again → stays clientWaitingAgain', [created(0), client(1), op(2), client(3), client(4)], 'clientWaitingAgain'],
  ['clientWaitingAgain, operator replies → answered', [created(0), client(1), op(2), client(3), op(4)], 'answered'],
  ['closing → closing', [created(0), client(1), op(2), closing(3)], 'closing'],
  ['closing, operator replies → stays closing', [created(0), client(1), op(2), closing(3), op(4)], 'closing'],
  ['closing, client writes → clientWaitingAgain', [created(0), client(1), op(2), closing(3), client(4)], 'clientWaitingAgain'],
  ['closing, client writes, operator replies → answered (closing mode ended)', [created(0), client(1), op(2), closing(3), client(4), op(5)], 'answered'],
  ['closing, taken → inWork', [created(0), client(1), op(2), closing(3), taken(4)], 'inWork'],
  ['closing by auto-reply before anyone took it, client writes → new', [created(0), client(1), closing(2), client(3)], 'new'],
  ['closed → finished', [created(0), client(1), op(2), closed(3)], 'finished'],
  ['spam → spam', [created(0), client(1), spam(2)], 'spam'],
  ['spam and close at the same instant, close first → spam', [created(0), client(1), closed(2), spam(2)], 'spam'],
  ['client writes after the close → stays finished (new session)', [created(0), client(1), op(2), closed(3), client(4)], 'finished'],
  ['taken after the close → stays finished', [created(0), client(1), closed(3), taken(4)], 'finished'],
  ['spam after the close (later instant) → stays finished', [created(0), client(1), closed(3), spam(4)], 'finished'],
  ['hidden operator note changes no status', [created(0), client(1), note(2)], 'new'],
  ['hidden note after taken changes no status', [created(0), client(1), taken(2), note(3)], 'inWork'],
  ['bot message changes no status', [created(0), client(1), op(2), bot(3)], 'answered'],
  ['system message changes no status', [created(0), client(1), taken(2), client(3), sys(4)], 'clientWaiting'],
  ['vote changes no status', [created(0), client(1), op(2), vote(3, 'like')], 'answered'],
  ['closedByOperator alone changes no status', [created(0), client(1), op(2), closedByOperator(3)], 'answered'],
  ['skip after an answer, client writes → queued', [created(0), client(1), op(2), skipped(3), client(4)], 'queued'],
  ['outgoing: operator writes first → answered', [created(0), op(0)], 'answered'],
];

describe('status machine', () => {
  it.each(TRANSITIONS)('%s', (_name, events, expected) => {
    expect(computeDialog(timeline(events)).statusDetail).toBe(expected);
  });

  it.each<[StatusDetailId, 'waiting' | 'answered' | 'finished', Ev[]]>([
    ['new', 'waiting', [created(0)]],
    ['clientWaiting', 'waiting', [created(0), taken(1), client(2)]],
    ['answered', 'answered', [created(0), client(1), op(2)]],
    ['closing', 'answered', [created(0), client(1), op(2), closing(3)]],
    ['spam', 'finished', [created(0), spam(1)]],
  ])('general status of %s is %s', (detail, general, events) => {
    const computed = computeDialog(timeline(events));
    expect(computed.statusDetail).toBe(detail);
    expect(computed.status).toBe(general);
  });
});

describe('responsible operator', () => {
  it.each<[string, Ev[], number | null]>([
    ['nobody before any operator action', [created(0), client(1)], null],
    ['taken sets it', [created(0), client(1), taken(2, 7)], 7],
    ['a visible reply by another operator sets it', [created(0), client(1), taken(2, 7), op(3, 9)], 9],
    ['a hidden note does not', [created(0), client(1), taken(2, 7), note(3, 9)], 7],
    ['a transfer to an operator sets the target', [created(0), client(1), taken(2, 7), toOperator(3, 8)], 8],
    ['a transfer to a line clears it', [created(0), client(1), taken(2, 7), toLine(3, 4)], null],
    ['a skip clears it', [created(0), client(1), taken(2, 7), skipped(3, 7)], null],
    ['taken after a skip sets it again', [created(0), client(1), taken(2, 7), skipped(3, 7), taken(4, 5)], 5],
    ['entries after the close are ignored', [created(0), client(1), op(2, 7), closed(3), taken(4, 9)], 7],
  ])('%s', (_name, events, expected) => {
    expect(computeDialog(timeline(events)).operatorId).toBe(expected);
  });
});

describe('spam flag, client rating and message count', () => {
  it('spam closes the dialog and sets the flag', () => {
    const computed = computeDialog(timeline([created(0), client(1), spam(50)]));
    expect(computed.spam).toBe(true);
    expect(computed.dates.closedAt).toBe(computeDialog(timeline([created(0), client(1), closed(50)])).dates.closedAt);
  });

  it('a closed dialog is not spam', () => {
    expect(computeDialog(timeline([created(0), client(1), closed(2)])).spam).toBe(false);
  });

  it('the last vote is the rating, a vote after the close included', () => {
    expect(computeDialog(timeline([created(0), client(1), op(2), vote(3, 'like'), closed(4), vote(5, 'dislike')])).clientRating).toBe(
      'dislike',
    );
    expect(computeDialog(timeline([created(0), client(1), op(2)])).clientRating).toBeNull();
  });

  it('every message counts: client, operator, hidden, bot, system, and after the close', () => {
    const events = [created(0), client(1), bot(2), sys(3), note(4), op(5), closed(6), client(7)];
    expect(computeDialog(timeline(events)).messageCount).toBe(6);
  });
});
