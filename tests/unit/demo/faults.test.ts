/**
 * The demo backend as a failing portal: paused (unreachable), refusing,
 * throttling, and doing an action but losing the answer — what the outbox's
 * exactly-once is tested against. And the typed outcomes of perform.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DialogSnapshot } from '../../../electron/app/backends/backend.ts';
import { createDemoBackend, type DemoBackend } from '../../../electron/app/backends/demo/index.ts';
import { Replica, pullAll, testClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

describe('demo faults and outcomes', () => {
  let backend: DemoBackend;
  let replica: Replica;
  let dir: string;
  const open = (): DialogSnapshot => {
    const dialog = [...replica.dialogs.values()].find((d) => ['answered', 'clientWaiting', 'inWork'].includes(checkTimeline(replica.entries(d.id)).status));
    if (!dialog) throw new Error('no open dialog');
    return dialog;
  };
  const loggedIds = (): string[] =>
    fs
      .readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.actions.jsonl'))!), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { actionId?: string }).actionId ?? '');

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-demo-faults-'));
    const clock = testClock();
    backend = createDemoBackend({ seed: 2, historyDays: 1, now: clock.now, worldDir: dir, log: { info() {}, warn() {} } });
    replica = new Replica();
    await pullAll(backend, null, 10_000, replica);
  });

  it('answers applied, already in that state, and a refusal as typed outcomes, logging the action id of what it did', async () => {
    const dialog = open();
    const ids = { dialogId: dialog.id, chatId: dialog.chatId };
    expect(await backend.perform({ actionId: 'a-1', action: { kind: 'pin', ...ids, pinned: !dialog.pinned } })).toEqual({ kind: 'applied' });
    expect(await backend.perform({ actionId: 'a-2', action: { kind: 'pin', ...ids, pinned: !dialog.pinned } })).toEqual({ kind: 'alreadyInState' });
    expect(await backend.perform({ actionId: 'a-3', action: { kind: 'finish', ...ids } })).toEqual({ kind: 'applied' });
    expect(await backend.perform({ actionId: 'a-4', action: { kind: 'finish', ...ids } })).toMatchObject({ kind: 'rejected', reason: 'conflict', code: 'SESSION_CLOSED' });
    expect(await backend.perform({ actionId: 'a-5', action: { kind: 'finish', dialogId: 99_999_999, chatId: 1 } })).toMatchObject({ kind: 'rejected', reason: 'notFound' });
    expect(loggedIds()).toEqual(['a-1', 'a-3']);
    const fresh = await backend.fetchDialog(dialog.id);
    expect(fresh.replaceTimeline).toBe(true);
    expect(fresh.entries.at(-1)?.kind).toBe('closed');
  });

  it('paused, every call is unavailable and nothing is done; resumed, it answers again', async () => {
    const dialog = open();
    backend.control.setPaused(true);
    await expect(backend.pullChanges(null, 10)).rejects.toMatchObject({ code: 'PAUSED', kind: 'unavailable', retryable: true });
    await expect(backend.fetchDialog(dialog.id)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await backend.perform({ actionId: 'p-1', action: { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId } })).toMatchObject({
      kind: 'retry',
      reason: 'unavailable',
    });
    backend.control.setPaused(false);
    expect(loggedIds()).toEqual([]);
    expect(await backend.perform({ actionId: 'p-2', action: { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId } })).toEqual({ kind: 'applied' });
  });

  it('injected failures: unavailable and throttled do nothing; a lost answer did the action', async () => {
    const dialog = open();
    const finish = { kind: 'finish' as const, dialogId: dialog.id, chatId: dialog.chatId };
    backend.control.failNextActions('unavailable', 1);
    backend.control.failNextActions('rateLimited', 2);
    expect(await backend.perform({ actionId: 'f-1', action: finish })).toMatchObject({ kind: 'retry', reason: 'rateLimited', afterMs: 500 });
    expect(await backend.perform({ actionId: 'f-2', action: finish })).toMatchObject({ kind: 'retry', reason: 'rateLimited' });
    expect(backend.control.state().failing).toBeNull();
    expect(loggedIds()).toEqual([]);
    backend.control.failNextActions('lostAnswer', 1);
    expect(await backend.perform({ actionId: 'f-3', action: finish })).toMatchObject({ kind: 'retry', reason: 'unavailable' });
    expect(loggedIds()).toEqual(['f-3']);
    expect((await backend.fetchDialog(dialog.id)).entries.at(-1)?.kind).toBe('closed');
    backend.control.failNextActions('conflict', 1);
    const other = open();
    expect(await backend.perform({ actionId: 'f-4', action: { kind: 'spam', dialogId: other.id, chatId: other.chatId } })).toMatchObject({ kind: 'rejected', reason: 'conflict' });
    expect(() => backend.control.failNextActions('unavailable', -1)).toThrow(RangeError);
  });
});
