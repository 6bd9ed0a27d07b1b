/**
 * The workspace's calls on the database workers: reads (the workspace, the
 * presets' live counts) on a reader, changes on the writer, each change in
 * one transaction that answers the workspace as it now stands. Spread into
 * READ_API and WRITE_API; the SQL is in db/queries/{presets,layouts,workspace-state}.ts.
 */
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { userPresetIdOf, userPresetKey, type LayoutColumn, type PresetKey } from '../../../shared/domain/layouts.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, type BuiltInPresetId } from '../../../shared/domain/presets.ts';
import type { Workspace, WorkspaceState } from '../../../shared/ipc/contract-workspace.ts';
import type { Db, WritableDB } from '../db/connection.ts';
import { countDialogs } from '../db/queries/dialogs.ts';
import { createLayout, deleteLayout, importLayouts, layoutExists, listLayouts, updateLayout } from '../db/queries/layouts.ts';
import { createPreset, deletePreset, importPresets, listPresets, reorderPresets, updatePreset } from '../db/queries/presets.ts';
import { currentSource, readState, sourceForWrite, WorkspaceError, writeState, type StateKey } from '../db/queries/workspace-state.ts';

/** The built-in presets this source shows: "My active dialogs" only where there is a connected user. */
export function builtInsShown(operatorId: number | null): BuiltInPresetId[] {
  return BUILT_IN_PRESET_IDS.filter((id) => id !== 'myActive' || operatorId !== null);
}

function presetKnown(db: Db, source: string, key: PresetKey, operatorId: number | null): boolean {
  const userId = userPresetIdOf(key);
  if (userId === null) return (builtInsShown(operatorId) as string[]).includes(key);
  return listPresets(db, source).some((p) => p.id === userId);
}

function snapshot(db: Db, operatorId: number | null): Workspace {
  const source = currentSource(db);
  if (source === null) return { presets: [], layouts: [], state: { presetId: null, defaultPresetId: null, layoutId: null }, connectedOperatorId: operatorId };
  const presets = listPresets(db, source);
  const layouts = listLayouts(db, source);
  const stored = readState(db, source);
  const keys = new Set<string>([...builtInsShown(operatorId), ...presets.map((p) => userPresetKey(p.id))]);
  // a remembered choice whose preset or layout is gone (or hidden) is no choice
  const preset = (key: string | undefined) => (key !== undefined && keys.has(key) ? key : null);
  const layoutId = stored.layoutId === undefined ? null : Number(stored.layoutId);
  return {
    presets,
    layouts,
    state: {
      presetId: preset(stored.presetId),
      defaultPresetId: preset(stored.defaultPresetId),
      layoutId: layoutId !== null && layouts.some((l) => l.id === layoutId) ? layoutId : null,
    },
    connectedOperatorId: operatorId,
  };
}

/** Runs a change in one transaction, then answers the workspace after it. */
function change(db: WritableDB, operatorId: number | null, work: (source: string) => void): Workspace {
  return db.transaction(() => {
    work(sourceForWrite(db));
    return snapshot(db, operatorId);
  })();
}

/** Forgets remembered choices that named what was just deleted. */
function forget(db: WritableDB, source: string, keys: readonly StateKey[], value: string): void {
  const stored = readState(db, source);
  for (const key of keys) if (stored[key] === value) writeState(db, source, key, null);
}

const dataVersion = (db: Db) => db.pragma('data_version', { simple: true }) as number;
const countCache = new WeakMap<Db, { stamp: string; counts: Map<string, number> }>();

