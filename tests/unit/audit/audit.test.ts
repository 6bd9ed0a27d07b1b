/**
 * The audit log through the real services (writer worker, reader workers, the
 * demo backend, a real SQLite file): every request is recorded with who,
 * what, which dialogs and when; each dialog's outcome follows its outbox
 * entry as it settles; cancelling the rest of a batch is recorded and leaves
 * entries in flight alone; the list filters and pages newest first; the CSV
 * carries the same rows. Hostile requests get a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';
import type { AuditEntry, AuditFilter } from '../../../shared/ipc/contract-audit.ts';
import type { OutboxSnapshot } from '../../../shared/ipc/contract-actions.ts';
import { call, tempDir, testServices } from '../../support/temp-cache.ts';
import { parseCsv } from '../export/support.ts';

let services: Services;

beforeAll(async () => {
  services = await testServices({ seed: 7, historyDays: 2, dataDir: tempDir('ols-audit-') });
});
afterAll(async () => {
  await services.close();
});

async function until(check: (s: OutboxSnapshot) => boolean, what: string): Promise<OutboxSnapshot> {
  for (let i = 0; i < 400; i++) {
    const snapshot = await call(services, 'outbox:list', { limit: 1000 });
    if (check(snapshot)) return snapshot;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the outbox never reached: ${what}`);
}
const settled = (s: OutboxSnapshot) => s.counts.pending + s.counts.sending === 0;

const used = new Set<number>();
async function take(count: number): Promise<DialogListItem[]> {
  const { rows } = await call(services, 'dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 500 });
  const picked = rows.filter((r) => !used.has(r.id)).slice(0, count);
  expect(picked.length, 'enough active dialogs in the demo').toBe(count);
  for (const d of picked) used.add(d.id);
  return picked;
}

const list = async (filter: AuditFilter, offset?: number, limit?: number) => call(services, 'audit:list', { filter, offset, limit });
const byDialog = (entries: AuditEntry[]) => new Map(entries.map((e) => [e.dialogId, e]));

describe('the audit log', () => {
  it('records a bulk action per dialog — who, what, when — and each outcome as it settles; skipped ones with the reason', async () => {
    const targets = await take(2);
    const { rows: finished } = await call(services, 'dialogs:list', {
      filter: { conditions: [{ column: 'statusDetail', op: 'in', values: ['finished'] }] },
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: 1,
    });
    const ids = [...targets.map((d) => d.id), finished[0]!.id];
    const before = Date.now();
    const result = await call(services, 'actions:enqueue', { target: { dialogIds: ids }, action: { kind: 'finish' } });
    expect(result.accepted).toBe(2);
    await until(settled, 'drained');

    const page = await list({ kinds: ['finish'] });
    expect(page.total).toBe(3);
    const rows = byDialog(page.entries);
    for (const d of targets) {
      expect(rows.get(d.id)).toMatchObject({ kind: 'finish', outcome: 'done', detail: 'applied', actor: 'demo #7', action: { kind: 'finish' } });
      expect(rows.get(d.id)!.settledAt).not.toBeNull();
    }
    expect(rows.get(finished[0]!.id)).toMatchObject({ outcome: 'skipped', detail: 'notActive' });
    // one request: one audit id for all three, stamped when it was made
    expect(new Set(page.entries.map((e) => e.auditId)).size).toBe(1);
    expect(page.entries[0]!.createdAt).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('a refused action is audited as failed with the backend’s reason', async () => {
    const [target] = await take(1);
    await call(services, 'demo:control', { fail: { kind: 'conflict', count: 1 } });
    await call(services, 'actions:enqueue', { target: { dialogIds: [target!.id] }, action: { kind: 'spam' } });
    await until(settled, 'drained');
    const { entries } = await list({ dialogId: target!.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'spam', outcome: 'failed' });
    expect(entries[0]!.detail).toMatch(/\S+: \S/);
  });

  it('“cancel the rest” cancels every pending entry of the batch, keeps the rows as they were, and is itself audited', async () => {
    const targets = await take(3);
    await call(services, 'demo:control', { paused: true });
    try {
      const result = await call(services, 'actions:enqueue', { target: { dialogIds: targets.map((d) => d.id) }, action: { kind: 'pin', pinned: true } });
      await until((s) => s.sender?.state === 'offline', 'offline');
      const answer = await call(services, 'outbox:cancelBatch', { batchId: result.batchId });
      expect(answer).toEqual({ cancelled: 3, sending: 0 });
      const entries = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
      expect(entries.map((e) => e.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      for (const d of targets) expect((await call(services, 'dialogs:get', { id: d.id })).pinned).toBe(d.pinned);

      const pins = byDialog((await list({ kinds: ['pin'] })).entries);
      for (const d of targets) expect(pins.get(d.id)).toMatchObject({ outcome: 'cancelled' });
      const cancels = (await list({ kinds: ['cancel'] })).entries;
      expect(cancels.map((e) => e.dialogId).sort()).toEqual(targets.map((d) => d.id).sort());
      for (const c of cancels) expect(c).toMatchObject({ outcome: 'done', action: { kind: 'cancel', batchId: result.batchId } });

      // nothing left to cancel: a second time cancels none and records nothing
      expect(await call(services, 'outbox:cancelBatch', { batchId: result.batchId })).toEqual({ cancelled: 0, sending: 0 });
      expect((await list({ kinds: ['cancel'] })).total).toBe(3);
    } finally {
      await call(services, 'demo:control', { paused: false });
    }
    const unknown = await services.invoke('outbox:cancelBatch', { batchId: 987_654 });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const hostile = await services.invoke('outbox:cancelBatch', { batchId: 'all' } as never);
    expect(hostile.ok ? null : hostile.error.code).toBe('VALIDATION');
  });

  it('cancelling one queued entry is audited too', async () => {
    const [target] = await take(1);
    await call(services, 'demo:control', { paused: true });
    try {
      const result = await call(services, 'actions:enqueue', { target: { dialogIds: [target!.id] }, action: { kind: 'vote', rating: 4, comment: 'ok' } });
      await until((s) => s.sender?.state === 'offline', 'offline');
      const [entry] = (await call(services, 'outbox:list', { batchId: result.batchId })).entries;
      await call(services, 'outbox:cancel', { id: entry!.id });
      const { entries } = await list({ dialogId: target!.id });
      expect(entries.map((e) => [e.kind, e.outcome])).toEqual([
        ['cancel', 'done'],
        ['vote', 'cancelled'],
      ]);
      expect(entries[0]!.action).toEqual({ kind: 'cancel', outboxId: entry!.id });
    } finally {
      await call(services, 'demo:control', { paused: false });
    }
  });

  it('lists newest first, pages, and filters by date range, kind, outcome and dialog', async () => {
    const all = await list({}, 0, 1000);
    expect(all.total).toBe(all.entries.length);
    const keys = all.entries.map((e) => [e.createdAt, e.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(keys).toEqual(sorted);

    const first = await list({}, 0, 2);
    const second = await list({}, 2, 2);
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 4).map((e) => e.id));
    expect(first.total).toBe(all.total);

    const done = await list({ outcomes: ['done'] }, 0, 1000);
    expect(done.total).toBe(all.entries.filter((e) => e.outcome === 'done').length);
    expect(done.entries.every((e) => e.outcome === 'done')).toBe(true);
    const twoKinds = await list({ kinds: ['pin', 'vote'], outcomes: ['cancelled'] }, 0, 1000);
    expect(twoKinds.total).toBe(4);

    const newest = all.entries[0]!.createdAt;
    expect((await list({ from: newest + 1 })).total).toBe(0);
    expect((await list({ to: newest + 1 })).total).toBe(all.total);
    expect((await list({ from: newest, to: newest + 1 })).entries.every((e) => e.createdAt === newest)).toBe(true);

    const bad = await services.invoke('audit:list', { filter: { from: 10, to: 5 } });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const badKind = await services.invoke('audit:list', { filter: { kinds: ['delete'] } } as never);
    expect(badKind.ok ? null : badKind.error.code).toBe('VALIDATION');
    const tooMany = await services.invoke('audit:list', { filter: {}, limit: 100_000 });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('VALIDATION');
  });

  it('exports the filtered rows as CSV: BOM, header in the language, one line per row, its separator', async () => {
    const filter: AuditFilter = { kinds: ['finish'] };
    const expected = await list(filter);
    const en = await call(services, 'audit:export', { filter, language: 'en', timeZone: 'UTC' });
    expect(en.delivered).toBe('download');
    if (en.delivered !== 'download') return;
    expect(en.fileName).toMatch(/^audit-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.csv$/);
    expect(en.rows).toBe(expected.total);
    expect(en.csv.startsWith('\uFEFFTime,Who,Action,Parameters,Dialog,Outcome,Details,Settled\r\n')).toBe(true);
    const lines = parseCsv(en.csv.slice(1), ',');
    expect(lines).toHaveLength(expected.total + 1);
    const rows = lines.slice(1);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows.map((r) => r[4])).toEqual(expected.entries.map((e) => String(e.dialogId)));
    expect(rows.map((r) => r[5]).sort()).toEqual(['Done', 'Done', 'Skipped']);
    expect(rows.every((r) => r[1] === 'demo #7' && r[2] === 'Finish')).toBe(true);

    const ru = await call(services, 'audit:export', { filter, language: 'ru', timeZone: 'Europe/Moscow' });
    if (ru.delivered !== 'download') throw new Error('browser mode downloads');
    expect(ru.csv.startsWith('\uFEFFВремя;Кто;Действие;')).toBe(true);
    const ruRows = parseCsv(ru.csv.slice(1), ';').slice(1);
    expect(ruRows.map((r) => r[5]).sort()).toEqual(['Выполнено', 'Выполнено', 'Пропущено']);

    const badZone = await services.invoke('audit:export', { filter, language: 'en', timeZone: 'Mars/Olympus' });
    expect(badZone.ok ? null : badZone.error.code).toBe('VALIDATION');
  });
});
