/**
 * Application-wide state: who we talk to (AppInfo), the UI language, the sync
 * engine's status and the transport's connection. The grid's own state lives
 * in ./grid.ts; start() hands it the saved settings.
 */
import { create } from 'zustand';
import type { AppInfo, Language, SyncStatus } from '../../../shared/ipc/contract.ts';
import { call, connectionState, errorMessage, onConnectionChange, subscribe, type ConnectionState } from '../ipc.ts';
import { translator, type Translator } from '../i18n/index.ts';
import { useGridStore } from './grid.ts';
import { addPaceSample, type PaceSample } from '../../../shared/domain/sync-pace.ts';

export interface Reference {
  lines: ReadonlyMap<number, string>;
  operators: ReadonlyMap<number, string>;
}

interface AppState {
  phase: 'loading' | 'ready' | 'failed';
  startError: string | null;
  info: AppInfo | null;
  /** the language in use */
  language: Language;
  /** the saved choice; null follows the OS */
  languageSetting: Language | null;
  sync: SyncStatus | null;
  /** the sync statuses of the last minute, for the backfill's rate and time left (shared/domain/sync-pace.ts) */
  syncSamples: PaceSample[];
  recompute: { done: number; total: number } | null;
  connection: ConnectionState;
  /** the connection dropped and is not back yet (the banner shows) */
  lost: boolean;
  /** bumped on every reconnection, so views reload what they show */
  reconnects: number;
  reference: Reference;
  start(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
}

/** Before AppInfo arrives, guess from the browser so the loading text is readable. */
const initialLanguage: Language = navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';

let eventsWired = false;
let starting: Promise<void> | null = null;

export const useAppStore = create<AppState>()((set, get) => ({
  phase: 'loading',
  startError: null,
  info: null,
  language: initialLanguage,
  languageSetting: null,
  sync: null,
  syncSamples: [],
  recompute: null,
  connection: connectionState(),
  lost: false,
  reconnects: 0,
  reference: { lines: new Map(), operators: new Map() },

  start() {
    // strict mode runs effects twice: share one start rather than racing two
    starting ??= startOnce().finally(() => {
      starting = null;
    });
    return starting;
  },

  async setLanguage(language) {
    const previous = get();
    // Switch at once; the save is a side effect and must not make the UI wait.
    set({ language, languageSetting: language });
    try {
      await call('settings:set', { language });
    } catch (error) {
      console.error('[settings] language not saved', error);
      set({ language: previous.language, languageSetting: previous.languageSetting });
    }
  },
}));

async function startOnce(): Promise<void> {
  wireEvents();
  useAppStore.setState({ phase: 'loading', startError: null });
  try {
    const [info, settings, sync] = await Promise.all([
      call('app:info', {}),
      call('settings:get', {}),
      call('sync:status', {}),
    ]);
    useGridStore.getState().hydrate(settings);
    useAppStore.setState({
      info,
      sync,
      languageSetting: settings.language,
      language: settings.language ?? info.osLanguage,
      phase: 'ready',
    });
    void loadReference();
  } catch (error) {
    useAppStore.setState({ phase: 'failed', startError: errorMessage(error) });
  }
}

async function loadReference(): Promise<void> {
  try {
    const reference = await call('reference:get', {});
    useAppStore.setState({
      reference: {
        lines: new Map(reference.lines.map((l) => [l.id, l.name])),
        operators: new Map(reference.operators.map((o) => [o.id, o.name])),
      },
    });
  } catch (error) {
    // Names in the history pane fall back to ids; nothing else depends on this.
    console.warn('[reference] not loaded', error);
  }
}

/** Events are wired once per page, whatever React's strict mode does to effects. */
function wireEvents(): void {
  if (eventsWired) return;
  eventsWired = true;
  subscribe('sync:status', (sync) =>
    useAppStore.setState((s) => ({ sync, syncSamples: addPaceSample(s.syncSamples, { at: Date.now(), dialogs: sync.dialogs }) })),
  );
  subscribe('jobs:progress', (job) => {
    if (job.kind !== 'recompute') return;
    useAppStore.setState({ recompute: job.state === 'running' ? { done: job.done, total: job.total } : null });
  });
  onConnectionChange((connection) => {
    const { lost } = useAppStore.getState();
    if (connection === 'closed') useAppStore.setState({ connection, lost: true });
    else if (connection === 'open' && lost) {
      useAppStore.setState({ connection, lost: false });
      void resync();
    } else useAppStore.setState({ connection });
  });
}

/** After a reconnection the host may have restarted: reload what can have changed. */
async function resync(): Promise<void> {
  const state = useAppStore.getState();
  if (state.phase !== 'ready') {
    await state.start();
    return;
  }
  try {
    const [info, sync] = await Promise.all([call('app:info', {}), call('sync:status', {})]);
    useAppStore.setState({ info, sync });
  } catch (error) {
    console.warn('[app] resync failed', error);
  }
  useAppStore.setState((s) => ({ reconnects: s.reconnects + 1 }));
  void loadReference();
}

/** The translator for the current language; components re-render when it changes. */
export function useT(): Translator {
  return translator(useAppStore((s) => s.language));
}
