/**
 * The audit log view (issue 9 §8): whether it is open, its filters (dates
 * as the user typed them, kind, outcome, dialog number), the page shown and
 * the export. Filters are kept as typed and turned into the request's epoch
 * bounds in local time at each load, so a day means the user's day. While
 * open it follows `outbox:changed`: a pending row turns done as it settles.
 * Also: cancelling the rest of a running batch (the action dialog's button).
 */
import { create } from 'zustand';
import type { AuditEntry, AuditFilter, AuditKind, AuditOutcome } from '../../../shared/ipc/contract-audit.ts';
import { call, errorMessage, subscribe } from '../ipc.ts';
import { useAppStore } from './app.ts';

export const AUDIT_PAGE = 50;

export interface AuditFilterDraft {
  /** yyyy-mm-dd from the date inputs; '' for none */
  from: string;
  to: string;
  kind: AuditKind | '';
  outcome: AuditOutcome | '';
  /** the dialog number as typed */
  dialog: string;
}

const EMPTY: AuditFilterDraft = { from: '', to: '', kind: '', outcome: '', dialog: '' };

interface AuditState {
  open: boolean;
  draft: AuditFilterDraft;
  entries: AuditEntry[];
  total: number;
  offset: number;
  loading: boolean;
  error: string | null;
  /** Electron: where the CSV was saved */
  savedTo: string | null;
  setOpen(open: boolean): void;
  setDraft(patch: Partial<AuditFilterDraft>): void;
  load(offset?: number): Promise<void>;
  exportCsv(): Promise<void>;
}

const localDay = (text: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : undefined;
};

/** The request's filter; a dialog number that is not one is an error said beside the field, not sent. */
export function auditFilterOf(draft: AuditFilterDraft): AuditFilter | { invalid: 'dialog' | 'dates' } {
  const filter: AuditFilter = {};
  const from = localDay(draft.from);
  const toDay = localDay(draft.to);
  // a day box holds its text as typed until it is a day (DayInput): not one yet is an error, not "any day"
  if ((draft.from.trim() && from === undefined) || (draft.to.trim() && toDay === undefined)) return { invalid: 'dates' };
  if (from !== undefined) filter.from = from;
  // "to" is the whole of that day
  if (toDay !== undefined) filter.to = new Date(new Date(toDay).setDate(new Date(toDay).getDate() + 1)).getTime();
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) return { invalid: 'dates' };
  if (draft.kind) filter.kinds = [draft.kind];
  if (draft.outcome) filter.outcomes = [draft.outcome];
  const dialog = draft.dialog.trim().replace(/^#/, '');
  if (dialog !== '') {
    if (!/^\d{1,15}$/.test(dialog) || Number(dialog) < 1) return { invalid: 'dialog' };
    filter.dialogId = Number(dialog);
  }
  return filter;
}

let wired = false;
let loadSeq = 0;

export const useAuditStore = create<AuditState>()((set, get) => ({
  open: false,
  draft: EMPTY,
  entries: [],
  total: 0,
  offset: 0,
  loading: false,
  error: null,
  savedTo: null,

  setOpen(open) {
    set({ open, savedTo: null });
    if (open) {
      if (!wired) {
        wired = true;
        subscribe('outbox:changed', () => {
          if (useAuditStore.getState().open) void useAuditStore.getState().load(useAuditStore.getState().offset);
        });
      }
      void get().load(0);
    }
  },

  setDraft(patch) {
    set((s) => ({ draft: { ...s.draft, ...patch } }));
    void get().load(0);
  },

  async load(offset = 0) {
    const filter = auditFilterOf(get().draft);
    if ('invalid' in filter) {
      set({ error: filter.invalid, entries: [], total: 0 });
      return;
    }
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const page = await call('audit:list', { filter, offset, limit: AUDIT_PAGE });
      if (seq !== loadSeq) return;
      set({ entries: page.entries, total: page.total, offset, loading: false, error: null });
    } catch (error) {
      if (seq === loadSeq) set({ loading: false, error: errorMessage(error) });
    }
  },

  async exportCsv() {
    const filter = auditFilterOf(get().draft);
    if ('invalid' in filter) return;
    try {
      const result = await call('audit:export', {
        filter,
        language: useAppStore.getState().language,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      if (result.delivered === 'saved') {
        set({ savedTo: result.path });
        return;
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
      link.download = result.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));

/** "Cancel the rest" of a running batch, and what came of it (shown in that batch's report). */
export const useCancelRestStore = create<{
  batchId: number | null;
  /** entries that were being sent and will finish */
  sending: number;
  error: string | null;
  cancelRest(batchId: number): Promise<void>;
}>()((set) => ({
  batchId: null,
  sending: 0,
  error: null,
  async cancelRest(batchId) {
    try {
      const { sending } = await call('outbox:cancelBatch', { batchId });
      set({ batchId, sending, error: null });
    } catch (error) {
      set({ batchId, sending: 0, error: errorMessage(error) });
    }
  },
}));
