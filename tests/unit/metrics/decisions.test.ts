// Decisions the spec leaves open (docs/metrics.md "Decisions"): input order, duplicates, the session end.
import { describe, expect, it } from 'vitest';
import { computeDialog, explainDialog, parseTimelineFile, toTimelineOutput } from '../../../electron/app/metrics/engine.ts';
import { SPEC_EXAMPLE_EVENTS, client, closed, created, op, reorder, taken, timeline, vote, type Ev } from './support.ts';

const SPEC_EXAMPLE_FILE = {
  id: 1042,
  direction: 'in',
  events: [
    { at: '2026-11-02T09:00:00Z', kind: 'created' },
    { at: '2026-11-02T09:00:00Z', kind: 'message', author: 'client' },
    { at: '2026-11-02T09:00:05Z', kind: 'message', author: 'bot' },
    { at: '2026-11-02T09:01:00Z', kind: 'botHandoff' },
    { at: '2026-11-02T09:03:00Z', kind: 'taken', operatorId: 7 },
    { at: '2026-11-02T09:04:00Z', kind: 'message', author: 'operator', operatorId: 7 },
    { at: '2026-11-02T09:10:00Z', kind: 'closedByOperator', operatorId: 7 },
    { at: '2026-11-02T09:10:00Z', kind: 'closed' },
  ],
};

// timeline.md "Output", verbatim.
const SPEC_EXAMPLE_OUTPUT = {
  id: 1042,
  status: 'finished',
  statusDetail: 'finished',
  createdAt: '2026-11-02T09:00:00.000Z',
  queuedAt: '2026-11-02T09:01:00.000Z',
  operatorAnsweredAt: '2026-11-02T09:04:00.000Z',
  operatorStartedAt: '2026-11-02T09:03:00.000Z',
  lastMessageAt: '2026-11-02T09:04:00.000Z',
  operatorClosedAt: '2026-11-02T09:10:00.000Z',
  closedAt: '2026-11-02T09:10:00.000Z',
  waitFirstAnswer: 240,
  timeToStart: 180,
  timeToOperatorClose: 600,
  duration: 240,
  firstResponse: 240,
  botTime: 60,
  responseTotal: 180,
  responseAvg: 180,
  responseMax: 180,
};

describe('the timeline.md example', () => {
  it('gives exactly the documented output, keys in the documented order', () => {
    const [parsed] = parseTimelineFile(SPEC_EXAMPLE_FILE);
    if (!parsed) throw new Error('expected one timeline');
    const output = toTimelineOutput(parsed.id, computeDialog(parsed));
    expect(output).toEqual(SPEC_EXAMPLE_OUTPUT);
    expect(Object.keys(output)).toEqual(Object.keys(SPEC_EXAMPLE_OUTPUT));
  });

  it('computes the rest of DialogComputed', () => {
    const computed = computeDialog(timeline(SPEC_EXAMPLE_EVENTS, 'in', 1042));
    expect(computed).toMatchObject({ waitingSince: null, operatorId: 7, clientRating: null, spam: false, messageCount: 3 });
  });
});

describe('input order', () => {
  it('unsorted input gives the same result as sorted input', () => {
    const sorted = timeline(SPEC_EXAMPLE_EVENTS);
    const shuffled = reorder(sorted, [7, 3, 5, 0, 6, 2, 4, 1]);
    expect(shuffled.entries.map((entry) => entry.kind)).not.toEqual(sorted.entries.map((entry) => entry.kind));
    expect(computeDialog(shuffled)).toEqual(computeDialog(sorted));
  });

  it('the caller’s array is not reordered', () => {
    const shuffled = reorder(timeline(SPEC_EXAMPLE_EVENTS), [7, 3, 5, 0, 6, 2, 4, 1]);
    const before = shuffled.entries.map((entry) => entry.seq);
    computeDialog(shuffled);
    expect(shuffled.entries.map((entry) => entry.seq)).toEqual(before);
  });

  it('equal timestamps keep the file order (seq)', () => {
    // Same instant: an operator reply listed after the client message answers it; listed before, it does not.
    expect(computeDialog(timeline([created(0), client(5), op(5)])).metrics.responseTotal).toBe(0);
    expect(computeDialog(timeline([created(0), op(5), client(5)])).metrics.responseTotal).toBeNull();
  });
});

describe('exact duplicates', () => {
  const withDuplicates: Ev[] = [...SPEC_EXAMPLE_EVENTS, client(0), op(240), closed(600)];

  it('are counted once', () => {
    expect(computeDialog(timeline(withDuplicates))).toEqual(computeDialog(timeline(SPEC_EXAMPLE_EVENTS)));
  });

  it('are reported as excluded "duplicate"', () => {
    const explanation = explainDialog(timeline(withDuplicates));
    expect(explanation.metrics.responseTotal.excluded.filter((item) => item.reason === 'duplicate').map((item) => item.seq)).toEqual([8, 9, 10]);
  });

  it('differ in any field: two client messages with other texts are two messages', () => {
    const computed = computeDialog(timeline([created(0), client(1, 'hello'), client(1, 'anyone?')]));
    expect(computed.messageCount).toBe(2);
  });
});

describe('reopened dialogs: the session ends at the close', () => {
  const events = [created(0), client(0), op(10), closed(20), client(100), taken(110), op(130), vote(140, 'like')];

  it('later entries change no status, date or metric; the vote still counts', () => {
    const computed = computeDialog(timeline(events));
    expect(computed.statusDetail).toBe('finished');
    expect(computed.metrics.responseTotal).toBe(10);
    expect(computed.dates.lastMessageAt).toBe(Date.parse('2026-11-02T09:00:10Z'));
    expect(computed.clientRating).toBe('like');
    expect(computed.waitingSince).toBeNull();
  });

  it('later entries are noted as excluded "afterClose" (not the vote)', () => {
    const excluded = explainDialog(timeline(events)).metrics.responseTotal.excluded;
    expect(excluded.filter((item) => item.reason === 'afterClose').map((item) => item.seq)).toEqual([4, 5, 6]);
  });

  it('an open dialog keeps taking entries', () => {
    expect(computeDialog(timeline([created(0), client(0), op(10), client(100), taken(110)])).statusDetail).toBe('inWork');
  });
});
