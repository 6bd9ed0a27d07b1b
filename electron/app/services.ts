/**
 * Composition root of the services: cache (worker threads), backend, sync
 * engine, jobs and handlers, behind one entry point. Both shells only
 * forward: `invoke(channel, request)` in, `onEvent` out. Nothing here imports
 * electron, and nothing on this thread runs a query.
 */
import path from 'node:path';
import type { AppInfo, EventName, IpcResult, Language, StartupNotice, SyncStatus } from '../../shared/ipc/contract.ts';
import { cacheFileName, type BackendConfig } from './backends/factory.ts';
import { openDataService, type DataService } from './data/data-service.ts';
import { createHandlers } from './ipc/handlers/index.ts';
import { dispatch, type Logger } from './ipc/dispatch.ts';
import { JobRegistry } from './jobs/job-registry.ts';
import { createEventFanout, type EventListener } from './event-fanout.ts';
import type { SourcesControl } from './ipc/handlers/context.ts';
import type { KeyValueStore } from './settings/store.ts';
import { ensurePrivateDir } from './storage/private-files.ts';
import type { SaveFileHook } from './export/save-hook.ts';
import type { OpenExternalHook } from './actions/portal-links.ts';

export type { BackendConfig, DemoBackendConfig } from './backends/factory.ts';
export type { SaveFileHook } from './export/save-hook.ts';
export { cacheFileName } from './backends/factory.ts';

export interface ServicesOptions {
  dataDir: string;
  shell: 'electron' | 'browser';
  settings: KeyValueStore;
  /** what the shell already repaired before the services started (e.g. a settings file) */
  notices?: StartupNotice[];
  backend: BackendConfig;
  osLanguage: Language;
  version: string;
  log?: Logger;
  /** sync poll interval once caught up */
  pollMs?: number;
  /** false: start() opens everything but pulls only on `sync:now` (tests, tools) */
  autoSync?: boolean;
  /** reader workers (default 2) */
  readers?: number;
  /** the desktop shell's save dialog, for export:save (electron/main); browser mode downloads instead */
  saveFile?: SaveFileHook;
  /** the desktop shell's link opener (links:dialog); absent in browser mode */
  openExternal?: OpenExternalHook;
  /** the source switch that runs these services (sources:*); see source-switch.ts */
  sources?: SourcesControl;
}

export type { EventListener };

export interface Services {
  /** the one entry point both shells forward to: validation, handler, errors as data */
  invoke(channel: unknown, request: unknown): Promise<IpcResult<unknown>>;
  /** subscribe to push events; returns the unsubscribe function */
  onEvent(listener: EventListener): () => void;
  /** open the cache and start syncing; rejects (e.g. a cache from a newer app) with a message for the user */
  start(): Promise<void>;
  /** stop syncing, end running jobs and close the cache; safe to call twice */
  close(): Promise<void>;
}

/** The demo world keeps its own files beside the cache, so a restart continues the same world. */
interface Running {
  data: DataService;
  handlers: ReturnType<typeof createHandlers>;
}

export function createServices(options: ServicesOptions): Services {
  const log = options.log ?? console;
  const events = createEventFanout(log, 'services');
  const emit = events.emit;
  const jobs = new JobRegistry((job) => emit('jobs:progress', job));
  let started: Promise<Running> | null = null;
  let closed: Promise<void> | null = null;

  const open = async (): Promise<Running> => {
    ensurePrivateDir(options.dataDir);
    // The sync runs in the writer worker: this thread only hears its status and changes.
    let status: SyncStatus = { phase: 'idle', progress: 0, dialogs: 0, lastSyncAt: null, error: null };
    const data = await openDataService({
      file: path.join(options.dataDir, cacheFileName(options.backend)),
      log,
      readers: options.readers,
      sync: { backend: options.backend, dataDir: options.dataDir, pollMs: options.pollMs, autoSync: options.autoSync },
      onEvent: (name, payload) => {
        if (name === 'sync:status') status = payload as SyncStatus;
        emit(name as EventName, payload as never);
      },
    });
    try {
      const source = data.source!;
      status = source.status;
      const sync = {
        get status() {
          return status;
        },
        syncNow: async () => (status = await data.write.syncNow()),
      };
      const info: AppInfo = {
        version: options.version,
        shell: options.shell,
        backend: { kind: source.kind as AppInfo['backend']['kind'], label: source.label, selfOperatorId: source.selfOperatorId },
        dataDir: options.dataDir,
        osLanguage: options.osLanguage,
        notices: [...(options.notices ?? []), ...(data.notice ? [data.notice] : [])],
      };
      const emitChanged = () => emit('dialogs:changed', { inserted: [], updated: [], total: status.dialogs });
      const handlers = createHandlers({ data, sync, jobs, settings: options.settings, info, log, now: Date.now, emitChanged, saveFile: options.saveFile, openExternal: options.openExternal, sources: options.sources });
      // An engine update recomputes what an older engine stored, as a job: the grid answers meanwhile.
      jobs.start('recompute', (onProgress) => data.jobs.recompute(onProgress, { onlyStale: true }), (result) => {
        if (result.dialogs) {
          log.info(`[metrics] recomputed ${result.dialogs} dialogs for the new engine in ${result.ms} ms`);
          emitChanged();
        }
      });
      return { data, handlers };
    } catch (error) {
      await data.close();
      throw error;
    }
  };

  return {
    async invoke(channel, request) {
      if (!started || closed) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: closed ? 'The application is shutting down.' : 'The application is starting.' } };
      }
      let running: Running;
      try {
        running = await started;
      } catch (error) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: `The data services failed to start: ${(error as Error).message}` } };
      }
      return dispatch(running.handlers, channel, request, log);
    },
    onEvent(listener) {
      return events.subscribe(listener);
    },
    start() {
      started ??= open();
      return started.then(() => undefined);
    },
    close() {
      closed ??= (async () => {
        const running = await started?.catch(() => null);
        // The writer stops its sync and lets the backend go before it closes the cache.
        await running?.data.close();
      })();
      return closed;
    },
  };
}
