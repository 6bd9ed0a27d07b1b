/**
 * The workspace's remembered choices (chosen preset, default preset, chosen
 * layout) per source, and what every workspace query shares: the source key
 * and the error a rule of the workspace raises.
 */
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { readCursor } from './sync-state.ts';

/** The key adoptIdentity (cache-identity.ts) stores the source under; tests/unit/db/table-ownership.test.ts checks they agree. */
export const SOURCE_IDENTITY_KEY = 'source-identity';

/** A workspace rule that was broken; the handler turns `code` into the AppError of the same code. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
  readonly code: 'CONFLICT' | 'NOT_FOUND' | 'VALIDATION' | 'UNAVAILABLE';
  constructor(code: WorkspaceError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** The source this cache belongs to; null before the first sync adopted one. */
export function currentSource(db: Db): string | null {
  return readCursor(db, SOURCE_IDENTITY_KEY);
}

/** The source, for a write: nothing may be saved under no source (it would be orphaned when one arrives). */
export function sourceForWrite(db: Db): string {
  const source = currentSource(db);
  if (source === null) throw new WorkspaceError('UNAVAILABLE', 'The cache has no data source yet; try again once the first sync has started.');
  return source;
}

export const STATE_KEYS = ['presetId', 'defaultPresetId', 'layoutId'] as const;
export type StateKey = (typeof STATE_KEYS)[number];

export function readState(db: Db, source: string): Partial<Record<StateKey, string>> {
  const rows = prepared(db, 'SELECT key, value FROM workspace_state WHERE source = ?').all(source) as Array<{ key: string; value: string }>;
  const out: Partial<Record<StateKey, string>> = {};
  for (const row of rows) if ((STATE_KEYS as readonly string[]).includes(row.key)) out[row.key as StateKey] = row.value;
  return out;
}

/** null forgets the key. */
export function writeState(db: WritableDB, source: string, key: StateKey, value: string | null): void {
  if (value === null) prepared(db, 'DELETE FROM workspace_state WHERE source = ? AND key = ?').run(source, key);
  else
    prepared(db, 'INSERT INTO workspace_state (source, key, value) VALUES (?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET value = excluded.value').run(
      source,
      key,
      value,
    );
}
