/**
 * A world's history as the simulator holds it at the anchor, chunk by chunk,
 * for the scale generator: the same arrivals, the same planDialog, the same
 * store releasing each script's steps up to the anchor. A generated dialog is
 * therefore the very dialog the simulator serves under that id (and a
 * resumed world re-plans the ones still running, identically).
 */
import type { DialogSnapshot } from '../backend.ts';
import type { TimelineEntry } from '../../../../shared/domain/timeline.ts';
import { planDialog } from './script.ts';
import type { WorldSpec } from './simulator.ts';
import { DialogStore } from './store.ts';
import { createArrivals, createTimebase, type Arrival } from './timebase.ts';
import { arrivalOptions } from './window.ts';
import { createWorld } from './world.ts';

export interface HistoryDialog {
  /** arrival index: the dialog id is world.firstDialogId + index */
  index: number;
  snapshot: DialogSnapshot;
  entries: TimelineEntry[];
  /** its script goes on after the anchor: a resumed simulator must hold it */
  running: boolean;
}

/** How many dialogs arrive in the world's history (up to its anchor), and how many of them at the busy pace: nothing is planned. */
export function countHistory(spec: WorldSpec): { count: number; busy: number } {
  const stream = createArrivals(arrivalOptions(spec));
  let busy = 0;
  for (let arrival = stream.next(); arrival.at <= spec.anchor; arrival = stream.next()) if (arrival.busy) busy++;
  return { count: stream.index - 1, busy };
}

/**
 * The history in arrival order, `chunk` dialogs at a time, as they stand at
 * the anchor. With `share`, only every `of`-th chunk from the `nth` is planned
 * (the rest only counted), so several threads can split the work.
 */
export function* historyAtAnchor(
  spec: WorldSpec,
  chunk: number,
  share: { nth: number; of: number } = { nth: 0, of: 1 },
): Generator<{ chunk: number; dialogs: HistoryDialog[] }> {
  const world = createWorld(spec.seed);
  const timebase = createTimebase(spec.segments);
  const stream = createArrivals(arrivalOptions(spec));
  let next: Arrival = stream.next();
  let index = 0;
  for (let number = 0; next.at <= spec.anchor; number++) {
    const first = index;
    if (number % share.of !== share.nth) {
      for (; next.at <= spec.anchor && index - first < chunk; index++) next = stream.next();
      continue;
    }
    const store = new DialogStore(timebase, Number.MAX_SAFE_INTEGER);
    for (; next.at <= spec.anchor && index - first < chunk; index++, next = stream.next()) {
      const planned = planDialog(world, spec.seed, index, next);
      store.add(planned.snapshot, planned.profile, planned.steps);
    }
    // what the simulator's first advance does: every step due by the anchor, stamped when it fell due
    store.runScripts(spec.anchor, spec.anchor);
    yield {
      chunk: number,
      dialogs: store.records.map((record, i) => ({
        index: first + i,
        snapshot: record.snapshot,
        entries: record.entries,
        running: record.nextStep < record.steps.length,
      })),
    };
  }
}
