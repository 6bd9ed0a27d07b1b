import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installProcessGuards } from '../../../electron/app/log/index.ts';
import { dataDir, readLines } from './helpers.ts';

const LOG_MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../../../electron/app/log/index.ts')).href;

// Throws from a timer and leaves a rejection unhandled, then says it is still there.
const SCRIPT = `
import { createLogger, installProcessGuards } from ${JSON.stringify(LOG_MODULE)};
const [dir, mode] = process.argv.slice(2);
const log = createLogger({ dataDir: dir, env: {} });
if (mode === 'guarded') installProcessGuards(log);
setTimeout(() => { throw new Error('async boom token=abc123'); }, 0);
Promise.reject(new Error('rejected at https://acme.bitrix24.ru/rest/1/hookSecret/'));
setTimeout(() => { console.log('alive'); process.exit(0); }, 50);
`;

function run(mode: 'guarded' | 'bare') {
  const dir = dataDir();
  const script = path.join(dir, 'guard.mjs');
  fs.writeFileSync(script, SCRIPT);
  const env = { ...process.env };
  delete env.OLS_LOG_LEVEL;
  const child = spawnSync(process.execPath, [script, dir, mode], { encoding: 'utf8', env, timeout: 20_000 });
  return { ...child, lines: readLines(path.join(dir, 'logs', 'ols.log')) };
}

describe('process guards', () => {
  it('log an async throw and an unhandled rejection with [process] and keep the process alive', () => {
    const child = run('guarded');
    expect(child.stdout).toBe('alive\n');
    expect(child.status).toBe(0);
    const guarded = child.lines.filter((line) => line.msg.startsWith('[process]'));
    expect(guarded.map((line) => line.msg).sort()).toEqual(['[process] uncaught exception', '[process] unhandled rejection']);
    const thrown = guarded.find((line) => line.msg === '[process] uncaught exception');
    expect(thrown?.err?.message).toBe('async boom token=[redacted]');
    expect(thrown?.err?.stack).toContain('guard.mjs');
    const rejected = guarded.find((line) => line.msg === '[process] unhandled rejection');
    expect(rejected?.err?.message).toBe('rejected at https://acme.bitrix24.ru/rest/1/[redacted]/');
    expect(JSON.stringify(child.lines)).not.toMatch(/abc123|hookSecret/);
  });

  it('are what keeps it alive: without them the same script dies', () => {
    const child = run('bare');
    expect(child.stdout).not.toContain('alive');
    expect(child.status).not.toBe(0);
  });

  it('come off again with the returned function', () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const uninstall = installProcessGuards({ info() {}, warn() {}, error() {} });
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual([before[0]! + 1, before[1]! + 1]);
    uninstall();
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(before);
  });

  it('survive a logger that throws', () => {
    const uninstall = installProcessGuards({
      info() {},
      warn() {},
      error() {
        throw new Error('logger broken');
      },
    });
    // Called directly: emitting the event here would reach the test runner's own handler too.
    const guard = process.listeners('uncaughtException').at(-1)!;
    const write = process.stderr.write;
    const said: string[] = [];
    process.stderr.write = ((chunk: string) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(() => guard(new Error('x'), 'uncaughtException')).not.toThrow();
    } finally {
      process.stderr.write = write;
      uninstall();
    }
    expect(said.join('')).toContain('[process] uncaught exception (and logging it failed: Error: logger broken)');
  });
});
