/**
 * The application log: one JSON line per entry (pino) in `<dataDir>/logs/ols.log`,
 * rotated by size with a bounded number of old files, private to the user, and
 * redacted (no secrets, no message texts). It is called like `console`
 * (`log.error('[ipc] x failed', error)`), so it fits every `Logger` parameter.
 * Logging never throws into the caller: when the folder cannot be written it
 * warns once and carries on on the console.
 */
import path from 'node:path';
import { inspect } from 'node:util';
import pino from 'pino';
import type { Logger } from '../ipc/dispatch.ts';
import { redactText, redactValue, serializeError, type ErrorRecord } from './redact.ts';
import { RotatingFile } from './rotating-file.ts';

export { installProcessGuards } from './process-guards.ts';
export { isSecretKey, redactText, redactValue, serializeError, REDACTED } from './redact.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** the data folder; the log goes to `<dataDir>/logs/ols.log` */
  dataDir: string;
  /** the least severe level written; default `OLS_LOG_LEVEL`, else `info` */
  level?: LogLevel;
  /** also print each entry to the terminal through `console`, as the CLI did before */
  console?: boolean;
  /** size at which the current file is rotated (default 2 MiB) */
  maxBytes?: number;
  /** old files kept beside the current one (default 4) */
  maxFiles?: number;
  /** where `OLS_LOG_LEVEL` is read (default `process.env`) */
  env?: Record<string, string | undefined>;
}

export interface AppLogger extends Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  readonly level: LogLevel;
  /** the current log file (`<dataDir>/logs/ols.log`) */
  readonly file: string;
  /** false once the file was given up (the folder could not be written) or closed */
  readonly writingFile: boolean;
  /** resolves when every entry so far is written to the file (writes are synchronous, so at once) */
  flush(): Promise<void>;
  /** closes the file; later entries go to the console only */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 4;

/** Where the log of a data folder lives. */
export function logFilePath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'ols.log');
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

const isLevel = (value: string | undefined): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value ?? '');

interface Entry {
  msg: string;
  fields: { err?: ErrorRecord; args?: unknown[] };
}

/** Console-style arguments as one redacted entry: leading primitives form the message, the first Error is `err`. */
function toEntry(args: unknown[]): Entry {
  let i = 0;
  const words: string[] = [];
  for (; i < args.length; i += 1) {
    const arg = args[i];
    if (arg !== null && (typeof arg === 'object' || typeof arg === 'function')) break;
    words.push(String(arg));
  }
  const entry: Entry = { msg: redactText(words.join(' ')), fields: {} };
  const rest: unknown[] = [];
  for (const arg of args.slice(i)) {
    if (arg instanceof Error && !entry.fields.err) entry.fields.err = serializeError(arg);
    else rest.push(redactValue(arg));
  }
  if (rest.length) entry.fields.args = rest;
  return entry;
}

function consoleText(entry: Entry): string {
  const { err, args } = entry.fields;
  let text = entry.msg;
  if (args) text += ` ${args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 4, breakLength: Infinity }))).join(' ')}`;
  if (err) text += `${text ? '\n' : ''}${err.stack ?? `${err.type}: ${err.message}`}`;
  return text;
}

function printToConsole(level: LogLevel, text: string): void {
  // Looked up per call, so a test's spy or Electron's console sees it.
  const print = level === 'error' ? console.error : level === 'warn' ? console.warn : level === 'debug' ? console.debug : console.info;
  print(text);
}

export function createLogger(options: LoggerOptions): AppLogger {
  const env = options.env ?? process.env;
  // The option may come straight from a command line, so it is checked like the variable.
  const asked = options.level ?? (env.OLS_LOG_LEVEL?.trim().toLowerCase() || undefined);
  const level: LogLevel = isLevel(asked) ? asked : 'info';
  const file = logFilePath(options.dataDir);
  const echo = options.console ?? false;

  const rotating = new RotatingFile({
    file,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
    onFailure(error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      const why = redactText(code ?? (error instanceof Error ? error.message : String(error)));
      printToConsole('warn', `[log] cannot write ${file} (${why}); logging to the console from now on`);
    },
  });

  const writer = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Entries arrive already serialized and redacted; pino's own err serializer would rename their type to Object.
      serializers: { err: (record: ErrorRecord) => record },
    },
    { write: (line: string) => void rotating.write(line) },
  );

  const emit = (at: LogLevel, args: unknown[]): void => {
    if (RANK[at] < RANK[level]) return;
    try {
      const entry = toEntry(args);
      let toConsole = echo;
      if (rotating.writable) {
        writer[at](entry.fields, entry.msg);
        // The write that failed is not lost: it goes where the next ones will.
        if (!rotating.writable) toConsole = true;
      } else {
        toConsole = true;
      }
      if (toConsole) printToConsole(at, consoleText(entry));
    } catch (error) {
      // Logging must never be why a caller fails.
      try {
        process.stderr.write(`[log] could not log an entry: ${redactText(String(error))}\n`);
      } catch {
        // nowhere left to say it
      }
    }
  };

  const logger: AppLogger = {
    debug: (...args) => emit('debug', args),
    info: (...args) => emit('info', args),
    warn: (...args) => emit('warn', args),
    error: (...args) => emit('error', args),
    level,
    file,
    get writingFile() {
      return rotating.writable;
    },
    flush: () => Promise.resolve(),
    close: () => rotating.close(),
  };
  if (asked !== undefined && !isLevel(asked)) {
    const source = options.level === undefined ? 'OLS_LOG_LEVEL' : 'the log level';
    logger.warn(`[log] ${source} "${asked}" is not one of ${LOG_LEVELS.join(', ')}; using info`);
  }
  return logger;
}
