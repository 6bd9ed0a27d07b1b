/**
 * Quick search (issue 8 point 3): a word that occurs in one message only is
 * found through the services — typed in another case, with ё for е — and
 * highlighted in the history; the FTS index the writer keeps batch by batch
 * equals one rebuilt from scratch; paging a search (set, walk with probes,
 * relevance) returns exactly the rows an SQL oracle orders.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type WritableDB } from '../../../electron/app/db/connection.ts';
import { runMigrations } from '../../../electron/app/db/migrations/index.ts';
import { countDialogs, listDialogs, pagingLimits, resetPaging, HOP, SNAPSHOT_MAX } from '../../../electron/app/db/queries/dialogs.ts';
import { rebuildSearchIndex } from '../../../electron/app/db/queries/search-index.ts';
import { documentMatches, highlightRanges, parseSearch, searchSql, wholeTermMatch } from '../../../electron/app/db/queries/search-query.ts';
import { dataStamp } from '../../../electron/app/db/queries/dialog-paging.ts';
import { cacheFileName, type Services } from '../../../electron/app/services.ts';
import { foldText } from '../../../electron/app/db/text-fold.ts';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { call, filledCache, FIXED_NOW, openTempDb, tempDir, testServices } from '../../support/temp-cache.ts';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Per folded word: the messages and dialogs it occurs in, and one spelling as written. */
function wordsOf(db: Db) {
  const words = new Map<string, { messages: Set<number>; dialogs: Set<number>; written: string }>();
  const rows = db.prepare('SELECT id, dialog_id, text FROM messages WHERE text IS NOT NULL').all() as Array<{ id: number; dialog_id: number; text: string }>;
  for (const row of rows) {
    for (const written of row.text.match(WORD) ?? []) {
      const folded = foldText(written);
      const entry = words.get(folded) ?? { messages: new Set(), dialogs: new Set(), written };
      entry.messages.add(row.id);
      entry.dialogs.add(row.dialog_id);
      words.set(folded, entry);
    }
  }
  const names = (db.prepare('SELECT client_name FROM dialogs').pluck().all() as string[]).flatMap((n) => foldText(n).match(WORD) ?? []);
  return { words, names };
}

/** The dialogs whose name or messages hold a word starting with each of `search`'s words (the index's rule), by a plain scan. */
function oracle(db: Db, search: string): Set<number> {
  const parsed = parseSearch(search)!;
  const ids = db.prepare('SELECT id FROM dialogs').pluck().all() as number[];
  const docs = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const row of db.prepare('SELECT id, client_name FROM dialogs').all() as Array<{ id: number; client_name: string }>) {
    for (const w of foldText(row.client_name).match(WORD) ?? []) docs.get(row.id)!.add(w);
  }
  for (const row of db.prepare('SELECT dialog_id, text FROM messages WHERE text IS NOT NULL').all() as Array<{ dialog_id: number; text: string }>) {
    for (const w of foldText(row.text).match(WORD) ?? []) docs.get(row.dialog_id)!.add(w);
  }
  const hit = (doc: Set<string>, word: string) => [...doc].some((w) => (word.length >= 3 ? w.startsWith(word) : w === word));
  return new Set(ids.filter((id) => parsed.words.every((word) => hit(docs.get(id)!, word))));
}

/** A word of one message only, that no other word of any dialog starts with (the search matches prefixes). */
function uniqueWord(db: Db, pattern: RegExp): { written: string; dialog: number } {
  const { words, names } = wordsOf(db);
  const all = [...words.keys()];
  for (const [folded, entry] of words) {
    if (entry.messages.size !== 1 || !pattern.test(entry.written) || folded.length < 4) continue;
    if (all.some((w) => w !== folded && w.startsWith(folded)) || names.some((n) => n.startsWith(folded))) continue;
    return { written: entry.written, dialog: [...entry.dialogs][0]! };
  }
  throw new Error(`no word of one message matches ${pattern}`);
}

describe('the search text', () => {
  it('becomes quoted words in a MATCH parameter: no FTS5 syntax or SQL gets through, punctuation alone restricts nothing', () => {
    expect(parseSearch('  Ёлка  ПРИВЕТ, мир!')).toEqual({ words: ['елка', 'привет', 'мир'], match: '"елка"* "привет"* "мир"*', number: null });
    expect(parseSearch('a OR b NEAR(c) "x" * ^col:') ).toMatchObject({ match: '"a" "or" "b" "near"* "c" "x" "col"*' });
    expect(parseSearch('#1234')).toMatchObject({ number: 1234, match: '"1234"*' });
    for (const nothing of ['', '   ', '!!! --- ***', '"', undefined]) expect(parseSearch(nothing)).toBeNull();
  });

  it('highlights where the words match, folded as the index folds, in offsets of the text as written', () => {
    const text = 'Здравствуйте! Товар пришёл, ЕЩЁ вопрос: пришелец?';
    const ranges = highlightRanges(text, parseSearch('пришел еще'));
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['пришёл', 'ЕЩЁ', 'пришел']);
    expect(highlightRanges('a b ab', parseSearch('a'))).toEqual([[0, 1]]);
  });
});

