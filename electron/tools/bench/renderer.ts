/**
 * Renderer at scale (issue 7 point 9), in Debian's Chromium driven by
 * Playwright against a browser-mode host on the bench cache (`--speed 0`, so
 * the cache holds still). The app (AG Grid's infinite row model): the first
 * data row after navigation, the JS heap after scrolling through 10,000 rows
 * here and at S in the same run (their ratio), and what fast scrolling shows.
 * Beside it, AG Grid's client-side row model loading every row of the same
 * caches over the same contract (renderer/bench/client-side.html), scale by
 * scale until it fails or runs over its budget.
 */
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { ensureBuilt } from '../build.ts';
import { benchCache, SCALES, type BenchCache, type Scale } from './harness.ts';
import type { ReportRow, ReportSection } from './report.ts';
import {
  benchProgress,
  heapAfterGc,
  installProbes,
  launchChromium,
  pageUrl,
  probe,
  startHost,
  VIEWPORT,
  waitForFirstDataRow,
  type BenchHost,
  type FastScrollResult,
  type ScrollResult,
} from './renderer-browser.ts';
import { fmt, fmtTiming, summarise, type Timing } from './stats.ts';

const FIRST_ROW_RUNS = 5;
const SCROLL_ROWS = 10_000;
const FAST_SCROLL_MS = 4000;
const FIRST_ROW_TARGET_MS = 1000;
const HEAP_TOLERANCE = 0.2;
/** the client-side model's time from navigation to its first rows, per scale */
const CLIENT_BUDGET_MS = 120_000;
const HOST_START_MS = 180_000;
const SETTLE_MS = 180_000;
const PAGE_WAIT_MS = 30_000;

const MiB = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
const label = (scale: Scale) => `${scale} (${SCALES[scale] >= 1_000_000 ? `${SCALES[scale] / 1_000_000} M` : `${SCALES[scale] / 1000} k`})`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `work`, or `fallback` if it takes longer than `ms` (a page busy parsing a million rows answers nothing). */
async function within<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

let partStarted = performance.now();
/** progress on stderr, as the other sections report theirs, with the seconds since the renderer part began */
const say = (what: string) => console.error(`bench: renderer: ${what} (${fmt((performance.now() - partStarted) / 1000)} s)`);

/**
 * The demo world catches up to the present when its host starts (then holds still at
 * --speed 0); until that backfill ends, dialogs change and the grid reloads what it shows.
 * One page waits for the sync to report "live", so every measurement sees a still cache.
 */
async function settle(browser: Browser, host: BenchHost): Promise<number> {
  const started = performance.now();
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl(host, '/'), { timeout: PAGE_WAIT_MS });
    await page.locator('[data-testid="sync-status"][data-phase="live"]').waitFor({ timeout: SETTLE_MS });
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

async function withHost<T>(what: string, browser: Browser, cache: BenchCache, work: (host: BenchHost) => Promise<T>): Promise<T> {
  const host = await startHost(cache.dataDir, cache.seed, HOST_START_MS);
  try {
    const settledMs = await settle(browser, host);
    say(`${what}: host up on ${cache.dialogs.toLocaleString('en')} dialogs in ${fmt(host.startedInMs / 1000)} s, its backfill done ${fmt(settledMs / 1000)} s later`);
    return await work(host);
  } finally {
    await host.stop();
    say(`${what}: done`);
  }
}

interface AppRun {
  /** a fresh browser profile each time: nothing cached */
  firstRowCold: Timing;
  /** the same page reloaded: HTTP cache and compiled code warm, as for a returning user */
  firstRowWarm: Timing;
  heapAtFirstRows: number;
  heapAfterScroll: number;
  scroll: ScrollResult;
  fast: FastScrollResult | null;
  hostStartMs: number;
}

/**
 * The app's page: `runs` fresh profiles, each opened and then reloaded, for the first
 * data row; the last one then scrolls through 10,000 rows and is weighed, and fast-scrolled.
 */
