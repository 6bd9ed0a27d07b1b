/**
 * The services' side of one database worker: spawn, typed calls, progress of
 * jobs, cancel, close. A worker that dies fails every call in flight with
 * UNAVAILABLE-style errors instead of leaving them hanging.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ipc/dispatch.ts';
import { WorkerError, type FromWorker, type ToWorker } from './protocol.ts';
import type { WorkerOptions } from './worker-entry.ts';

/** `(db, ...args) => R` methods as the caller sees them: `(...args) => Promise<R>`. */
export type Remote<M> = {
  [K in keyof M]: M[K] extends (db: never, ...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};
/** `(db, ctx, ...args) => Promise<R>` jobs as the caller sees them. */
export type RemoteJobs<M> = {
  [K in keyof M]: M[K] extends (db: never, ctx: never, ...args: infer A) => infer R
    ? (onProgress: (done: number, total: number) => void, ...args: A) => RunningJob<Awaited<R>>
    : never;
};

export interface RunningJob<R> {
  result: Promise<R>;
  cancel(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Run from source (.ts under Node's type stripping, tests, browser mode) the
 * entry is the .ts next to this file; bundled (Electron's dist/electron) it is
 * the worker bundle the build writes beside main.mjs.
 */
function entryUrl(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./worker-entry.ts', import.meta.url);
  // Packaged, the bundle is unpacked next to app.asar (electron-builder.yml asarUnpack).
  return new URL(new URL('./data-worker.mjs', import.meta.url).href.replace('/app.asar/', '/app.asar.unpacked/'));
}

export class DbWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #dead: Error | null = null;
  #onEvent: ((name: string, payload: unknown) => void) | null = null;
  readonly ready: Promise<unknown>;
  readonly name: string;

  constructor(options: WorkerOptions, log: Logger, name: string) {
    this.name = name;
    this.#worker = new Worker(entryUrl(), { workerData: options, name });
    let settle!: { resolve(info: unknown): void; reject(error: Error): void };
    this.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
    // A failed start is reported through `ready`; keep it from becoming an unhandled rejection meanwhile.
    this.ready.catch(() => {});
    this.#worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          settle.resolve(message.info);
          return;
        case 'failed':
          settle.reject(new WorkerError(message.error));
          return;
        case 'log':
          log[message.level](`[${name}] ${message.message}`);
          return;
        case 'event':
          this.#onEvent?.(message.name, message.payload);
          return;
        case 'progress':
          this.#pending.get(message.id)?.onProgress?.(message.done, message.total);
          return;
        case 'result': {
          const pending = this.#pending.get(message.id);
          if (!pending) return;
          this.#pending.delete(message.id);
          if (message.ok) pending.resolve(message.value);
          else pending.reject(new WorkerError(message.error));
        }
      }
    });
    const die = (error: Error) => {
      if (this.#dead) return;
      this.#dead = error;
      settle.reject(error);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    this.#worker.on('error', (error) => {
      log.error(`[${name}] worker crashed`, error);
      die(new WorkerError({ name: 'WorkerGone', code: 'UNAVAILABLE', message: `The ${name} stopped: ${error.message}` }));
    });
    this.#worker.on('exit', (code) => die(new WorkerError({ name: 'WorkerGone', code: 'UNAVAILABLE', message: `The ${name} exited (${code})` })));
  }

  /** Where the worker's push events go (the writer's sync status and changes). */
  onEvent(listener: (name: string, payload: unknown) => void): void {
    this.#onEvent = listener;
  }

  /** Requests waiting for an answer: what the pool balances on. */
  get load(): number {
    return this.#pending.size;
  }

  call(method: string, args: unknown[], onProgress?: (done: number, total: number) => void): { id: number; result: Promise<unknown> } {
    const id = this.#nextId++;
    if (this.#dead) return { id, result: Promise.reject(this.#dead) };
    const result = new Promise<unknown>((resolve, reject) => this.#pending.set(id, { resolve, reject, onProgress }));
    this.#worker.postMessage({ type: 'call', id, method, args } satisfies ToWorker);
    return { id, result };
  }

  cancel(id: number): void {
    if (!this.#dead) this.#worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
  }

  /** Closes the connection (checkpointing WAL), then ends the thread. */
  async close(): Promise<void> {
    if (this.#dead) return;
    try {
      await this.call('__close', []).result;
    } catch {
      // already gone or failed: terminating is all that is left
    }
    await this.#worker.terminate();
  }

  remote<M>(methods: M): Remote<M> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(methods as object)) out[name] = (...args: unknown[]) => this.call(name, args).result;
    return out as Remote<M>;
  }

  remoteJobs<M>(jobs: M): RemoteJobs<M> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(jobs as object)) {
      out[name] = (onProgress: (done: number, total: number) => void, ...args: unknown[]) => {
        const { id, result } = this.call(name, args, onProgress);
        return { result, cancel: () => this.cancel(id) };
      };
    }
    return out as RemoteJobs<M>;
  }
}
