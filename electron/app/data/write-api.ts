/**
 * What the writer worker does besides the sync (writer-sync.ts): the one
 * connection that writes. A recompute is a job that yields between its
 * chunks (sync batches keep landing meanwhile) and stops when cancelled.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WritableDB } from '../db/connection.ts';
import { openCacheWithRecovery, type OpenedCache } from '../db/open-cache.ts';
import { clearCursor } from '../db/queries/sync-state.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { recomputeSteps } from '../sync/recompute.ts';
import { JobCancelled, type JobContext } from './protocol.ts';
import { SYNC_API } from './writer-sync.ts';
import { WORKSPACE_WRITE_API } from './workspace-api.ts';

export function openWriter(file: string, workerLog: Logger): OpenedCache {
  return openCacheWithRecovery(file, workerLog);
}

/**
 * Plain calls on the writer. The sync itself runs here too (writer-sync.ts)
 * and writes through its own in-thread store; what is left for other threads
 * is small: the bench forgets the cursor to replay a full pull cycle.
 */
export const WRITE_API = {
  clearCursor(db: WritableDB, name: string) {
    clearCursor(db, name);
  },
  ...WORKSPACE_WRITE_API,
};

export const WRITE_JOBS = {
  async recompute(db: WritableDB, ctx: JobContext, options: { onlyStale: boolean }) {
    const steps = recomputeSteps(db, { onlyStale: options.onlyStale, onProgress: (done, total) => ctx.progress(done, total) });
    for (;;) {
      if (ctx.cancelled) throw new JobCancelled();
      const step = steps.next();
      if (step.done) return step.value;
      await nextTurn();
    }
  },
};

export type WriteApi = typeof WRITE_API & typeof SYNC_API;
export type WriteJobs = typeof WRITE_JOBS;
