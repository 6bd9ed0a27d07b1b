/**
 * The outbox through the real services (writer worker, demo backend with a
 * world folder): actions are queued with their optimistic change, sent once,
 * survive an unreachable backend, are checked before a retry when the answer
 * was lost, fail visibly on a refusal, can be cancelled while waiting; and a
 * hostile request changes nothing. The demo's own action log is the judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';
import type { OutboxSnapshot } from '../../../shared/ipc/contract-actions.ts';
import { call, tempDir, testServices } from '../../support/temp-cache.ts';

let services: Services;
let dir: string;

beforeAll(async () => {
  dir = tempDir('ols-outbox-');
  services = await testServices({ seed: 5, historyDays: 2, dataDir: dir });
});
afterAll(async () => {
  await services.close();
});

/** The world's action log: one action id per action the demo performed. */
function loggedActionIds(): string[] {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.actions.jsonl'));
  if (!file) return [];
  return fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { actionId?: string }).actionId ?? '(none)');
}

async function until(check: (s: OutboxSnapshot) => boolean, what: string): Promise<OutboxSnapshot> {
  for (let i = 0; i < 400; i++) {
    const snapshot = await call(services, 'outbox:list', { limit: 1000 });
    if (check(snapshot)) return snapshot;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the outbox never reached: ${what}; ${JSON.stringify((await call(services, 'outbox:list', { limit: 5 })).counts)}`);
}
const settled = (s: OutboxSnapshot) => s.counts.pending + s.counts.sending === 0;

async function activeDialogs(count: number, skip: ReadonlySet<number> = new Set()): Promise<DialogListItem[]> {
  const { rows } = await call(services, 'dialogs:list', {
    filter: ACTIVE_DIALOGS_FILTER,
    sort: { column: 'id', direction: 'asc' },
    startRow: 0,
    endRow: 500,
  });
  const picked = rows.filter((r) => !skip.has(r.id)).slice(0, count);
  expect(picked.length, 'enough active dialogs in the demo').toBe(count);
  return picked;
}
const used = new Set<number>();
async function take(count: number): Promise<DialogListItem[]> {
  const picked = await activeDialogs(count, used);
  for (const d of picked) used.add(d.id);
  return picked;
}

describe('the outbox', () => {
  it('queues an action with its optimistic change, sends it once per dialog, and skips what it cannot apply to', async () => {
    const targets = await take(3);
    const { rows: finished } = await call(services, 'dialogs:list', {
      filter: { conditions: [{ column: 'statusDetail', op: 'in', values: ['finished'] }] },
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: 1,
    });
    const ids = [...targets.map((d) => d.id), finished[0]!.id, 987_654_321];
    const preview = await call(services, 'actions:preview', { target: { dialogIds: ids }, action: { kind: 'finish' } });
    expect(preview).toMatchObject({ requested: 5, accepted: 3 });
    expect(preview.skipped).toEqual([
      { dialogId: finished[0]!.id, reason: 'notActive' },
      { dialogId: 987_654_321, reason: 'notFound' },
    ]);
    const before = loggedActionIds().length;
    const result = await call(services, 'actions:enqueue', { target: { dialogIds: ids }, action: { kind: 'finish' } });
    expect(result.accepted).toBe(3);
    // shown at once, before the backend has answered
    for (const d of targets) expect((await call(services, 'dialogs:get', { id: d.id })).statusDetail).toBe('finished');

    const done = await until(settled, 'all sent');
    const batch = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
    expect(batch.map((e) => [e.dialogId, e.state, e.outcome])).toEqual(targets.map((d) => [d.id, 'done', 'applied']));
    const logged = loggedActionIds().slice(before);
    expect(logged.length).toBe(3);
    expect(new Set(logged).size).toBe(3);
    expect(done.counts.done).toBeGreaterThanOrEqual(3);

    // the source agrees once synced, and a second finish of the same dialogs is skipped
    await call(services, 'sync:now', {});
    for (const d of targets) expect((await call(services, 'dialogs:get', { id: d.id })).statusDetail).toBe('finished');
    expect((await call(services, 'actions:preview', { target: { dialogIds: ids.slice(0, 3) }, action: { kind: 'finish' } })).accepted).toBe(0);
  });

  it('offline: actions wait (and can be cancelled), the rows keep their change, and they drain exactly once after the backend returns', async () => {
    const targets = await take(3);
    await call(services, 'demo:control', { paused: true });
    let resumed = false;
    try {
      const before = loggedActionIds().length;
      const result = await call(services, 'actions:enqueue', { target: { dialogIds: targets.map((d) => d.id) }, action: { kind: 'pin', pinned: true } });
      expect(result.accepted).toBe(3);
      const offline = await until((s) => s.sender?.state === 'offline', 'offline');
      expect(offline.sender?.lastError?.reason).toBe('unavailable');
      // a sync while unreachable fails; the pending change stays on the rows
      await call(services, 'sync:now', {});
      for (const d of targets) expect((await call(services, 'dialogs:get', { id: d.id })).pinned).toBe(true);

      // an unreachable backend got nothing: every action is still pending, so one can be cancelled
      const entries = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
      expect(entries.map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
      const cancelled = await call(services, 'outbox:cancel', { id: entries[0]!.id });
      expect(cancelled.state).toBe('cancelled');
      const original = targets.find((d) => d.id === entries[0]!.dialogId)!;
      expect((await call(services, 'dialogs:get', { id: original.id })).pinned).toBe(original.pinned);
      const again = await services.invoke('outbox:cancel', { id: entries[0]!.id });
      expect(again.ok ? null : again.error.code).toBe('CONFLICT');

      expect(loggedActionIds().length).toBe(before);
      await call(services, 'demo:control', { paused: false });
      resumed = true;
      await until(settled, 'drained after resume');
      const after = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
      expect(after.map((e) => e.state)).toEqual(['cancelled', 'done', 'done']);
      expect(loggedActionIds().length - before).toBe(2);
    } finally {
      if (!resumed) await call(services, 'demo:control', { paused: false });
    }
  });

  it('an answer lost after the backend did the action: checked before retrying, never done twice', async () => {
    const [target] = await take(1);
    await call(services, 'demo:control', { fail: { kind: 'lostAnswer', count: 1 } });
    const before = loggedActionIds().length;
    const result = await call(services, 'actions:enqueue', { target: { dialogIds: [target!.id] }, action: { kind: 'spam' } });
    await until(settled, 'settled after a lost answer');
    const [entry] = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
    expect(entry).toMatchObject({ state: 'done', outcome: 'alreadyInState' });
    expect(entry!.attempts).toBe(1);
    expect(loggedActionIds().length - before).toBe(1);
    expect((await call(services, 'dialogs:get', { id: target!.id })).statusDetail).toBe('spam');
  });

  it('a refusal fails visibly with the reason and the row shows the source again', async () => {
    const [target] = await take(1);
    await call(services, 'demo:control', { fail: { kind: 'conflict', count: 1 } });
    const result = await call(services, 'actions:enqueue', { target: { dialogIds: [target!.id] }, action: { kind: 'finish' } });
    await until(settled, 'settled after a refusal');
    const [entry] = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
    expect(entry).toMatchObject({ state: 'failed', outcome: 'rejected', error: { reason: 'conflict' } });
    expect((await call(services, 'dialogs:get', { id: target!.id })).statusDetail).toBe(target!.statusDetail);
  });

  it('refuses hostile requests with a clear error and changes nothing', async () => {
    const before = await call(services, 'outbox:list', { limit: 1 });
    const bad: unknown[] = [
      { target: { dialogIds: Array.from({ length: 100_000 }, (_, i) => i + 1) }, action: { kind: 'finish' } },
      { target: { dialogIds: [] }, action: { kind: 'finish' } },
      { target: { dialogIds: ['1; DROP TABLE outbox'] }, action: { kind: 'finish' } },
      { target: { dialogIds: [1] }, action: { kind: 'delete' } },
      { target: { dialogIds: [1] }, action: { kind: 'vote', rating: 9, comment: '' } },
      { target: { dialogIds: [1] }, action: { kind: 'transfer', toOperatorId: 1, toLineId: 1 } },
      { target: { filter: { conditions: [{ column: 'nope', op: 'in', values: [] }] } }, action: { kind: 'finish' } },
      { target: { dialogIds: [1] }, action: { kind: 'vote', rating: 3, comment: 'x'.repeat(100_000) } },
    ];
    for (const request of bad) {
      const result = await services.invoke('actions:enqueue', request as never);
      expect(result.ok, JSON.stringify(request).slice(0, 120)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    const [d] = await activeDialogs(1);
    const bot = (await call(services, 'reference:get', {})).operators.find((o) => o.isBot)!;
    for (const action of [{ kind: 'transfer' as const, toOperatorId: bot.id }, { kind: 'transfer' as const, toOperatorId: 99_999 }, { kind: 'transfer' as const, toLineId: 99_999 }]) {
      const result = await services.invoke('actions:enqueue', { target: { dialogIds: [d!.id] }, action });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    expect((await call(services, 'outbox:list', { limit: 1 })).counts).toEqual(before.counts);
  });

  it('acts on all dialogs a filter selects, not only named ones', async () => {
    const lines = (await call(services, 'reference:get', {})).lines;
    const filter = { conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'line' as const, op: 'in' as const, values: [lines[0]!.id] }] };
    const { total } = await call(services, 'dialogs:list', { filter, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 });
    const preview = await call(services, 'actions:preview', { target: { filter }, action: { kind: 'vote', rating: 5, comment: 'bulk' } });
    expect(preview.requested).toBe(total);
    expect(preview.accepted + preview.skipped.length).toBe(total);
  });
});
