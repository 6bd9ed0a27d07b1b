/**
 * A reader's idle time, spent on the grid's next jump. After a block of a
 * large (filter, sort), once no grid request has come for a moment (idleMs), the reader
 * walks that order hop by hop and leaves a boundary every hundredth of the
 * set (dialog-paging.ts prepareJumps), so dragging the scrollbar anywhere
 * then costs about one block instead of skipping up to half a million index
 * entries (20–90 ms at 1 M, measured). One hop per turn of the worker's event
 * loop: a request that arrives meanwhile waits behind one hop at most (well
 * under a millisecond), and any new block request starts the wait again, so
 * a grid being scrolled is never slowed by its own preparation.
 *
 * Only the most recent (filter, sort) is prepared; a data change drops the
 * boundaries (the positions moved) and the next block schedules it again.
 */
import type { Db } from '../db/connection.ts';
import { prepareJumps, type ListQuery } from '../db/queries/dialogs.ts';

/**
 * idleMs: no grid request for this long means the user has stopped scrolling
 * for now. prepareAbove: below this many rows a cold jump already costs about
 * a block (hops of 100 rows). Tests lower them to run on a small cache.
 */
export const idleJumpLimits = { idleMs: 150, prepareAbove: 20_000 };

interface Pending {
  db: Db;
  query: ListQuery;
  now: number;
  total: number;
  timer: NodeJS.Timeout | NodeJS.Immediate;
  idle: boolean;
}

let pending: Pending | null = null;

function cancel(): void {
  if (!pending) return;
  if (pending.idle) clearTimeout(pending.timer as NodeJS.Timeout);
  else clearImmediate(pending.timer as NodeJS.Immediate);
  pending = null;
}

function step(): void {
  const job = pending;
  if (!job) return;
  let done = true;
  try {
    done = prepareJumps(job.db, job.query, job.now, job.total, 1).done;
  } catch {
    // a connection closing or a filter the data no longer fits: the grid's own request will say so
  }
  if (pending !== job) return;
  if (done) pending = null;
  else {
    job.idle = false;
    job.timer = setImmediate(step);
  }
}

/** Called after every grid block a reader answers. */
export function afterGridBlock(db: Db, query: ListQuery, now: number, total: number): void {
  cancel();
  if (total < idleJumpLimits.prepareAbove || query.rank === 'relevance') return;
  const job: Pending = { db, query: { ...query }, now, total, idle: true, timer: setTimeout(step, idleJumpLimits.idleMs) };
  // never keeps a closing worker alive
  (job.timer as NodeJS.Timeout).unref?.();
  pending = job;
}

/** Stops any preparation (the reader closes). */
export function stopIdleJumps(): void {
  cancel();
}
