/**
 * The quick search as SQL over the dialog documents of search-index.ts, and
 * the same matching in JS for the history pane's highlights.
 *
 * The user's text never becomes SQL text, nor FTS5 syntax: it is folded
 * (foldText: the index holds ols_fold'ed text), cut into words of letters,
 * digits and marks — what unicode61 keeps as token characters; everything
 * else separates — and each word is written as a quoted FTS5 string into a
 * MATCH expression that goes in as a bound parameter. Words are ANDed; a
 * word of three or more characters matches as a prefix (the index keeps
 * 3-character prefixes), a shorter one as a whole word. A search of digits
 * (optionally after #) also matches that dialog number. Text with no word
 * in it restricts nothing.
 */
import { foldText } from '../text-fold.ts';
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';
import { SEARCH_TABLE } from './search-index.ts';

/** Words after the first 16 add little and cost a doclist each. */
export const MAX_SEARCH_WORDS = 16;
/** Words at least this long match as prefixes. */
export const PREFIX_MIN = 3;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

export interface ParsedSearch {
  /** folded words, unique, in the order typed */
  words: string[];
  /** the FTS5 MATCH expression (a bound parameter, never SQL text) */
  match: string;
  /** the dialog number the text names, if it is one */
  number: number | null;
}

/**
 * One folded word as FTS5 syntax: a prefix from PREFIX_MIN characters, else
 * the whole word. Words hold no '"' (not a token character), so quoting needs
 * no escaping.
 */
const quotedWord = (w: string): string => (w.length >= PREFIX_MIN ? `"${w}"*` : `"${w}"`);

/** The search's words and MATCH expression, or null when the text has no word (no restriction). */
export function parseSearch(text: string | undefined | null): ParsedSearch | null {
  if (!text) return null;
  const trimmed = text.trim();
  const words = [...new Set(foldText(trimmed).match(WORD) ?? [])].slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const digits = /^#?(\d{1,15})$/.exec(trimmed);
  const number = digits ? Number(digits[1]) : null;
  const match = words.map(quotedWord).join(' ');
  return { words, match, number: number !== null && Number.isSafeInteger(number) && number > 0 ? number : null };
}

export interface SearchSql {
  /** the condition as a set: drives rowid lookups (counts, a small set ordered once) */
  sql: string;
  /**
   * The same condition as a probe of one row's document: what a walk of the
   * id-ordered sort index checks per entry (dialog-paging.ts). `id IN
   * (subquery)` there builds the whole match set on every statement (~0.15
   * µs a match: 100 ms for a common word at 1 M); probes in rowid order
   * cost ~2 µs each on a merged index — but only
   * for words the index holds as they are (whole words, 3-letter prefixes):
   * a longer prefix is expanded over every term it starts, whole doclists
   * merged, on every probe (2.6 s for a first block at 100 k). Null then:
   * the walk checks the set.
   */
  probe: string | null;
  params: unknown[];
  match: string;
  /** folded words, as parseSearch gives them */
  words: readonly string[];
  number: number | null;
}

const IN_SET = `id IN (SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?)`;
const PROBE = `EXISTS (SELECT 1 FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid = dialogs.id)`;

/** The WHERE part of a search; null when it restricts nothing. */
export function searchSql(text: string | undefined): SearchSql | null {
  const parsed = parseSearch(text);
  if (!parsed) return null;
  const { match, number } = parsed;
  const probes = parsed.words.every((w) => w.length <= PREFIX_MIN);
  const { words } = parsed;
  if (number === null) return { sql: IN_SET, probe: probes ? PROBE : null, params: [match], match, words, number };
  return { sql: `(id = ? OR ${IN_SET})`, probe: probes ? `(id = ? OR ${PROBE})` : null, params: [number, match], match, words, number };
}

/** A longer prefix than this many terms is left as a prefix: each term is one more doclist seek per probe. */
export const EXPAND_MAX_TERMS = 16;
const VOCAB = 'temp.ols_search_vocab';
const vocabReady = new WeakSet<Db>();
const MAX_EXPANSIONS = 32;
const expansions = new WeakMap<Db, Map<string, string | null>>();

/**
 * The search's MATCH with each prefix longer than the index keeps (4+
 * characters) written out as the whole terms the index holds under it, or
 * null when one has more than EXPAND_MAX_TERMS. The same documents match,
 * but a probe of one document by rowid then costs ~25 µs instead of ~18 ms
 * (FTS5 merges every term's whole doclist on each probe of a prefix it has
 * no index for), and a count ~22 ms instead of ~51 ms — both measured for a
 * word in 64 % of 1 M dialogs. Looking the terms up reads the vocabulary
 * (~20 ms for a common one), so the answer is kept per data version
 * (`stamp`: dialog-paging.ts dataStamp).
 */
