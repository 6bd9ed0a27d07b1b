/**
 * Builds a large cache that is a demo world's own (the scale generator):
 * the world's history, planned by the simulator's code in a worker thread,
 * written by this thread in bulk, pipelined, so both cores work. The cache is
 * built under a temp name and renamed into place at the end, after the world
 * file: a kill leaves the user's data as it was, and the services open the
 * result as this world's cache (identity and cursor written), keeping it.
 * The world file says the history lives in the cache only: on resume the
 * simulator plans just the dialogs still running at the anchor, and what
 * arrives later, under the ids that follow.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { cursorAtWall } from '../backends/demo/changes.ts';
import { worldFingerprint, worldIdentity, type WorldSpec } from '../backends/demo/simulator.ts';
import { createWorld, publicLines } from '../backends/demo/world.ts';
import { resetActionLog, toWorldFile, worldFiles, writeWorldFile } from '../backends/demo/world-file.ts';
import { openDatabase, type WritableDB } from '../db/connection.ts';
import { salvageTables } from '../db/open-cache.ts';
import {
  beginFastLoad,
  createBulkWriter,
  dropSecondaryStructures,
  endFastLoad,
  finishLoad,
  restoreSecondaryStructures,
} from '../db/queries/bulk-load.ts';
import { adoptIdentity } from '../db/queries/cache-identity.ts';
import { rebuildSearchIndex } from '../db/queries/search-index.ts';
import { upsertReference } from '../db/queries/reference.ts';
import { writeCursor } from '../db/queries/sync-state.ts';
import { USER_OWNED_TABLES } from '../db/tables.ts';
import type { Logger } from '../ipc/dispatch.ts';
import { ensurePrivateDir, ensurePrivateFile } from '../storage/private-files.ts';
import { CHANGES_CURSOR } from '../sync/apply-changes.ts';
import { decodeChunk } from './codec.ts';
import { planGeneratedWorld } from './plan.ts';
import type { FromGenerateWorker, GenerateWorkerData } from './worker.ts';

export interface GenerateOptions {
  dataDir: string;
  /** the cache file the services open for this seed */
  cacheFile: string;
  seed: number;
  /** about this many dialogs (the history's arrivals are random: within a thousandth) */
  dialogs: number;
  /** replace a cache (and world) the folder already holds for this seed */
  force?: boolean;
  /** the anchor: the history ends here (default: now) */
  now?: number;
  /** dialogs per chunk (one message between the threads, one transaction) */
  chunk?: number;
  /** generator threads beside the writing one (default: one per core, up to four) */
  workers?: number;
  /**
   * false: load with every index and trigger in place (slow). Tests compare
   * the two: what triggers keep up row by row must equal what the bulk load
   * rebuilds at the end (rebuildDerivedTables).
   */
  dropSecondary?: boolean;
  onProgress?: (progress: GenerateProgress) => void;
  log?: Logger;
}

export interface GenerateProgress {
  phase: 'plan' | 'dialogs' | 'indexes' | 'statistics' | 'flush';
  done: number;
  total: number;
}

export interface GenerateResult {
  dialogs: number;
  messages: number;
  file: string;
  bytes: number;
  identity: string;
  /** milliseconds per phase, and in all */
  ms: { plan: number; dialogs: number; indexes: number; statistics: number; flush: number; total: number };
  /** CPU milliseconds per phase, all threads of the process (on a busy machine the wall times above say less) */
  cpuMs: { plan: number; dialogs: number; indexes: number; statistics: number; flush: number; total: number };
}

/** The folder already holds what this would replace, or the app has it open: nothing was touched. */
export class GenerateRefused extends Error {}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

