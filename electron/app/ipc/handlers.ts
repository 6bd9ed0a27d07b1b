/**
 * The services' side of the IPC contract. `satisfies Handlers` makes a missing
 * or mistyped channel a compile error. Requests arrive already validated by
 * dispatch(); handlers throw AppError for what the user can act on.
 */
import type { AppInfo, Handlers, Settings } from '../../../shared/ipc/contract.ts';
import type { DialogFilter } from '../../../shared/domain/filter.ts';
import type { Backend } from '../backends/backend.ts';
import type { Db } from '../db/connection.ts';
import { aggregateDialogs } from '../db/queries/aggregates.ts';
import { countDialogs, getDialog, listDialogs } from '../db/queries/dialogs.ts';
import { FilterError } from '../db/queries/filter-sql.ts';
import { listChannels, listLines, listOperators } from '../db/queries/reference.ts';
import { readHistory, readTimelineEntries } from '../db/queries/timeline.ts';
import { explainDialog } from '../metrics/engine.ts';
import { readSettings, writeSettings, type KeyValueStore } from '../settings/store.ts';
import { recomputeAll } from '../sync/recompute.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { AppError } from './app-error.ts';

export interface HandlerContext {
  db: Db;
  backend: Backend;
  sync: SyncEngine;
  settings: KeyValueStore;
  info: AppInfo;
  now(): number;
  /** bumped by every write, so cached counts know they are stale */
  dataVersion(): number;
  emitProgress(done: number, total: number): void;
  emitChanged(): void;
}

function withFilterErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof FilterError) throw new AppError('VALIDATION', error.message);
    throw error;
  }
}

export function createHandlers(ctx: HandlerContext) {
  // The grid asks for many blocks of one filter: count it once per filter and data version.
  let countCache: { key: string; total: number } | null = null;
  const countFor = (filter: DialogFilter): number => {
    const key = `${ctx.dataVersion()}|${JSON.stringify(filter)}`;
    if (countCache?.key !== key) countCache = { key, total: countDialogs(ctx.db, filter, ctx.now()) };
    return countCache.total;
  };
  const dialogOr404 = (id: number) => {
    const dialog = getDialog(ctx.db, id);
    if (!dialog) throw new AppError('NOT_FOUND', `Dialog ${id} is not in the cache`);
    return dialog;
  };

  return {
    'app:info': () => ctx.info,
    'dialogs:list': (request) =>
      withFilterErrors(() => {
        const total = countFor(request.filter);
        return { rows: listDialogs(ctx.db, request, ctx.now(), total), total };
      }),
    'dialogs:get': ({ id }) => dialogOr404(id),
    'dialogs:history': ({ id }) => ({ dialog: dialogOr404(id), entries: readHistory(ctx.db, id) }),
    'metrics:explain': ({ id }) => {
      const dialog = dialogOr404(id);
      return explainDialog({ id, direction: dialog.direction, entries: readTimelineEntries(ctx.db, id) });
    },
    'metrics:aggregate': ({ filter, sla }) =>
      withFilterErrors(() => aggregateDialogs(ctx.db, filter, sla ?? readSettings(ctx.settings).sla, ctx.now())),
    'metrics:recompute': () => {
      const result = recomputeAll(ctx.db, { onProgress: ctx.emitProgress });
      ctx.emitChanged();
      return result;
    },
    'reference:get': () => ({
      lines: listLines(ctx.db),
      operators: listOperators(ctx.db),
      channels: listChannels(ctx.db),
    }),
    'sync:status': () => ctx.sync.status,
    'settings:get': () => readSettings(ctx.settings),
    'settings:set': (patch) => writeSettings(ctx.settings, patch as Partial<Settings>),
  } satisfies Handlers;
}
