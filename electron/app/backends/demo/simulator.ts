/**
 * The running contact centre. It has no timers: every backend call first
 * advances it to the clock's reading, creating the dialogs that arrived since
 * and releasing the scripted steps that fell due.
 *
 * A world outlives one run (world-file.ts keeps its anchor, its runs' speeds
 * and every action). Building the simulator resumes it: it counts the
 * arrivals up to now without planning them, plans only the dialogs the
 * backend must still hold (window.ts), and replays the logged actions at
 * their clock readings. Each dialog draws from its own random stream, so a
 * dialog planned on resume is the very dialog the earlier run had.
 */
import type { BackendAction } from '../backend.ts';
import { performAction } from './actions.ts';
import { createRng } from './random.ts';
import { planDialog } from './script.ts';
import { DialogStore } from './store.ts';
import { createTimebase, type Arrival, type Timebase, type TimeSegment } from './timebase.ts';
import { planWindow, type ArrivalSource } from './window.ts';
import { createWorld, type World } from './world.ts';

/** What makes a world: the same spec gives the same dialogs, entries and snapshots. */
export interface WorldSpec {
  seed: number;
  /** wall = simulated clock reading at the world's first start: its history ends here */
  anchor: number;
  historyDays: number;
  dialogsPerDay: number;
  /**
   * Arrivals below this index live only in a cache (a generated history): the
   * simulator never re-creates them. 0 for a world that backfills itself.
   */
  cacheOnlyBelow: number;
  /** the runs and the closed stretches between them, in wall order; the first starts at the anchor */
  segments: TimeSegment[];
}

/** One performed action, as the world's action log keeps it (numbered from 1). */
export interface LoggedAction {
  n: number;
  wall: number;
  sim: number;
  action: BackendAction;
  /** the caller's id for the action (the outbox's), so a test can tell a repeat from a new one */
  actionId?: string;
}

export interface SimulatorOptions {
  world: WorldSpec;
  /** memory bound: the oldest finished dialogs beyond this are forgotten */
  maxDialogs: number;
  /** the world's actions so far, replayed in order */
  actions?: readonly LoggedAction[];
  /** the clock reading to resume at */
  now: number;
  /**
   * Called before the world moves to `wall`: the world file records how far
   * this run may have gone, so a replay after a kill knows where it ended.
   */
  lease?: (wall: number) => void;
  log?: { warn(message: string): void };
}

export interface Simulator {
  readonly seed: number;
  readonly world: World;
  readonly store: DialogStore;
  readonly timebase: Timebase;
  /** names the world in its cursors and identity: seed, anchor and history settings */
  readonly fingerprint: string;
  /** the first arrival index this run holds: older dialogs live only in the consumer's cache */
  readonly heldFrom: number;
  /** advances to the wall-clock reading; a clock that steps back is held where it was */
  advance(wallNow: number): { wall: number; sim: number };
}

/** Names one world: its seed, its anchor and the settings its arrivals follow (never the speed of a run). */
export function worldFingerprint(spec: Omit<WorldSpec, 'segments'>): string {
  const rng = createRng(spec.seed, spec.anchor, spec.historyDays, spec.dialogsPerDay, spec.cacheOnlyBelow);
  return Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0');
}

/** The backend identity of a world: what the cache records as its source. */
export function worldIdentity(spec: Omit<WorldSpec, 'segments'>): string {
  return `demo:seed=${spec.seed}:world=${worldFingerprint(spec)}`;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const spec = options.world;
  const world = createWorld(spec.seed);
  const timebase = createTimebase(spec.segments);
  const store = new DialogStore(timebase, options.maxDialogs);
  const actions = options.actions ?? [];
  const lastSegment = spec.segments[spec.segments.length - 1] as TimeSegment;
  const resumeWall = Math.max(Math.floor(options.now), lastSegment.wall, actions.at(-1)?.wall ?? -Infinity);
  const window = planWindow(spec, world, timebase.toSim(resumeWall), options.maxDialogs, actions);
  const source: ArrivalSource = window.source;
  let next: { index: number; arrival: Arrival } | null = source.next();
  let lastWall = spec.anchor;

  const simulator: Simulator = {
    seed: spec.seed,
    world,
    store,
    timebase,
    fingerprint: worldFingerprint(spec),
    heldFrom: window.heldFrom,
    advance(wallNow) {
      const wall = Number.isFinite(wallNow) ? Math.max(lastWall, Math.floor(wallNow)) : lastWall;
      if (wall > lastWall) options.lease?.(wall);
      lastWall = wall;
      const sim = timebase.toSim(wall);
      while (next !== null && next.arrival.at <= sim) {
        const planned = planDialog(world, spec.seed, next.index, next.arrival);
        store.add(planned.snapshot, planned.profile, planned.steps);
        next = source.next();
      }
      store.runScripts(sim, wall);
      store.evictOld();
      return { wall, sim };
    },
  };

  for (const logged of actions) {
    const at = simulator.advance(logged.wall);
    if (at.sim !== logged.sim) {
      options.log?.warn(`[demo] action #${logged.n} was performed at simulated ${logged.sim}, replayed at ${at.sim}`);
    }
    try {
      performAction(simulator, logged.action, at);
    } catch (error) {
      // an action on a dialog this run does not hold changes nothing it serves
      const index = logged.action.dialogId - world.firstDialogId;
      if (window.holds(index)) options.log?.warn(`[demo] action #${logged.n} did not replay: ${(error as Error).message}`);
    }
  }
  simulator.advance(resumeWall);
  return simulator;
}
