/** Temp data folders and the log's own files, read back as a user or support would. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh data folder, removed after the test. */
export function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-log-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface LogLine {
  level: string;
  time: string;
  pid: number;
  msg: string;
  err?: { type: string; message: string; stack?: string; [field: string]: unknown };
  args?: unknown[];
}

/** The entries of one log file, parsed. */
export function readLines(file: string): LogLine[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

/** The files of the log folder, sorted by name. */
export function logFiles(dir: string): string[] {
  return fs.readdirSync(path.join(dir, 'logs')).sort();
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}
