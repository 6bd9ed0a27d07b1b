/**
 * What every bench section stands on: a generated cache of the asked size
 * (built once per scale and seed, kept in the OS temp folder for the next
 * run unless --fresh), the real services over it (worker threads and all),
 * and a direct read-only connection for the raw-SQL side of each ratio.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../../app/db/connection.ts';
import { cacheFileName, createServices, type Services } from '../../app/services.ts';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const quiet = { info: () => {}, warn: () => {}, error: () => {} };

export const SCALES = { S: 10_000, M: 100_000, L: 1_000_000 } as const;
export type Scale = keyof typeof SCALES;

export interface BenchCache {
  dataDir: string;
  file: string;
  seed: number;
  dialogs: number;
  /** seconds the generator took; null when an earlier run's cache was reused */
  generatedInS: number | null;
  sizeMiB: number;
}

/** Builds (or reuses) a cache of `dialogs` dialogs with `npm run generate`. */
export function benchCache(dialogs: number, seed: number, fresh: boolean): BenchCache {
  const dataDir = path.join(os.tmpdir(), `ols-bench-${dialogs}-seed${seed}`);
  const file = path.join(dataDir, cacheFileName({ kind: 'demo', seed }));
  let generatedInS: number | null = null;
  if (fresh || !fs.existsSync(file)) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'electron/tools/launch.cjs'), 'generate', '--dialogs', String(dialogs), '--seed', String(seed), '--data-dir', dataDir],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`npm run generate failed (exit ${run.status})`);
    generatedInS = (performance.now() - started) / 1000;
  }
  return { dataDir, file, seed, dialogs, generatedInS, sizeMiB: fs.statSync(file).size / 2 ** 20 };
}

export async function benchServices(cache: BenchCache, options: { speed?: number } = {}): Promise<Services> {
  const settings = new Map<string, unknown>();
  const services = createServices({
    dataDir: cache.dataDir,
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'demo', seed: cache.seed, speed: options.speed ?? 0 },
    osLanguage: 'en',
    version: 'bench',
    log: quiet,
    autoSync: false,
  });
  await services.start();
  return services;
}

export async function call<C extends Channel>(services: Services, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await services.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ResponseOf<C>;
}

export function rawConnection(cache: BenchCache): Db {
  return openDatabase(cache.file, { readonly: true, migrate: false });
}
