/**
 * The reader's idle-time jump preparation (electron/app/data/idle-jumps.ts)
 * on a real cache: it runs only once the grid has been quiet, in steps, a new
 * block request moves it to the new (filter, sort), and the boundaries it
 * leaves give a later jump exactly the rows sequential paging gives.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type SortSpec } from '../../../shared/domain/filter.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import { countDialogs, HOP, listDialogs, pagingLimits, prepareJumps, resetPaging, type ListQuery } from '../../../electron/app/db/queries/dialogs.ts';
import { afterGridBlock, idleJumpLimits, stopIdleJumps } from '../../../electron/app/data/idle-jumps.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
let total: number;
const sort: SortSpec = { column: 'client', direction: 'asc' };
const query = (startRow: number, s: SortSpec = sort): ListQuery => ({ filter: EMPTY_FILTER, sort: s, startRow, endRow: startRow + 100 });
/** whether the pass over this order is complete (a step of zero hops only reports) */
const prepared = (s: SortSpec = sort) => prepareJumps(db, query(0, s), FIXED_NOW, total, 0).done;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const defaults = { ...idleJumpLimits };

beforeAll(async () => {
  ({ db } = await filledCache(3, 10));
  total = countDialogs(db, EMPTY_FILTER, FIXED_NOW);
});

afterEach(() => {
  stopIdleJumps();
  Object.assign(idleJumpLimits, defaults);
  pagingLimits.hop = HOP;
  resetPaging(db);
});

describe('idle jump preparation', () => {
  it('waits for the grid to be quiet, then walks the order in steps and leaves boundaries that jump to the right rows', async () => {
    // hops of 10 rows: dozens of steps on this cache, so the pass really runs in turns
    pagingLimits.hop = 10;
    Object.assign(idleJumpLimits, { idleMs: 300, prepareAbove: 0 });
    expect(total).toBeGreaterThan(500);
    const sequential = Array.from({ length: Math.ceil(total / 100) }, (_, b) => listDialogs(db, query(b * 100), FIXED_NOW, total)).flat();
    resetPaging(db);

    listDialogs(db, query(0), FIXED_NOW, total);
    afterGridBlock(db, query(0), FIXED_NOW, total);
    expect(prepared(), 'nothing runs while the grid may still be asking').toBe(false);
    await sleep(5);
    expect(prepared()).toBe(false);
    // a block meanwhile (the user still scrolling) starts the wait again
    listDialogs(db, query(100), FIXED_NOW, total);
    afterGridBlock(db, query(100), FIXED_NOW, total);
    for (const until = Date.now() + 20_000; Date.now() < until && !prepared(); ) {
      // requests served between the steps get their rows, unaffected
      expect(listDialogs(db, query(300), FIXED_NOW, total)).toEqual(sequential.slice(300, 400));
      await sleep(5);
    }
    expect(prepared(), 'the pass completes in the idle time').toBe(true);
    for (const start of [Math.floor(total / 2), total - 150, 250, Math.floor(total / 3) + 7]) {
      expect(listDialogs(db, query(start), FIXED_NOW, total), `jump to ${start}`).toEqual(sequential.slice(start, start + 100));
    }
  });

  it('follows the newest (filter, sort) and leaves small sets alone', async () => {
    pagingLimits.hop = 10;
    Object.assign(idleJumpLimits, { idleMs: 20, prepareAbove: 0 });
    const other: SortSpec = { column: 'createdAt', direction: 'desc' };
    afterGridBlock(db, query(0), FIXED_NOW, total);
    afterGridBlock(db, query(0, other), FIXED_NOW, total);
    for (const until = Date.now() + 20_000; Date.now() < until && !prepared(other); ) await sleep(5);
    expect(prepared(other)).toBe(true);
    expect(prepared(sort), 'the order the grid left is not prepared').toBe(false);

    resetPaging(db);
    Object.assign(idleJumpLimits, { prepareAbove: total + 1 });
    afterGridBlock(db, query(0), FIXED_NOW, total);
    await sleep(200);
    expect(prepared(sort), 'a set below the threshold jumps cheaply without it').toBe(false);
  });
});
