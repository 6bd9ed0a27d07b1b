/** Errors from the workers, turned into what the user can act on. */
import { ERROR_CODES, type ErrorCode } from '../../../../shared/ipc/contract.ts';
import { AppError } from '../app-error.ts';

/** A reader's FilterError is a bad request; a worker that is gone is UNAVAILABLE. */
export async function asAppErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    if (e.name === 'FilterError') throw new AppError('VALIDATION', e.message ?? 'Bad filter');
    // an AppError thrown in a worker keeps its code across the thread
    if (e.name === 'AppError' && (ERROR_CODES as readonly string[]).includes(e.code ?? '')) throw new AppError(e.code as ErrorCode, e.message ?? '');
    if (e.code === 'UNAVAILABLE') throw new AppError('UNAVAILABLE', e.message ?? 'The cache is not available');
    throw error;
  }
}

export function orNotFound<T>(value: T | null, what: string): T {
  if (value === null) throw new AppError('NOT_FOUND', `${what} is not in the cache`);
  return value;
}
