/**
 * Recomputes statuses and metrics from the stored timelines, in chunks of one
 * transaction each so the grid stays readable meanwhile. `onlyStale` limits it
 * to rows an older engine computed (run at start-up after an engine change).
 */
import type { Db } from '../db/connection.ts';
import { dialogsAfter, storeComputed } from '../db/queries/dialog-write.ts';
import { readTimelineEntries } from '../db/queries/timeline.ts';
import { computeDialog, METRIC_ENGINE_VERSION } from '../metrics/engine.ts';
import { prepared } from '../db/connection.ts';

const CHUNK = 1000;

export interface RecomputeResult {
  dialogs: number;
  ms: number;
}

export function recomputeAll(
  db: Db,
  options: { onlyStale?: boolean; onProgress?: (done: number, total: number) => void } = {},
): RecomputeResult {
  const started = performance.now();
  const belowVersion = options.onlyStale ? METRIC_ENGINE_VERSION : null;
  const total = (
    (belowVersion === null
      ? prepared(db, 'SELECT COUNT(*) AS n FROM dialogs').get()
      : prepared(db, 'SELECT COUNT(*) AS n FROM dialogs WHERE metrics_version < ?').get(belowVersion)) as { n: number }
  ).n;
  let done = 0;
  let afterId = 0;
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
      }
    })();
    done += targets.length;
    afterId = targets[targets.length - 1]!.id;
    options.onProgress?.(done, total);
  }
  return { dialogs: done, ms: Math.round(performance.now() - started) };
}
