/**
 * The export of the current view (issue 8 point 7): which format, the job the
 * services run for it (progress, cancel) and delivering the file when it is
 * done — a download from the host in browser mode, the OS save dialog in
 * Electron. What is exported is read at the click: THE filter
 * (currentFilter), the sort, the visible columns in their order, the UI
 * language, this browser's time zone and the grid's locale.
 */
import { create } from 'zustand';
import { COLUMN_REGISTRY } from '../../../shared/domain/columns.ts';
import type { JobInfo } from '../../../shared/ipc/contract.ts';
import { EXPORT_DOWNLOAD_PREFIX, type ExportFormat } from '../../../shared/ipc/contract-export.ts';
import { call, errorMessage, subscribe } from '../ipc.ts';
import { translator } from '../i18n/index.ts';
import { useAppStore } from './app.ts';
import { currentFilter, useGridStore } from './grid.ts';

interface ExportState {
  format: ExportFormat;
  /** this window's latest export, as the services last reported it */
  job: JobInfo | null;
  /** Electron: where the finished file was saved */
  savedTo: string | null;
  /** why starting, cancelling or saving failed */
  error: string | null;
  setFormat(format: ExportFormat): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** the finished file to the user: a download, or the save dialog */
  deliver(): Promise<void>;
  dismiss(): void;
}

/** The URL browser mode downloads a finished export from (same origin: the page's cookie carries the token). */
export const downloadUrl = (fileName: string): string => `${EXPORT_DOWNLOAD_PREFIX}${encodeURIComponent(fileName)}`;

// events can overtake export:start's answer: keep the newest seen for each export job
const seen = new Map<number, JobInfo>();
let wired = false;

function wire(): void {
  if (wired) return;
  wired = true;
  subscribe('jobs:progress', (job) => {
    if (job.kind !== 'export') return;
    seen.set(job.id, job);
    const current = useExportStore.getState().job;
    if (current?.id !== job.id) return;
    useExportStore.setState({ job });
    if (current.state === 'running' && job.state === 'done') void useExportStore.getState().deliver();
  });
}

export const useExportStore = create<ExportState>()((set, get) => ({
  format: 'xlsx',
  job: null,
  savedTo: null,
  error: null,

  setFormat(format) {
    set({ format });
  },

  async start() {
    wire();
    const grid = useGridStore.getState();
    const language = useAppStore.getState().language;
    // the order on screen: columns pinned left first, then the scrolling ones, then those pinned right
    const side = (pinned: string | null | undefined) => (pinned === 'left' ? 0 : pinned === 'right' ? 2 : 1);
    const columns = grid.columns
      .filter((c) => c.visible && COLUMN_REGISTRY[c.id].origin !== 'view')
      .map((c, i) => ({ id: c.id, key: side(c.pinned) * 1000 + i }))
      .sort((a, b) => a.key - b.key)
      .map((c) => c.id);
    set({ error: null, savedTo: null });
    try {
      const job = await call('export:start', {
        filter: currentFilter(),
        sort: grid.sort,
        columns,
        language,
        format: get().format,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        locale: translator(language).locale,
      });
      const newer = seen.get(job.id);
      const latest = newer && (newer.state !== 'running' || newer.done >= job.done) ? newer : job;
      set({ job: latest });
      if (latest.state === 'done') await get().deliver();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async cancel() {
    const job = get().job;
    if (!job || job.state !== 'running') return;
    try {
      set({ job: await call('jobs:cancel', { id: job.id }) });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async deliver() {
    const job = get().job;
    const file = job?.result;
    if (!job || !file) return;
    if (useAppStore.getState().info?.shell === 'electron') {
      try {
        const { path } = await call('export:save', { id: job.id });
        set({ savedTo: path });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
      return;
    }
    // the host answers with Content-Disposition: attachment, so this downloads and the page stays
    const link = document.createElement('a');
    link.href = downloadUrl(file.fileName);
    link.download = file.fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  },

  dismiss() {
    set({ job: null, savedTo: null, error: null });
  },
}));
