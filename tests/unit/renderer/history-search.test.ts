/**
 * The history pane's search and rows (renderer/src/components/history/):
 * the app's fold (case, ё = е), ranges that point at the original text even
 * where folding changes a character's length, matches in history order that
 * never overlap, next / previous wrapping round, and the virtual list's rows
 * (a day line where a day starts; every entry's row) over 10,000 messages.
 */
import { describe, expect, it } from 'vitest';
import { findMatches, foldTexts, matchesByEntry, searchNeedle, stepMatch } from '../../../renderer/src/components/history/history-search.ts';
import { historyRows } from '../../../renderer/src/components/history/history-rows.ts';
import { foldText as dbFold } from '../../../electron/app/db/text-fold.ts';
import { foldText } from '../../../shared/domain/text-fold.ts';

const search = (texts: Array<string | null>, query: string) => findMatches(foldTexts(texts), query);
const marked = (texts: Array<string | null>, query: string) =>
  search(texts, query).map(({ entry, start, end }) => texts[entry]!.slice(start, end));

describe('history search', () => {
  it('folds as the database does: one function, case- and ё-insensitive', () => {
    expect(dbFold).toBe(foldText);
    expect(searchNeedle('  ЁЛКА ')).toBe('елка');
  });

  it('finds a word typed in another case and with ё for е, and marks it as written', () => {
    const texts = ['Добрый день! Ёлка приедет завтра', null, 'ЕЛКА уже в пути, ёлка!', 'нет'];
    expect(marked(texts, 'ёлКа')).toEqual(['Ёлка', 'ЕЛКА', 'ёлка']);
    expect(search(texts, 'елка').map((m) => m.entry)).toEqual([0, 2, 2]);
    expect(search(texts, 'Latin')).toEqual([]);
  });

  it('finds nothing for an empty or blank query, and skips entries without text', () => {
    expect(search(['a b c'], '')).toEqual([]);
    expect(search(['a b c'], '   ')).toEqual([]);
    expect(search([null, null], 'a')).toEqual([]);
  });

  it('never overlaps matches: "aa" in "aaaa" twice, in order', () => {
    expect(search(['aaaa'], 'aa')).toEqual([
      { entry: 0, start: 0, end: 2 },
      { entry: 0, start: 2, end: 4 },
    ]);
  });

  it('never folds a character shorter (the fast path relies on it); only İ grows', () => {
    const grows: number[] = [];
    const shrinks: number[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      const folded = foldText(ch).length;
      if (folded > ch.length) grows.push(code);
      else if (folded < ch.length) shrinks.push(code);
    }
    expect(shrinks).toEqual([]);
    expect(grows).toEqual([0x130]);
  });

  it('maps ranges back to the original where folding changes a length (İ folds to two units)', () => {
    const text = 'İstanbul и Москва';
    expect(foldText('İ').length).toBe(2);
    const matches = search([text], 'москва');
    expect(matches).toHaveLength(1);
    expect(text.slice(matches[0]!.start, matches[0]!.end)).toBe('Москва');
    // a match that covers only part of a folded character marks the whole character
    const partial = search([text], 'i');
    expect(text.slice(partial[0]!.start, partial[0]!.end)).toBe('İ');
    // characters beyond the BMP keep their two units
    const emoji = '🙂 Привет';
    const hit = search([emoji], 'привет')[0]!;
    expect(emoji.slice(hit.start, hit.end)).toBe('Привет');
  });

  it('steps to the next and previous match, wrapping round; nothing without matches', () => {
    expect(stepMatch(0, 3, 1)).toBe(1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(5, 3, 1)).toBe(0);
    expect(stepMatch(0, 0, 1)).toBe(-1);
    expect(stepMatch(0, 1, 1)).toBe(0);
  });

  it('groups matches by entry with their place among all matches', () => {
    const matches = search(['ab ab', 'x', 'ab'], 'ab');
    expect([...matchesByEntry(matches)]).toEqual([
      [0, [{ start: 0, end: 2, index: 0 }, { start: 3, end: 5, index: 1 }]],
      [2, [{ start: 0, end: 2, index: 2 }]],
    ]);
  });

  it('over 10,000 messages finds exactly what a plain scan of the folded texts finds', () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? `Заказ №${i}: ЁЖИК доставлен` : i % 5 === 0 ? null : `сообщение ${i} про ежика`));
    const matches = search(texts, 'Ёжик');
    const oracle = texts.flatMap((t, i) => (t === null ? [] : [...foldText(t).matchAll(/ежик/g)].map(() => i)));
    expect(matches.map((m) => m.entry)).toEqual(oracle);
    expect(matches.length).toBeGreaterThan(8_000);
    // the last match is the last text's, and its range reads as written there
    const last = matches.at(-1)!;
    expect(texts[last.entry]!.slice(last.start, last.end).toLowerCase()).toMatch(/^(ёжик|ежик)$/);
  });
});

describe('history rows', () => {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const at = (iso: string) => Date.parse(iso);

  it('puts a day line before the first entry of each day and maps each entry to its row', () => {
    const entries = [
      { seq: 1, at: at('2026-11-20T10:00:00Z') },
      { seq: 2, at: at('2026-11-20T23:59:00Z') },
      { seq: 3, at: at('2026-11-21T00:01:00Z') },
      { seq: 4, at: at('2026-11-23T08:00:00Z') },
    ];
    const { rows, rowOfEntry } = historyRows(entries, day);
    expect(rows.map((r) => (r.kind === 'day' ? `day ${day(r.at)}` : `entry ${r.entry}`))).toEqual([
      'day 2026-11-20',
      'entry 0',
      'entry 1',
      'day 2026-11-21',
      'entry 2',
      'day 2026-11-23',
      'entry 3',
    ]);
    expect(rowOfEntry).toEqual([1, 2, 4, 6]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('has no rows for an empty history', () => {
    expect(historyRows([], day)).toEqual({ rows: [], rowOfEntry: [] });
  });

  it('keeps every one of 10,000 entries reachable by row', () => {
    const start = at('2026-11-01T00:00:00Z');
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ seq: i + 1, at: start + i * 60_000 }));
    const { rows, rowOfEntry } = historyRows(entries, day);
    expect(rowOfEntry).toHaveLength(10_000);
    rowOfEntry.forEach((row, entry) => expect(rows[row]).toMatchObject({ kind: 'entry', entry }));
    // 10,000 minutes are just under seven days
    expect(rows.filter((r) => r.kind === 'day')).toHaveLength(7);
  });
});
