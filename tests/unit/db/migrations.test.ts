import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  runMigrations,
  schemaVersion,
  SchemaTooNewError,
} from '../../../electron/app/db/migrations/index.ts';
import { openTempDb } from '../../support/temp-cache.ts';

const tables = (db: ReturnType<typeof openTempDb>['db']) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
const indexes = (db: ReturnType<typeof openTempDb>['db']) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map(
    (t) => t.name,
  );

describe('migrations', () => {
  it('builds a fresh cache at the latest version with every table', () => {
    const { db } = openTempDb();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['clients', 'dialog_events', 'dialogs', 'lines', 'messages', 'operators', 'sync_cursors']),
    );
    expect(indexes(db)).toContain('sx_dialogs_created_at');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('steps one migration at a time and keeps data written between steps', () => {
    const { db, file } = openTempDb({ migrate: false });
    expect(schemaVersion(db)).toBe(0);
    expect(runMigrations(db, 1)).toBe(1);
    expect(indexes(db)).not.toContain('sx_dialogs_created_at');
    db.prepare(
      `INSERT INTO dialogs (id, chat_id, line_id, line_name, direction, status_code, derived_status_code, channel, client_id, client_name, created_at)
       VALUES (1, 10, 1, 'L', 'in', 0, 0, 'livechat', 5, 'Анна', 1000)`,
    ).run();
    db.close();
    const reopened = openDatabase(file);
    expect(schemaVersion(reopened)).toBe(MIGRATIONS.length);
    expect(indexes(reopened)).toContain('sx_dialogs_created_at');
    expect(reopened.prepare('SELECT client_name FROM dialogs WHERE id = 1').get()).toEqual({ client_name: 'Анна' });
  });

  it('refuses a cache written by a newer app, and leaves it untouched', () => {
    const { db, file } = openTempDb();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version/);
    const raw = openDatabase(file, { migrate: false });
    expect(schemaVersion(raw)).toBe(LATEST_SCHEMA_VERSION + 5);
  });

  it('numbers migrations contiguously from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
