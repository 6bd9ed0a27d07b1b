/**
 * `npm run bench -- [--scale S|M|L] [--seed N] [--fresh] [--only a,b]`: the
 * speed report of issue 7 (S = 10 k dialogs, M = 100 k, L = 1 M), never a
 * pass/fail test. It builds the cache with the generator (kept in the OS
 * temp folder for the next run unless --fresh), then measures the grid,
 * counts, the summary, sync and the renderer, each beside what it is
 * compared with in the same run. Prints a table and writes JSON and
 * markdown to bench/results/.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchGrid } from './bench/grid.ts';
import { benchCache, benchServices, rawConnection, ROOT, SCALES, type Scale } from './bench/harness.ts';
import { describeMachine, renderText, writeReport, type Report, type ReportSection } from './bench/report.ts';
import { benchSync } from './bench/sync.ts';
import { benchBitrix24 } from './bench/bitrix24.ts';
import { benchSummary } from './bench/summary.ts';
import { benchSearch } from './bench/search.ts';
import { benchExport } from './bench/export.ts';
import { benchOutbox } from './bench/outbox.ts';
import { benchRenderer } from './bench/renderer.ts';
import { fmt } from './bench/stats.ts';
import { isEntry } from './is-entry.ts';
import type { Services } from '../app/services.ts';

const SECTIONS = ['grid', 'summary', 'search', 'sync', 'bitrix24', 'renderer', 'export', 'outbox'] as const;
type Section = (typeof SECTIONS)[number];

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'S' },
      seed: { type: 'string', default: '1' },
      fresh: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run bench -- [--scale S|M|L] [--seed N] [--fresh] [--only ${SECTIONS.join(',')}]`);
    return 0;
  }
  const scale = String(values.scale).toUpperCase();
  if (!(scale in SCALES)) {
    console.error(`--scale must be S, M or L, got "${values.scale}"`);
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`--seed must be a whole number, got "${values.seed}"`);
    return 2;
  }
  const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
  for (const name of only) {
    if (!(SECTIONS as readonly string[]).includes(name)) {
      console.error(`--only takes ${SECTIONS.join(', ')}; got "${name}"`);
      return 2;
    }
  }
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const dialogs = SCALES[scale as Scale];
  console.error(`bench: scale ${scale} (${dialogs.toLocaleString('en')} dialogs), seed ${seed}`);
  const cache = benchCache(dialogs, seed, values.fresh);
  const raw = rawConnection(cache);
  const sqlite = raw.prepare('SELECT sqlite_version()').pluck().get() as string;
  const messages = raw.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
  const stored = raw.prepare('SELECT COUNT(*) FROM dialogs').pluck().get() as number;
  const sections: ReportSection[] = [
    {
      title: 'Cache',
      rows: [
        { name: 'dialogs / messages', value: `${stored.toLocaleString('en')} / ${messages.toLocaleString('en')}` },
        { name: 'file size', value: `${fmt(cache.sizeMiB)} MiB` },
        cache.generatedInS === null
          ? { name: 'generator', value: 'reused from an earlier run (--fresh to rebuild)' }
          : {
              name: 'generator rate (messages and metrics included)',
              value: `${Math.round(stored / cache.generatedInS).toLocaleString('en')} dialogs/s (${fmt(cache.generatedInS)} s)`,
              target: '≥ 20,000 dialogs/s',
              ok: stored / cache.generatedInS >= 20_000,
            },
      ],
    },
  ];
  const run = async (name: Section, work: () => Promise<ReportSection[]>) => {
    if (!only.has(name)) return;
    console.error(`bench: ${name}…`);
    try {
      sections.push(...(await work()));
    } catch (error) {
      sections.push({ title: name, rows: [{ name: 'not measured', value: error instanceof Error ? error.message : String(error), ok: false }] });
    }
  };
  const now = Date.now();
  // Each section gets services of its own, so one section's caches never flatter the next.
  const withServices = async (measure: (services: Services) => Promise<ReportSection[]>) => {
    const services = await benchServices(cache);
    try {
      return await measure(services);
    } finally {
      await services.close();
    }
  };
  await run('grid', () => withServices((services) => benchGrid(services, raw, now)));
  await run('summary', () => withServices((services) => benchSummary(services, raw, now)));
  await run('search', () => withServices((services) => benchSearch(services, raw)));
  raw.close();
  await run('sync', async () => [await benchSync(cache)]);
  await run('bitrix24', async () => [await benchBitrix24()]);
  await run('renderer', async () => benchRenderer(scale as Scale, cache, seed, values.fresh));
  await run('export', () => benchExport(cache));
  await run('outbox', () => benchOutbox(cache));

  const report: Report = {
    scale,
    startedAt,
    durationS: (performance.now() - started) / 1000,
    machine: describeMachine(sqlite),
    sections,
  };
  console.log(renderText(report));
  const written = writeReport(report, path.join(ROOT, 'bench', 'results'), { complete: SECTIONS.every((name) => only.has(name)) });
  console.log(`\nwritten: ${written.map((f) => path.relative(process.cwd(), f)).join(', ')} (${os.hostname()})`);
  return 0;
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
