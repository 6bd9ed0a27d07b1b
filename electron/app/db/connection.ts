/**
 * The only module that imports better-sqlite3. Opens the cache with the
 * pragmas the research settled on (WAL, NORMAL sync, 64 MiB page cache, temp
 * in memory) and runs the migrations. Statements are prepared once per
 * connection and reused through `prepared`, a bounded cache.
 */
import Database from 'better-sqlite3';
import { runMigrations } from './migrations/index.ts';
import { registerTextFunctions } from './text-fold.ts';

declare const writable: unique symbol;
/**
 * Query functions say what they need (Signal's ReadableDB / WritableDB): a
 * function that only reads takes a `ReadableDB` (any connection); one that
 * writes takes a `WritableDB`, which only a read-write open gives. A reader
 * worker holds a read-only connection typed ReadableDB, so calling a write
 * from it does not compile (and would fail at run time anyway).
 */
export type ReadableDB = Database.Database;
export type WritableDB = Database.Database & { readonly [writable]: true };
/** A connection whose use is not narrowed (tools, tests): it reads. */
export type Db = ReadableDB;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** run pending migrations (default true); tests turn it off to step through them */
  migrate?: boolean;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions & { readonly: true }): ReadableDB;
export function openDatabase(file: string, options?: OpenOptions & { readonly?: false }): WritableDB;
export function openDatabase(file: string, options?: OpenOptions): ReadableDB | WritableDB;
export function openDatabase(file: string, options: OpenOptions = {}): ReadableDB | WritableDB {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    // A read-only connection cannot (and need not) change the journal mode.
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    registerTextFunctions(db);
    if (options.migrate ?? true) runMigrations(db);
    return db as WritableDB;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Prepared statements, reused by SQL text, in a least-recently-used cache
 * bounded by count and by SQL size: a prepared statement costs memory in
 * proportion to its text (a 32,000-parameter filter is ~5 MB), so a budget in
 * characters bounds the bytes. A statement too large for the budget is
 * prepared for its one use and left to the garbage collector.
 */
export const STATEMENT_CACHE_LIMITS = { maxStatements: 256, maxTotalChars: 256 * 1024, maxOneChars: 16 * 1024 } as const;

interface StatementCache {
  statements: Map<string, Statement>;
  chars: number;
}

const caches = new WeakMap<Db, StatementCache>();

/** A statement prepared once per connection: SQL text is the key. */
export function prepared(db: Db, sql: string): Statement {
  if (sql.length > STATEMENT_CACHE_LIMITS.maxOneChars) return db.prepare(sql);
  let cache = caches.get(db);
  if (!cache) {
    cache = { statements: new Map(), chars: 0 };
    caches.set(db, cache);
  }
  const hit = cache.statements.get(sql);
  if (hit) {
    // Map order is insertion order: re-inserting marks it most recently used.
    cache.statements.delete(sql);
    cache.statements.set(sql, hit);
    return hit;
  }
  const statement = db.prepare(sql);
  cache.statements.set(sql, statement);
  cache.chars += sql.length;
  for (const [oldest] of cache.statements) {
    if (cache.statements.size <= STATEMENT_CACHE_LIMITS.maxStatements && cache.chars <= STATEMENT_CACHE_LIMITS.maxTotalChars) break;
    cache.statements.delete(oldest);
    cache.chars -= oldest.length;
  }
  return statement;
}

/** What the cache holds, for tests. */
export function statementCacheSize(db: Db): { statements: number; chars: number } {
  const cache = caches.get(db);
  return { statements: cache?.statements.size ?? 0, chars: cache?.chars ?? 0 };
}
