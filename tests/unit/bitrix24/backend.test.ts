import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, DialogChange } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend, testWebhook } from '../../../electron/app/backends/bitrix24/index.ts';
import { ok, SECRET, silentLog, startLoopbackPortal, type LoopbackPortal } from './loopback-portal.ts';
import { startScriptedPortal, type ScriptedPortal, type ScriptedSession } from './scripted-portal.ts';

const NOW = Date.parse('2026-03-20T12:00:00Z');
const HOUR = 3_600_000;

function sessionsFixture(): ScriptedSession[] {
  const out: ScriptedSession[] = [];
  for (let id = 1; id <= 120; id++) {
    // ids ascend with start; the last 5 are open, the 10 before them closed within the day
    const open = id > 115;
    const start = NOW - (121 - id) * (id > 105 ? HOUR / 2 : 5 * HOUR);
    const updated = start + 10 * 60_000;
    out.push({
      id, chatId: 100 + id, open, start, updated, status: open ? 20 : 60, pinned: false, operatorId: open && id === 120 ? 0 : 11,
      messages: [
        { id: id * 10, sender: 9000 + id, at: start + 60_000, text: 'hi' },
        { id: id * 10 + 1, sender: 11, at: start + 120_000, text: 'hello' },
        ...(open ? [] : [{ id: id * 10 + 2, sender: 0, at: updated, text: '', cls: 'bx-messenger-content-item-ol-end' }]),
      ],
      ...(id === 50 ? { historyDenied: true } : {}),
    });
  }
  return out;
}

let portal: ScriptedPortal | LoopbackPortal | null = null;
afterEach(async () => {
  await portal?.close();
  portal = null;
});

async function pullAll(backend: Backend, cursor: string | null, limit: number) {
  const batches = [];
  for (let i = 0; i < 100; i++) {
    const batch = await backend.pullChanges(cursor, limit);
    batches.push(batch);
    cursor = batch.cursor;
    if (!batch.hasMore) break;
  }
  return { batches, cursor: cursor! };
}

