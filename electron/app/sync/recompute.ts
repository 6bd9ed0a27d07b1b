/**
 * Recomputes statuses and metrics from the stored timelines, in chunks of one
 * transaction each so the grid stays readable meanwhile. `onlyStale` limits it
 * to rows an older engine computed (run at start-up after an engine change).
 * recomputeSteps yields after each chunk: the writer's job gives its event
 * loop back there, so sync batches and cancels are served meanwhile.
 */
import type { WritableDB } from '../db/connection.ts';
import { countRecomputeTargets, dialogsAfter, storeComputed } from '../db/queries/dialog-write.ts';
import { readTimelineEntries } from '../db/queries/timeline.ts';
import { IDENTITY_KEY } from '../db/queries/cache-identity.ts';
import { overlayAfterRecompute } from '../db/queries/outbox.ts';
import { readCursor } from '../db/queries/sync-state.ts';
import { computeDialog, METRIC_ENGINE_VERSION } from '../metrics/engine.ts';

const CHUNK = 1000;

export interface RecomputeResult {
  dialogs: number;
  ms: number;
}

export interface RecomputeOptions {
  onlyStale?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** One chunk per step; returns the result when done. */
export function* recomputeSteps(db: WritableDB, options: RecomputeOptions): Generator<void, RecomputeResult> {
  const started = performance.now();
  const belowVersion = options.onlyStale ? METRIC_ENGINE_VERSION : null;
  const total = countRecomputeTargets(db, belowVersion);
  let done = 0;
  let afterId = 0;
  // rows with queued actions show them over the recomputed values (outbox.ts)
  const source = readCursor(db, IDENTITY_KEY) ?? '';
  options.onProgress?.(0, total);
  for (;;) {
    const targets = dialogsAfter(db, afterId, CHUNK, belowVersion);
    if (targets.length === 0) break;
    db.transaction(() => {
      for (const target of targets) {
        const computed = computeDialog({
          id: target.id,
          direction: target.direction,
          entries: readTimelineEntries(db, target.id),
        });
        storeComputed(db, target.id, target.reported_status_code, computed, METRIC_ENGINE_VERSION);
        overlayAfterRecompute(db, source, target.id);
      }
    })();
    done += targets.length;
    afterId = targets[targets.length - 1]!.id;
    options.onProgress?.(done, total);
    yield;
  }
  return { dialogs: done, ms: Math.round(performance.now() - started) };
}

export function recomputeAll(db: WritableDB, options: RecomputeOptions = {}): RecomputeResult {
  const steps = recomputeSteps(db, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
