/**
 * `npm run bench -- [--days N] [--seed N]`: a speed report of the cache on
 * this machine, never a pass/fail test. It fills a temp cache from the demo
 * backend through the real sync, then times what the grid and the summary ask
 * for. Ratios compare two ways of doing the same thing in the same run, so the
 * report means something on any machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoBackend } from '../app/backends/demo/index.ts';
import { openDatabase, type Db } from '../app/db/connection.ts';
import { aggregateDialogs } from '../app/db/queries/aggregates.ts';
import { buildListSql, countDialogs, listDialogs } from '../app/db/queries/dialogs.ts';
import { readTimelineEntries } from '../app/db/queries/timeline.ts';
import { computeDialog } from '../app/metrics/engine.ts';
import { recomputeAll } from '../app/sync/recompute.ts';
import { SyncEngine } from '../app/sync/sync-engine.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER, type DialogFilter, type SortSpec } from '../../shared/domain/filter.ts';
import { DEFAULT_SLA } from '../../shared/ipc/contract.ts';
import { isEntry } from './is-entry.ts';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

function timeIt(runs: number, fn: () => unknown): { median: number; p95: number } {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]! };
}

const ms = (t: { median: number; p95: number }) => `${t.median.toFixed(2)} / ${t.p95.toFixed(2)} ms`;

function block(db: Db, filter: DialogFilter, sort: SortSpec, startRow: number, now: number) {
  const total = countDialogs(db, filter, now);
  return listDialogs(db, { filter, sort, startRow, endRow: startRow + 100 }, now, total);
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { days: { type: 'string' }, seed: { type: 'string' } } });
  const days = Number(values.days ?? 60);
  const seed = Number(values.seed ?? 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-bench-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const now = Date.now();
  const backend = createDemoBackend({ seed, historyDays: days, now: () => now });
  const sync = new SyncEngine({ db, backend, log: quiet, onStatus: () => {}, onChanged: () => {}, batchSize: 500 });

  console.log(`Open Lines Supervisor bench — node ${process.versions.node}, ${os.cpus().length} cores, ${days} days of demo history`);
  const syncStart = performance.now();
  while (await sync.syncOnce()) {
    /* pull until caught up */
  }
  const syncMs = performance.now() - syncStart;
  const dialogs = (db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n;
  const messages = (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
  console.log(`backfill through sync: ${dialogs} dialogs, ${messages} messages in ${(syncMs / 1000).toFixed(2)} s (${Math.round(dialogs / (syncMs / 1000))} dialogs/s, metrics included)`);
  db.exec('ANALYZE');

  const created: SortSpec = { column: 'createdAt', direction: 'desc' };
  const byName: SortSpec = { column: 'client', direction: 'asc' };
  const deep = Math.max(0, dialogs - 100);
  const rows: Array<[string, { median: number; p95: number }]> = [
    ['grid block, all, created desc, first', timeIt(50, () => block(db, EMPTY_FILTER, created, 0, now))],
    ['grid block, all, created desc, last', timeIt(50, () => block(db, EMPTY_FILTER, created, deep, now))],
    ['grid block, all, client asc, first', timeIt(50, () => block(db, EMPTY_FILTER, byName, 0, now))],
    ['grid block, active, created desc, first', timeIt(50, () => block(db, ACTIVE_DIALOGS_FILTER, created, 0, now))],
    ['count, active', timeIt(50, () => countDialogs(db, ACTIVE_DIALOGS_FILTER, now))],
    ['aggregates, active', timeIt(10, () => aggregateDialogs(db, ACTIVE_DIALOGS_FILTER, DEFAULT_SLA, now))],
    ['aggregates, all', timeIt(5, () => aggregateDialogs(db, EMPTY_FILTER, DEFAULT_SLA, now))],
  ];
  console.log('\nmedian / p95:');
  for (const [name, t] of rows) console.log(`  ${name.padEnd(42)} ${ms(t)}`);

  // Same query, the app's forced covering index against the planner's pick (research §3.5).
  const query = { filter: ACTIVE_DIALOGS_FILTER, sort: created, startRow: 0, endRow: 100 };
  const forced = buildListSql(query, now, Number.MAX_SAFE_INTEGER);
  const planner = buildListSql(query, now, 0);
  const tForced = timeIt(50, () => db.prepare(forced.sql).all(...forced.params));
  const tPlanner = timeIt(50, () => db.prepare(planner.sql).all(...planner.params));
  console.log(`\nactive first block: forced index ${ms(tForced)}, planner ${ms(tPlanner)}; planner/forced = ${(tPlanner.median / tForced.median).toFixed(2)}×`);

  const sample = (db.prepare('SELECT id, direction FROM dialogs ORDER BY random() LIMIT 2000').all() as Array<{ id: number; direction: 'in' | 'out' }>).map(
    (d) => ({ id: d.id, direction: d.direction, entries: readTimelineEntries(db, d.id) }),
  );
  const engine = timeIt(5, () => sample.forEach((t) => computeDialog(t)));
  console.log(`metrics engine: ${((engine.median * 1000) / sample.length).toFixed(1)} µs per dialog (median of 5 passes over ${sample.length})`);
  const recompute = recomputeAll(db);
  console.log(`full recompute: ${recompute.dialogs} dialogs in ${recompute.ms} ms (${Math.round(recompute.dialogs / (recompute.ms / 1000))} dialogs/s, reads + engine + writes)`);
  console.log(`cache file: ${(fs.statSync(path.join(dir, 'bench.sqlite')).size / 1048576).toFixed(1)} MiB`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return 0;
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
