/**
 * A dialog's history at 10,000 messages, in real SQLite: the timeline query
 * reads both tables by their (dialog_id, seq) keys, the history comes back in
 * timeline order with every author kind, hidden operator messages and events
 * as stored, and through the real services (reader worker, contract) it is
 * the same list — and reading it leaves the dialog's row exactly as it was.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type WritableDB } from '../../../electron/app/db/connection.ts';
import { getDialog } from '../../../electron/app/db/queries/dialogs.ts';
import { readHistory, TIMELINE_SQL, upsertTimelineEntry } from '../../../electron/app/db/queries/timeline.ts';
import { READ_API, openReader } from '../../../electron/app/data/read-api.ts';
import { cacheFileName, type Services } from '../../../electron/app/services.ts';
import type { MessageAuthor } from '../../../shared/domain/timeline.ts';
import { call, filledCache, tempDir, testServices } from '../../support/temp-cache.ts';

const LONG = 10_000;
const AUTHORS: MessageAuthor[] = ['client', 'operator', 'bot', 'system'];

/** A finished dialog with an operator, and LONG more messages after its own (every author, every 10th operator message hidden). */
function lengthen(db: WritableDB): { id: number; before: number; operatorId: number } {
  const row = db
    .prepare(`SELECT d.id, d.operator_id FROM dialogs d WHERE d.operator_id IS NOT NULL AND d.closed_at IS NOT NULL ORDER BY d.id LIMIT 1`)
    .get() as { id: number; operator_id: number };
  const { maxSeq, lastAt, count } = db
    .prepare(
      `SELECT max(seq) AS maxSeq, max(at) AS lastAt, count(*) AS count FROM (
         SELECT seq, at FROM messages WHERE dialog_id = ? UNION ALL SELECT seq, at FROM dialog_events WHERE dialog_id = ?)`,
    )
    .get(row.id, row.id) as { maxSeq: number; lastAt: number; count: number };
  db.transaction(() => {
    for (let i = 1; i <= LONG; i += 1) {
      const author = AUTHORS[i % AUTHORS.length]!;
      upsertTimelineEntry(db, row.id, {
        seq: maxSeq + i,
        // two messages share each second: seq orders them
        at: lastAt + Math.ceil(i / 2) * 1000,
        kind: 'message',
        author,
        ...(author === 'operator' ? { operatorId: row.operator_id, hidden: i % 10 === 1 } : {}),
        text: `Сообщение ${i} от ${author}: всё в порядке, Ёлка №${i}`,
      });
    }
  })();
  return { id: row.id, before: count, operatorId: row.operator_id };
}

describe('the timeline query at 10,000 messages', () => {
  let db: WritableDB;
  let dialog: ReturnType<typeof lengthen>;
  beforeAll(async () => {
    ({ db } = await filledCache(1, 1));
    dialog = lengthen(db);
  });
  afterAll(() => db?.close());

  it('reads both tables through their (dialog_id, seq) keys, never a scan', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${TIMELINE_SQL}`).all(dialog.id, dialog.id) as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.some((d) => /SEARCH messages USING INDEX \S+ \(dialog_id=\?\)/.test(d))).toBe(true);
    expect(plan.some((d) => /SEARCH dialog_events USING PRIMARY KEY \(dialog_id=\?\)/.test(d))).toBe(true);
    expect(plan.join(' | ')).not.toMatch(/SCAN (messages|dialog_events)/);
  });

  it('answers every entry in timeline order (time, then seq) with authors, hidden marks, operator names and texts as stored', () => {
    const history = readHistory(db, dialog.id);
    expect(history).toHaveLength(dialog.before + LONG);
    for (let i = 1; i < history.length; i += 1) {
      const [a, b] = [history[i - 1]!, history[i]!];
      expect(a.at < b.at || (a.at === b.at && a.seq < b.seq)).toBe(true);
    }
    const added = history.slice(-LONG);
    expect(added.map((e) => e.author)).toEqual(Array.from({ length: LONG }, (_, i) => AUTHORS[(i + 1) % AUTHORS.length]));
    // operator messages are i ≡ 1 (mod 4), hidden ones also i ≡ 1 (mod 10): i ≡ 1 (mod 20)
    expect(added.filter((e) => e.hidden)).toHaveLength(LONG / 20);
    expect(added.filter((e) => e.hidden).every((e) => e.author === 'operator')).toBe(true);
    const operatorName = (db.prepare('SELECT name FROM operators WHERE id = ?').get(dialog.operatorId) as { name: string }).name;
    expect(added.filter((e) => e.author === 'operator').every((e) => e.operatorName === operatorName && e.operatorId === dialog.operatorId)).toBe(true);
    expect(added.at(-1)!.text).toBe(`Сообщение ${LONG} от ${AUTHORS[LONG % AUTHORS.length]}: всё в порядке, Ёлка №${LONG}`);
    // the dialog's own events are still inline, between the messages
    expect(history.some((e) => e.kind === 'closed' || e.kind === 'closedByOperator' || e.kind === 'spam')).toBe(true);
  });

  it('a reader answers the same history and the dialog row, and reading changes nothing', () => {
    const file = db.name;
    const reader: Db = openReader(file);
    try {
      const version = reader.pragma('data_version', { simple: true });
      const row = getDialog(db, dialog.id);
      const answer = READ_API.history(reader, dialog.id)!;
      expect(answer.dialog).toEqual(row);
      expect(answer.entries).toEqual(readHistory(db, dialog.id));
      expect(READ_API.history(reader, 987_654_321)).toBeNull();
      expect(getDialog(db, dialog.id)).toEqual(row);
      expect(reader.pragma('data_version', { simple: true })).toBe(version);
    } finally {
      reader.close();
    }
  });
});

describe('the history through the services', () => {
  let services: Services;
  let raw: WritableDB;
  let dialog: ReturnType<typeof lengthen>;
  beforeAll(async () => {
    const dataDir = tempDir();
    services = await testServices({ historyDays: 1, dataDir });
    // a second connection beside the services' writer, as the generator would fill a cache
    raw = openDatabase(path.join(dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { migrate: false });
    dialog = lengthen(raw);
  });
  afterAll(async () => {
    raw?.close();
    await services?.close();
  });

  it('answers the whole 10,000-message history as the cache holds it, and the dialog is unchanged afterwards', async () => {
    const before = await call(services, 'dialogs:get', { id: dialog.id });
    const answer = await call(services, 'dialogs:history', { id: dialog.id });
    expect(answer.entries).toHaveLength(dialog.before + LONG);
    expect(answer.entries).toEqual(readHistory(raw, dialog.id));
    expect(answer.dialog).toEqual(before);
    // reading twice, with a search, still acts on nothing
    await call(services, 'dialogs:history', { id: dialog.id, search: 'ёлка' });
    expect(await call(services, 'dialogs:get', { id: dialog.id })).toEqual(before);
    expect(getDialog(raw, dialog.id)).toEqual(before);
  });

  it('refuses a bad request with a clear error', async () => {
    const bad = await services.invoke('dialogs:history', { id: 'seven' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
    const missing = await services.invoke('dialogs:history', { id: 987_654_321 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });
});
