/**
 * Export at scale (issue 8 point 7): every dialog of the cache to CSV and
 * to XLSX, twice each way a user gets one — through the services (a job on a
 * background reader, as the Export button runs it) and through
 * `npm run export` in its own process, as a scheduled report runs it.
 * Rows per second beside the targets (CSV: a million in ≤ 60 s, i.e. ≥ 16,667
 * rows/s at any scale; XLSX ≥ 20,000 rows/s), rows per CPU second (what the
 * rate would be on an idle machine: this one is shared), and memory: the
 * services' resident set before and at its peak during the export, and the
 * command line's peak resident set (the whole process, its threads included).
 * Memory must not grow with the row count: compare S with M.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ColumnId } from '../../../shared/domain/columns.ts';
import { DEFAULT_EXPORT_COLUMNS } from '../../app/export/cli-args.ts';
import type { Services } from '../../app/services.ts';
import { benchServices, call, ROOT, type BenchCache } from './harness.ts';
import type { ReportRow, ReportSection } from './report.ts';
import { fmt } from './stats.ts';

/** The grid's default columns plus the other dates and metrics: a wide, realistic view. */
const COLUMNS: ColumnId[] = [...DEFAULT_EXPORT_COLUMNS, 'closedAt', 'timeToStart', 'botTime'];
const CSV_RATE = 1_000_000 / 60;
const XLSX_RATE = 20_000;
const MEMORY_MIB = 300;
const mib = (bytes: number) => bytes / 2 ** 20;

interface Measured {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakMiB: number;
  baseMiB: number | null;
}

async function throughServices(services: Services, format: 'csv' | 'xlsx'): Promise<Measured> {
  const baseMiB = mib(process.memoryUsage.rss());
  let peak = baseMiB;
  const sampler = setInterval(() => (peak = Math.max(peak, mib(process.memoryUsage.rss()))), 25);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const job = await call(services, 'export:start', {
      filter: { conditions: [] },
      sort: { column: 'createdAt', direction: 'desc' },
      columns: COLUMNS,
      language: 'ru',
      format,
      timeZone: 'Europe/Moscow',
    });
    for (;;) {
      const now = (await call(services, 'jobs:list', {})).find((j) => j.id === job.id);
      if (now && now.state !== 'running') {
        if (now.state !== 'done' || !now.result) throw new Error(`export ${now.state}: ${now.error ?? ''}`);
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        return { rows: now.result.rows, seconds, cpuSeconds: (used.user + used.system) / 1e6, bytes: now.result.bytes, peakMiB: peak, baseMiB };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    clearInterval(sampler);
  }
}

/** `npm run export` in a child process that reports its own peak RSS and CPU time on exit. */
function throughCli(cache: BenchCache, format: 'csv' | 'xlsx', out: string): Promise<Measured> {
  const tool = pathToFileURL(path.join(ROOT, 'electron/tools/export.ts')).href;
  const script = `const m = await import(${JSON.stringify(tool)}); const code = await m.main(process.argv.slice(1));
const cpu = process.cpuUsage(); console.error('BENCH ' + JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, cpuS: (cpu.user + cpu.system) / 1e6 }));
process.exit(code);`;
  const args = ['--data-dir', cache.dataDir, '--seed', String(cache.seed), '--format', format, '--out', out, '--lang', 'ru', '--time-zone', 'Europe/Moscow', '--columns', COLUMNS.join(',')];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // the flag npm run export passes (package.json): a small young generation keeps an XLSX export's heap small
    const child = spawn(process.execPath, ['--max-semi-space-size=8', '--input-type=module', '-e', script, '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const report = /BENCH (\{.*\})/.exec(stderr)?.[1];
      const rows = /Exported ([\d,]+) dialogs/.exec(stdout)?.[1];
      if (code !== 0 || !report || !rows) return reject(new Error(`npm run export exited ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
      const { maxRssKiB, cpuS } = JSON.parse(report) as { maxRssKiB: number; cpuS: number };
      resolve({ rows: Number(rows.replaceAll(',', '')), seconds, cpuSeconds: cpuS, bytes: fs.statSync(out).size, peakMiB: maxRssKiB / 1024, baseMiB: null });
    });
  });
}

function rows(label: string, format: 'csv' | 'xlsx', m: Measured): ReportRow[] {
  const rate = m.rows / m.seconds;
  const target = format === 'csv' ? CSV_RATE : XLSX_RATE;
  const data = { ...m, rate, cpuRate: m.rows / m.cpuSeconds };
  const memory: ReportRow =
    m.baseMiB === null
      ? { name: `${label} ${format.toUpperCase()}: peak resident set of the process`, value: `${fmt(m.peakMiB)} MiB`, target: `≤ ${MEMORY_MIB} MiB`, ok: m.peakMiB <= MEMORY_MIB, data }
      : {
          name: `${label} ${format.toUpperCase()}: services' resident set, before → peak (growth)`,
          value: `${fmt(m.baseMiB)} → ${fmt(m.peakMiB)} MiB (+${fmt(m.peakMiB - m.baseMiB)})`,
          target: `growth ≤ ${MEMORY_MIB} MiB`,
          ok: m.peakMiB - m.baseMiB <= MEMORY_MIB,
          data,
        };
  return [
    {
      name: `${label} ${format.toUpperCase()}: ${m.rows.toLocaleString('en')} rows, ${fmt(mib(m.bytes))} MiB`,
      value: `${Math.round(rate).toLocaleString('en')} rows/s (${fmt(m.seconds)} s; ${Math.round(m.rows / m.cpuSeconds).toLocaleString('en')} rows per CPU s)`,
      target: format === 'csv' ? `≥ ${Math.round(CSV_RATE).toLocaleString('en')} rows/s (1 M in ≤ 60 s)` : `≥ ${XLSX_RATE.toLocaleString('en')} rows/s`,
      ok: rate >= target,
      data,
    },
    memory,
  ];
}

export async function benchExport(cache: BenchCache): Promise<ReportSection[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-bench-export-'));
  const measured: ReportRow[] = [];
  try {
    const services = await benchServices(cache);
    try {
      for (const format of ['csv', 'xlsx'] as const) measured.push(...rows('services', format, await throughServices(services, format)));
    } finally {
      await services.close();
    }
    // the services' exports are deliveries: the bench leaves none behind in the bench cache's folder
    fs.rmSync(path.join(cache.dataDir, 'exports'), { recursive: true, force: true });
    for (const format of ['csv', 'xlsx'] as const) measured.push(...rows('npm run export', format, await throughCli(cache, format, path.join(out, `all.${format}`))));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return [
    {
      title: 'Export (every dialog, all-dialogs view, newest first)',
      note: `${COLUMNS.length} columns (${COLUMNS.join(', ')}); ru headers, Europe/Moscow dates. CPU time counts every thread of the process (services: the reader's export plus whatever else the services did).`,
      rows: measured,
    },
  ];
}
