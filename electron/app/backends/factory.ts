/**
 * Which backend a data source is, as plain data (it crosses into the writer
 * worker, where the sync runs), and the one factory that builds it.
 */
import type { Logger } from '../ipc/dispatch.ts';
import type { Backend } from './backend.ts';
import { createBitrix24Backend } from './bitrix24/index.ts';
import { createDemoBackend } from './demo/index.ts';
import { parseWebhookUrl } from './webhook-url.ts';

export interface DemoBackendConfig {
  kind: 'demo';
  seed: number;
  /** days of history to backfill */
  historyDays?: number;
  /** multiplies the pace of live traffic; 0 freezes the world */
  speed?: number;
}

export const BITRIX24_PLANS = ['standard', 'enterprise'] as const;
export type Bitrix24Plan = (typeof BITRIX24_PLANS)[number];

export interface Bitrix24BackendConfig {
  kind: 'bitrix24';
  /** checked by parseWebhookUrl where it entered; holds the secret: never logged, never shown whole */
  webhookUrl: string;
  /** the portal's plan, for its request limits (spec §1.4) */
  plan?: Bitrix24Plan;
}

export type BackendConfig = DemoBackendConfig | Bitrix24BackendConfig;
export { parseWebhookUrl } from './webhook-url.ts';

export interface BackendEnvironment {
  /** the data folder: the demo world keeps its files beside the cache, so a restart continues it */
  dataDir: string;
  log: Logger;
  /** the clock (default Date.now); the bench drives it to replay live polls quickly */
  now?: () => number;
}

export function createBackend(config: BackendConfig, env: BackendEnvironment): Backend {
  if (config.kind === 'bitrix24') return createBitrix24Backend({ webhookUrl: config.webhookUrl, plan: config.plan, log: env.log, now: env.now });
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
  if (config.kind === 'demo') return `cache-demo-seed${config.seed}.sqlite`;
  const webhook = parseWebhookUrl(config.webhookUrl);
  if ('error' in webhook) throw new Error(webhook.error);
  // portal and user, never the secret: a new secret for the same user keeps the same cache
  return `cache-bitrix24-${webhook.portal.replace(/[^A-Za-z0-9.-]/g, '_')}-u${webhook.userId}.sqlite`;
}
