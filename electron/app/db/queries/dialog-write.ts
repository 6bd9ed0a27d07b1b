/**
 * Writing a dialog row: the backend's descriptive fields plus what the
 * metrics engine derived from its timeline, as listed once in DIALOG_TABLE
 * (dialog-columns.ts), so the sync's upsert and the full recompute can never
 * write them differently. Parameters are named (`@column`).
 *
 * An existing row is compared with what would be written and only the
 * columns that changed are updated: SQLite rewrites an index entry for every
 * index whose columns appear in an UPDATE's SET list, changed or not, so a
 * blanket SET of every column would touch every sort index on every message.
 */
import type { DialogComputed } from '../../../../shared/domain/metrics.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { computedValues, DB_COLUMNS, ROW_SELECT, writeValues, type DbColumn, type DialogRow, type DialogWrite } from './dialog-columns.ts';

export type { DialogWrite } from './dialog-columns.ts';

const UPSERT_SQL = `
  INSERT INTO dialogs (${DB_COLUMNS.join(', ')})
  VALUES (${DB_COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    ${DB_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(',\n    ')}`;

const ROW_BY_ID = `SELECT ${ROW_SELECT} FROM dialogs WHERE id = ?`;

/** Updates the columns whose value differs from the stored row; nothing when none does. */
function updateChanged(db: Db, current: DialogRow, values: Partial<Record<DbColumn, unknown>>): void {
  const params: Record<string, unknown> = { id: current.id };
  const set: string[] = [];
  for (const column of Object.keys(values) as DbColumn[]) {
    if (column === 'id' || current[column] === values[column]) continue;
    params[column] = values[column];
    set.push(`${column} = @${column}`);
  }
  if (set.length) prepared(db, `UPDATE dialogs SET ${set.join(', ')} WHERE id = @id`).run(params);
}

export function upsertDialog(db: WritableDB, write: DialogWrite): void {
  const values = writeValues(write);
  const current = prepared(db, ROW_BY_ID).get(values.id) as DialogRow | undefined;
  if (current) updateChanged(db, current, values);
  else prepared(db, UPSERT_SQL).run(values);
}

/** Rewrites only what the engine derives: used by the full recompute. */
export function storeComputed(db: WritableDB, id: number, reportedStatusCode: number | null, c: DialogComputed, metricsVersion: number): void {
  const current = prepared(db, ROW_BY_ID).get(id) as DialogRow | undefined;
  if (current) updateChanged(db, current, computedValues({ computed: c, reportedStatusCode, metricsVersion }));
}

export function dialogExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM dialogs WHERE id = ?').get(id) !== undefined;
}

export interface RecomputeTarget {
  id: number;
  direction: 'in' | 'out';
  reported_status_code: number | null;
}

/** How many dialogs a recompute will visit (all, or those below an engine version). */
export function countRecomputeTargets(db: Db, belowVersion: number | null): number {
  const row = (
    belowVersion === null
      ? prepared(db, 'SELECT COUNT(*) AS n FROM dialogs').get()
      : prepared(db, 'SELECT COUNT(*) AS n FROM dialogs WHERE metrics_version < ?').get(belowVersion)
  ) as { n: number };
  return row.n;
}

/** Dialogs in id order after `afterId`, for recomputing in resumable chunks. */
export function dialogsAfter(db: Db, afterId: number, limit: number, belowVersion: number | null): RecomputeTarget[] {
  return (
    belowVersion === null
      ? prepared(db, 'SELECT id, direction, reported_status_code FROM dialogs WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit)
      : prepared(
          db,
          'SELECT id, direction, reported_status_code FROM dialogs WHERE id > ? AND metrics_version < ? ORDER BY id LIMIT ?',
        ).all(afterId, belowVersion, limit)
  ) as RecomputeTarget[];
}
