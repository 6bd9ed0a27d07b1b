import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDialog, explainDialog, parseTimelineFile } from '../../../electron/app/metrics/engine.ts';
import { METRIC_IDS } from '../../../shared/domain/metrics.ts';
import { EXPLAIN_ROLE_KEYS, EXPLAIN_RULE_KEYS, TURN_RULE_KEYS } from '../../../shared/domain/explain-keys.ts';
import type { DialogTimeline, TimelineEntry } from '../../../shared/domain/timeline.ts';
import { reorder, timeline, timelineArbitrary } from './support.ts';

const RUNS = { numRuns: 400 };

function answeredTurns(dialog: DialogTimeline): number {
  const turns = explainDialog(dialog).metrics.responseTotal.turns ?? [];
  return turns.filter((turn) => turn.answer !== null).length;
}

describe('response metrics', () => {
  it('responseAvg × answered turns ≤ responseTotal < (responseAvg + 1) × answered turns', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        const { responseTotal, responseAvg } = computeDialog(dialog).metrics;
        const turns = answeredTurns(dialog);
        if (turns === 0) {
          expect([responseTotal, responseAvg]).toEqual([null, null]);
          return;
        }
        if (responseTotal === null || responseAvg === null) throw new Error('answered turns but no figures');
        expect(responseAvg * turns).toBeLessThanOrEqual(responseTotal);
        expect(responseTotal).toBeLessThan((responseAvg + 1) * turns);
      }),
      RUNS,
    );
  });

  it('responseAvg ≤ responseMax ≤ responseTotal, and the total is the sum of the turns', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        const { responseTotal, responseAvg, responseMax } = computeDialog(dialog).metrics;
        if (responseTotal === null || responseAvg === null || responseMax === null) {
          expect([responseTotal, responseAvg, responseMax]).toEqual([null, null, null]);
          return;
        }
        expect(responseAvg).toBeLessThanOrEqual(responseMax);
        expect(responseMax).toBeLessThanOrEqual(responseTotal);
        const turns = explainDialog(dialog).metrics.responseTotal.turns ?? [];
        expect(turns.reduce((sum, turn) => sum + (turn.seconds ?? 0), 0)).toBe(responseTotal);
      }),
      RUNS,
    );
  });
});

describe('every metric', () => {
  it('is a whole, non-negative number of seconds or null', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        for (const value of Object.values(computeDialog(dialog).metrics)) {
          if (value !== null) expect(Number.isInteger(value) && value >= 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('is null exactly when its defining date is', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        const { dates, metrics } = computeDialog(dialog);
        expect(metrics.waitFirstAnswer === null).toBe(dates.operatorAnsweredAt === null);
        expect(metrics.timeToStart === null).toBe(dates.operatorStartedAt === null);
        expect(metrics.timeToOperatorClose === null).toBe(dates.operatorClosedAt === null);
        expect(metrics.duration === null).toBe(dates.lastMessageAt === null);
      }),
      RUNS,
    );
  });
});

describe('input independence', () => {
  it('results do not depend on the input order of events with distinct timestamps', () => {
    const withPermutation = timelineArbitrary({ distinctTimes: true }).chain((dialog) =>
      fc
        .shuffledSubarray(
          dialog.entries.map((_, index) => index),
          { minLength: dialog.entries.length, maxLength: dialog.entries.length },
        )
        .map((order) => ({ dialog, order })),
    );
    fc.assert(
      fc.property(withPermutation, ({ dialog, order }) => {
        expect(computeDialog(reorder(dialog, order))).toEqual(computeDialog(dialog));
      }),
      RUNS,
    );
  });

  it('duplicated events do not change the results', () => {
    const withCopies = timelineArbitrary().chain((dialog) =>
      fc
        .array(fc.record({ source: fc.nat(), position: fc.nat() }), { minLength: 1, maxLength: 8 })
        .map((copies) => ({ dialog, copies })),
    );
    fc.assert(
      fc.property(withCopies, ({ dialog, copies }) => {
        if (dialog.entries.length === 0) return;
        const events: Array<Omit<TimelineEntry, 'seq'>> = dialog.entries.map(({ seq: _seq, ...rest }) => rest);
        // A copy goes anywhere after its original (a re-delivered event): placed before it, a copy
        // would take the original's place among events of the same instant, which is another order.
        for (const { source, position } of copies) {
          const sourceIndex = source % events.length;
          const copy = events[sourceIndex];
          const after = sourceIndex + 1 + (position % (events.length - sourceIndex));
          if (copy) events.splice(after, 0, { ...copy });
        }
        expect(computeDialog(timeline(events, dialog.direction, dialog.id))).toEqual(computeDialog(dialog));
      }),
      RUNS,
    );
  });
});

describe('explainDialog', () => {
  const roleKeys: ReadonlySet<string> = new Set(EXPLAIN_ROLE_KEYS);
  const ruleKeys: ReadonlySet<string> = new Set(EXPLAIN_RULE_KEYS);
  const turnKeys: ReadonlySet<string> = new Set(TURN_RULE_KEYS);

  it('gives the same values as computeDialog', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        const computed = computeDialog(dialog);
        const explained = explainDialog(dialog);
        for (const id of METRIC_IDS) expect(explained.metrics[id].value).toBe(computed.metrics[id]);
      }),
      RUNS,
    );
  });

  it('uses only declared i18n keys', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        for (const metric of Object.values(explainDialog(dialog).metrics)) {
          expect(ruleKeys.has(metric.rule)).toBe(true);
          for (const point of [metric.start, metric.stop]) if (point) expect(roleKeys.has(point.role)).toBe(true);
          for (const turn of metric.turns ?? []) {
            expect(turnKeys.has(turn.rule ?? '')).toBe(true);
            for (const point of [turn.opened, turn.start, turn.answer]) if (point) expect(roleKeys.has(point.role)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('parseTimelineFile', () => {
  it('reads back what a timeline file says, at millisecond precision', () => {
    fc.assert(
      fc.property(timelineArbitrary(), (dialog) => {
        const file = {
          id: dialog.id,
          direction: dialog.direction,
          events: dialog.entries.map(({ seq: _seq, at, ...rest }) => ({ at: new Date(at).toISOString(), ...rest })),
        };
        expect(parseTimelineFile(JSON.parse(JSON.stringify(file)))).toEqual([dialog]);
      }),
      RUNS,
    );
  });
});