describe('Bitrix24 backend against a scripted loopback portal', () => {
  it('syncs the active queue first, then backfills newest-first with progress, then goes incremental', async () => {
    const p = await startScriptedPortal(sessionsFixture());
    portal = p;
    const backend = createBitrix24Backend({ webhookUrl: p.webhookUrl, plan: 'enterprise', now: () => NOW, log: silentLog });
    expect(backend.identity).toBe(`bitrix24:${new URL(p.url).host}:7`);
    expect(backend.label).not.toContain(SECRET);

    const { batches, cursor } = await pullAll(backend, null, 30);
    // the first incremental cycle overlaps the live phase a little: a re-delivery is a no-op upsert, so order by first delivery
    const order = [...new Set(batches.flatMap((b) => b.changes.map((c) => c.dialog.id)))];
    expect(order).toHaveLength(120);
    expect(order.slice(0, 5).sort()).toEqual([116, 117, 118, 119, 120]);
    expect(order.slice(5, 15).sort((a, b) => a - b)).toEqual([106, 107, 108, 109, 110, 111, 112, 113, 114, 115]);
    const backfill = order.slice(15);
    expect(backfill).toEqual([...backfill].sort((a, b) => b - a));
    const progress = batches.map((b) => b.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(JSON.parse(cursor).phase).toBe('incremental');
    // every history and dialog came in batches of ≤ 50
    for (const call of p.calls.filter((c) => c.method === 'batch')) expect(Object.keys(call.body['cmd'] as object).length).toBeLessThanOrEqual(50);

    const all = new Map<number, DialogChange>(batches.flatMap((b) => b.changes.map((c) => [c.dialog.id, c] as const)));
    // the one whose history the portal refused is listed from its activity and marked; the rest are not
    expect(all.get(50)!.dialog.historyUnavailable).toBe(true);
    expect(all.get(50)!.entries.some((e) => e.kind === 'message')).toBe(false);
    expect([...all.values()].filter((c) => c.dialog.historyUnavailable).map((c) => c.dialog.id)).toEqual([50]);
    expect(all.get(120)!.dialog).toMatchObject({ operatorId: null, chatId: 220, reportedStatusCode: 20, crm: { type: 'contact', id: 620 } });
    expect(all.get(3)!.entries.map((e) => e.kind)).toEqual(['created', 'message', 'message', 'closed']);
    expect(all.get(3)!.replaceTimeline).toBe(true);

    // caught up: a poll brings nothing; a new message and a pin do
    const idle = await backend.pullChanges(cursor, 30);
    expect(idle.changes).toEqual([]);
    const s118 = p.sessions.find((s) => s.id === 118)!;
    s118.messages.push({ id: 99_999, sender: 9118, at: NOW, text: 'still there?' });
    s118.updated = NOW;
    p.sessions.find((s) => s.id === 117)!.pinned = true;
    const next = await pullAll(backend, idle.cursor, 30);
    const changed = new Map(next.batches.flatMap((b) => b.changes.map((c) => [c.dialog.id, c] as const)));
    expect(changed.get(118)!.entries.at(-1)).toMatchObject({ kind: 'message', author: 'client', text: 'still there?' });
    expect(changed.get(117)!.dialog.pinned).toBe(true);
  });

  it('a page of 50 sessions costs three requests; im.recent.get is asked once a minute beside them, and again after an action', async () => {
    const p = await startScriptedPortal(sessionsFixture());
    portal = p;
    let now = NOW;
    const backend = createBitrix24Backend({ webhookUrl: p.webhookUrl, plan: 'enterprise', now: () => now, log: silentLog });
    const recentAsks = () => p.methods.filter((m) => m.method === 'im.recent.get').length;
    const batchesWithRecent = () =>
      p.calls.filter((c) => c.method === 'batch' && Object.values(c.body['cmd'] as Record<string, string>).some((cmd) => cmd.startsWith('im.recent.get'))).length;
    // the live phase: the open sessions, then the day
    let cursor = (await backend.pullChanges(null, 50)).cursor;
    cursor = (await backend.pullChanges(cursor, 50)).cursor;
    expect(JSON.parse(cursor).phase).toBe('backfill');
    expect(recentAsks()).toBe(1);

    const before = p.calls.length;
    const full = await backend.pullChanges(cursor, 50);
    // the page walks 50 rows; the 10 of the last day came with the live phase and are skipped
    expect(full.changes).toHaveLength(40);
    // one list, then 100 commands (history and chat of each) in two batches, nothing else
    expect(p.calls.slice(before).map((c) => c.method).sort()).toEqual(['batch', 'batch', 'crm.activity.list']);
    expect(recentAsks()).toBe(1);
    expect(batchesWithRecent()).toBe(0);

    now += 61_000;
    const later = await backend.pullChanges(full.cursor, 50);
    expect(later.changes.length).toBeGreaterThan(0);
    expect(recentAsks()).toBe(2);

    // a pin through us: the next page must not reuse the answer from before it
    expect(await backend.perform({ actionId: 'a1', action: { kind: 'pin', dialogId: 118, chatId: 218, pinned: true } })).toEqual({ kind: 'applied' });
    const afterAction = recentAsks();
    const last = await backend.pullChanges(later.cursor, 50);
    expect(last.changes.length).toBeGreaterThan(0);
    expect(recentAsks()).toBe(afterAction + 1);
  });

  it('a cursor it did not write is BAD_CURSOR', async () => {
    portal = await startScriptedPortal([]);
    const backend = createBitrix24Backend({ webhookUrl: portal.webhookUrl, log: silentLog });
    await expect(backend.pullChanges('{"v":9}', 10)).rejects.toMatchObject({ code: 'BAD_CURSOR' });
  });

  it('sends actions as the right methods, and reads an OPERATOR_WRONG that is already so as alreadyInState', async () => {
    const p = await startScriptedPortal(sessionsFixture());
    portal = p;
    const backend = createBitrix24Backend({ webhookUrl: p.webhookUrl, plan: 'enterprise', log: silentLog });
    const act = (action: Parameters<Backend['perform']>[0]['action']) => backend.perform({ actionId: 'a1', action });
    expect(await act({ kind: 'finish', dialogId: 118, chatId: 218 })).toEqual({ kind: 'applied' });
    expect(await act({ kind: 'spam', dialogId: 118, chatId: 218 })).toEqual({ kind: 'applied' });
    expect(await act({ kind: 'transfer', dialogId: 118, chatId: 218, toLineId: 4 })).toEqual({ kind: 'applied' });
    expect(await act({ kind: 'vote', dialogId: 118, chatId: 218, rating: 4, comment: 'ok' })).toEqual({ kind: 'applied' });
    expect(await act({ kind: 'pin', dialogId: 118, chatId: 218, pinned: true })).toEqual({ kind: 'applied' });
    expect(await act({ kind: 'transfer', dialogId: 118, chatId: 218, toOperatorId: 11 })).toEqual({ kind: 'alreadyInState' });
    expect(await act({ kind: 'pin', dialogId: 1, chatId: 77_777, pinned: true })).toMatchObject({ kind: 'rejected', code: 'CHAT_ID' });
    const sent = p.methods.filter((m) => !['crm.activity.list', 'imopenlines.session.history.get', 'imopenlines.dialog.get', 'im.recent.get'].includes(m.method));
    expect(sent.slice(0, 5)).toEqual([
      { method: 'imopenlines.operator.another.finish', params: { CHAT_ID: 218 } },
      { method: 'imopenlines.operator.spam', params: { CHAT_ID: 218 } },
      { method: 'imopenlines.operator.transfer', params: { CHAT_ID: 218, TRANSFER_ID: 'queue4' } },
      { method: 'imopenlines.session.head.vote', params: { SESSION_ID: 118, RATING: 4, COMMENT: 'ok' } },
      { method: 'imopenlines.session.mode.pin', params: { CHAT_ID: 218, ACTIVATE: 'Y' } },
    ]);
  });
});

describe('testWebhook', () => {
  it('names the portal, the user and which needed scopes are granted', async () => {
    portal = await startLoopbackPortal((method) => (method === 'scope' ? ok(['imopenlines', 'crm', 'user_brief']) : ok({ ID: '7', NAME: 'Olga', LAST_NAME: 'Petrova' })));
    const result = await testWebhook({ webhookUrl: portal.webhookUrl, log: silentLog });
    expect(result).toEqual({ ok: true, portal: new URL(portal.url).host, userId: 7, userName: 'Olga Petrova', scopes: { imopenlines: true, im: false, crm: true, user: true }, complete: false });
  });

  it('a malformed URL is an answer, not a throw, and never quotes the secret', async () => {
    const result = await testWebhook({ webhookUrl: `http://portal.example/rest/7/${SECRET}/`, log: silentLog });
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});
