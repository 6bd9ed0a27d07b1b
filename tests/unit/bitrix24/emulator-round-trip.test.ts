/**
 * The round trip: demo world → emulator (electron/emulator/, an independent
 * implementation of wire.ts) → HTTP → this connector → domain, compared with
 * the emulator's own projection of its world (truth()).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, DialogChange } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import { startEmulator, type Emulator } from '../../../electron/emulator/index.ts';
import { silentLog } from './loopback-portal.ts';

async function fullSync(backend: Backend): Promise<{ synced: Map<number, DialogChange>; cursor: string }> {
  const synced = new Map<number, DialogChange>();
  let cursor: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const batch: Awaited<ReturnType<Backend['pullChanges']>> = await backend.pullChanges(cursor, 50);
    for (const change of batch.changes) synced.set(change.dialog.id, change);
    cursor = batch.cursor;
    if (!batch.hasMore && JSON.parse(cursor).phase === 'incremental') break;
  }
  return { synced, cursor: cursor! };
}

describe('round trip through the emulator', () => {
  let emulator: Emulator;
  let backend: Backend;
  /** where the first test's full sync stopped: the second goes on from there instead of syncing again */
  let caughtUp: string | null = null;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, plan: 'enterprise', historyDays: 3, dialogs: 300 });
    // enterprise: the same bucket logic as standard (see leaky-bucket.test.ts), 2.5 times faster to sync
    backend = createBitrix24Backend({ webhookUrl: emulator.webhookUrl, plan: 'enterprise', log: silentLog });
  });
  afterAll(async () => {
    await backend?.close();
    await emulator?.close();
  });

  it('a full sync equals the truth, dialog for dialog (snapshot and timeline), with no bucket refusals', async () => {
    const { synced, cursor } = await fullSync(backend);
    caughtUp = cursor;
    const truth = emulator.truth();
    // a world worth comparing: open and closed dialogs, votes, hidden notes
    expect(truth.length).toBeGreaterThan(200);
    expect(truth.some((t) => !t.entries.some((e) => e.kind === 'closed' || e.kind === 'spam'))).toBe(true);
    expect(truth.some((t) => t.entries.some((e) => e.kind === 'vote'))).toBe(true);
    expect(truth.some((t) => t.entries.some((e) => e.hidden))).toBe(true);
    expect([...synced.keys()].sort((a, b) => a - b)).toEqual(truth.map((t) => t.dialog.id).sort((a, b) => a - b));
    for (const t of truth) {
      const got = synced.get(t.dialog.id)!;
      expect({ id: t.dialog.id, dialog: got.dialog, entries: got.entries }).toEqual({ id: t.dialog.id, dialog: t.dialog, entries: t.entries });
    }
    expect(emulator.stats().refused).toBe(0);
  }, 120_000);

  it('actions reach the emulator as the right methods and parameters, and come back through the next pull', async () => {
    const cursor = caughtUp ?? (await fullSync(backend)).cursor;
    const open = emulator.truth().filter((t) => !t.entries.some((e) => e.kind === 'closed' || e.kind === 'spam') && t.dialog.operatorId !== null);
    expect(open.length).toBeGreaterThan(3);
    const [a, b, c, d] = open.map((t) => t.dialog);
    const before = emulator.log().length;
    expect(await backend.perform({ actionId: 'x1', action: { kind: 'pin', dialogId: a!.id, chatId: a!.chatId, pinned: !a!.pinned } })).toEqual({ kind: 'applied' });
    expect(await backend.perform({ actionId: 'x2', action: { kind: 'vote', dialogId: b!.id, chatId: b!.chatId, rating: 4, comment: 'calm and clear' } })).toEqual({ kind: 'applied' });
    expect(await backend.perform({ actionId: 'x3', action: { kind: 'transfer', dialogId: c!.id, chatId: c!.chatId, toLineId: c!.lineId === 1 ? 2 : 1 } })).toMatchObject({ kind: expect.stringMatching(/applied|rejected/) });
    expect(await backend.perform({ actionId: 'x4', action: { kind: 'finish', dialogId: d!.id, chatId: d!.chatId } })).toEqual({ kind: 'applied' });
    const sent = emulator.log().slice(before).filter((e) => !['crm.activity.list', 'imopenlines.session.history.get', 'imopenlines.dialog.get', 'im.recent.get', 'batch'].includes(e.method));
    expect(sent.map((e) => [e.method, e.params])).toEqual([
      ['imopenlines.session.mode.pin', { CHAT_ID: a!.chatId, ACTIVATE: a!.pinned ? 'N' : 'Y' }],
      ['imopenlines.session.head.vote', { SESSION_ID: b!.id, RATING: 4, COMMENT: 'calm and clear' }],
      ['imopenlines.operator.transfer', { CHAT_ID: c!.chatId, TRANSFER_ID: `queue${c!.lineId === 1 ? 2 : 1}` }],
      ['imopenlines.operator.another.finish', { CHAT_ID: d!.chatId }],
    ]);
    // finishing it again: the portal refuses, the fresh copy shows it closed
    const again = await backend.perform({ actionId: 'x5', action: { kind: 'finish', dialogId: d!.id, chatId: d!.chatId } });
    expect(again.kind === 'alreadyInState' || again.kind === 'applied').toBe(true);

    const after = new Map<number, DialogChange>();
    let next: string = cursor;
    for (let i = 0; i < 50; i++) {
      const batch = await backend.pullChanges(next, 50);
      for (const change of batch.changes) after.set(change.dialog.id, change);
      next = batch.cursor;
      if (!batch.hasMore) break;
    }
    const truth = new Map(emulator.truth().map((t) => [t.dialog.id, t]));
    for (const id of [a!.id, b!.id, d!.id]) {
      expect(after.has(id)).toBe(true);
      expect(after.get(id)!.dialog).toEqual(truth.get(id)!.dialog);
      expect(after.get(id)!.entries).toEqual(truth.get(id)!.entries);
    }
    expect(after.get(a!.id)!.dialog.pinned).toBe(!a!.pinned);
    expect(after.get(b!.id)!.dialog).toMatchObject({ supervisorRating: 4, supervisorComment: 'calm and clear' });
    expect(after.get(d!.id)!.entries.at(-1)!.kind).toBe('closed');
    expect(emulator.stats().refused).toBe(0);
  }, 120_000);
});
