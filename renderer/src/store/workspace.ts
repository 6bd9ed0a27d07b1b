/**
 * Saved presets and named layouts as the services store them (the
 * `workspace:*`, `presets:*` and `layouts:*` channels), and each preset's
 * live count. Every change answers the whole workspace, which replaces ours:
 * there is no local copy to drift. Applying goes through the grid store
 * (setFilter, setSort, applyColumns); nothing here touches the grid itself.
 */
import { create } from 'zustand';
import type { Workspace } from '../../../shared/ipc/contract-workspace.ts';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { layoutsFile, presetsFile, type PresetKey } from '../../../shared/domain/layouts.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, type BuiltInPresetId } from '../../../shared/domain/presets.ts';
import { call, errorMessage, subscribe } from '../ipc.ts';
import { defaultEntries } from '../grid/column-state.ts';
import type { MessageKey, Params } from '../i18n/index.ts';
import { throttle } from '../throttle.ts';
import { useAppStore } from './app.ts';
import { currentFilter, useGridStore } from './grid.ts';

/** Counts follow the data, at most this often: a busy sync fires many changes a second. */
const COUNTS_THROTTLE_MS = 3000;

/** What the user should read after an action: a refusal, or what an import did. */
export interface WorkspaceMessage {
  tone: 'error' | 'done';
  key: MessageKey;
  params?: Params;
}

export interface PresetChoice {
  key: PresetKey;
  /** built-ins are translated by id; user presets carry their name */
  builtIn: BuiltInPresetId | null;
  name: string;
  filter: DialogFilter;
  sort: SortSpec | null;
}

interface WorkspaceStore {
  workspace: Workspace | null;
  loadError: string | null;
  counts: Readonly<Record<PresetKey, number>>;
  message: WorkspaceMessage | null;
  load(): Promise<void>;
  refreshCounts(): Promise<void>;
  choosePreset(key: PresetKey): void;
  savePreset(name: string): Promise<boolean>;
  renamePreset(id: number, name: string): Promise<boolean>;
  deletePreset(id: number): Promise<void>;
  movePreset(id: number, delta: -1 | 1): Promise<void>;
  setDefaultPreset(key: PresetKey | null): Promise<void>;
  presetsFileText(): string;
  importPresets(text: string): Promise<void>;
  saveLayout(name: string): Promise<boolean>;
  renameLayout(id: number, name: string): Promise<boolean>;
  deleteLayout(id: number): Promise<void>;
  switchLayout(id: number): Promise<void>;
  resetLayout(): Promise<void>;
  layoutsFileText(): string;
  importLayouts(text: string): Promise<void>;
  dismissMessage(): void;
}

/** The presets the bar shows, in order: the built-ins this source has, then the user's. */
export function presetChoices(workspace: Workspace | null): PresetChoice[] {
  const operatorId = workspace?.connectedOperatorId ?? null;
  const builtIns: PresetChoice[] = BUILT_IN_PRESET_IDS.filter((id) => id !== 'myActive' || operatorId !== null).map((id) => ({
    key: id,
    builtIn: id,
    name: id,
    filter: builtInPresetFilter(id, { operatorId }),
    sort: null,
  }));
  const saved = (workspace?.presets ?? []).map((p) => ({ key: `user:${p.id}`, builtIn: null, name: p.name, filter: p.filter, sort: p.sort }));
  return [...builtIns, ...saved];
}

let wired = false;
let firstLoad = true;

