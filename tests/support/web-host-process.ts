/**
 * Starts browser mode as a real child process (`node electron/tools/web.ts`),
 * exactly as a user's `npm run web` does, with its own data dir, and waits for
 * its `Browser mode: <url>` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebHostProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startWebHostProcess(
  options: { seed?: number; speed?: number; historyDays?: number; dataDir?: string } = {},
): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ols-e2e-'));
  const args = [
    path.join(ROOT, 'electron/tools/web.ts'),
    '--no-open',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--seed',
    String(options.seed ?? 1),
  ];
  if (options.speed !== undefined) args.push('--speed', String(options.speed));
  if (options.historyDays !== undefined) args.push('--history-days', String(options.historyDays));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // global-setup built the renderer once; parallel hosts must not rebuild it under each other
    env: { ...process.env, OLS_NO_BUILD: '1' },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Browser mode: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
