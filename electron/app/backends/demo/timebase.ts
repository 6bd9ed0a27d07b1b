/**
 * Time in the simulator. Scripts are planned in *simulated* time; entries are
 * stamped in wall-clock time. Up to the world's anchor (the clock reading of
 * its first start) the two are the same: that is the history. After it,
 * simulated time runs `speed` times faster than the wall clock, with one
 * speed per run (TimeSegment), so a higher speed compresses both arrivals and
 * each dialog's pace, and an entry is never stamped later than the clock
 * reading that released it.
 */
import { createRng, restoreRng, STREAM, type RngState } from './random.ts';

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

/**
 * A stretch of the world's time: from wall time `wall` the simulated clock
 * reads `sim` and runs `speed` times the wall clock, until the next segment.
 * A live segment is a run of the app (arrivals at the live pace); between
 * runs, while the app was closed, the world runs in real time (or slower,
 * if its last run was: a frozen world stays frozen) at its history pace.
 * The first segment starts at the anchor, where wall = sim.
 */
export interface TimeSegment {
  wall: number;
  sim: number;
  speed: number;
  live: boolean;
}

export interface Timebase {
  /** the end of the history: up to here wall and simulated time are the same */
  readonly anchor: number;
  toSim(wall: number): number;
  toWall(sim: number): number;
}

/** The simulated time a segment reads at `wall` (floor: whole milliseconds). */
export function simAt(segment: TimeSegment, wall: number): number {
  return segment.sim + Math.floor((wall - segment.wall) * segment.speed);
}

/**
 * The piecewise-linear clock of a world's runs. `segments` are in wall order,
 * each continuing where the previous one's pace had brought the simulated
 * clock (world-file.ts checks this on load).
 */
export function createTimebase(segments: readonly TimeSegment[]): Timebase {
  const first = segments[0];
  if (!first || first.wall !== first.sim) throw new Error('a timebase starts with a segment where wall = sim');
  const anchor = first.wall;
  const last = segments[segments.length - 1] as TimeSegment;

  const segmentAtWall = (wall: number): TimeSegment => {
    if (wall >= last.wall) return last;
    let found = first;
    for (const segment of segments) {
      if (segment.wall > wall) break;
      found = segment;
    }
    return found;
  };
  const toSim = (wall: number): number => (wall <= anchor ? wall : simAt(segmentAtWall(wall), wall));

  /** The first wall millisecond at which the simulated clock has reached `sim` (Infinity: never). */
  const toWall = (sim: number): number => {
    if (sim <= anchor) return sim;
    for (let i = segments.length - 1; i >= 0; i--) {
      const segment = segments[i] as TimeSegment;
      if (segment.sim >= sim) continue;
      // `sim` is reached in this segment, or never (a frozen last segment)
      const end = segments[i + 1]?.sim ?? Infinity;
      if (segment.speed === 0 || sim > end) return Infinity;
      // ceil, not floor: an entry is then stamped at or before the wall time exactly
      // when advancing to that wall time delivers it, so no entry ever carries a
      // time the previous pull had already passed. The loops only mend float rounding.
      let wall = segment.wall + Math.ceil((sim - segment.sim) / segment.speed);
      while (simAt(segment, wall) < sim) wall++;
      while (wall - 1 > segment.wall && simAt(segment, wall - 1) >= sim) wall--;
      return wall;
    }
    return Infinity;
  };
  return { anchor, toSim, toWall };
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
  /** the end of the history (the world's anchor) */
  anchor: number;
  historyDays: number;
  dialogsPerDay: number;
  /** the world's runs (default: one run from the anchor on) */
  segments?: readonly TimeSegment[];
}

/** From simulated time `from` on (to the next one), arrivals come at the live pace (busy) or the history pace. */
export interface PaceRegime {
  from: number;
  busy: boolean;
}

