/**
 * The Summary panel: aggregates for exactly the dialogs the grid shows (the
 * scope and the column filters, through the same currentFilter()). Loaded only
 * while the panel is open (a closed panel costs the services nothing) and
 * refreshed on `dialogs:changed` at most every few seconds by the panel.
 */
import { create } from 'zustand';
import type { Aggregates } from '../../../shared/ipc/contract.ts';
import { call, errorMessage } from '../ipc.ts';
import { currentFilter, useGridStore } from './grid.ts';

interface SummaryState {
  open: boolean;
  data: Aggregates | null;
  loading: boolean;
  error: string | null;
  toggle(): void;
  load(): Promise<void>;
}

/** Only the newest request may write its answer: a slow old one must not win. */
let requestSeq = 0;

export const useSummaryStore = create<SummaryState>()((set, get) => ({
  open: false,
  data: null,
  loading: false,
  error: null,

  toggle() {
    const open = !get().open;
    set({ open });
    if (open) void get().load();
  },

  async load() {
    const seq = ++requestSeq;
    const { sla } = useGridStore.getState();
    set({ loading: true });
    try {
      const data = await call('metrics:aggregate', { filter: currentFilter(), sla });
      if (seq === requestSeq) set({ data, loading: false, error: null });
    } catch (error) {
      if (seq === requestSeq) set({ loading: false, error: errorMessage(error) });
    }
  },
}));
