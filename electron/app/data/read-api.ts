/**
 * What a reader worker answers: every query the handlers need, over a
 * read-only connection. Caches that depend on the data (the grid's count per
 * filter) are keyed by SQLite's `PRAGMA data_version`, which changes exactly
 * when another connection — the writer — commits.
 */
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import type { SlaThresholds } from '../../../shared/ipc/contract.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import { aggregateDialogs } from '../db/queries/aggregates.ts';
import { countDialogs, getDialog, listDialogs } from '../db/queries/dialogs.ts';
import { dialogIdsInRange } from '../db/queries/dialog-range.ts';
import { listChannels, listLines, listOperators } from '../db/queries/reference.ts';
import { countAllDialogs } from '../db/queries/sync-state.ts';
import { operatorLoad } from '../db/queries/operator-load.ts';
import { readHistory, readTimelineEntries } from '../db/queries/timeline.ts';
import { withHighlights } from '../db/queries/search-highlight.ts';
import { explainDialog } from '../metrics/engine.ts';
import { EXPORT_JOBS } from '../export/run-export.ts';
import { WORKSPACE_READ_API } from './workspace-api.ts';
import { AUDIT_READ_API } from './audit-api.ts';
import { afterGridBlock } from './idle-jumps.ts';

export function openReader(file: string): Db {
  return openDatabase(file, { readonly: true, migrate: false });
}

const dataVersion = (db: Db) => db.pragma('data_version', { simple: true }) as number;

// The grid asks for many blocks of one filter: count it once per filter and data version.
const countCache = new WeakMap<Db, { key: string; total: number }>();
function countFor(db: Db, filter: DialogFilter, now: number): number {
  const key = `${dataVersion(db)}|${JSON.stringify(filter)}`;
  const cached = countCache.get(db);
  if (cached?.key === key) return cached.total;
  const total = countDialogs(db, filter, now);
  countCache.set(db, { key, total });
  return total;
}

export const READ_API = {
  dialogsPage(db: Db, request: { filter: DialogFilter; sort: SortSpec; startRow: number; endRow: number; rank?: 'relevance' | 'sort' }, now: number) {
    const total = countFor(db, request.filter, now);
    const rows = listDialogs(db, request, now, total);
    afterGridBlock(db, request, now, total);
    return { rows, total };
  },
  /** the ids at [startRow, endRow) of the grid's order, counted as dialogsPage counts (a Shift+click range) */
  dialogIdsPage(db: Db, request: { filter: DialogFilter; sort: SortSpec; startRow: number; endRow: number; rank?: 'relevance' | 'sort' }, now: number) {
    const total = countFor(db, request.filter, now);
    return { ids: dialogIdsInRange(db, request, now, total), total };
  },
  dialog(db: Db, id: number) {
    return getDialog(db, id);
  },
  history(db: Db, id: number, search?: string) {
    const dialog = getDialog(db, id);
    return dialog ? { dialog, entries: withHighlights(readHistory(db, id), search) } : null;
  },
  explain(db: Db, id: number) {
    const dialog = getDialog(db, id);
    return dialog ? explainDialog({ id, direction: dialog.direction, entries: readTimelineEntries(db, id) }) : null;
  },
  aggregate(db: Db, filter: DialogFilter, sla: SlaThresholds, now: number, charts = false) {
    return aggregateDialogs(db, filter, sla, now, { charts });
  },
  reference(db: Db) {
    return { lines: listLines(db), operators: listOperators(db), channels: listChannels(db) };
  },
  /** active dialogs per operator now (the transfer picker) */
  operatorLoad(db: Db) {
    return operatorLoad(db);
  },
  countAll(db: Db) {
    return countAllDialogs(db);
  },
  ...WORKSPACE_READ_API,
  ...AUDIT_READ_API,
};

export type ReadApi = typeof READ_API;

/** Long reads that report progress and can be cancelled, as the writer's jobs (an export writes its file from here). */
export const READ_JOBS = { ...EXPORT_JOBS };

export type ReadJobs = typeof READ_JOBS;
