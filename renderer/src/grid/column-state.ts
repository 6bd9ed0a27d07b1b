/**
 * Column order, visibility, width and pinning: between the saved settings
 * (ColumnStateEntry[]), AG Grid's column state, and the defaults in
 * shared COLUMNS. Every grid column is a ColumnId, so settings hold them all.
 */
import type { ColumnState } from 'ag-grid-community';
import type { ColumnStateEntry } from '../../../shared/ipc/contract.ts';
import { COLUMNS, isColumnId, type ColumnId } from '../../../shared/domain/columns.ts';
import { DEFAULT_PINNED } from '../../../shared/domain/layouts.ts';

/** the settings schema's bounds for a width */
const MIN_WIDTH = 20;
const MAX_WIDTH = 2000;

const DEFINITION = new Map(COLUMNS.map((c) => [c.id, c]));

/** A column's default pin: No. and Client on the left (shared/domain/layouts.ts), the rest unpinned. */
const defaultPin = (id: ColumnId): ColumnStateEntry['pinned'] => DEFAULT_PINNED[id] ?? null;

export function defaultEntries(): ColumnStateEntry[] {
  return COLUMNS.map((c) => ({ id: c.id, visible: c.defaultVisible, width: c.width, pinned: defaultPin(c.id) }));
}

/**
 * Saved state from an older (or newer) app: drop ids we do not know, keep the
 * saved order, and put each column the saved list lacks (a column added since,
 * such as waitingNow) at its default place: right after the nearest column that
 * precedes it in COLUMNS, or first when none does, with its default visibility
 * and width.
 */
export function normaliseEntries(saved: readonly ColumnStateEntry[] | null): ColumnStateEntry[] {
  if (!saved || saved.length === 0) return defaultEntries();
  const seen = new Set<ColumnId>();
  const result: ColumnStateEntry[] = [];
  for (const entry of saved) {
    if (!isColumnId(entry.id) || seen.has(entry.id)) continue;
    seen.add(entry.id);
    const def = DEFINITION.get(entry.id);
    // a state saved before pinning existed has no `pinned`: the default pin; null is "unpinned on purpose"
    result.push({ id: entry.id, visible: entry.visible, width: entry.width ?? def?.width, pinned: entry.pinned === undefined ? defaultPin(entry.id) : entry.pinned });
  }
  COLUMNS.forEach((c, index) => {
    if (seen.has(c.id)) return;
    let at = 0;
    for (let i = index - 1; i >= 0; i -= 1) {
      const before = result.findIndex((e) => e.id === COLUMNS[i]!.id);
      if (before !== -1) {
        at = before + 1;
        break;
      }
    }
    result.splice(at, 0, { id: c.id, visible: c.defaultVisible, width: c.width, pinned: defaultPin(c.id) });
    seen.add(c.id);
  });
  return result;
}

function clampWidth(width: number | null | undefined): number | undefined {
  if (width === null || width === undefined || !Number.isFinite(width)) return undefined;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** AG Grid's state → what settings keep (order, visibility, width, pin). */
export function fromGridState(state: readonly ColumnState[]): ColumnStateEntry[] {
  const entries: ColumnStateEntry[] = [];
  for (const column of state) {
    if (!isColumnId(column.colId)) continue;
    const width = clampWidth(column.width);
    const pinned = column.pinned === 'left' || column.pinned === 'right' ? column.pinned : null;
    entries.push(width === undefined ? { id: column.colId, visible: !column.hide, pinned } : { id: column.colId, visible: !column.hide, width, pinned });
  }
  return normaliseEntries(entries);
}

/** Settings → AG Grid state to apply (order included). */
export function toGridState(entries: readonly ColumnStateEntry[]): ColumnState[] {
  return entries.map((entry) => {
    const width = clampWidth(entry.width);
    const pinned = entry.pinned === undefined ? defaultPin(entry.id) : entry.pinned;
    return width === undefined ? { colId: entry.id, hide: !entry.visible, pinned } : { colId: entry.id, hide: !entry.visible, width, pinned };
  });
}

export function sameEntries(a: readonly ColumnStateEntry[], b: readonly ColumnStateEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && x.id === y.id && x.visible === y.visible && x.width === y.width && (x.pinned ?? null) === (y.pinned ?? null);
    })
  );
}
