/**
 * Reader workers over the same WAL file. Interactive reads (grid blocks,
 * counts, a dialog, its history) go to the least-loaded reader — with an
 * affinity key (a filter and sort) sticking to one reader while it is not
 * busier than the others, so its per-filter caches stay warm. Background
 * reads (a summary over an arbitrary filter, later exports) may occupy all
 * readers but one, so a long query never stands in front of the grid.
 */
import type { Logger } from '../ipc/dispatch.ts';
import { DbWorker, type Remote, type RemoteJobs, type RunningJob } from './worker-client.ts';
import { READ_API, type ReadApi, type ReadJobs } from './read-api.ts';

export type Lane = 'interactive' | 'background';

export class ReaderPool {
  readonly #readers: DbWorker[];
  readonly #background = new Set<DbWorker>();

  constructor(file: string, count: number, log: Logger) {
    this.#readers = Array.from({ length: Math.max(1, count) }, (_, i) => new DbWorker({ role: 'reader', file }, log, `reader ${i + 1}`));
  }

  get ready(): Promise<unknown> {
    return Promise.all(this.#readers.map((r) => r.ready));
  }

  #pick(lane: Lane, affinity: string | undefined): DbWorker {
    const readers = this.#readers;
    let candidates = readers;
    if (lane === 'background' && readers.length > 1) {
      // At most n − 1 readers carry background work: the last one is kept for the grid.
      candidates = readers.slice(0, -1);
    } else if (lane === 'interactive' && readers.length > 1) {
      const free = readers.filter((r) => !this.#background.has(r));
      if (free.length) candidates = free;
    }
    if (affinity !== undefined) {
      const preferred = candidates[hash(affinity) % candidates.length]!;
      const least = Math.min(...candidates.map((r) => r.load));
      if (preferred.load <= least) return preferred;
    }
    return candidates.reduce((best, r) => (r.load < best.load ? r : best));
  }

  call<K extends keyof ReadApi>(
    method: K,
    args: Parameters<Remote<ReadApi>[K]>,
    options: { lane?: Lane; affinity?: string } = {},
  ): Promise<Awaited<ReturnType<Remote<ReadApi>[K]>>> {
    const lane = options.lane ?? 'interactive';
    const reader = this.#pick(lane, options.affinity);
    const { result } = reader.call(method as string, args as unknown[]);
    if (lane === 'background') {
      this.#background.add(reader);
      void result.finally(() => this.#background.delete(reader)).catch(() => {});
    }
    return result as never;
  }

  /**
   * A job method on a reader (an export), on the background lane unless told
   * otherwise: it runs for a while, so the grid's reader is kept free of it.
   */
  job<K extends keyof ReadJobs>(
    method: K,
    onProgress: (done: number, total: number) => void,
    args: Parameters<RemoteJobs<ReadJobs>[K]> extends [unknown, ...infer A] ? A : never,
    options: { lane?: Lane } = {},
  ): ReturnType<RemoteJobs<ReadJobs>[K]> {
    const lane = options.lane ?? 'background';
    const reader = this.#pick(lane, undefined);
    const { id, result } = reader.call(method as string, args as unknown[], onProgress);
    if (lane === 'background') {
      this.#background.add(reader);
      void result.finally(() => this.#background.delete(reader)).catch(() => {});
    }
    return { result, cancel: () => reader.cancel(id) } as RunningJob<unknown> as ReturnType<RemoteJobs<ReadJobs>[K]>;
  }

  /** Typed shorthand for interactive calls without affinity. */
  get api(): Remote<ReadApi> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(READ_API)) out[name] = (...args: unknown[]) => this.call(name as keyof ReadApi, args as never);
    return out as Remote<ReadApi>;
  }

  async close(): Promise<void> {
    await Promise.all(this.#readers.map((r) => r.close()));
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