describe('quick search through the services', () => {
  let services: Services;
  let raw: Db;
  beforeAll(async () => {
    const dataDir = tempDir();
    services = await testServices({ historyDays: 1, dataDir });
    raw = openDatabase(path.join(dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { readonly: true, migrate: false });
  });
  afterAll(async () => {
    raw?.close();
    await services?.close();
  });

  const search = async (text: string, rank?: 'relevance' | 'sort') => {
    const page = await call(services, 'dialogs:list', { filter: { conditions: [], search: text }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 100, ...(rank ? { rank } : {}) });
    return { total: page.total, ids: page.rows.map((r) => r.id) };
  };

  it('finds a Cyrillic word of one message, in capitals and with ё for е, and highlights it in the history', async () => {
    // with an е to type as ё: which words are unique depends on the world, whose start is the wall clock
    const { written, dialog } = uniqueWord(raw, /^(?=[А-Яа-яЁё]*[Ее])[А-Яа-яЁё]+$/u);
    expect(written).toMatch(/е/i);
    const typed = written.toUpperCase().replace('Е', 'Ё');
    expect(await search(typed)).toEqual({ total: 1, ids: [dialog] });
    expect(await search(typed, 'relevance')).toEqual({ total: 1, ids: [dialog] });
    const history = await call(services, 'dialogs:history', { id: dialog, search: typed });
    const marked = history.entries.flatMap((e) => (e.highlights ?? []).map(([a, b]) => e.text!.slice(a, b)));
    expect(marked).toEqual([written]);
    // no search, no highlights
    const plain = await call(services, 'dialogs:history', { id: dialog });
    expect(plain.entries.some((e) => e.highlights)).toBe(false);
  });

  it('finds a Latin word of one message, and a word written with ё when typed with е', async () => {
    const latin = uniqueWord(raw, /^[A-Za-z]+$/);
    expect(await search(latin.written.toLowerCase())).toEqual({ total: 1, ids: [latin.dialog] });
    const { words } = wordsOf(raw);
    const [folded, withYo] = [...words].find(([, e]) => /ё/.test(e.written) && /^[а-яё]+$/u.test(e.written))!;
    const found = await search(folded);
    expect(folded).not.toMatch(/ё/);
    expect(new Set(found.ids)).toEqual(oracle(raw, folded));
    expect(found.ids).toEqual(expect.arrayContaining([...withYo.dialogs].slice(0, 1)));
  });

  it('finds the dialog by its number, and a prefix of three letters', async () => {
    const id = raw.prepare('SELECT id FROM dialogs ORDER BY id DESC LIMIT 1').pluck().get() as number;
    expect((await search(`#${id}`)).ids).toContain(id);
    const { written } = uniqueWord(raw, /^[А-Яа-яЁё]+$/u);
    const prefix = written.slice(0, 3);
    const found = await search(prefix);
    expect(new Set(found.ids)).toEqual(new Set([...oracle(raw, prefix)].sort((a, b) => b - a).slice(0, 100)));
    expect(found.total).toBe(oracle(raw, prefix).size);
  });

  it('takes punctuation alone as no search, and hostile text as words', async () => {
    const all = await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 10 });
    expect((await search('"*" -- ;')).total).toBe(all.total);
    expect((await search('") OR 1=1 --')).total).toBe(oracle(raw, '") OR 1=1 --').size);
  });
});

