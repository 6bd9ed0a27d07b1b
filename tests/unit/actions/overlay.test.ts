/**
 * A dialog with unsettled actions is shown as the source's values with each
 * action applied in order; a fresh snapshot from the sync replaces the base,
 * never the pending change; once the actions settle the row is the source's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import type { WritableDB } from '../../../electron/app/db/connection.ts';
import { dialogsWithBase, getOutboxRow, rebuildDialogView, settle } from '../../../electron/app/db/queries/outbox.ts';
import { enqueueActions } from '../../../electron/app/actions/enqueue.ts';
import { applyChanges } from '../../../electron/app/sync/apply-changes.ts';
import { recomputeAll } from '../../../electron/app/sync/recompute.ts';
import { adoptIdentity } from '../../../electron/app/db/queries/cache-identity.ts';
import { FIXED_NOW, filledCache, silentLog } from '../../support/temp-cache.ts';

let db: WritableDB;
let backend: Backend;
/** the source the cache holds: the sync re-applies this source's queued actions */
let source: string;
beforeAll(async () => {
  ({ db, backend } = await filledCache(6, 2));
  // a cache filled by a bare SyncEngine has no identity yet: adopt one, as the app's writer does
  adoptIdentity(db, 'demo:overlay-test', silentLog);
  source = 'demo:overlay-test';
});

const row = (id: number) =>
  db.prepare('SELECT status_code, operator_id, operator_name, line_id, pinned, supervisor_rating FROM dialogs WHERE id = ?').get(id) as {
    status_code: number;
    operator_id: number | null;
    operator_name: string | null;
    line_id: number;
    pinned: number;
    supervisor_rating: number | null;
  };

describe('optimistic changes over the source', () => {
  it('applies queued actions in order, keeps them over a fresh snapshot, and restores the source when they settle', async () => {
    const id = db.prepare('SELECT id FROM dialogs WHERE status_code < 60 AND operator_id IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as number;
    const original = row(id);
    const operator = db.prepare('SELECT id FROM operators WHERE is_bot = 0 AND id NOT IN (1, ?) ORDER BY id LIMIT 1').pluck().get(original.operator_id) as number;
    let n = 0;
    const ids = () => `t-${++n}`;
    const first = enqueueActions(db, source, [id], { kind: 'pin', pinned: true }, FIXED_NOW, ids);
    const second = enqueueActions(db, source, [id], { kind: 'transfer', toOperatorId: operator }, FIXED_NOW, ids);
    expect([first.accepted, second.accepted]).toEqual([1, 1]);
    expect(row(id)).toMatchObject({ pinned: 1, operator_id: operator });

    // the sync brings the source's copy again: the pending changes stay on top of it
    applyChanges(db, [await backend.fetchDialog(id)], null, silentLog);
    expect(row(id)).toMatchObject({ pinned: 1, operator_id: operator });

    // the transfer is refused: only the pin is left on the row
    const transferRow = db.prepare("SELECT id FROM outbox WHERE dialog_id = ? AND kind = 'transfer'").pluck().get(id) as number;
    db.transaction(() => {
      settle(db, transferRow, 'failed', 'rejected', FIXED_NOW, { reason: 'conflict', code: 'X', message: 'no' });
      rebuildDialogView(db, source, id);
    })();
    expect(row(id)).toMatchObject({ pinned: 1, operator_id: original.operator_id, operator_name: original.operator_name });
    expect(getOutboxRow(db, transferRow)?.state).toBe('failed');

    // the pin is cancelled: the row is the source's, and no base is kept for it
    const pinRow = db.prepare("SELECT id FROM outbox WHERE dialog_id = ? AND kind = 'pin'").pluck().get(id) as number;
    db.transaction(() => {
      settle(db, pinRow, 'cancelled', 'cancelled', FIXED_NOW, null);
      rebuildDialogView(db, source, id);
    })();
    expect(row(id)).toEqual(original);
    expect(dialogsWithBase(db, source)).not.toContain(id);
  });

  it('a dialog being finished is not queued for anything that needs it open, and a finished one is skipped', () => {
    const [a, b] = db.prepare('SELECT id FROM dialogs WHERE status_code < 60 ORDER BY id DESC LIMIT 2').pluck().all() as number[];
    const finished = db.prepare('SELECT id FROM dialogs WHERE status_code = 60 LIMIT 1').pluck().get() as number;
    let n = 100;
    const ids = () => `t-${++n}`;
    expect(enqueueActions(db, source, [a!], { kind: 'finish' }, FIXED_NOW, ids).accepted).toBe(1);
    const next = enqueueActions(db, source, [a!, b!, finished], { kind: 'spam' }, FIXED_NOW, ids);
    expect(next.accepted).toBe(1);
    expect(next.skipped).toEqual([
      { dialogId: a, reason: 'alreadyQueued' },
      { dialogId: finished, reason: 'notActive' },
    ]);
    // a rating still applies to a finished dialog
    expect(enqueueActions(db, source, [finished], { kind: 'vote', rating: 4, comment: 'ok' }, FIXED_NOW, ids).accepted).toBe(1);
    expect(row(finished).supervisor_rating).toBe(4);
    // a recompute rewrites statuses from the timelines: the queued finish still shows
    recomputeAll(db);
    expect(row(a!).status_code).toBe(60);
    expect(row(finished).supervisor_rating).toBe(4);
  });
});
