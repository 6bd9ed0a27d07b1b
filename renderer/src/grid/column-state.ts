/**
 * Column order, visibility and width: between the saved settings
 * (ColumnStateEntry[]), AG Grid's column state, and the defaults in
 * shared COLUMNS. "waitingNow" is a renderer-only column (it is not a
 * ColumnId, so settings cannot hold it): it is always shown and always
 * placed right after the status columns.
 */
import type { ColumnState } from 'ag-grid-community';
import type { ColumnStateEntry } from '../../../shared/ipc/contract.ts';
import { COLUMNS, isColumnId, type ColumnId } from '../../../shared/domain/columns.ts';

export const WAITING_NOW_ID = 'waitingNow';
/** the column waitingNow follows */
const WAITING_NOW_AFTER: ColumnId = 'statusDetail';
export const WAITING_NOW_WIDTH = 130;

/** the settings schema's bounds for a width */
const MIN_WIDTH = 20;
const MAX_WIDTH = 2000;

const DEFINITION = new Map(COLUMNS.map((c) => [c.id, c]));

export function defaultEntries(): ColumnStateEntry[] {
  return COLUMNS.map((c) => ({ id: c.id, visible: c.defaultVisible, width: c.width }));
}

/**
 * Saved state from an older (or newer) app: drop ids we do not know, keep the
 * saved order, and append columns the saved list lacks with their defaults.
 */
export function normaliseEntries(saved: readonly ColumnStateEntry[] | null): ColumnStateEntry[] {
  if (!saved || saved.length === 0) return defaultEntries();
  const seen = new Set<ColumnId>();
  const result: ColumnStateEntry[] = [];
  for (const entry of saved) {
    if (!isColumnId(entry.id) || seen.has(entry.id)) continue;
    seen.add(entry.id);
    const def = DEFINITION.get(entry.id);
    result.push({ id: entry.id, visible: entry.visible, width: entry.width ?? def?.width });
  }
  for (const c of COLUMNS) if (!seen.has(c.id)) result.push({ id: c.id, visible: c.defaultVisible, width: c.width });
  return result;
}

/** The grid's column ids in display order, waitingNow included. */
export function displayOrder(entries: readonly ColumnStateEntry[]): string[] {
  const ids: string[] = [];
  for (const entry of entries) {
    ids.push(entry.id);
    if (entry.id === WAITING_NOW_AFTER) ids.push(WAITING_NOW_ID);
  }
  if (!ids.includes(WAITING_NOW_ID)) ids.unshift(WAITING_NOW_ID);
  return ids;
}

function clampWidth(width: number | null | undefined): number | undefined {
  if (width === null || width === undefined || !Number.isFinite(width)) return undefined;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** AG Grid's state → what settings keep (order, visibility, width; waitingNow left out). */
export function fromGridState(state: readonly ColumnState[]): ColumnStateEntry[] {
  const entries: ColumnStateEntry[] = [];
  for (const column of state) {
    if (!isColumnId(column.colId)) continue;
    const width = clampWidth(column.width);
    entries.push(width === undefined ? { id: column.colId, visible: !column.hide } : { id: column.colId, visible: !column.hide, width });
  }
  return normaliseEntries(entries);
}

/** Settings → AG Grid state to apply (order included), waitingNow kept in its place. */
export function toGridState(entries: readonly ColumnStateEntry[]): ColumnState[] {
  const byId = new Map(entries.map((e) => [e.id as string, e]));
  return displayOrder(entries).map((colId) => {
    const entry = byId.get(colId);
    if (!entry) return { colId, hide: false };
    const width = clampWidth(entry.width);
    return width === undefined ? { colId, hide: !entry.visible } : { colId, hide: !entry.visible, width };
  });
}

export function sameEntries(a: readonly ColumnStateEntry[], b: readonly ColumnStateEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && x.id === y.id && x.visible === y.visible && x.width === y.width;
    })
  );
}
