/**
 * What every domain's handlers may use. Reads go to the reader pool, writes
 * to the writer; nothing here holds a connection, so no handler can run a
 * query on the services' thread.
 */
import type { AppInfo, Handlers, SyncStatus } from '../../../../shared/ipc/contract.ts';
import type { DataService } from '../../data/data-service.ts';
import type { JobRegistry } from '../../jobs/job-registry.ts';
import type { KeyValueStore } from '../../settings/store.ts';
import type { SaveFileHook } from '../../export/save-hook.ts';
import type { OpenExternalHook } from '../../actions/portal-links.ts';
import type { SourcePlan, SourcesList, WebhookTestResult } from '../../../../shared/ipc/contract-sources.ts';
import type { WebhookUrl } from '../../backends/webhook-url.ts';
import type { Logger } from '../dispatch.ts';

/** The sync as the handlers see it: it runs in the writer worker. */
export interface SyncControl {
  readonly status: SyncStatus;
  /** pull until caught up; the status after it */
  syncNow(): Promise<SyncStatus>;
}

/** The source switch (source-switch.ts), which outlives the services it runs; absent when nothing can switch (tools). */
export interface SourcesControl {
  list(): SourcesList;
  test(webhook: WebhookUrl, plan: SourcePlan | undefined): Promise<WebhookTestResult>;
  connect(webhook: WebhookUrl, plan: SourcePlan): Promise<SourcesList>;
  use(id: string): Promise<SourcesList>;
  forget(id: string, deleteCache: boolean): SourcesList;
}

export interface HandlerContext {
  data: DataService;
  sync: SyncControl;
  jobs: JobRegistry;
  settings: KeyValueStore;
  info: AppInfo;
  log: Logger;
  now(): number;
  /** the cache changed outside a sync batch (a recompute finished) */
  emitChanged(): void;
  /** the desktop shell's save dialog (export:save); absent in browser mode */
  saveFile?: SaveFileHook;
  /** the desktop shell's link opener (links:dialog); absent in browser mode, where the page opens the link */
  openExternal?: OpenExternalHook;
  /** connecting and switching sources (sources:*); absent: those channels answer UNAVAILABLE */
  sources?: SourcesControl;
}

/** A domain's slice of the contract: its handlers, typed by the channels it names. */
export type HandlersOf<C extends keyof Handlers> = Pick<Handlers, C>;
