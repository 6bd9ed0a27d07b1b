/**
 * Bulk loading a fresh cache (the scale generator): rows go in large
 * transactions through multi-row statements, with the secondary indexes and
 * triggers dropped meanwhile and recreated afterwards from their own SQL, as
 * sqlite_master held it, so an index or trigger another migration adds is
 * handled without a change here. Derived tables (rollups, a search index)
 * are rebuilt once at the end, then ANALYZE gives the planner its statistics.
 *
 * Dialog rows are the column registry's own values (writeValues, what the
 * sync's upsertDialog inserts for a new dialog), so a generated row is
 * written exactly as a synced one would be; into a fresh table they go by
 * plain multi-row INSERT instead of one look-up and upsert each.
 */
import type { TimelineEntry } from '../../../../shared/domain/timeline.ts';
import type { Db, Statement } from '../connection.ts';
import { rebuildDerivedTables } from './derived-tables.ts';
import { DB_COLUMNS, DIALOG_TABLE, type ComputedInput, type DialogWrite } from './dialog-columns.ts';

export type SqlValue = number | string | null;

/** One chunk of rows, flat (the values of each row in column order, one row after the other). */
export interface BulkRows {
  /** DB_COLUMNS of each dialog (dialogRowValues) */
  dialogs: SqlValue[];
  /** dialog_id, seq, at, author, operator_id, hidden, text */
  messages: SqlValue[];
  /** dialog_id, seq, at, kind, operator_id, to_operator_id, to_line_id, rating */
  events: SqlValue[];
  /** id, name */
  clients: SqlValue[];
}

const MESSAGE_COLUMNS = ['dialog_id', 'seq', 'at', 'author', 'operator_id', 'hidden', 'text'] as const;
const EVENT_COLUMNS = ['dialog_id', 'seq', 'at', 'kind', 'operator_id', 'to_operator_id', 'to_line_id', 'rating'] as const;

/** How many values a dialog row has (the columns of `dialogs`, in DB_COLUMNS order). */
export const DIALOG_ROW_WIDTH = DB_COLUMNS.length;

type RowWriter = { origin: 'snapshot'; value: (w: DialogWrite) => SqlValue } | { origin: 'computed'; value: (c: ComputedInput) => SqlValue };
const ROW_WRITERS = DB_COLUMNS.map((column) => DIALOG_TABLE[column] as unknown as RowWriter);

/**
 * A dialog's row: the registry's value of every column, in DB_COLUMNS order,
 * as writeValues gives it (read straight into an array: a keyed object of
 * every column per dialog is measurable garbage at a million dialogs).
 */
export function dialogRowValues(write: DialogWrite): SqlValue[] {
  const input: ComputedInput = { computed: write.computed, reportedStatusCode: write.snapshot.reportedStatusCode, metricsVersion: write.metricsVersion };
  const row = new Array<SqlValue>(ROW_WRITERS.length);
  for (let i = 0; i < ROW_WRITERS.length; i++) {
    const writer = ROW_WRITERS[i] as RowWriter;
    row[i] = writer.origin === 'snapshot' ? writer.value(write) : writer.value(input);
  }
  return row;
}

/** Where a dialog's timeline rows go, column by column (see timelineRows). */
export interface TimelineSink {
  message(dialogId: number, seq: number, at: number, author: string, operatorId: number | null, hidden: number, text: string | null): void;
  event(dialogId: number, seq: number, at: number, kind: string, operatorId: number | null, toOperatorId: number | null, toLineId: number | null, rating: string | null): void;
}

/** A dialog's timeline as rows of messages and dialog_events, mapped as upsertTimelineEntry maps one entry. */
export function timelineRows(dialogId: number, entries: readonly TimelineEntry[], sink: TimelineSink): void {
  for (const e of entries) {
    if (e.kind === 'message') sink.message(dialogId, e.seq, e.at, e.author ?? 'system', e.operatorId ?? null, e.hidden ? 1 : 0, e.text ?? null);
    else sink.event(dialogId, e.seq, e.at, e.kind, e.operatorId ?? null, e.toOperatorId ?? null, e.toLineId ?? null, e.rating ?? null);
  }
}

