/**
 * Opens the cache, and recovers from a damaged one: a file that does not open
 * as SQLite, or fails `PRAGMA quick_check`, is moved aside (never deleted),
 * a fresh cache is created in its place — the sync then rebuilds it from the
 * source — and user-owned tables are copied over where they still read.
 *
 * quick_check reads the whole file (seconds at a million dialogs), so it runs
 * when the last session did not close the cache cleanly (a marker file lives
 * beside the cache while it is open) or when the file is small enough for
 * the check to cost nothing noticeable. A cache from a newer app is not
 * damage: SchemaTooNewError still refuses it, untouched.
 */
import fs from 'node:fs';
import type { StartupNotice } from '../../../shared/ipc/contract.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { ensurePrivateFile, moveAside } from '../storage/private-files.ts';
import { openDatabase, type Db, type WritableDB } from './connection.ts';
import { SchemaTooNewError } from './migrations/index.ts';
import { USER_OWNED_TABLES } from './tables.ts';

/** Below this size quick_check runs at every start (well under a second here). */
export const ALWAYS_CHECK_BELOW_BYTES = 256 << 20;

export interface OpenedCache {
  db: WritableDB;
  notice: StartupNotice | null;
  /** closes the connection and clears the open marker: the next start may skip the check */
  close(): void;
}

const markerOf = (file: string) => `${file}.open`;

function needsCheck(file: string): boolean {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return size > 0 && (size < ALWAYS_CHECK_BELOW_BYTES || fs.existsSync(markerOf(file)));
}

/** null when the cache reads; otherwise why it is unusable. */
function tryOpen(file: string, check: boolean): { db: WritableDB; problem: null } | { db: null; problem: string } {
  let db: WritableDB | null = null;
  try {
    db = openDatabase(file);
    if (check) {
      const rows = db.pragma('quick_check(20)') as Array<{ quick_check: string }>;
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length) {
        db.close();
        return { db: null, problem: `quick_check: ${problems.slice(0, 3).join('; ')}` };
      }
    }
    return { db, problem: null };
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw error;
    try {
      db?.close();
    } catch {
      // already unusable; the file is moved aside next
    }
    return { db: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

export function openCacheWithRecovery(file: string, log: Logger, userTables: readonly string[] = USER_OWNED_TABLES): OpenedCache {
  ensurePrivateFile(file);
  let opened = tryOpen(file, needsCheck(file));
  let notice: StartupNotice | null = null;
  if (!opened.db) {
    const movedTo = moveAside(file, 'corrupt');
    log.warn(`[cache] ${file} is damaged (${opened.problem}); moved to ${movedTo}, rebuilding from the source`);
    ensurePrivateFile(file);
    opened = tryOpen(file, false);
    if (!opened.db) throw new Error(`A fresh cache could not be created at ${file}: ${opened.problem}`);
    salvageTables(movedTo, opened.db, userTables, log);
    notice = { kind: 'cacheRebuilt', movedTo };
  }
  const db = opened.db;
  ensurePrivateFile(markerOf(file));
  return {
    db,
    notice,
    close() {
      db.close();
      fs.rmSync(markerOf(file), { force: true });
    },
  };
}

/** Copies the rows of each table that still read from a damaged cache into a fresh one (shared columns only). */
export function salvageTables(fromFile: string, into: Db, tables: readonly string[], log: Logger): Record<string, number> {
  const copied: Record<string, number> = {};
  if (!tables.length) return copied;
  let from: Db;
  try {
    from = openDatabase(fromFile, { readonly: true, migrate: false });
  } catch (error) {
    log.warn(`[cache] nothing salvaged from ${fromFile}: ${error instanceof Error ? error.message : String(error)}`);
    return copied;
  }
  try {
    for (const table of tables) copied[table] = salvageTable(from, into, table, log);
  } finally {
    from.close();
  }
  return copied;
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((c) => c.name);
}

function salvageTable(from: Db, into: Db, table: string, log: Logger): number {
  let copied = 0;
  try {
    const wanted = new Set(columnsOf(into, table));
    const shared = columnsOf(from, table).filter((c) => wanted.has(c));
    if (!shared.length) return 0;
    const list = shared.map((c) => `"${c}"`).join(', ');
    const insert = into.prepare(`INSERT OR IGNORE INTO "${table}" (${list}) VALUES (${shared.map(() => '?').join(', ')})`);
    const rows = from.prepare(`SELECT ${list} FROM "${table}"`).raw();
    into.transaction(() => {
      try {
        for (const row of rows.iterate() as Iterable<unknown[]>) copied += insert.run(...row).changes;
      } catch (error) {
        // A damaged page mid-table: keep what was read before it.
        log.warn(`[cache] salvage of ${table} stopped after ${copied} rows: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    log.info(`[cache] salvaged ${copied} rows of ${table}`);
  } catch (error) {
    log.warn(`[cache] ${table} could not be salvaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  return copied;
}
