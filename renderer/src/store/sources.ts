/**
 * The Source dialog's state: the list of sources, a switch under way, and the
 * last webhook test. The webhook URL itself is never kept here: it lives in
 * the connect form's field until Connect, and no answer carries it back.
 * After a switch the page reloads, so every store starts over on the new
 * source's cache.
 */
import { create } from 'zustand';
import { WEBHOOK_FAILURE_MESSAGES, type SourcePlan, type SourcesList, type WebhookFailure, type WebhookTestResult } from '../../../shared/ipc/contract-sources.ts';
import { call, errorMessage, IpcCallError, subscribe } from '../ipc.ts';

/** An error as the dialog shows it: a known reason (translated there) or the services' own words. */
export type SourcesError = { reason: WebhookFailure } | { message: string };

interface SourcesState {
  open: boolean;
  list: SourcesList | null;
  /** the source a Use or Connect is switching to */
  switching: string | null;
  testing: boolean;
  tested: WebhookTestResult | null;
  error: SourcesError | null;
  show(): Promise<void>;
  hide(): void;
  /** the form changed: an old test result no longer describes it */
  clearTest(): void;
  test(webhookUrl: string, plan: SourcePlan): Promise<void>;
  connect(webhookUrl: string, plan: SourcePlan): Promise<void>;
  use(id: string): Promise<void>;
  /** drop a saved source; with deleteCache its cache file goes too */
  forget(id: string, deleteCache?: boolean): Promise<void>;
}

function asSourcesError(error: unknown): SourcesError {
  if (error instanceof IpcCallError) {
    const reason = (Object.keys(WEBHOOK_FAILURE_MESSAGES) as WebhookFailure[]).find((r) => error.message.startsWith(WEBHOOK_FAILURE_MESSAGES[r]));
    return reason ? { reason } : { message: error.message };
  }
  return { message: errorMessage(error) };
}

let reloading = false;
/** Everything on screen belongs to the previous source: start the page over on the new one. */
function reloadForNewSource(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

let eventsWired = false;

export const useSourcesStore = create<SourcesState>()((set, get) => ({
  open: false,
  list: null,
  switching: null,
  testing: false,
  tested: null,
  error: null,

  async show() {
    set({ open: true, error: null, tested: null });
    try {
      set({ list: await call('sources:list', {}) });
    } catch (error) {
      set({ error: asSourcesError(error) });
    }
  },
  hide() {
    if (get().switching) return;
    set({ open: false, tested: null, error: null });
  },
  clearTest() {
    if (get().tested || get().error) set({ tested: null, error: null });
  },
  async test(webhookUrl, plan) {
    set({ testing: true, tested: null, error: null });
    try {
      set({ tested: await call('sources:test', { webhookUrl, plan }) });
    } catch (error) {
      set({ error: asSourcesError(error) });
    } finally {
      set({ testing: false });
    }
  },
  async connect(webhookUrl, plan) {
    set({ switching: 'connect', error: null });
    try {
      set({ list: await call('sources:connect', { webhookUrl, plan }) });
      reloadForNewSource();
    } catch (error) {
      set({ error: asSourcesError(error), switching: null });
    }
  },
  async use(id) {
    set({ switching: id, error: null });
    try {
      set({ list: await call('sources:use', { id }) });
      reloadForNewSource();
    } catch (error) {
      set({ error: asSourcesError(error), switching: null });
    }
  },
  async forget(id, deleteCache = false) {
    set({ error: null });
    try {
      set({ list: await call('sources:forget', { id, deleteCache }) });
    } catch (error) {
      set({ error: asSourcesError(error) });
    }
  },
}));

/** Called once the toolbar shows: a switch made elsewhere (another window, another tab) reloads this page too. */
export function watchSourceChanges(): void {
  if (eventsWired) return;
  eventsWired = true;
  subscribe('sources:changed', reloadForNewSource);
}
