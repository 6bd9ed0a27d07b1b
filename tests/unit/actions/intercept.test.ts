/**
 * Intercept (take a dialog over from its operator), end to end:
 * - the demo world: the supervisor becomes the dialog's operator, the
 *   history says so, the refusals a portal gives, and the world file
 *   replays it after a restart;
 * - the outbox through the real services: the row shows the supervisor at
 *   once, the action reaches the demo once, and the preview skips dialogs
 *   with nobody to take over from or that are finished;
 * - the emulator and the Bitrix24 connector: imopenlines.session.intercept
 *   with CHAT_ID hands the chat to the webhook's user, and a `true` that
 *   changed nothing is not taken for success.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import { callOf } from '../../../electron/app/backends/bitrix24/actions.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import { startEmulator, type Emulator, type TruthDialog } from '../../../electron/emulator/index.ts';
import type { Services } from '../../../electron/app/services.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';
import { call, silentLog, tempDir, testServices } from '../../support/temp-cache.ts';
import { createDemoBackend } from '../../../electron/app/backends/demo/index.ts';
import { readWorld, worldFiles } from '../../../electron/app/backends/demo/world-file.ts';
import { Replica, act, demo, expectBackendError, pullAll, testClock } from '../demo/helpers.ts';
import { call as rest } from '../emulator/helpers.ts';

const SUPERVISOR = 1;

describe('intercept on the demo world', () => {
  it('makes the supervisor the operator, says so in the history, and refuses what a portal refuses', async () => {
    const { backend, clock } = demo({ seed: 3, historyDays: 1 });
    const replica = new Replica();
    let cursor = (await pullAll(backend, null, 10_000, replica)).cursor;
    const open = [...replica.dialogs.values()].filter((d) => !replica.entries(d.id).some((e) => e.kind === 'closed' || e.kind === 'spam'));
    const held = open.find((d) => d.operatorId !== null && d.operatorId !== SUPERVISOR && !replica.entries(d.id).some((e) => e.kind === 'closing'))!;
    expect(held, 'an open dialog some operator holds').toBeDefined();
    const ids = { dialogId: held.id, chatId: held.chatId };

    clock.advance(1000);
    expect(await act(backend, { kind: 'intercept', ...ids, operatorId: SUPERVISOR })).toEqual({ kind: 'applied' });
    cursor = (await pullAll(backend, cursor, 10_000, replica)).cursor;
    expect(replica.dialogs.get(held.id)?.operatorId).toBe(SUPERVISOR);
    const tail = replica.entries(held.id).filter((e) => e.at === clock.now());
    expect(tail.map((e) => e.kind)).toEqual(['message', 'taken']);
    expect(tail[0]).toMatchObject({ author: 'system' });
    expect(tail[1]).toMatchObject({ operatorId: SUPERVISOR });

    // the same again: already so, a portal answers true and nothing is logged
    expect(await act(backend, { kind: 'intercept', ...ids, operatorId: SUPERVISOR })).toEqual({ kind: 'alreadyInState' });
    // hours later the supervisor still holds it: the old operator's script is gone
    clock.advance(30 * 60_000);
    await pullAll(backend, cursor, 10_000, replica);
    const later = replica.entries(held.id).filter((e) => e.at > tail[1]!.at && e.operatorId !== undefined);
    expect(later.every((e) => e.operatorId === SUPERVISOR)).toBe(true);

    await expectBackendError(act(backend, { kind: 'intercept', ...ids, operatorId: 12345 }), 'OPERATOR_WRONG');
    const unheld = open.find((d) => d.operatorId === null);
    if (unheld) await expectBackendError(act(backend, { kind: 'intercept', dialogId: unheld.id, chatId: unheld.chatId, operatorId: SUPERVISOR }), 'NO_OPERATOR');
    const closed = [...replica.dialogs.values()].find((d) => replica.entries(d.id).some((e) => e.kind === 'closed'))!;
    await expectBackendError(act(backend, { kind: 'intercept', dialogId: closed.id, chatId: closed.chatId, operatorId: SUPERVISOR }), 'SESSION_CLOSED');
    await backend.close();
  });
});

describe('intercept in the demo world file', () => {
  it('is logged once and replayed on restart: the reopened world still has the supervisor on the dialog', async () => {
    const dir = tempDir('ols-intercept-world-');
    const clock = testClock();
    const first = createDemoBackend({ seed: 4, historyDays: 1, worldDir: dir, now: clock.now, log: silentLog });
    const replica = new Replica();
    await pullAll(first, null, 100_000, replica);
    const held = [...replica.dialogs.values()].find(
      (d) => d.operatorId !== null && d.operatorId !== SUPERVISOR && !replica.entries(d.id).some((e) => e.kind === 'closed' || e.kind === 'spam' || e.kind === 'closing'),
    )!;
    expect(held).toBeDefined();
    clock.advance(1000);
    await act(first, { kind: 'intercept', dialogId: held.id, chatId: held.chatId, operatorId: SUPERVISOR });
    const before = await first.fetchDialog(held.id);
    await first.close();

    const again = createDemoBackend({ seed: 4, historyDays: 1, worldDir: dir, now: clock.now, log: silentLog });
    const after = await again.fetchDialog(held.id);
    expect(after.dialog.operatorId).toBe(SUPERVISOR);
    expect(after.entries).toEqual(before.entries);
    expect(readWorld(worldFiles(dir, 4), 4).actions.filter((a) => a.action.kind === 'intercept')).toHaveLength(1);
    await again.close();
  });
});

describe('intercept through the outbox', () => {
  let services: Services;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('ols-intercept-');
    services = await testServices({ seed: 5, historyDays: 2, dataDir: dir });
  });
  afterAll(() => services.close());

  const logged = (): Array<{ action: { kind: string; dialogId: number; operatorId?: number } }> => {
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.actions.jsonl'));
    return file ? fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  };

  it('shows the supervisor on the row at once, reaches the demo once, and skips what has no operator or is finished', async () => {
    const { rows } = await call(services, 'dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 500 });
    const held = rows.find((r) => r.operatorId !== null && r.operatorId !== SUPERVISOR && r.statusDetail !== 'closing')!;
    expect(held, 'an active dialog some operator holds').toBeDefined();
    const { rows: finished } = await call(services, 'dialogs:list', {
      filter: { conditions: [{ column: 'statusDetail', op: 'in', values: ['finished'] }] },
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: 1,
    });
    const unheld = rows.find((r) => r.operatorId === null);
    const ids = [held.id, finished[0]!.id, ...(unheld ? [unheld.id] : [])];

    const preview = await call(services, 'actions:preview', { target: { dialogIds: ids }, action: { kind: 'intercept' } });
    expect(preview.accepted).toBe(1);
    expect(preview.skipped).toEqual(
      expect.arrayContaining([{ dialogId: finished[0]!.id, reason: 'notActive' }, ...(unheld ? [{ dialogId: unheld.id, reason: 'noOperator' }] : [])]),
    );

    const result = await call(services, 'actions:enqueue', { target: { dialogIds: ids }, action: { kind: 'intercept' } });
    expect(result.accepted).toBe(1);
    const shown = await call(services, 'dialogs:get', { id: held.id });
    expect(shown.operatorId).toBe(SUPERVISOR);

    for (let i = 0; i < 400; i++) {
      const snapshot = await call(services, 'outbox:list', { batchId: result.batchId });
      if (snapshot.entries.every((e) => e.state === 'done' || e.state === 'failed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [entry] = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
    expect(entry).toMatchObject({ state: 'done', outcome: 'applied', action: { kind: 'intercept', operatorId: SUPERVISOR } });
    expect(logged().filter((l) => l.action.kind === 'intercept')).toEqual([expect.objectContaining({ action: expect.objectContaining({ dialogId: held.id, operatorId: SUPERVISOR }) })]);
    expect((await call(services, 'dialogs:get', { id: held.id })).operatorId).toBe(SUPERVISOR);

    // now it is the supervisor's: a second intercept is skipped as already there
    const again = await call(services, 'actions:preview', { target: { dialogIds: [held.id] }, action: { kind: 'intercept' } });
    expect(again.skipped).toEqual([{ dialogId: held.id, reason: 'sameTarget' }]);
  });

  it('refuses a malformed intercept at the boundary', async () => {
    const answer = await services.invoke('actions:enqueue', { target: { dialogIds: [1] }, action: { kind: 'intercept', operatorId: 7 } } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('intercept on a portal (emulator + connector)', () => {
  let emu: Emulator;
  let backend: Backend;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 3, plan: 'enterprise', historyDays: 1, dialogsPerDay: 120 });
    backend = createBitrix24Backend({ webhookUrl: emu.webhookUrl, plan: 'enterprise', log: silentLog });
  });
  afterAll(async () => {
    await backend.close();
    await emu.close();
  });
  const truthOf = (id: number) => emu.truth().find((t) => t.dialog.id === id) as TruthDialog;
  const open = () => emu.truth().filter((t) => t.dialog.reportedStatusCode !== null && t.dialog.reportedStatusCode < 50);

  it('is session.intercept with CHAT_ID only', () => {
    expect(callOf({ kind: 'intercept', dialogId: 4, chatId: 9, operatorId: 1 })).toEqual({ method: 'imopenlines.session.intercept', params: { CHAT_ID: 9 } });
  });

  it('hands the chat to the webhook user; an unowned chat answers true and changes nothing', async () => {
    const held = open().find((t) => t.dialog.operatorId !== null && t.dialog.operatorId !== SUPERVISOR)!;
    expect(held).toBeDefined();
    const before = truthOf(held.dialog.id).entries.length;
    expect(await rest(emu.webhookUrl, 'imopenlines.session.intercept', { CHAT_ID: held.dialog.chatId })).toMatchObject({ status: 200, body: { result: true } });
    expect(truthOf(held.dialog.id).dialog.operatorId).toBe(SUPERVISOR);
    // the portal posts "X intercepted from Y" in the chat (spec §5.4)
    expect(truthOf(held.dialog.id).entries.length).toBeGreaterThan(before);
    expect(truthOf(held.dialog.id).entries.at(-1)).toMatchObject({ kind: 'message', author: 'system' });
    const length = truthOf(held.dialog.id).entries.length;
    expect(await rest(emu.webhookUrl, 'imopenlines.session.intercept', { CHAT_ID: held.dialog.chatId })).toMatchObject({ status: 200, body: { result: true } });
    expect(truthOf(held.dialog.id).entries.length).toBe(length);
    expect(await rest(emu.webhookUrl, 'imopenlines.session.intercept', {})).toMatchObject({ status: 400, body: { error: 'CHAT_ID_EMPTY' } });
  });

  it('the connector reports applied when the chat is now its user’s, and a conflict when the portal’s true changed nothing', async () => {
    const held = open().find((t) => t.dialog.operatorId !== null && t.dialog.operatorId !== SUPERVISOR)!;
    const ids = { dialogId: held.dialog.id, chatId: held.dialog.chatId };
    expect(await backend.perform({ actionId: 'i1', action: { kind: 'intercept', ...ids, operatorId: SUPERVISOR } })).toEqual({ kind: 'applied' });
    expect(truthOf(held.dialog.id).dialog.operatorId).toBe(SUPERVISOR);
    const unheld = open().find((t) => t.dialog.operatorId === null);
    if (unheld) {
      const outcome = await backend.perform({ actionId: 'i2', action: { kind: 'intercept', dialogId: unheld.dialog.id, chatId: unheld.dialog.chatId, operatorId: SUPERVISOR } });
      expect(outcome).toMatchObject({ kind: 'rejected', reason: 'conflict', code: 'INTERCEPT_NO_EFFECT' });
    }
  });
});
