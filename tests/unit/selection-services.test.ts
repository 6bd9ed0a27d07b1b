/**
 * Selection on the services side, against real SQLite: `selection:ids` gives
 * exactly the ids `dialogs:list` shows at those positions (so a Shift+click
 * range over rows the grid never loaded ticks the right dialogs), and a
 * filter target's `exceptIds` are left out of the preview and of what is
 * queued (the grid's "all matching, minus the unticked"). Bad bounds are
 * refused with VALIDATION and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/app/services.ts';
import { matchingDialogIds } from '../../electron/app/db/queries/dialog-ids.ts';
import { dialogIdsInRange } from '../../electron/app/db/queries/dialog-range.ts';
import { countDialogs, listDialogs, pagingLimits } from '../../electron/app/db/queries/dialogs.ts';
import type { WritableDB } from '../../electron/app/db/connection.ts';
import { MAX_ACTION_DIALOGS } from '../../shared/domain/actions.ts';
import type { DialogFilter, SortSpec } from '../../shared/domain/filter.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/presets.ts';
import { call, filledCache, FIXED_NOW, tempDir, testServices } from '../support/temp-cache.ts';

const ALL: DialogFilter = { conditions: [] };

describe('ids by position (real cache)', () => {
  let db: WritableDB;
  beforeAll(async () => {
    ({ db } = await filledCache(3, 7));
  });
  afterAll(() => db.close());

  /** every id of the order, block by block, as the grid reads it */
  const listed = (filter: DialogFilter, sort: SortSpec, total: number): number[] => {
    const ids: number[] = [];
    for (let start = 0; start < total; start += 1000) {
      ids.push(...listDialogs(db, { filter, sort, startRow: start, endRow: Math.min(start + 1000, total) }, FIXED_NOW, total).map((r) => r.id));
    }
    return ids;
  };

  it.each([
    ['no filter, newest first', ALL, { column: 'createdAt', direction: 'desc' }],
    ['active, by client', ACTIVE_DIALOGS_FILTER, { column: 'client', direction: 'asc' }],
    ['a status filter (snapshot), by wait', { conditions: [{ column: 'status', op: 'in', values: ['finished'] }] }, { column: 'waitFirstAnswer', direction: 'desc' }],
  ] as Array<[string, DialogFilter, SortSpec]>)('%s: the same ids the grid shows at those positions', (_name, filter, sort) => {
    const total = countDialogs(db, filter, FIXED_NOW);
    expect(total).toBeGreaterThan(10);
    const truth = listed(filter, sort, total);
    const ranges: Array<[number, number]> = [
      [0, total],
      [3, 9],
      [Math.floor(total / 2), Math.min(total, Math.floor(total / 2) + 1500)],
      [total - 5, total + 50],
    ];
    for (const [startRow, endRow] of ranges) {
      expect(dialogIdsInRange(db, { filter, sort, startRow, endRow }, FIXED_NOW, total), `[${startRow}, ${endRow})`).toEqual(truth.slice(startRow, endRow));
    }
  });

  it('walks across hops the same way (paging limits lowered)', () => {
    const saved = { ...pagingLimits };
    pagingLimits.snapshotMax = 10;
    pagingLimits.hop = 7;
    try {
      const filter = ACTIVE_DIALOGS_FILTER;
      const sort: SortSpec = { column: 'lastMessageAt', direction: 'desc' };
      const total = countDialogs(db, filter, FIXED_NOW);
      const truth = listed(filter, sort, total);
      expect(dialogIdsInRange(db, { filter, sort, startRow: 17, endRow: total - 3 }, FIXED_NOW, total)).toEqual(truth.slice(17, total - 3));
    } finally {
      Object.assign(pagingLimits, saved);
    }
  });

  it('a filter minus exceptIds: the rest, with the limit counted after the exclusions', () => {
    const all = matchingDialogIds(db, ACTIVE_DIALOGS_FILTER, FIXED_NOW, MAX_ACTION_DIALOGS).ids;
    expect(all.length).toBeGreaterThan(4);
    const except = [all[0]!, all[2]!, 999_999_999];
    const rest = matchingDialogIds(db, ACTIVE_DIALOGS_FILTER, FIXED_NOW, all.length - 2, except);
    expect(rest).toEqual({ ids: all.filter((id) => id !== all[0] && id !== all[2]), more: false });
    expect(matchingDialogIds(db, ACTIVE_DIALOGS_FILTER, FIXED_NOW, all.length - 3, except).more).toBe(true);
  });
});

