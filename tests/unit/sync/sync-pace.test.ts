/**
 * The backfill's rate and time left (shared/domain/sync-pace.ts), as the
 * status bar and `npm run sync` show them: from the last minute of statuses,
 * nothing until a second has passed, no time left outside a backfill, and a
 * cache that starts over (fewer dialogs) does not mix with the old samples.
 */
import { describe, expect, it } from 'vitest';
import { addPaceSample, PACE_WINDOW_MS, syncPace, type PaceSample } from '../../../shared/domain/sync-pace.ts';

const backfill = (progress: number, dialogs: number) => ({ phase: 'backfill', progress, dialogs });

describe('sync pace', () => {
  it('gives the rate over the window and the time the rest takes at it', () => {
    let samples: PaceSample[] = [];
    samples = addPaceSample(samples, { at: 0, dialogs: 1000 });
    expect(syncPace(backfill(0.1, 1000), samples)).toEqual({ perSecond: null, secondsLeft: null });
    samples = addPaceSample(samples, { at: 500, dialogs: 1010 });
    expect(syncPace(backfill(0.1, 1010), samples).perSecond, 'under a second says nothing yet').toBeNull();
    samples = addPaceSample(samples, { at: 10_000, dialogs: 1200 });
    // 200 dialogs in 10 s; at 20 % of 6,000 the other 4,800 take 240 s
    expect(syncPace(backfill(0.2, 1200), samples)).toEqual({ perSecond: 20, secondsLeft: 240 });
    expect(syncPace({ phase: 'live', progress: 1, dialogs: 1200 }, samples)).toEqual({ perSecond: 20, secondsLeft: null });
  });

  it('keeps a minute of samples and starts over when the count goes down', () => {
    let samples: PaceSample[] = [];
    for (let at = 0; at <= 3 * PACE_WINDOW_MS; at += 5000) samples = addPaceSample(samples, { at, dialogs: at / 100 });
    expect(samples[0]!.at).toBe(2 * PACE_WINDOW_MS);
    expect(syncPace(backfill(0.5, 1800), samples).perSecond).toBeCloseTo(10);
    samples = addPaceSample(samples, { at: 3 * PACE_WINDOW_MS + 1000, dialogs: 5 });
    expect(samples).toEqual([{ at: 3 * PACE_WINDOW_MS + 1000, dialogs: 5 }]);
  });

  it('says no time left when nothing moves', () => {
    const samples = [{ at: 0, dialogs: 100 }, { at: 5000, dialogs: 100 }];
    expect(syncPace(backfill(0.5, 100), samples)).toEqual({ perSecond: 0, secondsLeft: null });
  });
});
