/**
 * Named column layouts and saved filter presets as the user owns them, and
 * the JSON files they are exported to and imported from. Pure data: the
 * services keep them in the cache's user-owned tables (migration 0005), the
 * renderer applies them through the grid store.
 */
import type { ColumnId } from './columns.ts';
import type { DialogFilter, SortSpec } from './filter.ts';

export const PIN_SIDES = ['left', 'right'] as const;
export type PinSide = (typeof PIN_SIDES)[number];

/**
 * Columns pinned by default: the number and the client say which dialog a row
 * is, so they stay in view while the metrics scroll by.
 */
export const DEFAULT_PINNED: Readonly<Partial<Record<ColumnId, PinSide>>> = { id: 'left', client: 'left' };

/** Bounds of what one source may hold; imports past them are refused whole. */
export const MAX_PRESETS = 200;
export const MAX_LAYOUTS = 50;
export const MAX_NAME = 80;
/** an import file, in characters: far above 200 real presets, far below the transport's 1 MiB */
export const MAX_IMPORT_CHARS = 256 * 1024;

/** A filter + sort the user saved under a name. */
export interface UserPreset {
  id: number;
  name: string;
  filter: DialogFilter;
  /** null: keep whatever sort the grid has */
  sort: SortSpec | null;
}

/** What a layout keeps of each column. */
export interface LayoutColumn {
  id: ColumnId;
  visible: boolean;
  width?: number;
  pinned?: PinSide | null;
}

export interface ColumnLayout {
  id: number;
  name: string;
  columns: LayoutColumn[];
}

/** Built-in preset ids as they are, user presets as `user:<id>`. */
export type PresetKey = string;

export const userPresetKey = (id: number): PresetKey => `user:${id}`;

export function userPresetIdOf(key: PresetKey | null): number | null {
  const match = key === null ? null : /^user:(\d{1,15})$/.exec(key);
  return match ? Number(match[1]) : null;
}

export const PRESETS_FILE_FORMAT = 'ols-presets';
export const LAYOUTS_FILE_FORMAT = 'ols-layouts';
export const FILE_VERSION = 1;

export interface PresetsFile {
  format: typeof PRESETS_FILE_FORMAT;
  version: typeof FILE_VERSION;
  presets: Array<{ name: string; filter: DialogFilter; sort: SortSpec | null }>;
}

export interface LayoutsFile {
  format: typeof LAYOUTS_FILE_FORMAT;
  version: typeof FILE_VERSION;
  layouts: Array<{ name: string; columns: LayoutColumn[] }>;
}

export function presetsFile(presets: readonly UserPreset[]): PresetsFile {
  return { format: PRESETS_FILE_FORMAT, version: FILE_VERSION, presets: presets.map(({ name, filter, sort }) => ({ name, filter, sort })) };
}

export function layoutsFile(layouts: readonly ColumnLayout[]): LayoutsFile {
  return { format: LAYOUTS_FILE_FORMAT, version: FILE_VERSION, layouts: layouts.map(({ name, columns }) => ({ name, columns })) };
}

/**
 * A name not yet taken: an imported "Mine" beside an existing "Mine" becomes
 * "Mine (2)", so an import never overwrites what the user has.
 */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, MAX_NAME - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
