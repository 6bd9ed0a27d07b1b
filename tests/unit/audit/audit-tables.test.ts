/**
 * The audit tables on a real SQLite file, below the services: the triggers
 * write a request's rows with its enqueue and the outcome with its settle, in
 * the same transaction (a rolled-back enqueue leaves no audit); the audit
 * outlives the outbox's rows being pruned; and the list reads its index.
 */
import { describe, expect, it } from 'vitest';
import type { BackendAction } from '../../../electron/app/backends/backend.ts';
import { countAudit, listAudit, setAuditActor } from '../../../electron/app/db/queries/audit.ts';
import { LATEST_SCHEMA_VERSION, runMigrations, schemaVersion } from '../../../electron/app/db/migrations/index.ts';
import { auditCsv } from '../../../electron/app/ipc/handlers/audit-csv.ts';
import { insertAction, insertBatch, markSending, settle } from '../../../electron/app/db/queries/outbox.ts';
import { openTempDb } from '../../support/temp-cache.ts';

const SOURCE = 'demo:test';

function enqueue(db: ReturnType<typeof openTempDb>['db'], dialogIds: number[], at: number): number[] {
  const batchId = insertBatch(db, {
    source: SOURCE,
    kind: 'finish',
    payload: JSON.stringify({ kind: 'finish' }),
    createdAt: at,
    requested: dialogIds.length + 1,
    accepted: dialogIds.length,
    skipped: [{ dialogId: 999, reason: 'notActive' }],
  });
  return dialogIds.map((dialogId, i) =>
    insertAction(db, { source: SOURCE, actionId: `a-${at}-${i}`, batchId, action: { kind: 'finish', dialogId, chatId: dialogId * 10 } as BackendAction, createdAt: at }),
  );
}

describe('audit tables', () => {
  it('follow the outbox in its transactions and outlive its pruning', () => {
    const { db } = openTempDb();
    setAuditActor(db, SOURCE, 'supervisor@portal');
    const [a, b] = db.transaction(() => enqueue(db, [1, 2], 1000))();
    expect(countAudit(db, SOURCE, {})).toBe(3);
    expect(listAudit(db, SOURCE, { outcomes: ['skipped'] }, 0, 10)).toMatchObject([{ dialogId: 999, detail: 'notActive', actor: 'supervisor@portal' }]);

    db.transaction(() => {
      markSending(db, a!, 1100);
      settle(db, a!, 'done', 'applied', 1200, null);
      settle(db, b!, 'failed', 'rejected', 1300, { reason: 'conflict', code: 'SESSION_CLOSED', message: 'closed by someone else' });
    })();
    const rows = new Map(listAudit(db, SOURCE, {}, 0, 10).map((e) => [e.dialogId, e]));
    expect(rows.get(1)).toMatchObject({ outcome: 'done', detail: 'applied', settledAt: 1200 });
    expect(rows.get(2)).toMatchObject({ outcome: 'failed', detail: 'SESSION_CLOSED: closed by someone else', settledAt: 1300 });

    // a rolled-back enqueue leaves no audit behind
    expect(() =>
      db.transaction(() => {
        enqueue(db, [3], 2000);
        throw new Error('crash mid-enqueue');
      })(),
    ).toThrow('crash');
    expect(countAudit(db, SOURCE, { dialogId: 3 })).toBe(0);

    // the outbox is a queue and may be pruned; its rowids may then come back for new entries
    db.prepare('DELETE FROM outbox').run();
    db.prepare('DELETE FROM action_batches').run();
    expect(countAudit(db, SOURCE, {})).toBe(3);
    const [c] = enqueue(db, [4], 3000);
    settle(db, c!, 'cancelled', 'cancelled', 3100, null);
    const after = new Map(listAudit(db, SOURCE, {}, 0, 10).map((e) => [`${e.dialogId}@${e.createdAt}`, e.outcome]));
    expect(after).toEqual(
      new Map([
        ['4@3000', 'cancelled'],
        ['999@3000', 'skipped'],
        ['1@1000', 'done'],
        ['2@1000', 'failed'],
        ['999@1000', 'skipped'],
      ]),
    );
    // another source's audit is not this one's
    expect(countAudit(db, 'bitrix24:other', {})).toBe(0);
    db.close();
  });

  it('the newest-first list and the dialog filter read an index, not the whole table', () => {
    const { db } = openTempDb();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT * FROM audit_dialogs d WHERE d.source = 's' ORDER BY d.created_at DESC, d.id DESC LIMIT 100`)).toMatch(/USING INDEX ix_audit_dialogs_time/);
    expect(plan(`SELECT * FROM audit_dialogs d WHERE d.source = 's' AND d.dialog_id = 5 ORDER BY d.created_at DESC, d.id DESC`)).toMatch(/USING INDEX ix_audit_dialogs_dialog/);
    db.close();
  });

  it('migration 9 lands on a cache with a queue in it: what was queued before it stays unaudited, what settles after is a no-op there, and new requests are audited', () => {
    const { db } = openTempDb({ migrate: false });
    runMigrations(db, 8);
    const [old] = enqueue(db, [7], 500);
    // on through 9 and whatever came after it
    expect(runMigrations(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    settle(db, old!, 'done', 'applied', 600, null);
    expect(countAudit(db, SOURCE, {})).toBe(0);
    enqueue(db, [8], 700);
    expect(listAudit(db, SOURCE, {}, 0, 10).map((e) => [e.dialogId, e.outcome, e.actor])).toEqual([
      [8, 'pending', SOURCE],
      [999, 'skipped', SOURCE],
    ]);
    db.close();
  });

  it('the CSV defuses values from outside that a spreadsheet would run as a formula', () => {
    const csv = auditCsv(
      [
        {
          id: 1,
          auditId: 1,
          createdAt: Date.UTC(2026, 11, 2, 9, 30),
          actor: '=cmd|calc',
          kind: 'vote',
          action: { kind: 'vote', rating: 5, comment: 'fine' },
          dialogId: 42,
          outcome: 'failed',
          detail: '@SUM(A1): no',
          settledAt: null,
        },
      ],
      'en',
      'UTC',
    );
    const [, row] = csv.slice(1).split('\r\n');
    expect(row).toContain("'=cmd|calc");
    expect(row).toContain("'@SUM(A1): no");
    expect(row).toContain('Rating,5: fine');
    expect(row).toContain('2026');
  });
});
