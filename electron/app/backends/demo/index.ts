/**
 * The embedded demo backend: a seeded simulator of a busy contact centre
 * behind the same `Backend` interface as the Bitrix24 connector. The same seed
 * and the same clock readings give byte-identical data.
 */
import { BackendError, type Backend, type BackendAction, type ChangeBatch, type ReferenceData } from '../backend.ts';
import type { DialogTimeline } from '../../../../shared/domain/timeline.ts';
import { performAction } from './actions.ts';
import { pullPage } from './changes.ts';
import { createSimulator, runFingerprint, type Simulator } from './simulator.ts';
import { DEFAULT_MAX_DIALOGS } from './store.ts';
import { publicLines } from './world.ts';

export interface DemoBackendOptions {
  seed: number;
  /** days of history the first pull backfills (default 30) */
  historyDays?: number;
  /** average dialogs per day over the history (default 220) */
  dialogsPerDay?: number;
  /** multiplies the pace of live traffic (default 1) */
  speed?: number;
  /**
   * Memory bound for long live runs (default 25,000, ~5 KB each): beyond it the oldest
   * finished dialogs are forgotten and fetching them reports NOT_FOUND.
   */
  maxDialogs?: number;
  /** the clock (default Date.now); injected by tests */
  now?: () => number;
}

export const DEMO_DEFAULTS = { historyDays: 30, dialogsPerDay: 220, speed: 1, maxDialogs: DEFAULT_MAX_DIALOGS } as const;

function checkOptions(options: DemoBackendOptions): Required<Omit<DemoBackendOptions, 'now'>> {
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
  check(resolved.speed, Number.MIN_VALUE, 'speed');
  check(resolved.maxDialogs, 100, 'maxDialogs');
  return resolved;
}

export function createDemoBackend(options: DemoBackendOptions): Backend {
  const settings = checkOptions(options);
  const now = options.now ?? Date.now;
  const start = Math.floor(now());
  // built on first use: creating the backend stays cheap, the first call pays for the backfill
  let simulator: Simulator | null = null;
  let closed = false;

  const advanced = (): { sim: Simulator; at: { wall: number; sim: number } } => {
    if (closed) throw new BackendError('CLOSED', 'the demo backend was closed', false);
    simulator ??= createSimulator({ ...settings, start });
    return { sim: simulator, at: simulator.advance(now()) };
  };

  return {
    kind: 'demo',
    label: `Demo contact centre (seed ${settings.seed})`,
    // each run backfills a history ending at its own start: a cache from
    // another run holds other dialogs under the same ids and must be cleared
    identity: `demo:seed=${settings.seed}:run=${runFingerprint({ ...settings, start })}`,

    async fetchReference(): Promise<ReferenceData> {
      const { sim } = advanced();
      return { lines: publicLines(sim.world), operators: sim.world.operators.map((o) => ({ ...o })) };
    },

    async pullChanges(cursor: string | null, limit: number): Promise<ChangeBatch> {
      const { sim } = advanced();
      return pullPage(sim.store, sim.fingerprint, cursor, limit);
    },

    async fetchTimeline(dialogId: number): Promise<DialogTimeline> {
      const { sim } = advanced();
      const record = sim.store.get(dialogId);
      if (!record) throw new BackendError('NOT_FOUND', `dialog ${dialogId} not found`, false);
      return { id: dialogId, direction: record.snapshot.direction, entries: record.entries.map((e) => ({ ...e })) };
    },

    async perform(action: BackendAction): Promise<void> {
      const { sim, at } = advanced();
      performAction(sim, action, at);
    },

    async close(): Promise<void> {
      closed = true;
      simulator = null;
    },
  };
}
