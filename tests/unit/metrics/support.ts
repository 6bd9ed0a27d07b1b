/**
 * Helpers for the metrics engine tests: a terse way to write timelines
 * (seconds after 2026-11-02T09:00:00Z) and fast-check generators of random
 * timelines.
 */
import fc from 'fast-check';
import type { DialogTimeline, Direction, TimelineEntry, TimelineKind } from '../../../shared/domain/timeline.ts';

export const BASE_MS = Date.parse('2026-11-02T09:00:00Z');

/** Epoch ms of `seconds` after the base instant. */
export function at(seconds: number): number {
  return BASE_MS + Math.round(seconds * 1000);
}

/** An event without its seq: seq is its position in the list given to `timeline`. */
export type Ev = Omit<TimelineEntry, 'seq'>;

export function timeline(events: readonly Ev[], direction: Direction = 'in', id = 1): DialogTimeline {
  return { id, direction, entries: events.map((event, seq) => ({ ...event, seq })) };
}

const event = (seconds: number, kind: TimelineKind, fields: Partial<Ev> = {}): Ev => ({ at: at(seconds), kind, ...fields });

export const created = (s: number): Ev => event(s, 'created');
export const client = (s: number, text?: string): Ev => event(s, 'message', { author: 'client', ...(text ? { text } : {}) });
export const op = (s: number, operatorId = 7): Ev => event(s, 'message', { author: 'operator', operatorId });
export const note = (s: number, operatorId = 7): Ev => event(s, 'message', { author: 'operator', operatorId, hidden: true });
export const bot = (s: number): Ev => event(s, 'message', { author: 'bot' });
export const sys = (s: number): Ev => event(s, 'message', { author: 'system' });
export const handoff = (s: number): Ev => event(s, 'botHandoff');
export const taken = (s: number, operatorId = 7): Ev => event(s, 'taken', { operatorId });
export const skipped = (s: number, operatorId = 7): Ev => event(s, 'skipped', { operatorId });
export const toOperator = (s: number, toOperatorId: number): Ev => event(s, 'transferred', { toOperatorId });
export const toLine = (s: number, toLineId: number): Ev => event(s, 'transferred', { toLineId });
export const closing = (s: number): Ev => event(s, 'closing');
export const closedByOperator = (s: number, operatorId = 7): Ev => event(s, 'closedByOperator', { operatorId });
export const closed = (s: number): Ev => event(s, 'closed');
export const spam = (s: number, operatorId = 7): Ev => event(s, 'spam', { operatorId });
export const vote = (s: number, rating: 'like' | 'dislike'): Ev => event(s, 'vote', { rating });

/** The timeline.md example, event for event. */
export const SPEC_EXAMPLE_EVENTS: readonly Ev[] = [
  created(0),
  client(0),
  bot(5),
  handoff(60),
  taken(180),
  op(240),
  closedByOperator(600),
  closed(600),
];

/** One random event, body only; messages dominate as they do in real dialogs. */
const eventBody: fc.Arbitrary<Omit<Ev, 'at'>> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'message' as const, author: 'client' as const }) },
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 3 }).map((operatorId) => ({ kind: 'message' as const, author: 'operator' as const, operatorId })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'message' as const, author: 'operator' as const, operatorId: 1, hidden: true }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'message' as const, author: 'bot' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'message' as const, author: 'system' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'botHandoff' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((operatorId) => ({ kind: 'taken' as const, operatorId })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'skipped' as const, operatorId: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((toOperatorId) => ({ kind: 'transferred' as const, toOperatorId })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'transferred' as const, toLineId: 4 }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'closing' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'closedByOperator' as const, operatorId: 1 }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'closed' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'spam' as const, operatorId: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('like' as const, 'dislike' as const).map((rating) => ({ kind: 'vote' as const, rating })) },
);

const created0: Ev = { at: BASE_MS, kind: 'created' };

/**
 * Random timelines: a `created` event first (in most of them), then random
 * events at random times within an hour, with millisecond parts so that
 * rounding is exercised. `distinctTimes` gives every event its own instant.
 */
export function timelineArbitrary(options: { distinctTimes?: boolean } = {}): fc.Arbitrary<DialogTimeline> {
  const offsets = options.distinctTimes
    ? fc.uniqueArray(fc.integer({ min: 1, max: 3_600_000 }), { maxLength: 25 })
    : fc.array(fc.oneof(fc.integer({ min: 1, max: 3_600_000 }), fc.constantFrom(1000, 2000, 60_000)), { maxLength: 25 });
  return fc
    .record({
      withCreated: fc.boolean(),
      direction: fc.constantFrom<Direction>('in', 'out'),
      offsets,
      bodies: fc.array(eventBody, { minLength: 25, maxLength: 25 }),
    })
    .map(({ withCreated, direction, offsets: times, bodies }) => {
      const events: Ev[] = times.map((offset, index) => ({ at: BASE_MS + offset, ...(bodies[index] as Omit<Ev, 'at'>) }));
      return timeline(withCreated || events.length === 0 ? [created0, ...events] : events, direction);
    });
}

/** The same events in another order; seq is the new position, as a file read would give. */
export function reorder(source: DialogTimeline, order: readonly number[]): DialogTimeline {
  const events = order.map((index) => {
    const { seq: _seq, ...rest } = source.entries[index] as TimelineEntry;
    return rest;
  });
  return timeline(events, source.direction, source.id);
}
