import type { ErrorCode } from '../../../shared/ipc/contract.ts';

/** The one error a handler throws on purpose; the transport turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}
