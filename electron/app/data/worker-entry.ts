/**
 * A database worker thread: one connection, one method map. The writer opens
 * the cache with recovery and migrations; a reader opens it read-only after
 * the writer is ready. Calls run one at a time in arrival order (a
 * connection is single-threaded); a job method yields between its chunks, so
 * calls and cancels that arrive meanwhile are served in between.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../ipc/dispatch.ts';
import type { Db } from '../db/connection.ts';
import { serialiseError, type FromWorker, type JobContext, type ToWorker } from './protocol.ts';
import { openReader, READ_API, READ_JOBS } from './read-api.ts';
import { openWriter, WRITE_API, WRITE_JOBS } from './write-api.ts';
import { startWriterSync, stopWriterSync, SYNC_API, type WriterSyncOptions } from './writer-sync.ts';
import { OUTBOX_API } from './writer-outbox.ts';
import { stopIdleJumps } from './idle-jumps.ts';

export interface WorkerOptions {
  role: 'reader' | 'writer';
  file: string;
  /** the writer also runs the sync when given a backend */
  sync?: WriterSyncOptions;
}

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs only as a worker thread');
const options = workerData as WorkerOptions;

const post = (message: FromWorker) => port.postMessage(message);
const text = (args: unknown[]) =>
  args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
const log: Logger = {
  info: (...args: unknown[]) => post({ type: 'log', level: 'info', message: text(args) }),
  warn: (...args: unknown[]) => post({ type: 'log', level: 'warn', message: text(args) }),
  error: (...args: unknown[]) => post({ type: 'log', level: 'error', message: text(args) }),
};

type Method = (db: Db, ...args: unknown[]) => unknown;
type JobMethod = (db: Db, ctx: JobContext, ...args: unknown[]) => Promise<unknown>;

let db: Db;
let close: () => void;
const methods: Record<string, Method> = options.role === 'writer' ? ({ ...WRITE_API, ...SYNC_API, ...OUTBOX_API } as never) : (READ_API as never);
const jobs: Record<string, JobMethod> = options.role === 'writer' ? (WRITE_JOBS as never) : (READ_JOBS as never);
const cancelled = new Set<number>();

try {
  if (options.role === 'writer') {
    const opened = openWriter(options.file, log);
    db = opened.db;
    close = opened.close;
    const sync = options.sync
      ? await startWriterSync(opened.db, options.sync, log, (name, payload) => post({ type: 'event', name, payload }))
      : null;
    post({ type: 'ready', info: { notice: opened.notice, sync } });
  } else {
    db = openReader(options.file);
    close = () => {
      stopIdleJumps();
      db.close();
    };
    post({ type: 'ready', info: null });
  }
} catch (error) {
  post({ type: 'failed', error: serialiseError(error) });
  process.exit(1);
}

async function call(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  try {
    let value: unknown;
    if (message.method === '__close') {
      await stopWriterSync();
      close();
      value = null;
    } else if (Object.hasOwn(jobs, message.method)) {
      const ctx: JobContext = {
        progress: (done, total) => post({ type: 'progress', id: message.id, done, total }),
        get cancelled() {
          return cancelled.has(message.id);
        },
      };
      value = await jobs[message.method]!(db, ctx, ...message.args);
    } else if (Object.hasOwn(methods, message.method)) {
      value = await methods[message.method]!(db, ...message.args);
    } else {
      throw new Error(`No database method ${message.method}`);
    }
    post({ type: 'result', id: message.id, ok: true, value });
  } catch (error) {
    if (!(error instanceof Error && error.name === 'JobCancelled')) log.error(`[db] ${message.method} failed`, error);
    post({ type: 'result', id: message.id, ok: false, error: serialiseError(error) });
  } finally {
    cancelled.delete(message.id);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') cancelled.add(message.id);
  else void call(message);
});
