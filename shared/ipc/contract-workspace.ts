/**
 * The workspace's slice of the IPC contract: saved filter presets and named
 * column layouts (user-owned, kept in the cache's user tables, keyed by
 * source). Merged into `Contract` in ./contract.ts; its request schemas live
 * in ./schemas-workspace.ts and its handlers in
 * electron/app/ipc/handlers/workspace.ts. Every change answers the whole
 * workspace as stored after it, so the renderer never patches its copy.
 */
import type { DialogFilter, SortSpec } from '../domain/filter.ts';
import type { ColumnLayout, LayoutColumn, PresetKey, UserPreset } from '../domain/layouts.ts';

/** What is remembered between runs. */
export interface WorkspaceState {
  /** the preset last chosen ('active', 'user:12', …); null once the filter was edited */
  presetId: PresetKey | null;
  /** the preset the console opens with; null: the last chosen one */
  defaultPresetId: PresetKey | null;
  /** the layout last switched to; null: the default columns or the user's own changes */
  layoutId: number | null;
}

export interface Workspace {
  /** this source's saved presets, in the user's order */
  presets: UserPreset[];
  layouts: ColumnLayout[];
  state: WorkspaceState;
  /** the connected user's operator id; null where the source has no user ("My active dialogs" is then hidden) */
  connectedOperatorId: number | null;
}

export interface WorkspaceContract {
  /** This source's presets, layouts and remembered choices. */
  'workspace:get': { request: Record<string, never>; response: Workspace };
  /** Remember choices (only the keys given change). */
  'workspace:setState': { request: Partial<WorkspaceState>; response: Workspace };
  /** The live count of every preset the bar shows, by preset key. */
  'presets:counts': { request: Record<string, never>; response: { counts: Record<PresetKey, number> } };
  /** Save a filter + sort under a new name. */
  'presets:create': { request: { name: string; filter: DialogFilter; sort: SortSpec | null }; response: Workspace };
  /** Rename, or replace the filter / sort of, a saved preset. */
  'presets:update': {
    request: { id: number; name?: string; filter?: DialogFilter; sort?: SortSpec | null };
    response: Workspace;
  };
  'presets:delete': { request: { id: number }; response: Workspace };
  /** The saved presets in a new order: every id exactly once. */
  'presets:reorder': { request: { ids: number[] }; response: Workspace };
  /** Add the presets of an exported file (its text); all or nothing. */
  'presets:import': { request: { text: string }; response: { workspace: Workspace; imported: number } };
  /** Save the given columns as a new named layout. */
  'layouts:create': { request: { name: string; columns: LayoutColumn[] }; response: Workspace };
  'layouts:update': { request: { id: number; name?: string; columns?: LayoutColumn[] }; response: Workspace };
  'layouts:delete': { request: { id: number }; response: Workspace };
  /** Add the layouts of an exported file; columns this app does not know are dropped and named. */
  'layouts:import': { request: { text: string }; response: { workspace: Workspace; imported: number; dropped: string[] } };
}

/** The workspace's channels, for allow-lists that must not pull in the schemas. */
export const WORKSPACE_CHANNELS = [
  'workspace:get',
  'workspace:setState',
  'presets:counts',
  'presets:create',
  'presets:update',
  'presets:delete',
  'presets:reorder',
  'presets:import',
  'layouts:create',
  'layouts:update',
  'layouts:delete',
  'layouts:import',
] as const satisfies ReadonlyArray<keyof WorkspaceContract>;
