import { describe, expect, it } from 'vitest';
import { Replica, demo, expectBackendError, pullAll, testClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

describe('demo pullChanges', () => {
  it('backfills in batches of at most `limit` dialogs with progress rising to 1', async () => {
    const { backend } = demo({ historyDays: 3 });
    const { batches } = await pullAll(backend, null, 250);
    expect(batches.length).toBeGreaterThan(3);
    const progress = batches.map((b) => b.progress ?? -1);
    expect(progress.every((p, i) => p >= 0 && p <= 1 && (i === 0 || p >= (progress[i - 1] ?? 0)))).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(batches.slice(0, -1).every((b) => b.hasMore && b.changes.length === 250)).toBe(true);
    const ids = batches.flatMap((b) => b.changes.map((c) => c.dialog.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const change of batches.flatMap((b) => b.changes)) {
      expect(change.replaceTimeline).toBe(false);
      expect(change.dialog.reportedStatusCode).toBeNull();
      expect(change.entries[0]?.kind).toBe('created');
      expect(change.entries.map((e) => e.seq)).toEqual(change.entries.map((_, i) => i));
    }
  });

  it('then returns only what changed, with only the new entries', async () => {
    const { backend, clock } = demo({ historyDays: 3 });
    const replica = new Replica();
    const backfill = await pullAll(backend, null, 500, replica);
    const idle = await backend.pullChanges(backfill.cursor, 500);
    expect(idle.changes).toEqual([]);
    expect(idle.hasMore).toBe(false);

    const before = clock.now();
    clock.advance(60_000);
    const live = await pullAll(backend, idle.cursor, 10_000);
    const changes = live.batches.flatMap((b) => b.changes);
    const fresh = changes.filter((c) => !replica.dialogs.has(c.dialog.id));
    const ongoing = changes.filter((c) => replica.dialogs.has(c.dialog.id));
    expect(fresh.length).toBeGreaterThan(3);
    expect(ongoing.length).toBeGreaterThan(3);
    for (const change of live.batches.flatMap((b) => b.changes)) {
      const known = replica.entries(change.dialog.id).length;
      expect(change.entries.map((e) => e.seq)).toEqual(change.entries.map((_, i) => known + i));
      for (const entry of change.entries) {
        expect(entry.at).toBeGreaterThan(before);
        expect(entry.at).toBeLessThanOrEqual(clock.now());
      }
    }
    expect(live.batches.every((b) => b.progress === null)).toBe(true);
  });

  it('returns the same data when an old cursor is pulled again', async () => {
    const { backend, clock } = demo({ historyDays: 2 });
    const first = await backend.pullChanges(null, 100);
    expect(await backend.pullChanges(null, 100)).toEqual(first);
    const second = await backend.pullChanges(first.cursor, 100);
    expect(await backend.pullChanges(first.cursor, 100)).toEqual(second);
    const { cursor } = await pullAll(backend, second.cursor, 1000);
    clock.advance(30_000);
    const live = await backend.pullChanges(cursor, 1000);
    expect(await backend.pullChanges(cursor, 1000)).toEqual(live);
  });

  it('loses nothing when the clock moves while it pages', async () => {
    const clock = testClock();
    const { backend } = demo({ historyDays: 1, clock });
    const replica = new Replica();
    let cursor: string | null = null;
    for (let i = 0; i < 120; i++) {
      const batch = await backend.pullChanges(cursor, 40);
      replica.apply(batch);
      cursor = batch.cursor;
      clock.advance(7_000);
    }
    await pullAll(backend, cursor, 100_000, replica);
    for (const [id, snapshot] of replica.dialogs) {
      const timeline = await backend.fetchTimeline(id);
      expect(replica.entries(id)).toEqual(timeline.entries);
      expect(timeline.direction).toBe(snapshot.direction);
      expect(checkTimeline(timeline.entries).violations).toEqual([]);
    }
  });

  it('rejects a malformed or foreign cursor with BAD_CURSOR', async () => {
    const { backend } = demo({ historyDays: 1 });
    const { cursor } = await pullAll(backend, null, 1000);
    const other = demo({ seed: 2, historyDays: 1 }).backend;
    const { cursor: foreign } = await pullAll(other, null, 1000);
    for (const bad of ['', 'garbage', '{"rev":1}', cursor.replace(/-[0-9a-z]+$/, '-'), cursor.slice(1), foreign]) {
      await expectBackendError(backend.pullChanges(bad, 10), 'BAD_CURSOR');
    }
    const [tag, fingerprint, base] = cursor.split('-');
    const future = (Number.parseInt(base ?? '0', 36) + 99).toString(36);
    await expectBackendError(backend.pullChanges([tag, fingerprint, base, future, '0'].join('-'), 10), 'BAD_CURSOR');
  });

  it('fetches whole timelines and rejects unknown ids', async () => {
    const { backend } = demo({ historyDays: 1 });
    const first = await backend.pullChanges(null, 5);
    const change = first.changes[2];
    if (!change) throw new Error('no dialog');
    const timeline = await backend.fetchTimeline(change.dialog.id);
    expect(timeline.id).toBe(change.dialog.id);
    expect(timeline.entries).toEqual(change.entries);
    await expectBackendError(backend.fetchTimeline(1), 'NOT_FOUND');
  });
});

describe('demo live traffic', () => {
  it('at speed 1: a new dialog every ~5 s and several events every few seconds', async () => {
    const { backend, clock } = demo({ historyDays: 1 });
    let { cursor } = await pullAll(backend, null, 10_000);
    const seen = new Set<number>();
    let newDialogs = 0;
    let events = 0;
    for (let step = 0; step < 120; step++) {
      clock.advance(5_000);
      const pulled = await pullAll(backend, cursor, 10_000);
      cursor = pulled.cursor;
      for (const change of pulled.batches.flatMap((b) => b.changes)) {
        if (change.entries[0]?.seq === 0 && !seen.has(change.dialog.id)) newDialogs++;
        seen.add(change.dialog.id);
        events += change.entries.length;
      }
    }
    // ten minutes: ~120 arrivals expected
    expect(newDialogs).toBeGreaterThan(80);
    expect(newDialogs).toBeLessThan(170);
    expect(events / 120).toBeGreaterThan(4);
  });

  it('multiplies the pace by `speed`, stamping entries with the real clock', async () => {
    const { backend, clock } = demo({ historyDays: 1, speed: 10 });
    const { cursor } = await pullAll(backend, null, 10_000);
    const before = clock.now();
    clock.advance(60_000);
    const { batches } = await pullAll(backend, cursor, 10_000);
    const changes = batches.flatMap((b) => b.changes);
    const arrivals = changes.filter((c) => c.entries[0]?.seq === 0).length;
    expect(arrivals).toBeGreaterThan(80);
    expect(arrivals).toBeLessThan(170);
    for (const entry of changes.flatMap((c) => c.entries)) {
      expect(entry.at).toBeGreaterThan(before);
      expect(entry.at).toBeLessThanOrEqual(clock.now());
    }
  });

  it('stays within its memory bound over a long live run', async () => {
    const { backend, clock } = demo({ historyDays: 0.2, speed: 20, maxDialogs: 1000 });
    let { cursor } = await pullAll(backend, null, 10_000);
    for (let minute = 0; minute < 60; minute++) {
      clock.advance(60_000);
      cursor = (await pullAll(backend, cursor, 10_000)).cursor;
    }
    // an hour at speed 20 brings ~14,400 dialogs; most were forgotten once finished
    const everything = await pullAll(backend, null, 100_000);
    const kept = everything.batches.reduce((n, b) => n + b.changes.length, 0);
    expect(kept).toBeLessThan(4000);
  });
});
