/**
 * Opening a demo world: a new one (anchor = now), or the one the data folder
 * already holds, continued with this run's speed. Without a folder (unit
 * tests) the world lives for one run only, as before.
 */
import fs from 'node:fs';
import type { BackendAction } from '../backend.ts';
import { moveAside } from '../../storage/private-files.ts';
import type { LoggedAction, WorldSpec } from './simulator.ts';
import { simAt, type TimeSegment } from './timebase.ts';
import {
  appendAction,
  cutTornTail,
  moveWorldAside,
  readWorld,
  removeStaleTemps,
  resetActionLog,
  toWorldFile,
  WorldFileDamage,
  worldFiles,
  writeWorldFile,
} from './world-file.ts';

export interface WorldSettings {
  seed: number;
  historyDays: number;
  dialogsPerDay: number;
  speed: number;
}

export interface WorldLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface WorldHandle {
  readonly spec: WorldSpec;
  /** the actions performed on it in earlier runs, to replay */
  readonly actions: readonly LoggedAction[];
  /** records an action (durably, with a world folder) before it is applied */
  record(at: { wall: number; sim: number }, action: BackendAction, actionId?: string): void;
  /** makes sure the world file says this run may have reached `wall` */
  lease(wall: number): void;
}

/**
 * How far ahead of the clock a run claims the world: the file is rewritten
 * about twice a minute while a run goes on, and a run that was killed is
 * taken to have ended at most this long after its last pull.
 */
export const LEASE_MS = 60_000;

function freshSpec(settings: WorldSettings, now: number): WorldSpec {
  return {
    seed: settings.seed,
    anchor: now,
    historyDays: settings.historyDays,
    dialogsPerDay: settings.dialogsPerDay,
    cacheOnlyBelow: 0,
    segments: [{ wall: now, sim: now, speed: settings.speed, live: true }],
  };
}

export function memoryWorld(settings: WorldSettings, now: number): WorldHandle {
  return { spec: freshSpec(settings, now), actions: [], record: () => {}, lease: () => {} };
}

/**
 * The world's time with a new run from `wall` on at `speed`. If the last run
 * ended before (its lease ran out), the app was closed in between: a
 * stretch in real time (no faster than that run) at the history pace. A
 * restart within the lease at the same speed simply goes on.
 */
export function continueAt(segments: readonly TimeSegment[], leaseUntil: number, wall: number, speed: number): TimeSegment[] {
  const out = [...segments];
  let last = out[out.length - 1] as TimeSegment;
  if (wall > leaseUntil) {
    last = { wall: leaseUntil, sim: simAt(last, leaseUntil), speed: Math.min(1, last.speed), live: false };
    out.push(last);
  }
  if (last.live && last.speed === speed) return out;
  // a run that never ran a millisecond is replaced: its simulated time at its start is the same at any speed
  if (last.live && wall <= last.wall) {
    out[out.length - 1] = { ...last, speed };
    return out;
  }
  out.push({ wall, sim: simAt(last, wall), speed, live: true });
  return out;
}

/**
 * Opens the world of `settings.seed` in `dir`. `given` says which history
 * settings the caller named: a stored world keeps its own (they define its
 * dialogs), with a log line when they differ.
 */
export function openWorld(dir: string, settings: WorldSettings, given: { historyDays: boolean; dialogsPerDay: boolean }, now: number, log: WorldLog): WorldHandle {
  const files = worldFiles(dir, settings.seed);
  if (fs.existsSync(dir)) removeStaleTemps(files);
  let loaded: ReturnType<typeof readWorld> | null = null;
  if (fs.existsSync(files.world)) {
    try {
      loaded = readWorld(files, settings.seed);
    } catch (error) {
      if (!(error instanceof WorldFileDamage)) throw error;
      const movedTo = moveWorldAside(files);
      log.warn(`[demo] the world file ${files.world} is damaged (${error.message}); moved to ${movedTo}, starting a fresh world`);
    }
  } else if ((fs.statSync(files.actions, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    const movedTo = moveAside(files.actions, 'corrupt');
    log.warn(`[demo] ${files.actions} has no world file beside it; moved to ${movedTo}`);
  }

  let spec: WorldSpec;
  let actions: LoggedAction[];
  let generated: { dialogs: number } | undefined;
  let leaseUntil: number;
  if (!loaded) {
    spec = freshSpec(settings, now);
    actions = [];
    leaseUntil = now + LEASE_MS;
    resetActionLog(files);
    writeWorldFile(files, toWorldFile(spec, leaseUntil));
    log.info(`[demo] a new world for seed ${settings.seed} starts at ${new Date(now).toISOString()}`);
  } else {
    generated = loaded.generated;
    ({ spec, actions } = loaded);
    if (loaded.tornBytes > 0) {
      cutTornTail(files, loaded.tornBytes);
      log.info(`[demo] cut a torn last line (${loaded.tornBytes} bytes) off ${files.actions}: that action was never applied`);
    }
    const differs = (given.historyDays && settings.historyDays !== spec.historyDays) || (given.dialogsPerDay && settings.dialogsPerDay !== spec.dialogsPerDay);
    if (differs) {
      const perDay = Math.round(spec.dialogsPerDay * 10) / 10;
      log.info(`[demo] the world of seed ${settings.seed} keeps its own history (${spec.historyDays} days, ${perDay} dialogs a day)`);
    }
    const last = spec.segments[spec.segments.length - 1] as TimeSegment;
    // a clock that went back since is held where the world already was
    const wall = Math.max(now, last.wall, actions.at(-1)?.wall ?? 0);
    spec = { ...spec, segments: continueAt(spec.segments, loaded.leaseUntil, wall, settings.speed) };
    leaseUntil = Math.max(loaded.leaseUntil, wall + LEASE_MS);
    writeWorldFile(files, toWorldFile(spec, leaseUntil, generated));
  }
  let n = actions.length;
  return {
    spec,
    actions,
    record(at, action, actionId) {
      appendAction(files, { n: n + 1, wall: at.wall, sim: at.sim, action, ...(actionId === undefined ? {} : { actionId }) });
      n += 1;
    },
    lease(wall) {
      if (wall + LEASE_MS / 2 <= leaseUntil) return;
      leaseUntil = wall + LEASE_MS;
      writeWorldFile(files, toWorldFile(spec, leaseUntil, generated));
    },
  };
}
