import { describe, expect, it } from 'vitest';
import { explainDialog } from '../../../electron/app/metrics/engine.ts';
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { SPEC_EXAMPLE_EVENTS, at, bot, client, closed, closedByOperator, created, handoff, note, op, sys, taken, timeline } from './support.ts';

describe('explainDialog on the timeline.md example', () => {
  // seq: 0 created, 1 client, 2 bot, 3 botHandoff, 4 taken, 5 operator reply, 6 closedByOperator, 7 closed
  const explanation = explainDialog(timeline(SPEC_EXAMPLE_EVENTS, 'in', 1042));
  const { metrics } = explanation;

  it('names the dialog and explains all nine metrics', () => {
    expect(explanation.dialogId).toBe(1042);
    expect(Object.keys(metrics).sort()).toEqual([...METRIC_IDS].sort());
    for (const id of METRIC_IDS) expect(metrics[id].metric).toBe(id);
  });

  it('waitFirstAnswer: created → first operator reply, the bot message left out', () => {
    expect(metrics.waitFirstAnswer).toEqual({
      metric: 'waitFirstAnswer',
      value: 240,
      start: { seq: 0, at: at(0), kind: 'created', role: 'role.created' },
      stop: { seq: 5, at: at(240), kind: 'message', role: 'role.firstOperatorReply' },
      rule: 'waitFirstAnswer.firstReply',
      excluded: [{ seq: 2, at: at(5), reason: 'bot' }],
    });
  });

  it('botTime: created → hand-off', () => {
    expect(metrics.botTime.start?.seq).toBe(0);
    expect(metrics.botTime.stop).toEqual({ seq: 3, at: at(60), kind: 'botHandoff', role: 'role.botHandoff' });
    expect(metrics.botTime.rule).toBe('botTime.handoff');
  });

  it('timeToStart and timeToOperatorClose stop at taken and closedByOperator', () => {
    expect(metrics.timeToStart.stop?.seq).toBe(4);
    expect(metrics.timeToStart.rule).toBe('timeToStart.taken');
    expect(metrics.timeToOperatorClose.stop).toEqual({ seq: 6, at: at(600), kind: 'closedByOperator', role: 'role.closedByOperator' });
  });

  it('duration spans the first and last messages, bot included', () => {
    expect(metrics.duration.start?.seq).toBe(1);
    expect(metrics.duration.stop?.seq).toBe(5);
    expect(metrics.duration.excluded).toEqual([]);
  });

  it('response metrics: one turn opened by the client, clamped to the hand-off, answered by the reply', () => {
    const turn = {
      opened: { seq: 1, at: at(0), kind: 'message', role: 'role.turnOpened' },
      start: { seq: 3, at: at(60), kind: 'botHandoff', role: 'role.botHandoff' },
      answer: { seq: 5, at: at(240), kind: 'message', role: 'role.turnAnswer' },
      seconds: 180,
      rule: 'turn.fromQueuedAt',
    };
    for (const id of ['responseTotal', 'responseAvg', 'responseMax'] as const) {
      expect(metrics[id].turns).toEqual([turn]);
      expect(metrics[id].value).toBe(180);
      expect(metrics[id].excluded).toEqual([
        { seq: 1, at: at(0), reason: 'beforeClamp' },
        { seq: 2, at: at(5), reason: 'bot' },
      ]);
    }
    expect(metrics.firstResponse.turns).toBeUndefined();
  });
});

