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
import { cacheFileName } from '../../electron/app/backends/factory.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebHostProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** the child's process id (the Node process itself: no shell in between) */
  pid: number;
  /** the cache file the source fills (the demo's, or the portal's with `webhook`) */
  cacheFile: string;
  /** false once the child has exited, whatever the reason */
  alive(): boolean;
  /** the child's resident set size (VmRSS in /proc/<pid>/status); Linux only, see RSS_READABLE */
  rssBytes(): number;
  output(): string;
  stop(): Promise<void>;
  /** kill -9: no clean shutdown, as a crash or a power cut would end it */
  kill(): Promise<void>;
}

/** Whether rssBytes() can work here: it reads /proc. */
export const RSS_READABLE = process.platform === 'linux';

function readRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status (has the process exited?)`);
  return Number(match[1]) * 1024;
}

export interface HostOptions {
  seed?: number;
  speed?: number;
  historyDays?: number;
  dataDir?: string;
  /** a Bitrix24 portal (`--webhook URL`) instead of the demo world; seed, speed and history-days are then not passed */
  webhook?: string;
  /** with `webhook`: the portal's plan (`--plan`) */
  plan?: 'standard' | 'enterprise';
}

/** The child process alone, not waiting for anything: for tests that kill it while it starts. */
export function spawnWebHost(options: HostOptions & { dataDir: string }): { child: ChildProcess; output(): string } {
  const args = [
    path.join(ROOT, 'electron/tools/web.ts'),
    '--no-open',
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
  ];
  // the host refuses demo options beside a webhook: they would mean nothing for a portal
  if (options.webhook !== undefined) {
    args.push('--webhook', options.webhook);
    if (options.plan !== undefined) args.push('--plan', options.plan);
  } else {
    args.push('--seed', String(options.seed ?? 1));
    if (options.speed !== undefined) args.push('--speed', String(options.speed));
    if (options.historyDays !== undefined) args.push('--history-days', String(options.historyDays));
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OLS_NO_BUILD: '1' } });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** SIGKILL and wait for the exit. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export async function startWebHostProcess(options: HostOptions = {}): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ols-e2e-'));
  const seed = options.seed ?? 1;
  const { child, output: read } = spawnWebHost({ ...options, dataDir });
  let output = '';
  const collect = () => (output = read());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

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
  const pid = child.pid!;
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    pid,
    cacheFile: path.join(
      dataDir,
      options.webhook !== undefined
        ? cacheFileName({ kind: 'bitrix24', webhookUrl: options.webhook, plan: options.plan ?? 'standard' })
        : `cache-demo-seed${seed}.sqlite`,
    ),
    alive: () => child.exitCode === null && child.signalCode === null,
    rssBytes: () => readRss(pid),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
    kill: () => killHard(child),
  };
}
