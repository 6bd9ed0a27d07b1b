/**
 * Time in the simulator. Scripts are planned in *simulated* time; entries are
 * stamped in wall-clock time. Up to the start (the clock reading when the
 * backend was created) the two are the same: that is the history. After it,
 * simulated time runs `speed` times faster than the wall clock, so a higher
 * speed compresses both arrivals and each dialog's pace, and an entry is never
 * stamped later than the clock reading that released it.
 */
import { createRng, STREAM } from './random.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The centre works on Moscow time (UTC+3, no DST), whatever the host's zone. */
const LOCAL_OFFSET = 3 * HOUR;
const OPENS_AT_HOUR = 9;
const CLOSES_AT_HOUR = 21;

export function localHour(ms: number): number {
  return Math.floor((((ms + LOCAL_OFFSET) % DAY) + DAY) % DAY / HOUR);
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function localWeekday(ms: number): number {
  return (Math.floor((ms + LOCAL_OFFSET) / DAY) + 3) % 7;
}

export function isWorkingTime(ms: number): boolean {
  const hour = localHour(ms);
  return hour >= OPENS_AT_HOUR && hour < CLOSES_AT_HOUR;
}

/** The next opening time (09:00 local) strictly after `ms`. */
export function nextOpening(ms: number): number {
  const localMidnight = Math.floor((ms + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  const today = localMidnight + OPENS_AT_HOUR * HOUR;
  return today > ms ? today : today + DAY;
}

export interface Timebase {
  readonly start: number;
  readonly speed: number;
  toSim(wall: number): number;
  toWall(sim: number): number;
}

export function createTimebase(start: number, speed: number): Timebase {
  return {
    start,
    speed,
    toSim: (wall) => (wall <= start ? wall : start + Math.floor((wall - start) * speed)),
    // ceil, not floor: an entry is then stamped at or before the wall time exactly
    // when advancing to that wall time delivers it, so no entry ever carries a
    // time the previous pull had already passed.
    toWall: (sim) => (sim <= start ? sim : start + Math.ceil((sim - start) / speed)),
  };
}

/** Live pace at speed 1: a new dialog every 5 s on average (simulated time). */
export const LIVE_MEAN_GAP = 5 * SECOND;
/**
 * Live gaps are cut at 10 s: someone watching the demo sees a new dialog within
 * ~14 s (gap + 2 s sync poll + grid refresh), which a pure Poisson stream
 * misses about one time in ten.
 */
export const MAX_LIVE_GAP = 10 * SECOND;
/**
 * The history's last stretch runs at the live pace: the backfill then ends on
 * the same busy centre that live mode continues, with dialogs open in every
 * status, whatever the hour the app was started at.
 */
export const BUSY_TAIL = 40 * MINUTE;

/** Relative arrivals per local hour: night trickle, a morning and an afternoon peak. */
const HOUR_WEIGHTS = [
  0.15, 0.1, 0.08, 0.08, 0.08, 0.12, 0.25, 0.5, 1.0, 1.7, 2.1, 2.2,
  2.0, 1.9, 2.1, 2.1, 2.0, 1.8, 1.5, 1.2, 0.9, 0.7, 0.45, 0.25,
] as const;
const HOUR_MEAN = HOUR_WEIGHTS.reduce((sum, w) => sum + w, 0) / 24;
/** Monday … Sunday; averages to ~1 so `dialogsPerDay` holds over a week. */
const WEEKDAY_WEIGHTS = [1.15, 1.15, 1.15, 1.12, 1.1, 0.7, 0.6] as const;

export interface ArrivalOptions {
  seed: number;
  start: number;
  historyDays: number;
  dialogsPerDay: number;
}

export interface Arrival {
  /** simulated time */
  at: number;
  /**
   * Arrived at the live pace (busy tail or live mode): the centre is then
   * staffed round the clock, else a night start would pile up thousands of
   * dialogs waiting for the morning shift.
   */
  busy: boolean;
}

/**
 * The arrival times of all dialogs, history then live, as one increasing
 * sequence in simulated time. History arrivals follow a non-homogeneous
 * Poisson process (drawn by thinning); the busy tail and live mode are a
 * homogeneous one at the live pace.
 */
export function createArrivals(options: ArrivalOptions): () => Arrival {
  const rng = createRng(options.seed, STREAM.arrivals);
  const historyStart = options.start - options.historyDays * DAY;
  const tailStart = Math.max(historyStart, options.start - BUSY_TAIL);
  const perMs = (t: number): number =>
    (options.dialogsPerDay / DAY) *
    ((HOUR_WEIGHTS[localHour(t)] ?? 1) / HOUR_MEAN) *
    (WEEKDAY_WEIGHTS[localWeekday(t)] ?? 1);
  const maxPerMs = (options.dialogsPerDay / DAY) * (Math.max(...HOUR_WEIGHTS) / HOUR_MEAN) * Math.max(...WEEKDAY_WEIGHTS);
  let t = historyStart;

  return () => {
    while (t < tailStart && maxPerMs > 0) {
      t += rng.exponential(1 / maxPerMs);
      if (t >= tailStart) break;
      if (rng.next() < perMs(t) / maxPerMs) return { at: Math.round(t), busy: false };
    }
    // memoryless: restarting the live process at the tail's start is exact
    if (t < tailStart) t = tailStart;
    t += Math.min(rng.exponential(LIVE_MEAN_GAP), MAX_LIVE_GAP);
    return { at: Math.round(t), busy: true };
  };
}
