/**
 * The only module that imports better-sqlite3. Opens the cache with the
 * pragmas the research settled on (WAL, NORMAL sync, 64 MiB page cache, temp
 * in memory) and runs the migrations. Statements are prepared once per
 * connection and reused through `prepared`.
 */
import Database from 'better-sqlite3';
import { runMigrations } from './migrations/index.ts';
import { registerTextFunctions } from './text-fold.ts';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** run pending migrations (default true); tests turn it off to step through them */
  migrate?: boolean;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    registerTextFunctions(db);
    if (options.migrate ?? true) runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const cache = new WeakMap<Db, Map<string, Statement>>();
/** Filters make many distinct SQL texts; past this many, the cache starts over. */
const MAX_CACHED_STATEMENTS = 256;

/** A statement prepared once per connection: SQL text is the key. */
export function prepared(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
