/**
 * Composition root of the services: cache, backend, sync engine and handlers.
 * Both shells (electron/main and the browser-mode host) call createServices and
 * carry `handlers` and events over their transport; nothing here imports electron.
 */
import type { EventName, Events, Handlers, Language } from '../../shared/ipc/contract.ts';
import type { Logger } from './ipc/dispatch.ts';
import type { KeyValueStore } from './settings/store.ts';

export interface DemoBackendConfig {
  kind: 'demo';
  seed: number;
  /** days of history to backfill */
  historyDays?: number;
  /** multiplies the pace of live traffic */
  speed?: number;
}

export type BackendConfig = DemoBackendConfig;

export interface ServicesOptions {
  dataDir: string;
  shell: 'electron' | 'browser';
  settings: KeyValueStore;
  backend: BackendConfig;
  osLanguage: Language;
  version: string;
  log?: Logger;
}

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Services {
  handlers: Handlers;
  /** subscribe to push events; returns the unsubscribe function */
  onEvent(listener: EventListener): () => void;
  /** open the cache and start syncing */
  start(): Promise<void>;
  /** stop syncing and close the cache; safe to call twice */
  close(): Promise<void>;
}

export function createServices(_options: ServicesOptions): Services {
  throw new Error('not wired yet');
}