export const WORKSPACE_READ_API = {
  workspace(db: Db, operatorId: number | null): Workspace {
    return snapshot(db, operatorId);
  },
  /**
   * Every shown preset's count. Built-ins go through the rollups or an index
   * (tests/unit/workspace/preset-counts.test.ts holds their plans); a count is
   * reused while the data and the minute ("today") stay the same, so a burst
   * of changes costs one count per preset.
   */
  presetCounts(db: Db, operatorId: number | null, now: number): Record<PresetKey, number> {
    const source = currentSource(db);
    const filters: Array<[PresetKey, DialogFilter]> = builtInsShown(operatorId).map((id) => [id, builtInPresetFilter(id, { operatorId })]);
    if (source !== null) for (const preset of listPresets(db, source)) filters.push([userPresetKey(preset.id), preset.filter]);
    const stamp = `${dataVersion(db)}|${Math.floor(now / 60_000)}`;
    let cache = countCache.get(db);
    if (cache?.stamp !== stamp) {
      cache = { stamp, counts: new Map() };
      countCache.set(db, cache);
    }
    const counts: Record<PresetKey, number> = {};
    for (const [key, filter] of filters) {
      const cacheKey = JSON.stringify(filter);
      let n = cache.counts.get(cacheKey);
      if (n === undefined) {
        n = countDialogs(db, filter, now);
        cache.counts.set(cacheKey, n);
      }
      counts[key] = n;
    }
    return counts;
  },
};

export const WORKSPACE_WRITE_API = {
  workspaceSetState(db: WritableDB, operatorId: number | null, patch: Partial<WorkspaceState>): Workspace {
    return change(db, operatorId, (source) => {
      for (const key of ['presetId', 'defaultPresetId'] as const) {
        const value = patch[key];
        if (value === undefined) continue;
        if (value !== null && !presetKnown(db, source, value, operatorId)) throw new WorkspaceError('NOT_FOUND', `Preset ${value} does not exist.`);
        writeState(db, source, key, value);
      }
      if (patch.layoutId !== undefined) {
        if (patch.layoutId !== null && !layoutExists(db, source, patch.layoutId)) throw new WorkspaceError('NOT_FOUND', `Layout ${patch.layoutId} does not exist.`);
        writeState(db, source, 'layoutId', patch.layoutId === null ? null : String(patch.layoutId));
      }
    });
  },
  presetCreate(db: WritableDB, operatorId: number | null, preset: { name: string; filter: DialogFilter; sort: SortSpec | null }, now: number): Workspace {
    return change(db, operatorId, (source) => void createPreset(db, source, preset, now));
  },
  presetUpdate(db: WritableDB, operatorId: number | null, patch: { id: number; name?: string; filter?: DialogFilter; sort?: SortSpec | null }, now: number): Workspace {
    return change(db, operatorId, (source) => updatePreset(db, source, patch, now));
  },
  presetDelete(db: WritableDB, operatorId: number | null, id: number): Workspace {
    return change(db, operatorId, (source) => {
      deletePreset(db, source, id);
      forget(db, source, ['presetId', 'defaultPresetId'], userPresetKey(id));
    });
  },
  presetReorder(db: WritableDB, operatorId: number | null, ids: number[]): Workspace {
    return change(db, operatorId, (source) => reorderPresets(db, source, ids));
  },
  presetImport(db: WritableDB, operatorId: number | null, presets: Array<{ name: string; filter: DialogFilter; sort: SortSpec | null }>, now: number) {
    let imported = 0;
    const workspace = change(db, operatorId, (source) => void (imported = importPresets(db, source, presets, now).length));
    return { workspace, imported };
  },
  layoutCreate(db: WritableDB, operatorId: number | null, layout: { name: string; columns: LayoutColumn[] }, now: number): Workspace {
    return change(db, operatorId, (source) => void createLayout(db, source, layout, now));
  },
  layoutUpdate(db: WritableDB, operatorId: number | null, patch: { id: number; name?: string; columns?: LayoutColumn[] }, now: number): Workspace {
    return change(db, operatorId, (source) => updateLayout(db, source, patch, now));
  },
  layoutDelete(db: WritableDB, operatorId: number | null, id: number): Workspace {
    return change(db, operatorId, (source) => {
      deleteLayout(db, source, id);
      forget(db, source, ['layoutId'], String(id));
    });
  },
  layoutImport(db: WritableDB, operatorId: number | null, layouts: Array<{ name: string; columns: LayoutColumn[] }>, now: number) {
    let imported = 0;
    const workspace = change(db, operatorId, (source) => void (imported = importLayouts(db, source, layouts, now).length));
    return { workspace, imported };
  },
};
