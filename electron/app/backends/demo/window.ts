/**
 * Which dialogs a resumed world plans: what the backend must still hold at
 * `simNow`, never the months it may have run while the app was closed.
 *
 *  - the history window: arrivals of the last `historyDays`, at most the last
 *    `maxDialogs` of them (the memory bound forgets older finished ones anyway);
 *  - dialogs that may still be running: arrivals of the last MAX_DIALOG_LIFE,
 *    and the dialogs of actions performed in that time (an action rewrites a
 *    dialog's future, which then again lasts less than MAX_DIALOG_LIFE);
 *  - never below `cacheOnlyBelow`: a generated history lives in the cache.
 *
 * Counting arrivals costs a few random draws each (no planning), and the
 * stream is checkpointed as it goes, so the planned part starts from the
 * nearest saved state instead of counting a second time.
 */
import type { LoggedAction, WorldSpec } from './simulator.ts';
import { createArrivals, DAY, HOUR, type Arrival, type ArrivalOptions, type ArrivalState } from './timebase.ts';
import type { World } from './world.ts';

/**
 * No script runs longer than this from its start (an arrival, or an action
 * that rewrote it). The longest path is a night arrival waiting for the
 * morning shift (up to ~13 h), a long talk, a four-hour auto-close and a
 * review hours after the close: about a day. Checked by tests/unit/demo.
 */
export const MAX_DIALOG_LIFE = 36 * HOUR;

const CHECKPOINT_EVERY = 4096;

export interface ArrivalSource {
  /** the next arrival to plan, in time order; null: none (never, in fact: arrivals go on) */
  next(): { index: number; arrival: Arrival } | null;
}

export interface HeldWindow {
  source: ArrivalSource;
  /** the first index of the contiguous held range */
  heldFrom: number;
  holds(index: number): boolean;
}

export function arrivalOptions(spec: WorldSpec): ArrivalOptions {
  return { seed: spec.seed, anchor: spec.anchor, historyDays: spec.historyDays, dialogsPerDay: spec.dialogsPerDay, segments: spec.segments };
}

export function planWindow(spec: WorldSpec, world: World, simNow: number, maxDialogs: number, actions: readonly LoggedAction[]): HeldWindow {
  const options = arrivalOptions(spec);
  const windowFrom = simNow - spec.historyDays * DAY;
  const lifeFrom = simNow - MAX_DIALOG_LIFE;
  const recentlyActedOn = new Set(actions.filter((a) => a.sim >= lifeFrom).map((a) => a.action.dialogId - world.firstDialogId));

  const stream = createArrivals(options);
  const checkpoints: ArrivalState[] = [];
  const acted = new Map<number, Arrival>();
  let inWindow = -1;
  let inLife = -1;
  for (;;) {
    const index = stream.index;
    if (index % CHECKPOINT_EVERY === 0) checkpoints.push(stream.save());
    const arrival = stream.next();
    if (arrival.at > simNow) break;
    if (inWindow < 0 && arrival.at >= windowFrom) inWindow = index;
    if (inLife < 0 && arrival.at >= lifeFrom) inLife = index;
    if (recentlyActedOn.has(index)) acted.set(index, arrival);
  }
  const count = stream.index - 1;
  if (inWindow < 0) inWindow = count;
  if (inLife < 0) inLife = count;
  const heldFrom = Math.max(spec.cacheOnlyBelow, Math.min(Math.max(inWindow, count - maxDialogs), inLife));
  const extra = [...acted.entries()]
    .filter(([index]) => index < heldFrom && index >= spec.cacheOnlyBelow)
    .sort((a, b) => a[0] - b[0]);
  const extraIndices = new Set(extra.map(([index]) => index));

  const checkpoint = checkpoints[Math.floor(heldFrom / CHECKPOINT_EVERY)] ?? checkpoints[checkpoints.length - 1];
  const held = createArrivals(options, checkpoint);
  while (held.index < heldFrom) held.next();
  let nextExtra = 0;
  return {
    heldFrom,
    holds: (index) => index >= heldFrom || extraIndices.has(index),
    source: {
      next() {
        const early = extra[nextExtra];
        if (early) {
          nextExtra++;
          return { index: early[0], arrival: early[1] };
        }
        const index = held.index;
        return { index, arrival: held.next() };
      },
    },
  };
}
