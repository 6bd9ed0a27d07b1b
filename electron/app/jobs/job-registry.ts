/**
 * The services' record of long work: each job has an id, a state and its
 * progress, announced as `jobs:progress` events, and can be cancelled. The
 * work itself runs elsewhere (a worker's job method); this only tracks it.
 */
import type { JobInfo } from '../../../shared/ipc/contract.ts';
import type { RunningJob } from '../data/worker-client.ts';

/** Progress events at most this often per job, so a fast job cannot flood the UI. */
const PROGRESS_EVERY_MS = 200;
/** Finished jobs remembered for jobs:list. */
const KEEP_FINISHED = 20;

export class JobRegistry {
  readonly #jobs = new Map<number, { info: JobInfo; cancel(): void }>();
  readonly #emit: (job: JobInfo) => void;
  readonly #now: () => number;
  #nextId = 1;

  constructor(emit: (job: JobInfo) => void, now: () => number = Date.now) {
    this.#emit = emit;
    this.#now = now;
  }

  /** The running job of this kind, if any (some kinds run one at a time). */
  running(kind: JobInfo['kind']): JobInfo | null {
    for (const { info } of this.#jobs.values()) if (info.kind === kind && info.state === 'running') return { ...info };
    return null;
  }

  /** `describe` turns what the job returned into the JobInfo's `result` (an export: its file), set before `done` is announced. */
  start<R>(
    kind: JobInfo['kind'],
    launch: (onProgress: (done: number, total: number) => void) => RunningJob<R>,
    onDone?: (result: R) => void,
    describe?: (result: R) => JobInfo['result'],
  ): JobInfo {
    const info: JobInfo = { id: this.#nextId++, kind, state: 'running', done: 0, total: 0, startedAt: this.#now(), finishedAt: null, error: null };
    let lastEmit = 0;
    const job = launch((done, total) => {
      info.done = done;
      info.total = total;
      const now = this.#now();
      if (now - lastEmit >= PROGRESS_EVERY_MS) {
        lastEmit = now;
        this.#emit({ ...info });
      }
    });
    this.#jobs.set(info.id, { info, cancel: job.cancel });
    job.result.then(
      (result) => {
        if (describe) info.result = describe(result);
        this.#finish(info, 'done', null);
        onDone?.(result);
      },
      (error: Error) => this.#finish(info, error.name === 'JobCancelled' ? 'cancelled' : 'failed', error.name === 'JobCancelled' ? null : error.message),
    );
    this.#emit({ ...info });
    return { ...info };
  }

  cancel(id: number): JobInfo | null {
    const job = this.#jobs.get(id);
    if (!job) return null;
    if (job.info.state === 'running') job.cancel();
    return { ...job.info };
  }

  list(): JobInfo[] {
    return [...this.#jobs.values()].map((j) => ({ ...j.info })).sort((a, b) => b.id - a.id);
  }

  #finish(info: JobInfo, state: JobInfo['state'], error: string | null): void {
    info.state = state;
    info.error = error;
    info.finishedAt = this.#now();
    this.#emit({ ...info });
    const finished = [...this.#jobs.values()].filter((j) => j.info.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#jobs.delete(old.info.id);
  }
}
