/**
 * The quick-search index (migration 0006): one FTS5 document per dialog —
 * rowid = dialog id, the client's name and every message's text — so a
 * match is a set of dialog ids the grid can filter and sort by directly. A
 * document per message would find the messages, then need a lookup per
 * matching message to reach its dialog: ~1 M lookups for a common word at
 * 1 M dialogs (research sqlite-limits.md §6: 0.8–1 s for the first block).
 *
 * Contentless (`content=''`, nothing stored twice) with `contentless_delete`
 * so a dialog's document is replaced by rowid alone. Text goes in folded by
 * ols_fold (lower case, ё → е: unicode61 folds case but not ё), and queries
 * are folded by foldText, the same function. `prefix='3'` keeps a 3-letter
 * prefix query as cheap as a word. Columnsize stays on: bm25 (ranking by
 * relevance) needs each document's length.
 *
 * Kept in step by the writer, once per sync batch (refreshSearchDocs, in the
 * batch's transaction), never by triggers: a trigger would rewrite a
 * dialog's whole document for every message of the batch.
 */
import type { Db } from '../connection.ts';
import { prepared } from '../connection.ts';

export const SEARCH_TABLE = 'search_fts';

export const CREATE_SEARCH_SQL = `CREATE VIRTUAL TABLE IF NOT EXISTS ${SEARCH_TABLE} USING fts5(
  client, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '3'
)`;

/** A dialog's document: its client name and its messages' text, in timeline order, folded. */
const DOCS_SQL = `
  SELECT d.id, ols_fold(d.client_name) AS client,
         (SELECT ols_fold(group_concat(m.text, char(10))) FROM messages m WHERE m.dialog_id = d.id AND m.text IS NOT NULL) AS body
    FROM dialogs d`;

const hasIndex = new WeakMap<Db, boolean>();

/** Whether this cache has the search index (a cache below migration 0006, in tests and tools, has not). */
export function hasSearchIndex(db: Db): boolean {
  let present = hasIndex.get(db);
  if (present === undefined) {
    present = prepared(db, 'SELECT COUNT(*) FROM sqlite_master WHERE name = ?').pluck().get(SEARCH_TABLE) === 1;
    hasIndex.set(db, present);
  }
  return present;
}

export function createSearchIndex(db: Db): void {
  db.exec(CREATE_SEARCH_SQL);
  hasIndex.set(db, true);
}

/**
 * Every dialog's document again, in id order (FTS5 appends rowids in
 * increasing order without flushing its pending terms), then one merge into
 * a single segment: a probe of a document (the grid's walk checks one per
 * row) opens every segment, ~1.6 µs against ~28 µs at 100 k dialogs.
 */
export function rebuildSearchIndex(db: Db): void {
  if (!hasSearchIndex(db)) return;
  db.exec(`INSERT INTO ${SEARCH_TABLE}(${SEARCH_TABLE}) VALUES ('delete-all')`);
  db.exec(`INSERT INTO ${SEARCH_TABLE}(rowid, client, body) ${DOCS_SQL} ORDER BY d.id`);
  db.exec(`INSERT INTO ${SEARCH_TABLE}(${SEARCH_TABLE}) VALUES ('optimize')`);
}

/** Empties the index (a source change, before the dialogs go). */
export function clearSearchIndex(db: Db): void {
  if (hasSearchIndex(db)) db.exec(`INSERT INTO ${SEARCH_TABLE}(${SEARCH_TABLE}) VALUES ('delete-all')`);
}

/**
 * Rewrites the documents of the dialogs a batch touched, inside the batch's
 * transaction: all deletes, then the inserts in increasing id order (an
 * insert below the last rowid written would make FTS5 flush its pending
 * terms into a new segment each time). FTS5's automerge keeps the segment
 * count bounded as batches add theirs.
 */
export function refreshSearchDocs(db: Db, ids: readonly number[]): void {
  if (ids.length === 0 || !hasSearchIndex(db)) return;
  const sorted = JSON.stringify([...new Set(ids)].sort((a, b) => a - b));
  prepared(db, `DELETE FROM ${SEARCH_TABLE} WHERE rowid IN (SELECT value FROM json_each(?))`).run(sorted);
  prepared(db, `INSERT INTO ${SEARCH_TABLE}(rowid, client, body) ${DOCS_SQL} WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.id`).run(sorted);
}
