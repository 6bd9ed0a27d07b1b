/**
 * Saved filter presets (migration 0005), per source, in the user's order.
 * Filters and sorts are stored as the JSON the IPC schema validated; a row
 * that no longer reads as one (a column removed by a later app) is left out
 * of the list rather than breaking it.
 */
import type { DialogFilter, SortSpec } from '../../../../shared/domain/filter.ts';
import { MAX_PRESETS, freeName, type UserPreset } from '../../../../shared/domain/layouts.ts';
import { filterSchema, sortSchema } from '../../../../shared/ipc/schema-parts.ts';
import type { Db, WritableDB } from '../connection.ts';
import { prepared } from '../connection.ts';
import { WorkspaceError } from './workspace-state.ts';

interface PresetRow {
  id: number;
  name: string;
  filter_json: string;
  sort_json: string | null;
}

function presetFromRow(row: PresetRow): UserPreset | null {
  try {
    const filter = filterSchema.safeParse(JSON.parse(row.filter_json));
    const sort = row.sort_json === null ? null : sortSchema.safeParse(JSON.parse(row.sort_json));
    if (!filter.success || (sort !== null && !sort.success)) return null;
    return { id: row.id, name: row.name, filter: filter.data as DialogFilter, sort: sort === null ? null : (sort.data as SortSpec) };
  } catch {
    return null;
  }
}

export function listPresets(db: Db, source: string): UserPreset[] {
  const rows = prepared(db, 'SELECT id, name, filter_json, sort_json FROM presets WHERE source = ? ORDER BY position, id').all(source) as PresetRow[];
  return rows.map(presetFromRow).filter((p): p is UserPreset => p !== null);
}

function namesOf(db: Db, source: string): Set<string> {
  return new Set(prepared(db, 'SELECT name FROM presets WHERE source = ?').pluck().all(source) as string[]);
}

function countOf(db: Db, source: string): number {
  return prepared(db, 'SELECT COUNT(*) FROM presets WHERE source = ?').pluck().get(source) as number;
}

function nextPosition(db: Db, source: string): number {
  return prepared(db, 'SELECT COALESCE(MAX(position), 0) + 1 FROM presets WHERE source = ?').pluck().get(source) as number;
}

function refuseTaken(db: Db, source: string, name: string, except: number | null): void {
  const holder = prepared(db, 'SELECT id FROM presets WHERE source = ? AND name = ?').pluck().get(source, name) as number | undefined;
  if (holder !== undefined && holder !== except) throw new WorkspaceError('CONFLICT', `A preset named “${name}” already exists.`);
}

function insert(db: WritableDB, source: string, preset: { name: string; filter: DialogFilter; sort: SortSpec | null }, now: number): number {
  const result = prepared(db, 'INSERT INTO presets (source, name, filter_json, sort_json, position, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    source,
    preset.name,
    JSON.stringify(preset.filter),
    preset.sort === null ? null : JSON.stringify(preset.sort),
    nextPosition(db, source),
    now,
  );
  return Number(result.lastInsertRowid);
}

export function createPreset(db: WritableDB, source: string, preset: { name: string; filter: DialogFilter; sort: SortSpec | null }, now: number): number {
  if (countOf(db, source) >= MAX_PRESETS) throw new WorkspaceError('CONFLICT', `At most ${MAX_PRESETS} presets can be saved; delete one first.`);
  refuseTaken(db, source, preset.name, null);
  return insert(db, source, preset, now);
}

export function updatePreset(
  db: WritableDB,
  source: string,
  change: { id: number; name?: string; filter?: DialogFilter; sort?: SortSpec | null },
  now: number,
): void {
  const exists = prepared(db, 'SELECT 1 FROM presets WHERE source = ? AND id = ?').pluck().get(source, change.id);
  if (!exists) throw new WorkspaceError('NOT_FOUND', `Preset ${change.id} does not exist.`);
  if (change.name !== undefined) refuseTaken(db, source, change.name, change.id);
  prepared(
    db,
    `UPDATE presets SET
       name = COALESCE(?, name),
       filter_json = COALESCE(?, filter_json),
       sort_json = CASE WHEN ? THEN ? ELSE sort_json END,
       updated_at = ?
     WHERE source = ? AND id = ?`,
  ).run(
    change.name ?? null,
    change.filter === undefined ? null : JSON.stringify(change.filter),
    change.sort === undefined ? 0 : 1,
    change.sort === undefined || change.sort === null ? null : JSON.stringify(change.sort),
    now,
    source,
    change.id,
  );
}

export function deletePreset(db: WritableDB, source: string, id: number): void {
  const { changes } = prepared(db, 'DELETE FROM presets WHERE source = ? AND id = ?').run(source, id);
  if (changes === 0) throw new WorkspaceError('NOT_FOUND', `Preset ${id} does not exist.`);
}

/** `ids` must name every preset of the source exactly once: a partial order would be a guess. */
export function reorderPresets(db: WritableDB, source: string, ids: readonly number[]): void {
  const stored = (prepared(db, 'SELECT id FROM presets WHERE source = ?').pluck().all(source) as number[]).sort((a, b) => a - b);
  const given = [...ids].sort((a, b) => a - b);
  if (stored.length !== given.length || stored.some((id, i) => id !== given[i])) {
    throw new WorkspaceError('CONFLICT', 'The presets changed meanwhile; reload and reorder again.');
  }
  const update = prepared(db, 'UPDATE presets SET position = ? WHERE source = ? AND id = ?');
  ids.forEach((id, index) => update.run(index + 1, source, id));
}

/** All or nothing (the caller's transaction): past the limit, nothing is added. Taken names get a " (2)". */
export function importPresets(
  db: WritableDB,
  source: string,
  presets: ReadonlyArray<{ name: string; filter: DialogFilter; sort: SortSpec | null }>,
  now: number,
): number[] {
  const have = countOf(db, source);
  if (have + presets.length > MAX_PRESETS) {
    throw new WorkspaceError('VALIDATION', `The file has ${presets.length} presets and ${have} are saved: at most ${MAX_PRESETS} in all. Nothing was imported.`);
  }
  const taken = namesOf(db, source);
  return presets.map((preset) => {
    const name = freeName(preset.name, taken);
    taken.add(name);
    return insert(db, source, { ...preset, name }, now);
  });
}