export function wholeTermMatch(db: Db, search: SearchSql, stamp: string): string | null {
  if (search.words.every((w) => w.length <= PREFIX_MIN)) return search.match;
  let cache = expansions.get(db);
  if (!cache) expansions.set(db, (cache = new Map()));
  const key = `${stamp}|${search.match}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (!vocabReady.has(db)) {
    // a temp table: per connection, possible on a read-only one, and never in the cache file
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, ${SEARCH_TABLE}, 'row')`);
    vocabReady.add(db);
  }
  const terms = prepared(db, `SELECT term FROM ${VOCAB} WHERE term >= ? AND term < ? LIMIT ?`).pluck();
  const groups: string[] = [];
  for (const word of search.words) {
    if (word.length <= PREFIX_MIN) {
      groups.push(quotedWord(word));
      continue;
    }
    // every term that starts with `word` sorts between it and it followed by the highest code point
    const found = terms.all(word, `${word}\u{10FFFF}`, EXPAND_MAX_TERMS + 1) as string[];
    if (found.length > EXPAND_MAX_TERMS) break;
    // none: the word itself matches nothing, as the prefix did
    const whole = found.length ? found : [word];
    // terms are token characters only (no '"'): quoting needs no escaping
    groups.push(whole.length === 1 ? `"${whole[0]}"` : `(${whole.map((t) => `"${t}"`).join(' OR ')})`);
  }
  const expanded = groups.length === search.words.length ? groups.join(' AND ') : null;
  for (const oldest of cache.keys()) {
    if (cache.size < MAX_EXPANSIONS) break;
    cache.delete(oldest);
  }
  cache.set(key, expanded);
  return expanded;
}

/**
 * Whether one dialog's document matches `match` (a MATCH from
 * wholeTermMatch): ~25 µs by rowid. The CAST matters: better-sqlite3 binds a
 * JS number as REAL, and FTS5 ignores a rowid constraint that is not an
 * integer — the statement then answers for the first match of the whole
 * index, whatever the id (tests/unit/search/search.test.ts pins it).
 */
export function documentMatches(db: Db, match: string, id: number): boolean {
  return prepared(db, `SELECT 1 FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck().get(match, id) === 1;
}

/**
 * The count of a filter that is a search alone, from the index itself
 * (every document is one stored dialog): 2 ms at 100 k for a word in 64 %
 * of the dialogs, where counting dialogs by id looks each match up. Null
 * for any other filter.
 */
export function countSearchOnly(db: Db, parts: readonly string[], search: SearchSql | undefined, stamp: string): number | null {
  if (!search || parts.length !== 1 || parts[0] !== search.sql) return null;
  const match = wholeTermMatch(db, search, stamp) ?? search.match;
  const matched = prepared(db, `SELECT COUNT(*) FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?`).pluck().get(match) as number;
  if (search.number === null) return matched;
  const extra = prepared(
    db,
    `SELECT COUNT(*) FROM dialogs WHERE id = ? AND id NOT IN (SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid = ?)`,
  )
    .pluck()
    .get(search.number, search.match, search.number) as number;
  return matched + extra;
}

/** Client-name matches weigh more than message text in the relevance order (bm25's column weights). */
const CLIENT_WEIGHT = 4;

/**
 * Every matching dialog's id by relevance: the dialog the number names
 * first, then bm25 (best first; ties newest first). `others` are the rest of
 * the filter's conditions, checked on each match's row. This ranks every
 * match: ~1 µs a match (60 ms for a word in 64 % of 100 k dialogs).
 */
export function rankedIds(db: Db, search: SearchSql, others: { parts: readonly string[]; params: readonly unknown[] }): number[] {
  const where = others.parts.length ? ` AND ${others.parts.join(' AND ')}` : '';
  // a search alone needs no dialog row: every document is one stored dialog
  const from = others.parts.length ? `${SEARCH_TABLE} JOIN dialogs ON dialogs.id = ${SEARCH_TABLE}.rowid` : SEARCH_TABLE;
  const ranked = prepared(
    db,
    `SELECT ${SEARCH_TABLE}.rowid FROM ${from}
      WHERE ${SEARCH_TABLE} MATCH ?${where}
      ORDER BY bm25(${SEARCH_TABLE}, ${CLIENT_WEIGHT}, 1), ${SEARCH_TABLE}.rowid DESC`,
  )
    .pluck()
    .all(search.match, ...others.params) as number[];
  if (search.number === null) return ranked;
  const named = prepared(db, `SELECT id FROM dialogs WHERE id = ?${where}`).pluck().get(search.number, ...others.params) as number | undefined;
  return named === undefined ? ranked : [named, ...ranked.filter((id) => id !== named)];
}

/**
 * Where the search's words occur in a text, as [start, end) ranges of
 * UTF-16 offsets into the text as given, matched as the index matches: on
 * folded words, a prefix for words of PREFIX_MIN or more, whole otherwise.
 * A prefix's range covers the characters that fold to it.
 */
export function highlightRanges(text: string | null, search: ParsedSearch | null): Array<[number, number]> {
  if (!text || !search) return [];
  const ranges: Array<[number, number]> = [];
  for (const found of text.matchAll(WORD)) {
    const word = found[0];
    const folded = foldText(word);
    let longest = 0;
    for (const w of search.words) {
      const hit = w.length >= PREFIX_MIN ? folded.startsWith(w) : folded === w;
      if (hit) longest = Math.max(longest, w.length);
    }
    if (longest === 0) continue;
    ranges.push([found.index, found.index + originalLength(word, longest)]);
  }
  return ranges;
}

/** How many UTF-16 units of `word` fold to its first `foldedLength` folded units. */
function originalLength(word: string, foldedLength: number): number {
  let folded = 0;
  let at = 0;
  for (const ch of word) {
    if (folded >= foldedLength) break;
    folded += foldText(ch).length;
    at += ch.length;
  }
  return at;
}