export interface SecondaryStructures {
  indexes: Array<{ name: string; sql: string }>;
  triggers: Array<{ name: string; sql: string }>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Drops every index that is not a constraint's own, and every trigger; returns their SQL to recreate them. */
export function dropSecondaryStructures(db: Db): SecondaryStructures {
  const read = (type: 'index' | 'trigger') =>
    db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name`).all(type) as Array<{
      name: string;
      sql: string;
    }>;
  const saved = { indexes: read('index'), triggers: read('trigger') };
  db.transaction(() => {
    for (const trigger of saved.triggers) db.exec(`DROP TRIGGER ${quote(trigger.name)}`);
    for (const index of saved.indexes) db.exec(`DROP INDEX ${quote(index.name)}`);
  })();
  return saved;
}

/** Recreates what dropSecondaryStructures dropped (indexes first: a trigger may rely on none, but reads faster with them). */
export function restoreSecondaryStructures(db: Db, saved: SecondaryStructures, onIndex?: (done: number, total: number) => void): void {
  saved.indexes.forEach((index, i) => {
    db.exec(index.sql);
    onIndex?.(i + 1, saved.indexes.length);
  });
  for (const trigger of saved.triggers) db.exec(trigger.sql);
}

/**
 * Pragmas for loading a file nobody else has open: no rollback journal and no
 * fsync (a kill leaves a temp file the generator never renames into place)
 * and a large page cache. (`PRAGMA threads` was tried for the index sorts:
 * at a million rows it changed nothing, each CREATE INDEX stayed on one core.)
 */
export function beginFastLoad(db: Db): void {
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
}

/** Back to the pragmas connection.ts opens every cache with, and a file in WAL mode. */
export function endFastLoad(db: Db): void {
  db.pragma('cache_size = -65536');
  db.pragma('synchronous = NORMAL');
  db.pragma('journal_mode = WAL');
}

/** Statistics for the planner, and whatever derived tables the load skipped. */
export function finishLoad(db: Db): void {
  rebuildDerivedTables(db);
  // every entry, not a sample (analysis_limit): sampled statistics made the planner skip-scan a sort
  // index for a search's `id IN (matches)` — ANY(client_name) AND id=? per match, minutes at 1 M
  db.exec('ANALYZE');
}

const ROWS_PER_STATEMENT = 100;

/** Runs `columns`-wide rows from a flat array through a multi-row INSERT, and a one-row one for the rest. */
function flatInserter(db: Db, head: string, columns: number, tail = ''): (flat: unknown[]) => void {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  // a statement's parameters stay within SQLite's default bound (32,766)
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(32_000 / columns)));
  const many: Statement = db.prepare(`${head} VALUES ${new Array(perStatement).fill(row).join(', ')} ${tail}`);
  const one: Statement = db.prepare(`${head} VALUES ${row} ${tail}`);
  const width = columns * perStatement;
  return (flat) => {
    let i = 0;
    for (; i + width <= flat.length; i += width) many.run(flat.slice(i, i + width));
    for (; i < flat.length; i += columns) one.run(flat.slice(i, i + columns));
  };
}

/** Writes chunks of rows, one transaction each. */
export function createBulkWriter(db: Db): { write(rows: BulkRows): void } {
  const messages = flatInserter(db, `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')})`, MESSAGE_COLUMNS.length);
  const events = flatInserter(db, `INSERT INTO dialog_events (${EVENT_COLUMNS.join(', ')})`, EVENT_COLUMNS.length);
  // a returning client is written again: the same name, the last write wins as in the sync
  const clients = flatInserter(db, 'INSERT INTO clients (id, name)', 2, 'ON CONFLICT (id) DO UPDATE SET name = excluded.name');
  const dialogs = flatInserter(db, `INSERT INTO dialogs (${DB_COLUMNS.join(', ')})`, DIALOG_ROW_WIDTH);
  const write = db.transaction((rows: BulkRows) => {
    clients(rows.clients);
    dialogs(rows.dialogs);
    messages(rows.messages);
    events(rows.events);
  });
  return { write: (rows) => write(rows) };
}
