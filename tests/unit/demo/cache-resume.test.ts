import { describe, expect, it } from 'vitest';
import { createDemoBackend } from '../../../electron/app/backends/demo/index.ts';
import type { Db, WritableDB } from '../../../electron/app/db/connection.ts';
import { adoptIdentity } from '../../../electron/app/db/queries/cache-identity.ts';
import { CHANGES_CURSOR } from '../../../electron/app/sync/apply-changes.ts';
import { readCursor } from '../../../electron/app/db/queries/sync-state.ts';
import { SyncEngine } from '../../../electron/app/sync/sync-engine.ts';
import { FIXED_NOW, openTempDb, silentLog, syncToEnd, tempDir } from '../../support/temp-cache.ts';

/** What the services do at start: adopt the backend's identity, then sync (here: to the end). */
async function startOn(db: WritableDB, dir: string, clock: { now: number }, lines: string[]) {
  const log = { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
  const backend = createDemoBackend({ seed: 6, historyDays: 2, worldDir: dir, now: () => clock.now, log });
  adoptIdentity(db, backend.identity ?? '', log);
  const engine = new SyncEngine({ db, backend, log, onStatus: () => {}, onChanged: () => {}, batchSize: 400 });
  await syncToEnd(engine);
  return backend;
}

const count = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n;
const maxId = (db: Db) => (db.prepare('SELECT MAX(id) AS id FROM dialogs').get() as { id: number }).id;

describe('a restarted demo and its cache', () => {
  it('keeps the cache, accepts its cursor and continues the world on top of it', async () => {
    const dir = tempDir();
    const { db } = openTempDb();
    const clock = { now: FIXED_NOW };
    const lines: string[] = [];
    const first = await startOn(db, dir, clock, lines);
    clock.now += 5 * 60_000;
    await syncToEnd(new SyncEngine({ db, backend: first, log: silentLog, onStatus: () => {}, onChanged: () => {} }));
    await first.close();
    const before = { count: count(db), maxId: maxId(db), cursor: readCursor(db, CHANGES_CURSOR) };
    const kept = db.prepare('SELECT * FROM dialogs WHERE id <= ? ORDER BY id').all(before.maxId - 2000);

    clock.now += 45 * 60_000;
    const second = await startOn(db, dir, clock, lines);
    expect(lines.some((l) => l.includes('clearing the cached dialogs'))).toBe(false);
    expect(lines.some((l) => l.includes('refused the stored cursor'))).toBe(false);
    expect(count(db)).toBeGreaterThan(before.count + 200);
    expect(maxId(db)).toBeGreaterThan(before.maxId);
    expect(readCursor(db, CHANGES_CURSOR)).not.toBe(before.cursor);
    // old, finished dialogs are as they were
    expect(db.prepare('SELECT * FROM dialogs WHERE id <= ? ORDER BY id').all(before.maxId - 2000)).toEqual(kept);

    // what the cache holds of the dialogs the world still has equals a fresh copy of them
    const fresh = openTempDb().db;
    adoptIdentity(fresh, second.identity ?? '', silentLog);
    await syncToEnd(new SyncEngine({ db: fresh, backend: second, log: silentLog, onStatus: () => {}, onChanged: () => {} }));
    const ids = (fresh.prepare('SELECT id FROM dialogs ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(1000);
    // (a message's own rowid is the cache's, not the world's)
    const columns: Record<string, string> = { dialogs: '*', messages: 'dialog_id, seq, at, author, operator_id, hidden, text', dialog_events: '*' };
    const rows = (d: Db, table: string) =>
      d.prepare(`SELECT ${columns[table]} FROM ${table} WHERE ${table === 'dialogs' ? 'id' : 'dialog_id'} BETWEEN ? AND ? ORDER BY 1, 2`).all(ids[0], ids.at(-1));
    for (const table of ['dialogs', 'messages', 'dialog_events']) {
      expect(rows(db, table).length).toBe(rows(fresh, table).length);
      expect(rows(db, table)).toEqual(rows(fresh, table));
    }
  });
});