async function measureApp(browser: Browser, host: BenchHost, runs: number, withFastScroll: boolean): Promise<AppRun> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      await installProbes(context);
      const page = await context.newPage();
      page.setDefaultTimeout(PAGE_WAIT_MS);
      await page.goto(pageUrl(host, '/'));
      cold.push(await waitForFirstDataRow(page, PAGE_WAIT_MS));
      await page.reload();
      warm.push(await waitForFirstDataRow(page, PAGE_WAIT_MS));
      if (run < runs) continue;
      say(`first rows in ${runs} profiles`);
      const heapAtFirstRows = await heapAfterGc(page);
      const scroll = await probe(page, 'scrollThrough', { rows: SCROLL_ROWS, stepRows: 100, timeoutMs: 120_000 });
      say(`scrolled through ${SCROLL_ROWS.toLocaleString('en')} rows in ${fmt(scroll.ms / 1000)} s`);
      const heapAfterScroll = await heapAfterGc(page);
      const fast = withFastScroll ? await probe(page, 'fastScroll', { ms: FAST_SCROLL_MS, seed: 7 }) : null;
      return {
        firstRowCold: summarise(cold),
        firstRowWarm: summarise(warm),
        heapAtFirstRows,
        heapAfterScroll,
        scroll,
        fast,
        hostStartMs: host.startedInMs,
      };
    } finally {
      await context.close();
    }
  }
  throw new Error('measureApp needs at least one run');
}

interface ClientRun {
  scale: Scale;
  outcome: 'ok' | 'crashed' | 'over budget' | 'failed';
  total: number | null;
  loaded: number;
  elapsedMs: number;
  firstRowMs: number | null;
  loadedAtMs: number | null;
  heapAtFirstRows: number | null;
  heapAfterScroll: number | null;
  error: string | null;
}

interface BenchProgress {
  state: 'loading' | 'ready' | 'failed';
  total: number | null;
  loaded: number;
  loadedAtMs: number | null;
  error: string | null;
}

/** The client-side bench page on `host`: every row loaded, then the same scroll and weighing as the app. */
async function measureClientSide(browser: Browser, host: BenchHost, scale: Scale): Promise<ClientRun> {
  const run: ClientRun = { scale, outcome: 'failed', total: null, loaded: 0, elapsedMs: 0, firstRowMs: null, loadedAtMs: null, heapAtFirstRows: null, heapAfterScroll: null, error: null };
  const context = await browser.newContext({ viewport: VIEWPORT });
  const started = performance.now();
  try {
    await installProbes(context);
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_WAIT_MS);
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(pageUrl(host, '/bench/client-side.html'));
    while (performance.now() - started < CLIENT_BUDGET_MS && !crashed) {
      const progress = await within(2000, benchProgress(page).catch(() => null) as Promise<BenchProgress | null>, null);
      if (progress) Object.assign(run, { total: progress.total, loaded: progress.loaded, loadedAtMs: progress.loadedAtMs, error: progress.error });
      if (progress?.state === 'failed') break;
      const first = progress?.state === 'ready' ? await within(2000, probe(page, 'firstDataRow').catch(() => null), null) : null;
      if (first !== null) {
        run.firstRowMs = first;
        break;
      }
      await sleep(500);
    }
    run.elapsedMs = performance.now() - started;
    say(`client-side model at ${scale}: ${run.loaded.toLocaleString('en')} rows in, first rows ${run.firstRowMs === null ? 'none' : `at ${fmt(run.firstRowMs)} ms`}`);
    if (crashed) run.outcome = 'crashed';
    else if (run.firstRowMs === null) run.outcome = run.error ? 'failed' : 'over budget';
    else {
      run.outcome = 'ok';
      run.heapAtFirstRows = await heapAfterGc(page);
      await probe(page, 'scrollThrough', { rows: SCROLL_ROWS, stepRows: 500, timeoutMs: 60_000 });
      run.heapAfterScroll = await heapAfterGc(page);
    }
  } catch (error) {
    run.elapsedMs = performance.now() - started;
    run.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  } finally {
    // a page still parsing a million rows may not close politely: the browser's close ends it
    await within(10_000, context.close().catch(() => undefined), undefined);
  }
  return run;
}

