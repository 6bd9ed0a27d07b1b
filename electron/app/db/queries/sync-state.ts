/** Sync cursors: where each pull stream stopped, committed with the batch it ends. */
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';

export function readCursor(db: Db, name: string): string | null {
  return (prepared(db, 'SELECT value FROM sync_cursors WHERE name = ?').get(name) as { value: string } | undefined)?.value ?? null;
}

export function writeCursor(db: WritableDB, name: string, value: string): void {
  prepared(db, 'INSERT INTO sync_cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(
    name,
    value,
  );
}

/** Forgets a cursor: the next pull starts that stream from the beginning. */
export function clearCursor(db: WritableDB, name: string): void {
  prepared(db, 'DELETE FROM sync_cursors WHERE name = ?').run(name);
}

export function countAllDialogs(db: Db): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n;
}