describe('explanation rules', () => {
  it('firstResponse falls back to the operator close, then to the close', () => {
    const byOperator = explainDialog(timeline([created(0), client(10), closedByOperator(70), closed(80)])).metrics.firstResponse;
    expect(byOperator).toMatchObject({ value: 60, rule: 'firstResponse.operatorCloseFallback', start: { seq: 1, role: 'role.clientFirstMessage' }, stop: { seq: 2 } });
    const byClose = explainDialog(timeline([created(0), client(10), closed(80)])).metrics.firstResponse;
    expect(byClose).toMatchObject({ value: 70, rule: 'firstResponse.closeFallback', stop: { seq: 2, role: 'role.closed' } });
  });

  it('an operator close before the client wrote is not a fallback', () => {
    const result = explainDialog(timeline([created(0), closedByOperator(5), client(10), closed(80)])).metrics.firstResponse;
    expect(result).toMatchObject({ value: 70, rule: 'firstResponse.closeFallback' });
  });

  it.each([
    ['firstResponse.clientNeverWrote', [created(0), op(1)]],
    ['firstResponse.pending', [created(0), client(1), taken(2)]],
  ] as const)('firstResponse null: %s', (rule, events) => {
    expect(explainDialog(timeline([...events])).metrics.firstResponse).toMatchObject({ value: null, rule });
  });

  it.each([
    ['botTime.noBot', [created(0), client(1), op(2)], 0],
    ['botTime.botAfterOperator', [created(0), client(1), op(2), bot(3)], 0],
    ['botTime.intercepted', [created(0), client(1), bot(2), taken(30)], 30],
    ['botTime.closedWhileBotHeld', [created(0), client(1), bot(2), closed(40)], 40],
    ['botTime.botStillHolds', [created(0), client(1), bot(2)], null],
  ] as const)('%s', (rule, events, value) => {
    expect(explainDialog(timeline([...events])).metrics.botTime).toMatchObject({ value, rule });
  });

  it('timeToStart names a reply that took the dialog', () => {
    expect(explainDialog(timeline([created(0), client(1), op(9)])).metrics.timeToStart).toMatchObject({
      value: 9,
      rule: 'timeToStart.firstReplyTakes',
      stop: { seq: 2, role: 'role.firstReplyTakes' },
    });
  });

  it('lists hidden and system messages inside the window, not outside it', () => {
    const events = [created(0), client(1), note(2), sys(3), op(10), note(20), sys(30)];
    const { waitFirstAnswer, responseTotal, duration } = explainDialog(timeline(events)).metrics;
    expect(waitFirstAnswer.excluded.map((item) => [item.seq, item.reason])).toEqual([[2, 'hidden'], [3, 'system']]);
    expect(responseTotal.excluded.map((item) => [item.seq, item.reason])).toEqual([[2, 'hidden'], [3, 'system'], [5, 'hidden'], [6, 'system']]);
    expect(duration.excluded.map((item) => [item.seq, item.reason])).toEqual([[2, 'hidden'], [5, 'hidden']]);
  });

  it('turns: a reply before the hand-off counts 0; an unanswered turn is listed', () => {
    const events = [created(0), client(0), bot(5), op(60), handoff(120), client(200)];
    const turns = explainDialog(timeline(events)).metrics.responseMax.turns ?? [];
    expect(turns.map((turn) => [turn.rule, turn.seconds, turn.start.seq, turn.answer?.seq ?? null])).toEqual([
      ['turn.answeredBeforeQueued', 0, 4, 3],
      ['turn.unanswered', null, 5, null],
    ]);
  });

  it('responseMax points at the longest turn, responseTotal spans first start to last answer', () => {
    const events = [created(0), client(0), op(10), client(20), op(80), client(100), op(120)];
    const { responseMax, responseTotal } = explainDialog(timeline(events)).metrics;
    expect([responseMax.value, responseMax.start?.seq, responseMax.stop?.seq]).toEqual([60, 3, 4]);
    expect([responseTotal.value, responseTotal.start?.seq, responseTotal.stop?.seq]).toEqual([90, 1, 6]);
  });

  it('no answered turn: response metrics null with their rule', () => {
    const { responseAvg } = explainDialog(timeline([created(0), client(1)])).metrics;
    expect(responseAvg).toMatchObject({ value: null, start: null, stop: null, rule: 'response.noAnsweredTurns' });
    expect(responseAvg.turns).toHaveLength(1);
  });
});