function appSection(scale: Scale, here: AppRun, atS: AppRun, browserVersion: string, load: string): ReportSection {
  const ratio = here.heapAfterScroll / atS.heapAfterScroll;
  const fast = here.fast;
  const slots = fast ? fast.data + fast.placeholder + fast.blank : 0;
  const share = (n: number) => (slots > 0 ? `${((100 * n) / slots).toFixed(1)} %` : '—');
  const firstRow = (name: string, t: Timing, judged: boolean): ReportRow => ({
    name,
    value: `${fmtTiming(t)} ms`,
    ...(judged ? { target: `p95 ≤ ${FIRST_ROW_TARGET_MS} ms`, ok: t.p95 <= FIRST_ROW_TARGET_MS } : {}),
    data: { ...t },
  });
  const rows: ReportRow[] = [
    firstRow(`first data row after navigation, ${label(scale)}, fresh profile`, here.firstRowCold, true),
    firstRow(`first data row after navigation, ${label(scale)}, page reloaded`, here.firstRowWarm, true),
  ];
  if (scale !== 'S') {
    rows.push(
      firstRow(`first data row after navigation, ${label('S')}, fresh profile`, atS.firstRowCold, false),
      firstRow(`first data row after navigation, ${label('S')}, page reloaded`, atS.firstRowWarm, false),
    );
  }
  rows.push(
    {
      name: `JS heap after scrolling ${SCROLL_ROWS.toLocaleString('en')} rows, ${label(scale)}`,
      value: `${MiB(here.heapAfterScroll)} (${MiB(here.heapAtFirstRows)} at first rows)`,
      data: { bytes: here.heapAfterScroll, atFirstRows: here.heapAtFirstRows, scroll: here.scroll },
    },
    {
      name: `JS heap after scrolling ${SCROLL_ROWS.toLocaleString('en')} rows, ${label('S')}${scale === 'S' ? ', second page' : ''}`,
      value: `${MiB(atS.heapAfterScroll)} (${MiB(atS.heapAtFirstRows)} at first rows)`,
      data: { bytes: atS.heapAfterScroll, atFirstRows: atS.heapAtFirstRows, scroll: atS.scroll },
    },
    {
      name: `heap ratio ${scale} / S`,
      value: ratio.toFixed(3),
      target: `within ${HEAP_TOLERANCE * 100} %`,
      ok: Math.abs(ratio - 1) <= HEAP_TOLERANCE && !here.scroll.timedOut && !atS.scroll.timedOut,
      data: { ratio },
    },
  );
  if (fast) {
    rows.push(
      {
        name: 'fast scrolling: blank rows on screen',
        value: `${share(fast.blank)} of ${slots.toLocaleString('en')} row slots`,
        target: '0 %',
        ok: fast.blank === 0 && slots > 0,
        data: { ...fast },
      },
      {
        name: 'fast scrolling: placeholders / data',
        value: `${share(fast.placeholder)} / ${share(fast.data)} (${fast.frames} frames in ${fmt(fast.ms / 1000)} s)`,
      },
    );
  }
  rows.push({ name: 'host start on this cache (to its printed address)', value: `${fmt(here.hostStartMs)} ms` });
  return {
    title: 'Renderer: the app (AG Grid infinite row model)',
    note:
      `Chromium ${browserVersion} headless, ${VIEWPORT.width}×${VIEWPORT.height}, against a browser-mode host with --speed 0, measured once its backfill is done; load average ${load}. ` +
      `First row: navigation start to the frame that paints a row with data, in ${FIRST_ROW_RUNS} fresh profiles, each then reloaded. ` +
      `Heap: JS heap in use after a full GC, after scrolling through ${SCROLL_ROWS.toLocaleString('en')} rows one block at a time (each block shown with its data) and back to the top. ` +
      `Fast scrolling: a random jump every frame for ${FAST_SCROLL_MS / 1000} s, each painted frame's rows sorted into data, placeholder or blank (a row showing neither, or a stretch with no row).`,
    rows,
  };
}