describe('the search index', () => {
  let db: WritableDB;
  beforeAll(async () => {
    ({ db } = await filledCache(1, 2));
  });
  afterAll(() => {
    pagingLimits.snapshotMax = SNAPSHOT_MAX;
    pagingLimits.hop = HOP;
    db?.close();
  });

  const matches = (conn: Db, words: string[]) =>
    words.map((w) => conn.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid').pluck().all(`"${w}"`));

  it('kept by the writer batch by batch, equals one rebuilt from the stored dialogs', () => {
    const { words } = wordsOf(db);
    const sample = [...words.keys()].filter((_, i) => i % 7 === 0);
    const kept = matches(db, sample);
    expect(kept.flat().length).toBeGreaterThan(sample.length);
    rebuildSearchIndex(db);
    expect(matches(db, sample)).toEqual(kept);
  });

  it('is filled for an existing cache by migration 0006', async () => {
    const { db: older, file } = openTempDb({ migrate: false });
    runMigrations(older, 5);
    older.prepare(
      `INSERT INTO dialogs (id, chat_id, line_id, line_name, direction, status_code, derived_status_code, channel, client_id, client_name, created_at)
       VALUES (7, 10, 1, 'L', 'in', 0, 0, 'livechat', 5, 'Пётр Ёлкин', 1000)`,
    ).run();
    older.prepare("INSERT INTO messages (dialog_id, seq, at, author, text) VALUES (7, 1, 1000, 'client', 'Where is my parcel?')").run();
    older.close();
    const migrated = openDatabase(file);
    for (const text of ['петр', 'ЕЛКИН', 'parc']) expect(countDialogs(migrated, { conditions: [], search: text }, FIXED_NOW), text).toBe(1);
    migrated.close();
  });

  it('writes a long prefix out as the whole terms the index holds, and a probe answers for its one document', () => {
    const { words } = wordsOf(db);
    const common = [...words].sort((a, b) => b[1].dialogs.size - a[1].dialogs.size)[0]![0];
    const prefix = common.slice(0, 4);
    const terms = [...words.keys()].filter((w) => w.startsWith(prefix)).sort();
    const search = searchSql(prefix)!;
    const match = wholeTermMatch(db, search, dataStamp(db))!;
    // client names add terms the messages lack, so the index's terms include the messages' at least
    for (const term of terms) expect(match).toContain(`"${term}"`);
    const ids = db.prepare('SELECT id FROM dialogs ORDER BY id').pluck().all() as number[];
    const expected = oracle(db, prefix);
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.size).toBeLessThan(ids.length);
    // every document asked for by itself: a probe that ignored its rowid would say yes to all
    expect(ids.filter((id) => documentMatches(db, match, id))).toEqual(ids.filter((id) => expected.has(id)));
    // a prefix no term starts with matches nothing, as the prefix itself does
    const none = wholeTermMatch(db, searchSql('qqqqzzzz')!, dataStamp(db))!;
    expect(ids.some((id) => documentMatches(db, none, id))).toBe(false);
  });

  it('pages a search as an SQL oracle orders it, whichever way a block is read', () => {
    const { words } = wordsOf(db);
    const common = [...words].sort((a, b) => b[1].dialogs.size - a[1].dialogs.size)[0]![0];
    const filters: DialogFilter[] = [
      { conditions: [], search: common },
      { conditions: [{ column: 'direction', op: 'in', values: ['in'] }], search: common.slice(0, 3) },
      // a prefix longer than the index keeps: written out as its whole terms for the block's probes
      { conditions: [{ column: 'direction', op: 'in', values: ['in'] }], search: common.slice(0, 4) },
    ];
    const sorts: SortSpec[] = [
      { column: 'createdAt', direction: 'desc' },
      { column: 'client', direction: 'asc' },
      { column: 'responseAvg', direction: 'desc' },
    ];
    for (const [snapshotMax, hop] of [[SNAPSHOT_MAX, HOP], [10, 7]] as const) {
      pagingLimits.snapshotMax = snapshotMax;
      pagingLimits.hop = hop;
      resetPaging(db);
      for (const filter of filters) {
        const expected = oracle(db, filter.search!);
        const total = countDialogs(db, filter, FIXED_NOW);
        for (const sort of sorts) {
          const ids: number[] = [];
          for (let start = 0; start < total; start += 37) ids.push(...listDialogs(db, { filter, sort, startRow: start, endRow: start + 37 }, FIXED_NOW, total).map((r) => r.id));
          const plain = listDialogs(db, { filter: { conditions: filter.conditions }, sort, startRow: 0, endRow: 100_000 }, FIXED_NOW, 100_000).map((r) => r.id);
          const directionIn = filter.conditions.length ? new Set(db.prepare("SELECT id FROM dialogs WHERE direction = 'in'").pluck().all() as number[]) : null;
          expect(ids, `${JSON.stringify(filter)} ${sort.column}`).toEqual(plain.filter((id) => expected.has(id) && (!directionIn || directionIn.has(id))));
          const ranked = listDialogs(db, { filter, sort, startRow: 0, endRow: total, rank: 'relevance' }, FIXED_NOW, total).map((r) => r.id);
          expect(new Set(ranked)).toEqual(new Set(ids));
          expect(ranked.length).toBe(total);
        }
      }
    }
  });
});
