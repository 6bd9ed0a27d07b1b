import { describe, expect, it } from 'vitest';
import { parseIsoInstant, parseTimelineFile, TimelineInputError } from '../../../electron/app/metrics/engine.ts';

const ok = (events: unknown[]) => ({ id: 5, direction: 'in', events });
const createdAt = { at: '2026-11-02T09:00:00Z', kind: 'created' };

function errorOf(json: unknown): TimelineInputError {
  try {
    parseTimelineFile(json);
  } catch (error) {
    if (error instanceof TimelineInputError) return error;
    throw error;
  }
  throw new Error('expected a TimelineInputError');
}

describe('parseTimelineFile: valid input', () => {
  it('reads one object: seq is the position, at is epoch ms', () => {
    const [parsed] = parseTimelineFile(
      ok([
        createdAt,
        { at: '2026-11-02T12:00:05+03:00', kind: 'message', author: 'client', text: 'hello' },
        { at: '2026-11-02T09:01:00.250Z', kind: 'message', author: 'operator', operatorId: 7, hidden: true },
        { at: '2026-11-02T09:02:00Z', kind: 'transferred', toLineId: 22 },
        { at: '2026-11-02T09:03:00Z', kind: 'vote', rating: 'dislike' },
      ]),
    );
    expect(parsed).toEqual({
      id: 5,
      direction: 'in',
      entries: [
        { seq: 0, at: Date.parse('2026-11-02T09:00:00Z'), kind: 'created' },
        { seq: 1, at: Date.parse('2026-11-02T09:00:05Z'), kind: 'message', author: 'client', text: 'hello' },
        { seq: 2, at: Date.parse('2026-11-02T09:01:00.250Z'), kind: 'message', author: 'operator', operatorId: 7, hidden: true },
        { seq: 3, at: Date.parse('2026-11-02T09:02:00Z'), kind: 'transferred', toLineId: 22 },
        { seq: 4, at: Date.parse('2026-11-02T09:03:00Z'), kind: 'vote', rating: 'dislike' },
      ],
    });
  });

  it('reads an array of timelines, and an empty array', () => {
    const parsed = parseTimelineFile([ok([createdAt]), { id: 6, direction: 'out', events: [] }]);
    expect(parsed.map((item) => [item.id, item.direction, item.entries.length])).toEqual([
      [5, 'in', 1],
      [6, 'out', 0],
    ]);
    expect(parseTimelineFile([])).toEqual([]);
  });

  it('keeps the file order in seq even when the times are unsorted', () => {
    const [parsed] = parseTimelineFile(ok([{ at: '2026-11-02T09:05:00Z', kind: 'closed' }, createdAt]));
    expect(parsed?.entries.map((entry) => [entry.seq, entry.kind])).toEqual([
      [0, 'closed'],
      [1, 'created'],
    ]);
  });
});

