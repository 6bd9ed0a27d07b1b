/**
 * Named column layouts (migration 0005), per source. Columns are stored as
 * the JSON the IPC schema validated; reading drops a column id this app no
 * longer knows (the grid fills the rest from the defaults).
 */
import { isColumnId } from '../../../../shared/domain/columns.ts';
import { MAX_LAYOUTS, PIN_SIDES, freeName, type ColumnLayout, type LayoutColumn } from '../../../../shared/domain/layouts.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { WorkspaceError } from './workspace-state.ts';

interface LayoutRow {
  id: number;
  name: string;
  columns_json: string;
}

/** A stored column list, kept only where each entry still means what it meant. */
export function readColumns(value: unknown): LayoutColumn[] {
  if (!Array.isArray(value)) return [];
  const out: LayoutColumn[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, visible, width, pinned } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !isColumnId(id) || typeof visible !== 'boolean') continue;
    const column: LayoutColumn = { id, visible };
    if (typeof width === 'number' && Number.isInteger(width) && width >= 20 && width <= 2000) column.width = width;
    if (pinned === null || (PIN_SIDES as readonly unknown[]).includes(pinned)) column.pinned = pinned as LayoutColumn['pinned'];
    out.push(column);
  }
  return out;
}

function layoutFromRow(row: LayoutRow): ColumnLayout {
  let columns: LayoutColumn[] = [];
  try {
    columns = readColumns(JSON.parse(row.columns_json));
  } catch {
    // an unreadable list is the default columns, not a broken menu
  }
  return { id: row.id, name: row.name, columns };
}

export function listLayouts(db: Db, source: string): ColumnLayout[] {
  const rows = prepared(db, 'SELECT id, name, columns_json FROM layouts WHERE source = ? ORDER BY position, id').all(source) as LayoutRow[];
  return rows.map(layoutFromRow);
}

export function layoutExists(db: Db, source: string, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM layouts WHERE source = ? AND id = ?').pluck().get(source, id) !== undefined;
}

function countOf(db: Db, source: string): number {
  return prepared(db, 'SELECT COUNT(*) FROM layouts WHERE source = ?').pluck().get(source) as number;
}

function refuseTaken(db: Db, source: string, name: string, except: number | null): void {
  const holder = prepared(db, 'SELECT id FROM layouts WHERE source = ? AND name = ?').pluck().get(source, name) as number | undefined;
  if (holder !== undefined && holder !== except) throw new WorkspaceError('CONFLICT', `A layout named “${name}” already exists.`);
}

function insert(db: WritableDB, source: string, layout: { name: string; columns: LayoutColumn[] }, now: number): number {
  const position = prepared(db, 'SELECT COALESCE(MAX(position), 0) + 1 FROM layouts WHERE source = ?').pluck().get(source) as number;
  const result = prepared(db, 'INSERT INTO layouts (source, name, columns_json, position, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    source,
    layout.name,
    JSON.stringify(layout.columns),
    position,
    now,
  );
  return Number(result.lastInsertRowid);
}

export function createLayout(db: WritableDB, source: string, layout: { name: string; columns: LayoutColumn[] }, now: number): number {
  if (countOf(db, source) >= MAX_LAYOUTS) throw new WorkspaceError('CONFLICT', `At most ${MAX_LAYOUTS} layouts can be saved; delete one first.`);
  refuseTaken(db, source, layout.name, null);
  return insert(db, source, layout, now);
}

export function updateLayout(db: WritableDB, source: string, change: { id: number; name?: string; columns?: LayoutColumn[] }, now: number): void {
  if (!layoutExists(db, source, change.id)) throw new WorkspaceError('NOT_FOUND', `Layout ${change.id} does not exist.`);
  if (change.name !== undefined) refuseTaken(db, source, change.name, change.id);
  prepared(db, 'UPDATE layouts SET name = COALESCE(?, name), columns_json = COALESCE(?, columns_json), updated_at = ? WHERE source = ? AND id = ?').run(
    change.name ?? null,
    change.columns === undefined ? null : JSON.stringify(change.columns),
    now,
    source,
    change.id,
  );
}

export function deleteLayout(db: WritableDB, source: string, id: number): void {
  const { changes } = prepared(db, 'DELETE FROM layouts WHERE source = ? AND id = ?').run(source, id);
  if (changes === 0) throw new WorkspaceError('NOT_FOUND', `Layout ${id} does not exist.`);
}

/** All or nothing (the caller's transaction); taken names get a " (2)". */
export function importLayouts(db: WritableDB, source: string, layouts: ReadonlyArray<{ name: string; columns: LayoutColumn[] }>, now: number): number[] {
  const have = countOf(db, source);
  if (have + layouts.length > MAX_LAYOUTS) {
    throw new WorkspaceError('VALIDATION', `The file has ${layouts.length} layouts and ${have} are saved: at most ${MAX_LAYOUTS} in all. Nothing was imported.`);
  }
  const taken = new Set(prepared(db, 'SELECT name FROM layouts WHERE source = ?').pluck().all(source) as string[]);
  return layouts.map((layout) => {
    const name = freeName(layout.name, taken);
    taken.add(name);
    return insert(db, source, { ...layout, name }, now);
  });
}