function nonEmpty(file: string): boolean {
  return (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

export async function generateCache(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = options.log ?? console;
  const target = options.cacheFile;
  const files = worldFiles(options.dataDir, options.seed);
  if (fs.existsSync(`${target}.open`)) {
    throw new GenerateRefused(`${target} is open in a running app (${target}.open exists): close it first, or delete that marker if no app runs`);
  }
  const existing = [target, files.world].filter(nonEmpty);
  if (existing.length > 0 && !options.force) {
    throw new GenerateRefused(`${options.dataDir} already holds a cache for seed ${options.seed} (${existing.join(', ')}): add --force to replace it`);
  }
  ensurePrivateDir(options.dataDir);
  const temp = `${target}.generating`;
  removeWithSideFiles(temp);
  ensurePrivateFile(temp);
  const progress = (phase: GenerateProgress['phase'], done: number, total: number) => options.onProgress?.({ phase, done, total });
  const ms = { plan: 0, dialogs: 0, indexes: 0, statistics: 0, flush: 0, total: 0 };
  const cpuMs = { ...ms };
  const cpuNow = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const cpuStarted = cpuNow();
  let mark = performance.now();
  let cpuMark = cpuStarted;
  const lap = (phase: keyof typeof ms) => {
    const [now, cpu] = [performance.now(), cpuNow()];
    ms[phase] = Math.round(now - mark);
    cpuMs[phase] = Math.round(cpu - cpuMark);
    [mark, cpuMark] = [now, cpu];
  };

  let db: WritableDB | null = openDatabase(temp);
  try {
    progress('plan', 0, 1);
    const anchor = Math.floor(options.now ?? Date.now());
    const { spec: planned, count } = planGeneratedWorld(options.seed, options.dialogs, anchor);
    const world = createWorld(options.seed);
    db.transaction(() => upsertReference(db!, publicLines(world), world.operators))();
    progress('plan', 1, 1);
    lap('plan');

    beginFastLoad(db);
    const saved = options.dropSecondary === false ? { indexes: [], triggers: [] } : dropSecondaryStructures(db);
    const workers = options.workers ?? Math.max(1, Math.min(4, os.availableParallelism()));
    const { messages, firstRunning } = await loadHistory(db, planned, options.chunk ?? 4000, workers, (done) => progress('dialogs', done, count));
    lap('dialogs');
    restoreSecondaryStructures(db, saved, (done, total) => progress('indexes', done, total));
    lap('indexes');

    progress('statistics', 0, 1);
    if (options.dropSecondary !== false) finishLoad(db);
    else {
      // no trigger keeps the search index (the sync's writer does, per batch): a load fills it at the end either way
      rebuildSearchIndex(db);
      db.exec('ANALYZE');
    }
    progress('statistics', 1, 1);
    lap('statistics');
    const spec: WorldSpec = { ...planned, cacheOnlyBelow: firstRunning ?? count };
    const identity = worldIdentity(spec);
    adoptIdentity(db, identity, log);
    writeCursor(db, CHANGES_CURSOR, cursorAtWall(worldFingerprint(spec), anchor));
    // what the user made in the cache this replaces (presets, layouts…) is kept
    if (options.force && fs.existsSync(target)) salvageTables(target, db, USER_OWNED_TABLES, log);
    // on disk before it takes the cache's name: the switch to WAL and the close sync the whole file
    progress('flush', 0, 1);
    endFastLoad(db);
    db.close();
    db = null;

    // the world first: a cache without its world file would be cleared as another source's
    writeWorldFile(files, toWorldFile(spec, anchor, { dialogs: count }));
    resetActionLog(files);
    // a -wal beside the old file would be replayed into the new one; the rename then replaces it at once
    for (const suffix of SIDE_FILES) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(temp, target);
    progress('flush', 1, 1);
    lap('flush');
    ms.total = Math.round(performance.now() - started);
    cpuMs.total = Math.round(cpuNow() - cpuStarted);
    return { dialogs: count, messages, file: target, bytes: fs.statSync(target).size, identity, ms, cpuMs };
  } catch (error) {
    db?.close();
    removeWithSideFiles(temp);
    throw error;
  }
}

/**
 * Runs the workers and writes what they post, chunk after chunk in arrival
 * order (a chunk that comes early waits: ids then grow along every B-tree);
 * resolves when the whole history is in.
 */
function loadHistory(
  db: WritableDB,
  spec: WorldSpec,
  chunk: number,
  workers: number,
  onDialogs: (done: number) => void,
): Promise<{ messages: number; firstRunning: number | null }> {
  const writer = createBulkWriter(db);
  const threads = Array.from({ length: workers }, (_, nth) => {
    const data: GenerateWorkerData = { spec, chunk, share: { nth, of: workers } };
    return new Worker(new URL('./worker.ts', import.meta.url), { workerData: data, name: `generate-${nth}` });
  });
  const early = new Map<number, Extract<FromGenerateWorker, { type: 'chunk' }>>();
  let nextChunk = 0;
  let finished = 0;
  let done = 0;
  let messages = 0;
  let firstRunning: number | null = null;
  return new Promise((resolve, reject) => {
    let settled = false;
    const stopAll = () => {
      settled = true;
      for (const thread of threads) void thread.terminate();
    };
    const fail = (error: Error) => {
      if (settled) return;
      stopAll();
      reject(error);
    };
    const writeReady = () => {
      for (let ready = early.get(nextChunk); ready; ready = early.get(nextChunk)) {
        early.delete(nextChunk);
        writer.write(decodeChunk(ready.chunk));
        (threads[nextChunk % workers] as Worker).postMessage('ack');
        nextChunk += 1;
        done += ready.chunk.dialogs;
        messages += ready.chunk.messages;
        firstRunning ??= ready.firstRunning;
        onDialogs(done);
      }
      if (finished === workers && early.size === 0) {
        stopAll();
        resolve({ messages, firstRunning });
      }
    };
    threads.forEach((thread) => {
      thread.on('message', (message: FromGenerateWorker) => {
        if (settled) return;
        try {
          if (message.type === 'failed') throw new Error(`the generator's worker failed: ${message.message}`);
          if (message.type === 'done') finished += 1;
          else early.set(message.number, message);
          writeReady();
        } catch (error) {
          fail(error as Error);
        }
      });
      thread.on('error', fail);
      thread.on('exit', (code) => fail(new Error(`the generator's worker stopped (exit code ${code})`)));
    });
  });
}
