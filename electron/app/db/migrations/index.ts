/**
 * The migration registry. Steps are numbered, run in order, each in its own
 * transaction, and recorded in `PRAGMA user_version`. A cache written by a
 * newer app is refused rather than guessed at: opening it with old code could
 * silently lose columns that code does not know.
 */
import type Database from 'better-sqlite3';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-grid-indexes.ts';
import { migration0003 } from './0003-sort-indexes.ts';
import { migration0004 } from './0004-summary-rollups.ts';
import { migration0005 } from './0005-workspace.ts';
import { migration0006 } from './0006-search.ts';
import { migration0007 } from './0007-chart-rollups.ts';
import { migration0008 } from './0008-outbox.ts';
import { migration0009 } from './0009-audit.ts';
import { migration0010 } from './0010-history-unavailable.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(
      `This cache was written by a newer version of Open Lines Supervisor (schema ${found}; this version knows up to ${supported}). ` +
        'Update the app, or start with a fresh data directory.',
    );
    this.name = 'SchemaTooNewError';
    this.found = found;
    this.supported = supported;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every step after the current version, up to `target` (default: all). */
export function runMigrations(db: Database.Database, target = LATEST_SCHEMA_VERSION): number {
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(current, LATEST_SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
