import { describe, expect, it } from 'vitest';
import { LeakyBucket, PLAN_LIMITS, type BucketClock } from '../../../electron/app/backends/bitrix24/client/leaky-bucket.ts';

/** A clock that jumps forward when slept on: the bucket's waits cost no real time. */
function fakeClock(): BucketClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** The portal's side: the same rule, counted from the real sends. */
function portalLevelAfter(sends: number[], ratePerSec: number): number {
  let level = 0;
  let at = 0;
  let max = 0;
  for (const t of sends) {
    level = Math.max(0, level - ((t - at) / 1000) * ratePerSec) + 1;
    at = t;
    max = Math.max(max, level);
  }
  return max;
}

describe('leaky bucket', () => {
  for (const plan of ['standard', 'enterprise'] as const) {
    it(`${plan}: a long burst never fills the portal's bucket past its limit, and settles at the plan's rate`, async () => {
      const clock = fakeClock();
      const bucket = new LeakyBucket(plan, clock);
      const sends: number[] = [];
      for (let i = 0; i < 1000; i++) {
        await bucket.take();
        sends.push(clock.t);
      }
      const { burst, ratePerSec } = PLAN_LIMITS[plan];
      // it started half full: the portal may already hold that many from someone else
      expect(portalLevelAfter(sends, ratePerSec) + burst / 2).toBeLessThanOrEqual(burst);
      const lastSecond = sends.filter((t) => t > sends.at(-1)! - 10_000).length;
      expect(lastSecond).toBeLessThanOrEqual(ratePerSec * 10 + 1);
    });
  }

  it('a 503 from the portal fills the bucket, so the next request waits for it to drain', async () => {
    const clock = fakeClock();
    const bucket = new LeakyBucket('standard', clock);
    await bucket.take();
    const before = clock.t;
    bucket.refused();
    await bucket.take();
    expect(clock.t - before).toBeGreaterThanOrEqual(1000);
  });
});
