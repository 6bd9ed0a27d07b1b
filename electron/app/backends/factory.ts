/**
 * Which backend a data source is, as plain data (it crosses into the writer
 * worker, where the sync runs), and the one factory that builds it.
 */
import type { Logger } from '../ipc/dispatch.ts';
import type { Backend } from './backend.ts';
import { createDemoBackend } from './demo/index.ts';

export interface DemoBackendConfig {
  kind: 'demo';
  seed: number;
  /** days of history to backfill */
  historyDays?: number;
  /** multiplies the pace of live traffic; 0 freezes the world */
  speed?: number;
}

export type BackendConfig = DemoBackendConfig;

export interface BackendEnvironment {
  /** the data folder: the demo world keeps its files beside the cache, so a restart continues it */
  dataDir: string;
  log: Logger;
  /** the clock (default Date.now); the bench drives it to replay live polls quickly */
  now?: () => number;
}

export function createBackend(config: BackendConfig, env: BackendEnvironment): Backend {
  return createDemoBackend({
    seed: config.seed,
    historyDays: config.historyDays,
    speed: config.speed,
    worldDir: env.dataDir,
    log: env.log,
    now: env.now,
  });
}

/** One cache file per data source, so switching seeds or portals never mixes dialogs. */
export function cacheFileName(config: BackendConfig): string {
  return `cache-demo-seed${config.seed}.sqlite`;
}
