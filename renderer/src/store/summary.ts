/**
 * The Summary panel and the charts: aggregates for exactly the dialogs the
 * grid shows (THE filter, through the same currentFilter()). Loaded only
 * while the panel or the charts are open (closed, they cost the services
 * nothing; the charts' part is asked for only while the charts are open) and
 * refreshed on `dialogs:changed` at most every few seconds by the panel. One
 * request feeds both, so the charts and the tables always describe the same
 * dialogs at the same moment.
 */
import { create } from 'zustand';
import type { Aggregates } from '../../../shared/ipc/contract.ts';
import { call, errorMessage } from '../ipc.ts';
import { currentFilter, useGridStore } from './grid.ts';

interface SummaryState {
  open: boolean;
  /** the charts above the grid are expanded (remembered on this machine) */
  chartsOpen: boolean;
  data: Aggregates | null;
  loading: boolean;
  error: string | null;
  toggle(): void;
  toggleCharts(): void;
  load(): Promise<void>;
}

const CHARTS_OPEN_KEY = 'ols.charts.open';

/**
 * Whether the charts were open last time. localStorage, not settings: it is a
 * view preference of this window, and the settings contract belongs to other
 * features. (In browser mode it is kept per port, the origin's part.)
 */
function storedChartsOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(CHARTS_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function storeChartsOpen(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(CHARTS_OPEN_KEY, open ? '1' : '0');
  } catch {
    // storage refused (private mode, quota): the charts simply open collapsed next time
  }
}

/** Only the newest request may write its answer: a slow old one must not win. */
let requestSeq = 0;

export const useSummaryStore = create<SummaryState>()((set, get) => ({
  open: false,
  chartsOpen: storedChartsOpen(),
  data: null,
  loading: false,
  error: null,

  toggle() {
    const open = !get().open;
    set({ open });
    if (open) void get().load();
  },

  toggleCharts() {
    const chartsOpen = !get().chartsOpen;
    set({ chartsOpen });
    storeChartsOpen(chartsOpen);
    if (chartsOpen) void get().load();
  },

  async load() {
    const seq = ++requestSeq;
    const { sla } = useGridStore.getState();
    const charts = get().chartsOpen;
    set({ loading: true });
    try {
      const data = await call('metrics:aggregate', charts ? { filter: currentFilter(), sla, charts } : { filter: currentFilter(), sla });
      if (seq === requestSeq) set({ data, loading: false, error: null });
    } catch (error) {
      if (seq === requestSeq) set({ loading: false, error: errorMessage(error) });
    }
  },
}));

/** True when anything on screen shows the summary, so it is worth loading. */
export function summaryShown(): boolean {
  const { open, chartsOpen } = useSummaryStore.getState();
  return open || chartsOpen;
}