function clientSection(runs: ClientRun[], appAt: Partial<Record<Scale, AppRun>>, scale: Scale): ReportSection {
  const rows: ReportRow[] = [];
  for (const run of runs) {
    const total = run.total === null ? '?' : run.total.toLocaleString('en');
    if (run.outcome === 'ok') {
      rows.push({
        name: `${label(run.scale)}: first rows after navigation`,
        value: `${fmt(run.firstRowMs!)} ms (every row in at ${fmt(run.loadedAtMs ?? NaN)} ms)`,
        data: { ...run },
      });
      const app = appAt[run.scale];
      rows.push({
        name: `${label(run.scale)}: JS heap after scrolling ${SCROLL_ROWS.toLocaleString('en')} rows`,
        value: `${MiB(run.heapAfterScroll!)}${app ? ` (×${fmt(run.heapAfterScroll! / app.heapAfterScroll)} the app's)` : ''}`,
      });
    } else {
      const what =
        run.outcome === 'crashed'
          ? 'the page crashed'
          : run.outcome === 'over budget'
            ? `over the ${CLIENT_BUDGET_MS / 1000} s budget`
            : `failed: ${run.error ?? 'unknown error'}`;
      rows.push({
        name: `${label(run.scale)}: fails`,
        value: `${what} after ${fmt(run.elapsedMs / 1000)} s, ${run.loaded.toLocaleString('en')} of ${total} rows loaded`,
        data: { ...run },
      });
    }
  }
  const failed = runs.find((r) => r.outcome !== 'ok');
  const tried = runs.map((r) => r.scale).join(', ');
  rows.push({
    name: 'client-side row model fails at',
    value: failed ? `${label(failed.scale)} (${failed.outcome})` : `no failure at ${tried}${scale === 'L' ? '' : ' (L is tried when the bench scale is L)'}`,
  });
  return {
    title: 'Renderer: AG Grid client-side row model, side by side',
    note:
      `renderer/bench/client-side.html loads every row over dialogs:list (blocks of 1000, 4 in flight) into ClientSideRowModelModule with the app's columns, ` +
      `then renders; first rows are timed from navigation; ${CLIENT_BUDGET_MS / 1000} s budget per scale; larger scales are skipped after the first failure.`,
    rows,
  };
}

export async function benchRenderer(scale: Scale, cache: BenchCache, seed: number, fresh: boolean): Promise<ReportSection[]> {
  partStarted = performance.now();
  await ensureBuilt({ renderer: true, electron: false });
  // the caches beside this one: S for the heap ratio, and each scale the client-side model is tried at
  const caches: Partial<Record<Scale, BenchCache>> = { [scale]: cache };
  const cacheAt = (s: Scale) => (caches[s] ??= benchCache(SCALES[s], seed, fresh));
  const browser = await launchChromium();
  try {
    const version = browser.version();
    const loadBefore = os.loadavg()[0]!.toFixed(1);
    const here = await withHost(`the app at ${scale}`, browser, cache, (host) => measureApp(browser, host, FIRST_ROW_RUNS, true));
    // at S the reference is a second, independent page on the same cache: the ratio then shows the noise
    const atS = await withHost('the app at S', browser, cacheAt('S'), (host) => measureApp(browser, host, scale === 'S' ? 1 : 3, false));
    const clientScales: Scale[] = scale === 'L' ? ['S', 'M', 'L'] : ['S', 'M'];
    const clientRuns: ClientRun[] = [];
    for (const s of clientScales) {
      const run = await withHost(`the client-side model at ${s}`, browser, cacheAt(s), (host) => measureClientSide(browser, host, s));
      clientRuns.push(run);
      if (run.outcome !== 'ok') break;
    }
    const appAt: Partial<Record<Scale, AppRun>> = { S: scale === 'S' ? here : atS, [scale]: here };
    const load = `${loadBefore} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (${os.cpus().length} cores)`;
    return [appSection(scale, here, atS, version, load), clientSection(clientRuns, appAt, scale)];
  } finally {
    await browser.close();
  }
}
