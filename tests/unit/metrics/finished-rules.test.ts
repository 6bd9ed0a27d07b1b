// A finished dialog that nobody answered is "never answered", not "not answered yet"
// (issue 8: an explanation read as if the client were still waiting).
import { describe, expect, it } from 'vitest';
import { explainDialog } from '../../../electron/app/metrics/engine.ts';
import { client, closed, created, op, spam, timeline } from './support.ts';

describe('rules for metrics that never got a value', () => {
  it('a running dialog without a reply is still waiting', () => {
    const { metrics } = explainDialog(timeline([created(0), client(1)]));
    expect(metrics.waitFirstAnswer.rule).toBe('waitFirstAnswer.noReply');
    expect(metrics.timeToStart.rule).toBe('timeToStart.notStarted');
    expect(metrics.responseAvg.rule).toBe('response.noAnsweredTurns');
    expect(metrics.responseAvg.turns?.map((turn) => turn.rule)).toEqual(['turn.unanswered']);
  });

  it('a dialog finished without a reply was never answered', () => {
    const { metrics } = explainDialog(timeline([created(0), client(1), closed(600)]));
    expect(metrics.waitFirstAnswer).toMatchObject({ value: null, rule: 'waitFirstAnswer.neverAnswered' });
    expect(metrics.timeToStart).toMatchObject({ value: null, rule: 'timeToStart.neverStarted' });
    for (const id of ['responseTotal', 'responseAvg', 'responseMax'] as const) {
      expect(metrics[id]).toMatchObject({ value: null, rule: 'response.neverAnswered' });
    }
    expect(metrics.responseAvg.turns?.map((turn) => turn.rule)).toEqual(['turn.neverAnswered']);
  });

  it('spam ends the session too', () => {
    const { metrics } = explainDialog(timeline([created(0), client(1), spam(60)]));
    expect(metrics.waitFirstAnswer.rule).toBe('waitFirstAnswer.neverAnswered');
  });

  it('a finished dialog keeps its answered turns and marks only the last, open one', () => {
    const { metrics } = explainDialog(timeline([created(0), client(1), op(10), client(20), closed(90)]));
    expect(metrics.waitFirstAnswer.rule).toBe('waitFirstAnswer.firstReply');
    expect(metrics.responseMax.turns?.map((turn) => turn.rule)).toEqual(['turn.answered', 'turn.neverAnswered']);
  });
});
