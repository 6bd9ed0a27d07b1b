/**
 * The outbox at scale (issue 9): enqueueing 5,000 actions at once (one
 * transaction with their optimistic changes, on a cache of the bench's size)
 * and the rate the sender drains them to the demo backend (each action fsync'd
 * to the world's log before it is applied, as a real backend's answer costs a
 * round trip). Runs on a copy of the bench cache and its world files, so the
 * cache other sections measure is never acted on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchServices, call, type BenchCache } from './harness.ts';
import type { ReportSection } from './report.ts';
import { createServices, type Services } from '../../app/services.ts';

const ACTIONS = 5_000;

const count = (n: number) => n.toLocaleString('en');

/** Enqueue on a copy of the bench cache: what 5,000 rows' optimistic changes cost at this size. */
async function enqueueAtScale(cache: BenchCache): Promise<ReportSection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-bench-outbox-'));
  try {
    for (const name of fs.readdirSync(cache.dataDir)) {
      if (name === path.basename(cache.file) || name.startsWith('demo-world')) fs.copyFileSync(path.join(cache.dataDir, name), path.join(dir, name));
    }
    const services = await benchServices({ ...cache, dataDir: dir, file: path.join(dir, path.basename(cache.file)) });
    try {
      const ids = await newestIds(services, ACTIONS);
      const started = performance.now();
      const result = await call(services, 'actions:enqueue', { target: { dialogIds: ids }, action: { kind: 'vote', rating: 3, comment: 'bench' } });
      const enqueueMs = performance.now() - started;
      return {
        title: `Outbox: enqueue ${count(result.accepted)} actions on a ${count(cache.dialogs)}-dialog cache`,
        note: 'one transaction with every row\u2019s optimistic change (on a copy of the cache: nothing is sent from the real one)',
        rows: [{ name: 'enqueue', value: `${enqueueMs.toFixed(0)} ms (${count(Math.round(result.accepted / (enqueueMs / 1000)))} actions/s)`, ok: null, data: { enqueueMs, accepted: result.accepted } }],
      };
    } finally {
      await services.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The drain, on a demo world that knows every dialog it is asked about (a
 * generated history lives only in the cache, and the demo answers "not found"
 * for it, as a portal would for a deleted dialog).
 */
async function drainRate(seed: number): Promise<ReportSection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-bench-drain-'));
  const settings = new Map<string, unknown>();
  const services = createServices({
    dataDir: dir,
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'demo', seed, speed: 0, historyDays: 30 },
    osLanguage: 'en',
    version: 'bench',
    log: { info() {}, warn() {}, error() {} },
    autoSync: false,
  });
  try {
    await services.start();
    await call(services, 'sync:now', {});
    const ids = await newestIds(services, ACTIONS);
    const started = performance.now();
    const result = await call(services, 'actions:enqueue', { target: { dialogIds: ids }, action: { kind: 'vote', rating: 4, comment: 'bench' } });
    let counts = (await call(services, 'outbox:list', { limit: 1 })).counts;
    while (counts.pending + counts.sending > 0 && performance.now() - started < 600_000) {
      await new Promise((r) => setTimeout(r, 100));
      counts = (await call(services, 'outbox:list', { limit: 1 })).counts;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      title: `Outbox: drain ${count(result.accepted)} actions to the demo backend`,
      note: 'the demo fsyncs each action to its world log before applying it, in the writer thread: a stand-in for a portal round trip',
      rows: [
        {
          name: 'drain',
          value: `${count(Math.round(result.accepted / seconds))} actions/s (${seconds.toFixed(1)} s; done ${count(counts.done)}, failed ${count(counts.failed)})`,
          ok: counts.pending + counts.sending === 0 && counts.failed === 0 ? null : false,
          data: { seconds, ...counts },
        },
      ],
    };
  } finally {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function newestIds(services: Services, wanted: number): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; ids.length < wanted; start += 1000) {
    const { rows } = await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'desc' }, startRow: start, endRow: start + 1000 });
    if (rows.length === 0) break;
    ids.push(...rows.map((r) => r.id));
  }
  return ids.slice(0, wanted);
}

export async function benchOutbox(cache: BenchCache): Promise<ReportSection[]> {
  return [await enqueueAtScale(cache), await drainRate(cache.seed)];
}
