/**
 * The running contact centre. It has no timers: every backend call first
 * advances it to the clock's reading, creating the dialogs that arrived since
 * and releasing the scripted steps that fell due. The first advance is the
 * backfill: the whole history window at once.
 */
import { createRng } from './random.ts';
import { planDialog } from './script.ts';
import { DialogStore } from './store.ts';
import { createArrivals, createTimebase, type Timebase } from './timebase.ts';
import { createWorld, type World } from './world.ts';

export interface SimulatorOptions {
  seed: number;
  historyDays: number;
  dialogsPerDay: number;
  speed: number;
  /** memory bound: the oldest finished dialogs beyond this are forgotten */
  maxDialogs: number;
  /** the clock reading at creation: the end of the history, the start of live mode */
  start: number;
}

export interface Simulator {
  readonly seed: number;
  readonly world: World;
  readonly store: DialogStore;
  readonly timebase: Timebase;
  /** identifies this run in its cursors: same seed and start, same fingerprint */
  readonly fingerprint: string;
  /** advances to the wall-clock reading; a clock that steps back is held where it was */
  advance(wallNow: number): { wall: number; sim: number };
}

/**
 * Names one run: the same seed, settings and start give the same world. A new
 * start is a different world under the same dialog ids, so cursors and
 * caches from another run must not be applied to this one.
 */
export function runFingerprint(options: Omit<SimulatorOptions, 'maxDialogs'>): string {
  const rng = createRng(options.seed, options.start, options.historyDays, options.dialogsPerDay, options.speed);
  return Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const world = createWorld(options.seed);
  const timebase = createTimebase(options.start, options.speed);
  const store = new DialogStore(timebase, options.maxDialogs);
  const nextArrivalTime = createArrivals(options);
  let nextArrival = nextArrivalTime();
  let arrivals = 0;
  let lastWall = options.start;
  const fingerprint = runFingerprint(options);

  return {
    seed: options.seed,
    world,
    store,
    timebase,
    fingerprint,
    advance(wallNow) {
      const wall = Number.isFinite(wallNow) ? Math.max(lastWall, Math.floor(wallNow)) : lastWall;
      lastWall = wall;
      const sim = timebase.toSim(wall);
      while (nextArrival.at <= sim) {
        const planned = planDialog(world, options.seed, arrivals++, nextArrival);
        store.add(planned.snapshot, planned.profile, planned.steps);
        nextArrival = nextArrivalTime();
      }
      store.runScripts(sim, wall);
      store.evictOld();
      return { wall, sim };
    },
  };
}
