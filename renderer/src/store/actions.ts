/**
 * Acting on dialogs from the UI: the outbox as the services report it (kept
 * fresh by `outbox:changed`), and the one action flow open at a time —
 * preview (how many, how many skipped and why) → confirm → the per-dialog
 * report while it drains. "All matching" always means THE filter the grid
 * shows (currentFilter()), not the rows that happen to be loaded.
 */
import { create } from 'zustand';
import type { ActionTarget, DialogAction } from '../../../shared/domain/actions.ts';
import type { ActionPreview, OutboxCounts, OutboxEntry, OutboxSnapshot, SenderState } from '../../../shared/ipc/contract-actions.ts';
import { call, errorMessage, subscribe } from '../ipc.ts';
import { currentFilter } from './grid.ts';
import { selectionTarget } from './selection.ts';

export type ActionFlow =
  | { phase: 'previewing'; action: DialogAction; target: ActionTarget }
  | { phase: 'confirm'; action: DialogAction; target: ActionTarget; preview: ActionPreview }
  | { phase: 'report'; action: DialogAction; target: ActionTarget; batchId: number; report: OutboxSnapshot | null }
  | { phase: 'error'; action: DialogAction; target?: ActionTarget; message: string };

interface ActionsState {
  counts: OutboxCounts | null;
  sender: SenderState | null;
  /** the queue panel's entries (newest first), loaded while it is open */
  entries: OutboxEntry[];
  queueOpen: boolean;
  flow: ActionFlow | null;
  /** the transfer or rate menu that is open, and for which dialogs (null: all matching) */
  menu: { kind: 'transfer' | 'rate'; target: ActionTarget | null } | null;
  openMenu(menu: { kind: 'transfer' | 'rate'; target: ActionTarget | null } | null): void;
  /** the list of keyboard shortcuts is shown */
  helpOpen: boolean;
  setHelp(open: boolean): void;
  /** start an action on the given dialogs, else on the ticked rows, else on every dialog the grid's filter selects */
  begin(action: DialogAction, target?: ActionTarget): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
  toggleQueue(): void;
  refresh(): Promise<void>;
  cancelEntry(id: number): Promise<void>;
}

let started = false;
/** set by the grid: where focus goes when the action dialog closes */
let afterClose: ((dialogId: number | null) => void) | null = null;
export function onActionDialogClosed(handler: (dialogId: number | null) => void): void {
  afterClose = handler;
}
let refreshSeq = 0;

export const useActionsStore = create<ActionsState>()((set, get) => ({
  counts: null,
  sender: null,
  entries: [],
  queueOpen: false,
  flow: null,
  menu: null,
  helpOpen: false,

  setHelp(open) {
    set({ helpOpen: open });
  },

  openMenu(menu) {
    set({ menu });
  },

  async begin(action, target) {
    // no target named: the ticked rows when there are any, else every dialog the filter selects
    const selected = target ? null : await selectionTarget();
    if (selected === 'refused') return; // the selection's notice says why
    const resolved: ActionTarget = target ?? selected ?? { filter: currentFilter() };
    set({ flow: { phase: 'previewing', action, target: resolved } });
    try {
      const preview = await call('actions:preview', { target: resolved, action });
      if (get().flow?.phase === 'previewing') set({ flow: { phase: 'confirm', action, target: resolved, preview } });
    } catch (error) {
      set({ flow: { phase: 'error', action, message: errorMessage(error) } });
    }
  },

  async confirm() {
    const flow = get().flow;
    if (flow?.phase !== 'confirm') return;
    try {
      const result = await call('actions:enqueue', { target: flow.target, action: flow.action });
      set({ flow: { phase: 'report', action: flow.action, target: flow.target, batchId: result.batchId, report: null } });
      await get().refresh();
    } catch (error) {
      set({ flow: { phase: 'error', action: flow.action, message: errorMessage(error) } });
    }
  },

  close() {
    const flow = get().flow;
    set({ flow: null });
    // back to the row acted on, so the next key works on the list again
    const target = flow && 'target' in flow ? flow.target : undefined;
    const one = target && 'dialogIds' in target && target.dialogIds.length === 1 ? target.dialogIds[0]! : null;
    if (one !== null) afterClose?.(one);
  },

  toggleQueue() {
    set((s) => ({ queueOpen: !s.queueOpen }));
    void get().refresh();
  },

  async refresh() {
    // only the newest read may write: an older one answering late would put a stale report back
    const seq = ++refreshSeq;
    try {
      const flow = get().flow;
      const [all, batch] = await Promise.all([
        call('outbox:list', { limit: get().queueOpen ? 200 : 1 }),
        flow?.phase === 'report' ? call('outbox:list', { batchId: flow.batchId, limit: 10_000 }) : Promise.resolve(null),
      ]);
      if (seq !== refreshSeq) return;
      set({ counts: all.counts, sender: all.sender, entries: get().queueOpen ? all.entries : get().entries });
      const now = get().flow;
      if (batch && now?.phase === 'report' && flow?.phase === 'report' && now.batchId === flow.batchId) set({ flow: { ...now, report: batch } });
    } catch (error) {
      console.warn('[outbox] not loaded', error);
    }
  },

  async cancelEntry(id) {
    try {
      await call('outbox:cancel', { id });
    } catch (error) {
      console.warn('[outbox] not cancelled', error);
    }
    await get().refresh();
  },
}));

/** Follows the outbox from the first mount on (events are throttled by the services). */
export function startActionsStore(): void {
  if (started) return;
  started = true;
  subscribe('outbox:changed', (event) => {
    useActionsStore.setState({ counts: event.counts, sender: event.sender });
    const { queueOpen, flow } = useActionsStore.getState();
    if (queueOpen || flow?.phase === 'report') void useActionsStore.getState().refresh();
  });
  void useActionsStore.getState().refresh();
}

/** The report as CSV (dialog, outcome, reason), for the supervisor to keep. */
export function reportCsv(report: OutboxSnapshot, labels: { dialog: string; result: string; reason: string }, word: (key: string) => string): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[labels.dialog, labels.result, labels.reason].map(quote).join(',')];
  for (const e of report.entries) lines.push([String(e.dialogId), word(`state.${e.state}`), e.error ? `${e.error.code}: ${e.error.message}` : ''].map(quote).join(','));
  for (const s of report.batch?.skipped ?? []) lines.push([String(s.dialogId), word('state.skipped'), word(`skip.${s.reason}`)].map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
