import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend, DialogSnapshot, ReferenceData } from '../../../electron/app/backends/backend.ts';
import type { StatusDetailId } from '../../../shared/domain/status.ts';
import { Replica, act, demo, expectBackendError, pullAll, type TestClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

const HOUR = 3_600_000;

describe('demo actions', () => {
  let backend: Backend;
  let clock: TestClock;
  let replica: Replica;
  let cursor: string;
  let reference: ReferenceData;

  beforeEach(async () => {
    ({ backend, clock } = demo({ seed: 3, historyDays: 1 }));
    replica = new Replica();
    cursor = (await pullAll(backend, null, 10_000, replica)).cursor;
    reference = await backend.fetchReference();
  });

  const statusOf = (id: number): StatusDetailId => checkTimeline(replica.entries(id)).status;
  const inStatus = (...statuses: StatusDetailId[]): DialogSnapshot[] =>
    [...replica.dialogs.values()].filter((d) => statuses.includes(statusOf(d.id)));
  const first = (...statuses: StatusDetailId[]): DialogSnapshot => {
    const dialog = inStatus(...statuses)[0];
    if (!dialog) throw new Error(`no dialog in ${statuses.join('/')}`);
    return dialog;
  };
  /** Pulls what changed since the last pull; returns the dialog ids it named. */
  const sync = async (): Promise<number[]> => {
    const pulled = await pullAll(backend, cursor, 10_000, replica);
    cursor = pulled.cursor;
    return pulled.batches.flatMap((b) => b.changes.map((c) => c.dialog.id));
  };
  const supervisor = () => reference.operators.find((o) => o.id === 1);
  const humanOtherThan = (...ids: (number | null)[]) => {
    const operator = reference.operators.find((o) => !o.isBot && o.id !== 1 && !ids.includes(o.id));
    if (!operator) throw new Error('no operator');
    return operator.id;
  };

  it('finish closes the dialog as the supervisor and cancels its script', async () => {
    const dialog = first('clientWaitingAgain', 'answered', 'clientWaiting');
    clock.advance(1000);
    await act(backend, { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId });
    expect(await sync()).toContain(dialog.id);
    const tail = replica.entries(dialog.id).slice(-2);
    expect(tail.map((e) => e.kind)).toEqual(['closedByOperator', 'closed']);
    expect(tail[0]?.operatorId).toBe(supervisor()?.id);
    expect(tail.every((e) => e.at === clock.now())).toBe(true);
    expect(statusOf(dialog.id)).toBe('finished');
    const length = replica.entries(dialog.id).length;
    clock.advance(12 * HOUR);
    await sync();
    expect(replica.entries(dialog.id).length).toBe(length);
    await expectBackendError(act(backend, { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId }), 'SESSION_CLOSED');
  });

  it('spam force-finishes the dialog', async () => {
    const dialog = first('new', 'queued');
    await act(backend, { kind: 'spam', dialogId: dialog.id, chatId: dialog.chatId });
    expect(await sync()).toContain(dialog.id);
    expect(replica.entries(dialog.id).at(-1)).toMatchObject({ kind: 'spam', operatorId: 1 });
    expect(statusOf(dialog.id)).toBe('spam');
    clock.advance(12 * HOUR);
    await sync();
    expect(replica.entries(dialog.id).at(-1)?.kind).toBe('spam');
    expect(checkTimeline(replica.entries(dialog.id)).violations).toEqual([]);
  });

  it('transfer to an operator re-queues it to them; they take it and carry on', async () => {
    const dialog = first('answered', 'clientWaitingAgain', 'inWork');
    const target = humanOtherThan(dialog.operatorId);
    await act(backend, { kind: 'transfer', dialogId: dialog.id, chatId: dialog.chatId, toOperatorId: target });
    await sync();
    expect(replica.entries(dialog.id).at(-1)).toMatchObject({ kind: 'transferred', toOperatorId: target });
    expect(replica.dialogs.get(dialog.id)?.operatorId).toBe(target);
    expect(statusOf(dialog.id)).toBe('queued');
    clock.advance(24 * HOUR);
    await sync();
    const after = replica.entries(dialog.id);
    const transferAt = after.findIndex((e) => e.kind === 'transferred' && e.toOperatorId === target);
    expect(after.slice(transferAt).find((e) => e.kind === 'taken')?.operatorId).toBe(target);
    expect(checkTimeline(after).violations).toEqual([]);
    expect(statusOf(dialog.id)).toBe('finished');
  });

  it('transfer to a line moves the dialog to that line', async () => {
    const dialog = first('clientWaitingAgain', 'answered', 'queued');
    const line = reference.lines.find((l) => l.id !== dialog.lineId);
    if (!line) throw new Error('one line only');
    await act(backend, { kind: 'transfer', dialogId: dialog.id, chatId: dialog.chatId, toLineId: line.id });
    await sync();
    expect(replica.entries(dialog.id).at(-1)).toMatchObject({ kind: 'transferred', toLineId: line.id });
    expect(replica.dialogs.get(dialog.id)).toMatchObject({ lineId: line.id, operatorId: null });
    clock.advance(24 * HOUR);
    await sync();
    expect(replica.dialogs.get(dialog.id)?.lineId).toBe(line.id);
    expect(checkTimeline(replica.entries(dialog.id)).violations).toEqual([]);
  });

  it('transfer of a dialog in closing mode ends in a clean close', async () => {
    const dialog = first('closing');
    await act(backend, { kind: 'transfer', dialogId: dialog.id, chatId: dialog.chatId, toOperatorId: humanOtherThan(dialog.operatorId) });
    clock.advance(24 * HOUR);
    await sync();
    expect(checkTimeline(replica.entries(dialog.id)).violations).toEqual([]);
    expect(statusOf(dialog.id)).toBe('finished');
  });

  it('transfer refuses itself, bots, unknown targets and a missing target', async () => {
    const dialog = first('answered', 'clientWaitingAgain');
    const ids = { dialogId: dialog.id, chatId: dialog.chatId };
    const bot = reference.operators.find((o) => o.isBot);
    expect(dialog.operatorId).not.toBeNull();
    for (const toOperatorId of [dialog.operatorId ?? -1, bot?.id ?? -1, 999_999, 1]) {
      await expectBackendError(act(backend, { kind: 'transfer', ...ids, toOperatorId }), 'OPERATOR_WRONG');
    }
    await expectBackendError(act(backend, { kind: 'transfer', ...ids, toLineId: 999 }), 'OPERATOR_WRONG');
    await expectBackendError(act(backend, { kind: 'transfer', ...ids }), 'TRANSFER_ID_EMPTY');
    await expectBackendError(act(backend, { kind: 'transfer', ...ids, toLineId: dialog.lineId, toOperatorId: humanOtherThan(dialog.operatorId) }), 'TRANSFER_ID_EMPTY');
  });

  it('vote sets the supervisor rating and comment, also on a finished dialog', async () => {
    const open = first('answered');
    const finished = first('finished');
    await act(backend, { kind: 'vote', dialogId: open.id, chatId: open.chatId, rating: 4, comment: 'Хорошо' });
    await act(backend, { kind: 'vote', dialogId: finished.id, chatId: finished.chatId, rating: 1, comment: '' });
    expect(await sync()).toEqual(expect.arrayContaining([open.id, finished.id]));
    expect(replica.dialogs.get(open.id)).toMatchObject({ supervisorRating: 4, supervisorComment: 'Хорошо' });
    expect(replica.dialogs.get(finished.id)).toMatchObject({ supervisorRating: 1, supervisorComment: '' });
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      await expectBackendError(act(backend, { kind: 'vote', dialogId: open.id, chatId: open.chatId, rating, comment: 'x' }), 'WRONG_RATING');
    }
    // the supervisor's word is final: no scripted review overwrites it later
    clock.advance(24 * HOUR);
    await sync();
    expect(replica.dialogs.get(open.id)).toMatchObject({ supervisorRating: 4, supervisorComment: 'Хорошо' });
  });

  it('pin sets and clears the pinned flag', async () => {
    const dialog = first('inWork', 'clientWaiting', 'answered');
    await act(backend, { kind: 'pin', dialogId: dialog.id, chatId: dialog.chatId, pinned: true });
    expect(await sync()).toEqual([dialog.id]);
    expect(replica.dialogs.get(dialog.id)?.pinned).toBe(true);
    await act(backend, { kind: 'pin', dialogId: dialog.id, chatId: dialog.chatId, pinned: false });
    expect(await sync()).toEqual([dialog.id]);
    expect(replica.dialogs.get(dialog.id)?.pinned).toBe(false);
  });

  it('refuses to act on a finished dialog, an unknown dialog or a wrong chat', async () => {
    for (const done of [first('finished'), first('spam')]) {
      const ids = { dialogId: done.id, chatId: done.chatId };
      await expectBackendError(act(backend, { kind: 'finish', ...ids }), 'SESSION_CLOSED');
      await expectBackendError(act(backend, { kind: 'spam', ...ids }), 'SESSION_CLOSED');
      await expectBackendError(act(backend, { kind: 'transfer', ...ids, toOperatorId: humanOtherThan(done.operatorId) }), 'SESSION_CLOSED');
      await expectBackendError(act(backend, { kind: 'pin', ...ids, pinned: true }), 'SESSION_CLOSED');
    }
    await expectBackendError(act(backend, { kind: 'finish', dialogId: 5, chatId: 5 }), 'NOT_FOUND');
    const open = first('answered');
    await expectBackendError(act(backend, { kind: 'finish', dialogId: open.id, chatId: open.chatId + 1 }), 'CHAT_ID');
  });

  it('close resolves and later calls reject', async () => {
    await backend.close();
    await expect(backend.pullChanges(cursor, 10)).rejects.toMatchObject({ code: 'CLOSED' });
    await backend.close();
  });
});