describe('through the services (IPC, writer and reader workers)', () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices({ seed: 4, historyDays: 2, dataDir: tempDir('ols-selection-') });
  });
  afterAll(async () => {
    await services.close();
  });

  it('selection:ids matches dialogs:list and answers the count', async () => {
    const sort: SortSpec = { column: 'id', direction: 'desc' };
    const page = await call(services, 'dialogs:list', { filter: ALL, sort, startRow: 0, endRow: 40 });
    const got = await call(services, 'selection:ids', { filter: ALL, sort, startRow: 5, endRow: 25 });
    expect(got).toEqual({ ids: page.rows.slice(5, 25).map((r) => r.id), total: page.total });
  });

  it('a filter target leaves out its exceptIds: in the preview and in what is queued', async () => {
    const sort: SortSpec = { column: 'id', direction: 'asc' };
    const { ids, total } = await call(services, 'selection:ids', { filter: ACTIVE_DIALOGS_FILTER, sort, startRow: 0, endRow: 10_000 });
    expect(total).toBeGreaterThan(3);
    const exceptIds = [ids[0]!, ids[ids.length - 1]!];
    const action = { kind: 'vote' as const, rating: 4, comment: 'all but two' };
    const preview = await call(services, 'actions:preview', { target: { filter: ACTIVE_DIALOGS_FILTER, exceptIds }, action });
    expect(preview.requested).toBe(total - 2);
    expect(preview.skipped.map((s) => s.dialogId)).not.toContain(exceptIds[0]);

    const result = await call(services, 'actions:enqueue', { target: { filter: ACTIVE_DIALOGS_FILTER, exceptIds }, action });
    const batch = await call(services, 'outbox:list', { batchId: result.batchId, limit: 10_000 });
    const queued = batch.entries.map((e) => e.dialogId).sort((a, b) => a - b);
    const skipped = result.skipped.map((s) => s.dialogId);
    expect([...queued, ...skipped].sort((a, b) => a - b)).toEqual(ids.slice(1, -1));
    expect(batch.batch?.requested).toBe(total - 2);
  });

  it('refuses bad bounds and wrong types with VALIDATION, and queues nothing', async () => {
    // the earlier test's actions may still be draining: the number of entries, whatever their state, must not move
    const entries = async () => Object.values((await call(services, 'outbox:list', { limit: 1 })).counts).reduce((a, b) => a + b, 0);
    const before = await entries();
    const sort: SortSpec = { column: 'id', direction: 'asc' };
    const badRanges: unknown[] = [
      { filter: ALL, sort, startRow: 10, endRow: 10 },
      { filter: ALL, sort, startRow: 0, endRow: MAX_ACTION_DIALOGS + 1 },
      { filter: ALL, sort, startRow: -1, endRow: 5 },
      { filter: ALL, sort, startRow: '0', endRow: 5 },
      { filter: ALL, sort: { column: 'nope', direction: 'asc' }, startRow: 0, endRow: 5 },
      { filter: ALL, sort, startRow: 0, endRow: 5, extra: true },
    ];
    for (const request of badRanges) {
      const result = await services.invoke('selection:ids', request as never);
      expect(result.ok, JSON.stringify(request)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    const badTargets: unknown[] = [
      { filter: ALL, exceptIds: Array.from({ length: MAX_ACTION_DIALOGS + 1 }, (_, i) => i + 1) },
      { filter: ALL, exceptIds: ['1) OR 1=1 --'] },
      { filter: ALL, exceptIds: [0] },
      { dialogIds: [1], exceptIds: [1] },
    ];
    for (const target of badTargets) {
      const result = await services.invoke('actions:enqueue', { target, action: { kind: 'finish' } } as never);
      expect(result.ok, JSON.stringify(target).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    expect(await entries()).toBe(before);
  });
});