export const useWorkspaceStore = create<WorkspaceStore>()((set, get) => {
  /** A change on the services; its answer replaces the workspace. A refusal becomes the message, and false. */
  async function change(work: () => Promise<Workspace>, done?: WorkspaceMessage): Promise<boolean> {
    try {
      const workspace = await work();
      set({ workspace, message: done ?? null });
      void get().refreshCounts();
      return true;
    } catch (error) {
      set({ message: { tone: 'error', key: 'workspace.error', params: { message: errorMessage(error) } } });
      return false;
    }
  }

  const rememberPreset = (presetId: PresetKey) =>
    call('workspace:setState', { presetId })
      .then((workspace) => set({ workspace }))
      .catch((error: unknown) => console.warn('[workspace] chosen preset not remembered', error));

  return {
    workspace: null,
    loadError: null,
    counts: {},
    message: null,

    async load() {
      wire();
      try {
        const workspace = await call('workspace:get', {});
        set({ workspace, loadError: null });
        if (firstLoad) {
          firstLoad = false;
          // the default, if the user picked one; else where they were last time
          const start = workspace.state.defaultPresetId ?? workspace.state.presetId;
          const grid = useGridStore.getState();
          const untouched = grid.presetId === null && grid.filter.conditions.length === 0 && !(grid.filter.groups ?? []).length && !grid.filter.search;
          if (start && untouched) applyPreset(workspace, start);
        }
        void get().refreshCounts();
      } catch (error) {
        set({ loadError: errorMessage(error) });
      }
    },

    async refreshCounts() {
      try {
        const { counts } = await call('presets:counts', {});
        set({ counts });
      } catch (error) {
        // the bar keeps the last counts; a newer refresh will bring fresh ones
        console.warn('[workspace] counts not refreshed', error);
      }
    },

    choosePreset(key) {
      const workspace = get().workspace;
      if (!workspace || !applyPreset(workspace, key)) return;
      void rememberPreset(key);
    },

    savePreset(name) {
      const { sort } = useGridStore.getState();
      return change(() => call('presets:create', { name, filter: currentFilter(), sort }), { tone: 'done', key: 'workspace.presets.saved', params: { name: name.trim() } }).then(
        (ok) => {
          // the rows already are the saved preset's: mark it chosen
          const saved = get().workspace?.presets.find((p) => p.name === name.trim());
          if (ok && saved) {
            useGridStore.getState().setFilter(useGridStore.getState().filter, `user:${saved.id}`);
            void rememberPreset(`user:${saved.id}`);
          }
          return ok;
        },
      );
    },

    renamePreset(id, name) {
      return change(() => call('presets:update', { id, name }));
    },

    async deletePreset(id) {
      await change(() => call('presets:delete', { id }));
      if (useGridStore.getState().presetId === `user:${id}`) useGridStore.getState().setFilter(useGridStore.getState().filter, null);
    },

    async movePreset(id, delta) {
      const ids = (get().workspace?.presets ?? []).map((p) => p.id);
      const at = ids.indexOf(id);
      const to = at + delta;
      if (at < 0 || to < 0 || to >= ids.length) return;
      [ids[at], ids[to]] = [ids[to]!, ids[at]!];
      await change(() => call('presets:reorder', { ids }));
    },

    async setDefaultPreset(key) {
      await change(() => call('workspace:setState', { defaultPresetId: key }));
    },

    presetsFileText() {
      return JSON.stringify(presetsFile(get().workspace?.presets ?? []), null, 2);
    },

    async importPresets(text) {
      let imported = 0;
      const ok = await change(async () => {
        const result = await call('presets:import', { text });
        imported = result.imported;
        return result.workspace;
      });
      if (ok) set({ message: { tone: 'done', key: 'workspace.presets.imported', params: { count: imported } } });
    },

    saveLayout(name) {
      const columns = useGridStore.getState().columns;
      return change(() => call('layouts:create', { name, columns }), { tone: 'done', key: 'workspace.layouts.saved', params: { name: name.trim() } }).then(
        async (ok) => {
          const saved = get().workspace?.layouts.find((l) => l.name === name.trim());
          if (ok && saved) await change(() => call('workspace:setState', { layoutId: saved.id }), get().message ?? undefined);
          return ok;
        },
      );
    },

    renameLayout(id, name) {
      return change(() => call('layouts:update', { id, name }));
    },

    async deleteLayout(id) {
      await change(() => call('layouts:delete', { id }));
    },

    async switchLayout(id) {
      const layout = get().workspace?.layouts.find((l) => l.id === id);
      if (!layout) return;
      // applyColumns fills in columns the layout does not name (added since) at their default place
      useGridStore.getState().applyColumns(layout.columns);
      await change(() => call('workspace:setState', { layoutId: id }));
    },

    async resetLayout() {
      useGridStore.getState().applyColumns(defaultEntries());
      await change(() => call('workspace:setState', { layoutId: null }));
    },

    layoutsFileText() {
      return JSON.stringify(layoutsFile(get().workspace?.layouts ?? []), null, 2);
    },

    async importLayouts(text) {
      let outcome: { imported: number; dropped: string[] } = { imported: 0, dropped: [] };
      const ok = await change(async () => {
        const result = await call('layouts:import', { text });
        outcome = result;
        return result.workspace;
      });
      if (!ok) return;
      set({
        message: outcome.dropped.length
          ? { tone: 'done', key: 'workspace.layouts.importedDropped', params: { count: outcome.imported, columns: outcome.dropped.join(', ') } }
          : { tone: 'done', key: 'workspace.layouts.imported', params: { count: outcome.imported } },
      });
    },

    dismissMessage() {
      set({ message: null });
    },
  };
});

/** Puts a preset's filter (and sort, if it saved one) on the grid; false when there is no such preset. */
function applyPreset(workspace: Workspace, key: PresetKey): boolean {
  const choice = presetChoices(workspace).find((c) => c.key === key);
  if (!choice) return false;
  const grid = useGridStore.getState();
  if (choice.sort) grid.setSort(choice.sort);
  grid.setFilter(choice.filter, key);
  return true;
}

/** Counts follow the data (throttled); a reconnection may mean a restarted host: load again. */
function wire(): void {
  if (wired) return;
  wired = true;
  const refresh = throttle(() => void useWorkspaceStore.getState().refreshCounts(), COUNTS_THROTTLE_MS);
  subscribe('dialogs:changed', () => refresh());
  useAppStore.subscribe((state, previous) => {
    if (state.reconnects !== previous.reconnects) void useWorkspaceStore.getState().load();
  });
}

