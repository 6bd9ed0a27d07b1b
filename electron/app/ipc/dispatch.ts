/**
 * The boundary both transports share: channel check, request validation,
 * handler call, and the mapping of every outcome to `IpcResult` data. A raw
 * throw never crosses (Electron would keep only its message, and the browser
 * host would leak a stack); unknown errors become INTERNAL and are logged here.
 */
import { describeIssues, isChannel, requestSchemas } from '../../../shared/ipc/schemas.ts';
import type { Channel, Handlers, IpcResult } from '../../../shared/ipc/contract.ts';
import { AppError } from './app-error.ts';

export type Logger = Pick<Console, 'error' | 'warn' | 'info'>;

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  log: Logger = console,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel).slice(0, 80)}` } };
  }
  const parsed = requestSchemas[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'VALIDATION', message: `${channel}: ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    log.error(`[ipc] ${channel} failed`, error);
    return { ok: false, error: { code: 'INTERNAL', message: 'Internal error; details are in the application log.' } };
  }
}

export type { Channel };