describe('parseTimelineFile: input errors name the place', () => {
  it.each<[string, unknown, string, number | null]>([
    ['unknown kind', ok([createdAt, createdAt, createdAt, { at: '2026-11-02T09:00:00Z', kind: 'foo' }]), 'event 3: unknown kind "foo"', 3],
    ['missing kind', ok([{ at: '2026-11-02T09:00:00Z' }]), 'event 0: missing "kind"', 0],
    ['unknown author', ok([createdAt, { at: '2026-11-02T09:00:00Z', kind: 'message', author: 'robot' }]), 'event 1: unknown author "robot"', 1],
    ['missing author', ok([{ at: '2026-11-02T09:00:00Z', kind: 'message' }]), 'event 0: missing "author" (required on kind "message")', 0],
    ['no offset', ok([{ at: '2026-11-02T09:00:00', kind: 'created' }]), 'event 0: "at" must be an ISO 8601 date-time with an offset or Z, got "2026-11-02T09:00:00"', 0],
    ['impossible date', ok([{ at: '2026-02-30T09:00:00Z', kind: 'created' }]), 'event 0: "at" must be an ISO 8601', 0],
    ['at as a number', ok([{ at: 1762074000000, kind: 'created' }]), 'event 0: "at" must be an ISO 8601', 0],
    ['missing at', ok([{ kind: 'created' }]), 'event 0: missing "at"', 0],
    ['unknown field', ok([{ ...createdAt, operatorID: 7 }]), 'event 0: unknown field "operatorID"', 0],
    ['field of another kind', ok([{ ...createdAt, rating: 'like' }]), 'event 0: field "rating" is not allowed on kind "created"', 0],
    ['missing operatorId on taken', ok([{ at: '2026-11-02T09:00:00Z', kind: 'taken' }]), 'event 0: missing "operatorId"', 0],
    ['operatorId as a string', ok([{ at: '2026-11-02T09:00:00Z', kind: 'taken', operatorId: '7' }]), 'event 0: "operatorId" must be a positive integer, got "7"', 0],
    ['hidden on a client message', ok([{ at: '2026-11-02T09:00:00Z', kind: 'message', author: 'client', hidden: false }]), 'event 0: "hidden" is only allowed on operator messages', 0],
    ['hidden not a boolean', ok([{ at: '2026-11-02T09:00:00Z', kind: 'message', author: 'operator', hidden: 'yes' }]), 'event 0: "hidden" must be true or false', 0],
    ['operatorId on a client message', ok([{ at: '2026-11-02T09:00:00Z', kind: 'message', author: 'client', operatorId: 3 }]), 'event 0: "operatorId" is only allowed on operator and bot messages', 0],
    ['transfer with two targets', ok([{ at: '2026-11-02T09:00:00Z', kind: 'transferred', toLineId: 1, toOperatorId: 2 }]), 'event 0: "transferred" needs exactly one', 0],
    ['transfer with no target', ok([{ at: '2026-11-02T09:00:00Z', kind: 'transferred' }]), 'event 0: "transferred" needs exactly one', 0],
    ['bad rating', ok([{ at: '2026-11-02T09:00:00Z', kind: 'vote', rating: 5 }]), 'event 0: "rating" must be "like" or "dislike", got 5', 0],
    ['text not a string', ok([{ at: '2026-11-02T09:00:00Z', kind: 'message', author: 'client', text: 1 }]), 'event 0: "text" must be a string', 0],
    ['event not an object', ok([createdAt, 'closed']), 'event 1: an event must be a JSON object', 1],
    ['bad direction', { id: 5, direction: 'sideways', events: [] }, 'timeline: "direction" must be "in" or "out", got "sideways"', null],
    ['bad id', { id: 0, direction: 'in', events: [] }, 'timeline: "id" must be a positive integer, got 0', null],
    ['events not an array', { id: 5, direction: 'in', events: {} }, 'timeline: "events" must be an array', null],
    ['unknown top-level field', { ...ok([]), line: 3 }, 'timeline: unknown field "line"', null],
    ['not an object', 'hello', 'timeline: a timeline must be a JSON object', null],
  ])('%s', (_name, json, message, index) => {
    const error = errorOf(json);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.index).toBe(index);
    expect(error.timelineIndex).toBeNull();
  });

  it('in an array, names the timeline index too', () => {
    const error = errorOf([ok([createdAt]), ok([createdAt, { at: '2026-11-02T09:00:00Z', kind: 'foo' }])]);
    expect(error.message).toBe('timeline 1, event 1: unknown kind "foo"');
    expect([error.timelineIndex, error.index]).toEqual([1, 1]);
    expect(errorOf([ok([]), { id: 'x', direction: 'in', events: [] }]).message).toBe('timeline 1: "id" must be a positive integer, got "x"');
  });
});

describe('parseIsoInstant', () => {
  it.each<[string, string | null]>([
    ['2026-11-02T09:00:00Z', '2026-11-02T09:00:00.000Z'],
    ['2026-11-02T12:30:00+03:30', '2026-11-02T09:00:00.000Z'],
    ['2026-11-02T04:00:00-0500', '2026-11-02T09:00:00.000Z'],
    ['2026-11-02T11:00+02', '2026-11-02T09:00:00.000Z'],
    ['2026-11-02T09:00:00.123456Z', '2026-11-02T09:00:00.123Z'],
    ['2026-11-02T09:00:00,5Z', '2026-11-02T09:00:00.500Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
    ['2026-11-02T09:00:00', null],
    ['2026-11-02 09:00:00Z', null],
    ['2026-11-02T09:00:00z', null],
    ['2026-02-29T00:00:00Z', null],
    ['2026-13-01T00:00:00Z', null],
    ['2026-11-02T24:00:00Z', null],
    ['2026-11-02T23:59:60Z', null],
    ['2026-11-02T09:00:00+24:00', null],
    ['2026-11-02', null],
    ['yesterday', null],
  ])('%s', (text, expected) => {
    const ms = parseIsoInstant(text);
    expect(ms === null ? null : new Date(ms).toISOString()).toBe(expected);
  });
});
