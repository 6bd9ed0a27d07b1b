/**
 * The renderer bench's tools: a browser-mode host as a child process (the
 * same `web.ts` a user runs), Debian's Chromium through Playwright, the JS
 * heap over CDP, and the probes that run inside the page
 * (renderer/bench/probes.ts, bundled here). Every wait here is bounded.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { ROOT } from './harness.ts';

/** Debian's Chromium with the project's flags (playwright.config.ts); Playwright adds headless and no-sandbox. */
export const CHROMIUM = process.env.OLS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const VIEWPORT = { width: 1600, height: 900 };

export interface BenchHost {
  /** the printed address, token included */
  url: string;
  origin: string;
  /** ms from spawn to the printed address */
  startedInMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** `node electron/tools/web.ts --speed 0` on `dataDir`; resolves with its printed address. */
export async function startHost(dataDir: string, seed: number, timeoutMs: number): Promise<BenchHost> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'electron/tools/web.ts'), '--no-open', '--port', '0', '--data-dir', dataDir, '--seed', String(seed), '--speed', '0'],
    // the bench builds the renderer once before; a host must not rebuild under a running page
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OLS_NO_BUILD: '1' } },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start in ${timeoutMs / 1000} s: ${output.slice(-500)}`)), timeoutMs);
      const check = () => {
        const match = /Browser mode: (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited with ${code}: ${output.slice(-500)}`));
      });
    });
    return { url, origin: new URL(url).origin, startedInMs: performance.now() - started, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** The page's address on `host`: the token rides along once and is traded for a cookie. */
export function pageUrl(host: BenchHost, pathname: string): string {
  const printed = new URL(host.url);
  return `${host.origin}${pathname}${printed.search}`;
}

/** JS heap in use after a full garbage collection, in bytes (CDP, the page's own isolate). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}


// The shapes renderer/bench/probes.ts returns (it is DOM code, which this project does not compile).
export interface ScrollResult {
  /** the highest row index seen in view with its data */
  reached: number;
  steps: number;
  ms: number;
  timedOut: boolean;
}

export interface FastScrollResult {
  frames: number;
  ms: number;
  /** row slots in view over all sampled frames, by what they showed */
  data: number;
  placeholder: number;
  blank: number;
}

let probeScript: Promise<string> | null = null;

/** renderer/bench/probes.ts as one classic script defining `olsBenchProbes`. */
function bundleProbes(): Promise<string> {
  probeScript ??= build({
    entryPoints: [path.join(ROOT, 'renderer/bench/probes.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'olsBenchProbes',
    target: 'es2023',
    write: false,
    logLevel: 'silent',
    // Playwright wraps an init script in a function: publish the bundle's var on the page's global
  }).then((result) => `${result.outputFiles[0]!.text}\nglobalThis.olsBenchProbes = olsBenchProbes;\n`);
  return probeScript;
}

/** Every page of `context` gets the probes before its own scripts run. */
export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: await bundleProbes() });
}

type Probes = {
  firstDataRow(): number | null;
  scrollThrough(arg: { rows: number; stepRows: number; timeoutMs: number }): ScrollResult;
  fastScroll(arg: { ms: number; seed: number }): FastScrollResult;
};

type PageGlobal = { olsBenchProbes: Record<string, (arg?: unknown) => unknown>; olsBench?: unknown };

/**
 * Calls one probe in the page; its argument and result cross as JSON. A function, not a
 * string: Playwright evaluates strings with eval, which the page's CSP refuses.
 */
export async function probe<K extends keyof Probes>(page: Page, name: K, ...arg: Parameters<Probes[K]>): Promise<ReturnType<Probes[K]>> {
  const result = await page.evaluate(
    ([probeName, probeArg]) => (globalThis as unknown as PageGlobal).olsBenchProbes[probeName]!(probeArg),
    [name, arg[0]] as const,
  );
  return result as ReturnType<Probes[K]>;
}

/** Polls the first-row probe until the page has painted a data row. */
export async function waitForFirstDataRow(page: Page, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe(page, 'firstDataRow');
    if (value !== null) return value;
    if (performance.now() > deadline) throw new Error(`no data row painted in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The client-side bench page's progress (`window.olsBench`, renderer/bench/client-side.tsx). */
export function benchProgress(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as PageGlobal).olsBench ?? null);
}
