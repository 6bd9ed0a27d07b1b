/**
 * The embedded demo backend: a seeded simulator of a busy contact centre
 * behind the same `Backend` interface as the Bitrix24 connector. The same seed
 * and the same clock readings give byte-identical data. With a world folder
 * the world lasts: a restart continues it where it stopped (world-file.ts).
 */
import {
  BackendError,
  outcomeOfError,
  type ActionOutcome,
  type ActionRequest,
  type Backend,
  type ChangeBatch,
  type DialogChange,
  type ReferenceData,
} from '../backend.ts';
import type { DialogTimeline } from '../../../../shared/domain/timeline.ts';
import { alreadyInState, prepareAction } from './actions.ts';
import { DemoFaults, type DemoControl } from './faults.ts';
import { copySnapshot } from './store.ts';
import { pullPage } from './changes.ts';
import { memoryWorld, openWorld, type WorldHandle, type WorldLog } from './persisted-world.ts';
import { createSimulator, worldIdentity, type Simulator } from './simulator.ts';
import { DEFAULT_MAX_DIALOGS } from './store.ts';
import { publicLines, SUPERVISOR_ID } from './world.ts';

export interface DemoBackendOptions {
  seed: number;
  /** days of history the first pull backfills (default 30) */
  historyDays?: number;
  /** average dialogs per day over the history (default 220) */
  dialogsPerDay?: number;
  /** multiplies the pace of live traffic (default 1); 0 freezes the world at its start (no live traffic) */
  speed?: number;
  /**
   * Memory bound for long live runs (default 25,000, ~5 KB each): beyond it the oldest
   * finished dialogs are forgotten and fetching them reports NOT_FOUND.
   */
  maxDialogs?: number;
  /** the clock (default Date.now); injected by tests */
  now?: () => number;
  /**
   * The data folder: the world is kept there (demo-world-seed<N>.json and its
   * action log) and continues across restarts. Without it the world lives for
   * this backend only. A stored world keeps its own historyDays and dialogsPerDay.
   */
  worldDir?: string;
  /** where world-file repairs are reported (default console) */
  log?: WorldLog;
}

export const DEMO_DEFAULTS = { historyDays: 30, dialogsPerDay: 220, speed: 1, maxDialogs: DEFAULT_MAX_DIALOGS } as const;

function checkOptions(options: DemoBackendOptions): Required<Omit<DemoBackendOptions, 'now' | 'worldDir' | 'log'>> {
  const resolved = {
    seed: options.seed,
    historyDays: options.historyDays ?? DEMO_DEFAULTS.historyDays,
    dialogsPerDay: options.dialogsPerDay ?? DEMO_DEFAULTS.dialogsPerDay,
    speed: options.speed ?? DEMO_DEFAULTS.speed,
    maxDialogs: options.maxDialogs ?? DEMO_DEFAULTS.maxDialogs,
  };
  const check = (value: number, min: number, name: string): void => {
    if (!Number.isFinite(value) || value < min) throw new RangeError(`demo backend: ${name} must be a finite number ≥ ${min}, got ${value}`);
  };
  check(resolved.seed, -Number.MAX_VALUE, 'seed');
  check(resolved.historyDays, 0, 'historyDays');
  check(resolved.dialogsPerDay, 0, 'dialogsPerDay');
  check(resolved.speed, 0, 'speed');
  check(resolved.maxDialogs, 100, 'maxDialogs');
  return resolved;
}

/** The demo backend, with the switches tests and the UI's demo menu use to pause it and make it fail. */
export interface DemoBackend extends Backend {
  readonly kind: 'demo';
  readonly control: DemoControl;
}

export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const settings = checkOptions(options);
  const now = options.now ?? Date.now;
  const log = options.log ?? console;
  const start = Math.floor(now());
  // the world's files are read when the identity is first asked for, so a
  // data folder that cannot be written fails the services' start, not their creation
  let handle: WorldHandle | null = null;
  const world = (): WorldHandle => {
    handle ??= options.worldDir
      ? openWorld(
          options.worldDir,
          settings,
          { historyDays: options.historyDays !== undefined, dialogsPerDay: options.dialogsPerDay !== undefined },
          start,
          log,
        )
      : memoryWorld(settings, start);
    return handle;
  };
  // built on first use: creating the backend stays cheap, the first call pays for the backfill or the resume
  let simulator: Simulator | null = null;
  let closed = false;
  const faults = new DemoFaults();

  const advanced = (): { sim: Simulator; at: { wall: number; sim: number } } => {
    if (closed) throw new BackendError('CLOSED', 'the demo backend was closed', false);
    faults.checkReachable();
    const handle = world();
    simulator ??= createSimulator({
      world: handle.spec,
      maxDialogs: settings.maxDialogs,
      actions: handle.actions,
      now: now(),
      lease: (wall) => handle.lease(wall),
      log,
    });
    return { sim: simulator, at: simulator.advance(now()) };
  };

  return {
    kind: 'demo',
    // no words: the UI shows it beside its own translated "Demo" badge (the label comes from the
    // services in one language, the UI switches between two), so only the world's number is left
    label: `#${settings.seed}`,
    // the world, not the run: a restarted world keeps its cache, a new one
    // (another anchor) holds other dialogs under the same ids and clears it
    get identity() {
      return worldIdentity(world().spec);
    },
    selfOperatorId: SUPERVISOR_ID,

    async fetchReference(): Promise<ReferenceData> {
      const { sim } = advanced();
      return { lines: publicLines(sim.world), operators: sim.world.operators.map((o) => ({ ...o })) };
    },

    async pullChanges(cursor: string | null, limit: number): Promise<ChangeBatch> {
      const { sim, at } = advanced();
      return pullPage(sim.store, sim.fingerprint, cursor, limit, at.wall);
    },

    async fetchTimeline(dialogId: number): Promise<DialogTimeline> {
      const { sim } = advanced();
      const record = sim.store.get(dialogId);
      if (!record) throw new BackendError('NOT_FOUND', `dialog ${dialogId} not found`, false);
      return { id: dialogId, direction: record.snapshot.direction, entries: record.entries.map((e) => ({ ...e })) };
    },

    async fetchDialog(dialogId: number): Promise<DialogChange> {
      const { sim } = advanced();
      const record = sim.store.get(dialogId);
      if (!record) throw new BackendError('NOT_FOUND', `dialog ${dialogId} not found`, false);
      return { dialog: copySnapshot(record.snapshot), entries: record.entries.map((e) => ({ ...e })), replaceTimeline: true };
    },

    async perform({ actionId, action }: ActionRequest, signal?: AbortSignal): Promise<ActionOutcome> {
      try {
        signal?.throwIfAborted();
        const { sim, at } = advanced();
        const injected = faults.beforePerform();
        if (injected) return injected;
        if (alreadyInState(sim, action)) return { kind: 'alreadyInState' };
        const apply = prepareAction(sim, action, at);
        // on disk before it happens: a kill after this line replays it, a kill before it never happened
        try {
          world().record(at, action, actionId);
        } catch (error) {
          throw new BackendError('UNAVAILABLE', `the demo world's action log could not be written: ${(error as Error).message}`, true);
        }
        apply();
        // done, but the caller may not hear it: what a dropped connection does to a real portal's answer
        faults.afterPerform();
        return { kind: 'applied' };
      } catch (error) {
        return outcomeOfError(error);
      }
    },

    control: faults,

    async close(): Promise<void> {
      closed = true;
      simulator = null;
    },
  };
}
