import { describe, expect, it } from 'vitest';
import { createRng } from '../../../electron/app/backends/demo/random.ts';
import { demo, pullAll, testClock } from './helpers.ts';

async function transcript(seed: number): Promise<string> {
  const clock = testClock();
  const { backend } = demo({ seed, historyDays: 3, clock });
  const reference = await backend.fetchReference();
  const backfill = await pullAll(backend, null, 300);
  // the same clock readings in live mode, pulled in two steps
  clock.advance(45_000);
  const live1 = await pullAll(backend, backfill.cursor, 50);
  clock.advance(20_000);
  const live2 = await pullAll(backend, live1.cursor, 50);
  const someId = backfill.batches[0]?.changes[3]?.dialog.id ?? -1;
  const timeline = await backend.fetchTimeline(someId);
  return JSON.stringify({ reference, backfill, live1, live2, timeline });
}

describe('demo backend determinism', () => {
  it('gives byte-identical data for the same seed and clock readings', async () => {
    const [a, b] = [await transcript(42), await transcript(42)];
    expect(a.length).toBeGreaterThan(100_000);
    expect(a === b).toBe(true);
  });

  it('gives different data for a different seed', async () => {
    expect((await transcript(42)) === (await transcript(43))).toBe(false);
  });

  it('does not depend on how the clock was stepped, except for cursors', async () => {
    // one dialog's content comes from its own random stream: stepping 10 s at a
    // time or jumping 5 minutes at once yields the same timelines
    const stepped = demo({ seed: 5, historyDays: 1 });
    const jumped = demo({ seed: 5, historyDays: 1 });
    await stepped.backend.pullChanges(null, 10);
    await jumped.backend.pullChanges(null, 10);
    for (let i = 0; i < 30; i++) {
      stepped.clock.advance(10_000);
      await stepped.backend.pullChanges(null, 1);
    }
    jumped.clock.advance(300_000);
    const a = await pullAll(stepped.backend, null, 10_000);
    const b = await pullAll(jumped.backend, null, 10_000);
    const ids = a.batches.flatMap((batch) => batch.changes.map((c) => c.dialog.id));
    expect(ids).toEqual(b.batches.flatMap((batch) => batch.changes.map((c) => c.dialog.id)));
    for (const id of ids.slice(-40)) {
      expect(await stepped.backend.fetchTimeline(id)).toEqual(await jumped.backend.fetchTimeline(id));
    }
  });

  it('names its world in `identity`: same seed, anchor and history, same identity, whatever the speed of a run', () => {
    const identity = (seed: number, start: number, options: { speed?: number; historyDays?: number } = {}) =>
      demo({ seed, ...options, clock: testClock(start) }).backend.identity;
    expect(identity(1, 1_000)).toBe(identity(1, 1_000));
    expect(identity(1, 1_000)).toMatch(/^demo:seed=1:world=[0-9a-f]{8}$/);
    // the speed is a property of a run (a time segment), not of the world
    expect(identity(1, 1_000, { speed: 2 })).toBe(identity(1, 1_000));
    expect(new Set([identity(1, 1_000), identity(2, 1_000), identity(1, 2_000), identity(1, 1_000, { historyDays: 3 })]).size).toBe(4);
    expect(demo({ seed: 9 }).backend.label).toBe('#9');
  });

  it('never calls Math.random', async () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      await transcript(7);
    } finally {
      Math.random = original;
    }
  });

  it('has a PRNG that is uniform enough and keyed streams that differ', () => {
    const rng = createRng(1, 2, 3);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const bucket = Math.floor(rng.next() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(createRng(1, 2, 3).next()).toBe(createRng(1, 2, 3).next());
    expect(createRng(1, 2, 3).next()).not.toBe(createRng(1, 2, 4).next());
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });
});
