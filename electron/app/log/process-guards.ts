/**
 * Last-resort handlers: an uncaught exception or unhandled rejection is logged
 * with a `[process]` prefix and the process carries on. The browser-mode host
 * and the Electron main process serve a supervisor's live console; one stray
 * throw in a timer must not take it down (Node's default is to exit).
 */
import type { Logger } from '../ipc/dispatch.ts';
import { redactText } from './redact.ts';

/** Installs the handlers; returns the function that removes them (for tests). */
export function installProcessGuards(log: Logger): () => void {
  const report = (message: string, error: unknown): void => {
    try {
      log.error(message, error);
    } catch (failure) {
      // A throw from here would end the process after all: say it on stderr, or not at all.
      try {
        process.stderr.write(`${message} (and logging it failed: ${redactText(String(failure))})\n`);
      } catch {
        // nothing left to write to
      }
    }
  };
  const onException = (error: unknown): void => report('[process] uncaught exception', error);
  const onRejection = (reason: unknown): void => report('[process] unhandled rejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
