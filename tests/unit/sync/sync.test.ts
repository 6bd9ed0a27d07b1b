import { describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../electron/app/sync/sync-engine.ts';
import { applyChanges, CHANGES_CURSOR } from '../../../electron/app/sync/apply-changes.ts';
import { readCursor } from '../../../electron/app/db/queries/sync-state.ts';
import { readTimelineEntries } from '../../../electron/app/db/queries/timeline.ts';
import { computeDialog } from '../../../electron/app/metrics/engine.ts';
import { STATUS_CODE } from '../../../shared/domain/status.ts';
import { demoBackend, dumpTables, FIXED_NOW, openTempDb, silentLog, syncEngineFor, syncToEnd } from '../../support/temp-cache.ts';

describe('sync engine', () => {
  it('backfills the demo history, then pulls only new traffic', async () => {
    const { db } = openTempDb();
    const clock = { now: FIXED_NOW };
    const backend = demoBackend(2, clock, 3);
    const statuses: string[] = [];
    const changed: number[] = [];
    const watched = new SyncEngine({
      db,
      backend,
      log: silentLog,
      onStatus: (s) => statuses.push(s.phase),
      onChanged: (applied) => changed.push(applied.inserted.length + applied.updated.length),
      batchSize: 200,
    });
    await syncToEnd(watched);
    const afterBackfill = (db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n;
    expect(afterBackfill).toBeGreaterThan(100);
    expect(statuses).toContain('backfill');
    expect(statuses.at(-1)).toBe('live');
    expect(changed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(afterBackfill);
    expect(watched.status.progress).toBe(1);
    expect(readCursor(db, CHANGES_CURSOR)).not.toBeNull();

    clock.now += 120_000;
    await syncToEnd(watched);
    const afterLive = (db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n;
    expect(afterLive).toBeGreaterThan(afterBackfill);
  });

  it('is idempotent: pulling the same changes twice changes nothing', async () => {
    const { db } = openTempDb();
    const backend = demoBackend(4, { now: FIXED_NOW }, 2);
    await syncToEnd(syncEngineFor(db, backend));
    const before = dumpTables(db);

    // Replay the whole history from the start, as after a lost cursor.
    let cursor: string | null = null;
    for (;;) {
      const batch = await backend.pullChanges(cursor, 300);
      applyChanges(db, batch.changes, null, silentLog);
      cursor = batch.cursor;
      if (!batch.hasMore) break;
    }
    expect(dumpTables(db)).toEqual(before);
  });

  it('stores exactly what the engine computes from the stored timeline', async () => {
    const { db } = openTempDb();
    await syncToEnd(syncEngineFor(db, demoBackend(5, { now: FIXED_NOW }, 2)));
    const rows = db
      .prepare('SELECT id, direction, status_code, wait_first_answer, response_avg, waiting_since FROM dialogs ORDER BY id LIMIT 300')
      .all() as Array<{ id: number; direction: 'in' | 'out'; status_code: number; wait_first_answer: number | null; response_avg: number | null; waiting_since: number | null }>;
    for (const row of rows) {
      const computed = computeDialog({ id: row.id, direction: row.direction, entries: readTimelineEntries(db, row.id) });
      expect(row.status_code).toBe(STATUS_CODE[computed.statusDetail]);
      expect(row.wait_first_answer).toBe(computed.metrics.waitFirstAnswer);
      expect(row.response_avg).toBe(computed.metrics.responseAvg);
      expect(row.waiting_since).toBe(computed.waitingSince);
    }
  });

  it('keeps the status a backend reports, beside the derived one', async () => {
    const { db } = openTempDb();
    const backend = demoBackend(6, { now: FIXED_NOW }, 1);
    const batch = await backend.pullChanges(null, 5);
    const change = batch.changes[0]!;
    const reported = { ...change, dialog: { ...change.dialog, reportedStatusCode: 77 } };
    const infos: string[] = [];
    applyChanges(db, [reported], null, { ...silentLog, info: (m: string) => infos.push(m) });
    const row = db.prepare('SELECT status_code, derived_status_code, reported_status_code FROM dialogs WHERE id = ?').get(change.dialog.id) as {
      status_code: number;
      derived_status_code: number;
      reported_status_code: number;
    };
    expect(row.status_code).toBe(77);
    expect(row.reported_status_code).toBe(77);
    expect(row.derived_status_code).not.toBe(77);
    expect(infos.join('\n')).toMatch(/reports status 77/);
  });
});
