/**
 * The messages between the services' thread and a database worker. Calls are
 * plain structured-clone data; an error crosses as its name, code and
 * message (the stack stays in the worker's log line), so a FilterError in a
 * reader is still a FilterError to the handler that maps it to VALIDATION.
 */
export type ToWorker =
  | { type: 'call'; id: number; method: string; args: unknown[] }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'ready'; info: unknown }
  | { type: 'failed'; error: SerialisedError }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: SerialisedError }
  | { type: 'progress'; id: number; done: number; total: number }
  /** a push event for the UI (the writer's sync: status and changed dialogs) */
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export interface SerialisedError {
  name: string;
  message: string;
  code?: string;
}

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** The error a worker reported, rebuilt on this side with the same name and code. */
export class WorkerError extends Error {
  readonly code: string | undefined;
  constructor(error: SerialisedError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
  }
}

/** What a job method gets besides the connection: progress out, cancellation in. */
export interface JobContext {
  progress(done: number, total: number): void;
  readonly cancelled: boolean;
}

/** Thrown (and reported) when a job stopped because it was asked to. */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor() {
    super('The job was cancelled');
  }
}