/**
 * When the centre is busy: during each run of the app and the BUSY_TAIL
 * before it (so every start, first or later, opens on a busy centre), at its
 * history pace otherwise. The last regime is the running app's: busy, open-ended.
 */
export function paceRegimes(anchor: number, historyDays: number, segments: readonly TimeSegment[]): PaceRegime[] {
  const historyStart = anchor - historyDays * DAY;
  const raw: PaceRegime[] = [{ from: historyStart, busy: false }];
  let busyUntil = historyStart;
  segments.forEach((segment, i) => {
    if (!segment.live) return;
    raw.push({ from: Math.max(busyUntil, segment.sim - BUSY_TAIL), busy: true });
    const end = segments[i + 1]?.sim;
    if (end === undefined) return;
    raw.push({ from: end, busy: false });
    busyUntil = end;
  });
  // drop empty stretches, then join neighbours of the same pace
  const kept = raw.filter((r, i) => (raw[i + 1]?.from ?? Infinity) > r.from);
  return kept.filter((r, i) => i === 0 || (kept[i - 1] as PaceRegime).busy !== r.busy);
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

/** Where an arrival stream stands: `createArrivals(options, state)` goes on from there. */
export interface ArrivalState {
  /** the index of the arrival `next()` returns */
  index: number;
  t: number;
  rng: RngState;
}

export interface ArrivalStream {
  /** the index of the arrival `next()` returns: dialog ids follow it */
  readonly index: number;
  next(): Arrival;
  save(): ArrivalState;
}

/**
 * The arrival times of all dialogs, history then live, as one increasing
 * sequence in simulated time. History arrivals follow a non-homogeneous
 * Poisson process (drawn by thinning); the busy tail and live mode are a
 * homogeneous one at the live pace. Drawing a time costs a few random
 * numbers and no planning, so a resume can count months of arrivals cheaply
 * and plan only the ones it keeps; a saved state skips back to any of them.
 */
export function createArrivals(options: ArrivalOptions, from?: ArrivalState): ArrivalStream {
  const rng = from ? restoreRng(from.rng) : createRng(options.seed, STREAM.arrivals);
  const segments = options.segments ?? [{ wall: options.anchor, sim: options.anchor, speed: 1, live: true }];
  const regimes = paceRegimes(options.anchor, options.historyDays, segments);
  const perMs = (t: number): number =>
    (options.dialogsPerDay / DAY) *
    ((HOUR_WEIGHTS[localHour(t)] ?? 1) / HOUR_MEAN) *
    (WEEKDAY_WEIGHTS[localWeekday(t)] ?? 1);
  const maxPerMs = (options.dialogsPerDay / DAY) * (Math.max(...HOUR_WEIGHTS) / HOUR_MEAN) * Math.max(...WEEKDAY_WEIGHTS);
  let t = from ? from.t : (regimes[0] as PaceRegime).from;
  let index = from ? from.index : 0;
  let regime = 0;
  while ((regimes[regime + 1]?.from ?? Infinity) <= t) regime++;

  const draw = (): Arrival => {
    for (;;) {
      const busy = (regimes[regime] as PaceRegime).busy;
      const end = regimes[regime + 1]?.from ?? Infinity;
      if (busy) {
        t += Math.min(rng.exponential(LIVE_MEAN_GAP), MAX_LIVE_GAP);
        if (t < end) return { at: Math.round(t), busy: true };
      } else if (maxPerMs > 0) {
        t += rng.exponential(1 / maxPerMs);
        if (t < end) {
          if (rng.next() < perMs(t) / maxPerMs) return { at: Math.round(t), busy: false };
          continue;
        }
      } else if (end === Infinity) {
        // no history pace and no run after it: nobody ever writes again
        return { at: Infinity, busy: false };
      }
      // memoryless: restarting the next pace at the boundary is exact
      t = end;
      regime++;
    }
  };
  return {
    get index() {
      return index;
    },
    next() {
      index++;
      return draw();
    },
    save: () => ({ index, t, rng: rng.save() }),
  };
}
