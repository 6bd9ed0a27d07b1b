/**
 * Sync at scale (issue 7 point 8). The app's own parts, minus the handlers:
 * the writer and reader workers over a copy of the bench cache, the demo
 * world resumed on top of it, and the sync engine pulling through the
 * writer. Live polls are replayed on a fast clock (each pull advances the
 * world by one real poll interval), so hundreds of real live batches are
 * written in seconds; each batch's write is timed around the writer call.
 * Then grid blocks are read on the readers while the writer writes batch
 * after batch, against the same reads idle; the services' event loop delay
 * is sampled throughout.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { SORTABLE_COLUMN_IDS } from '../../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER, type DialogFilter, type SortSpec } from '../../../shared/domain/filter.ts';
import { openDataService, type DataService } from '../../app/data/data-service.ts';
import { CHANGES_CURSOR } from '../../app/sync/apply-changes.ts';
import { quiet, type BenchCache } from './harness.ts';
import type { ReportSection } from './report.ts';
import { fmt, summarise } from './stats.ts';

const POLL_MS = 2000;

function copyCache(cache: BenchCache): string {
  const dir = `${cache.dataDir}-sync`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(cache.dataDir, dir, { recursive: true });
  return dir;
}

async function gridReads(data: DataService, now: number, queries: Array<{ filter: DialogFilter; sort: SortSpec; startRow: number }>): Promise<number[]> {
  const samples: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await data.readers.call('dialogsPage', [{ ...q, endRow: q.startRow + 100 }, now], { affinity: JSON.stringify([q.filter, q.sort]) });
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function benchSync(cache: BenchCache): Promise<ReportSection> {
  const dir = copyCache(cache);
  const file = path.join(dir, path.basename(cache.file));
  // The app's own arrangement: the sync runs in the writer worker, on a clock the bench moves.
  const data = await openDataService({
    file,
    log: quiet,
    sync: { backend: { kind: 'demo', seed: cache.seed, speed: 1 }, dataDir: dir, autoSync: false, manualClockFrom: Date.now() },
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  try {
    // Catch up first (the resumed world re-delivers what it still holds), then time live polls only.
    await data.write.syncNow();
    const polls: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < 150; i += 1) {
      await data.write.advanceClock(POLL_MS);
      const before = (await data.write.syncStatus()).dialogs;
      const t0 = performance.now();
      const after = await data.write.syncNow();
      polls.push(performance.now() - t0);
      sizes.push(after.dialogs - before);
    }
    const live = summarise(polls);

    // Grid reads idle, then during a burst: the writer busy with back-to-back batches of 500
    // dialogs, as in a backfill (a new pull cycle re-delivers everything the world holds).
    const now = Date.now();
    const sorts = SORTABLE_COLUMN_IDS.filter((_, i) => i % 4 === 0).map((column) => ({ column, direction: 'desc' as const }));
    const queries = [EMPTY_FILTER, ACTIVE_DIALOGS_FILTER].flatMap((filter) => sorts.flatMap((sort) => [0, 100, 200, 300].map((startRow) => ({ filter, sort, startRow }))));
    await gridReads(data, now, queries);
    const idle = summarise(await gridReads(data, now, queries));
    let bursting = true;
    let cycles = 0;
    const burst = (async () => {
      while (bursting) {
        await data.write.clearCursor(CHANGES_CURSOR);
        await data.write.syncNow();
        cycles += 1;
      }
    })();
    loop.enable();
    const during = summarise(await gridReads(data, now, [...queries, ...queries, ...queries]));
    loop.disable();
    bursting = false;
    await burst;
    const ratio = during.p95 / idle.p95;
    return {
      title: 'Sync',
      note: `live polls replayed on a fast clock (${POLL_MS / 1000} s of world time each, ${summarise(sizes).max} new dialogs at most); burst: ${cycles} full pull cycles in batches of 500 while the grid read; the sync runs in the writer worker`,
      rows: [
        { name: 'one live poll: pull + write (writer round trip)', value: `${fmt(live.median)} / ${fmt(live.p95)} ms`, target: 'p95 ≤ 50 ms', ok: live.p95 <= 50 },
        { name: 'grid block idle', value: `${fmt(idle.median)} / ${fmt(idle.p95)} ms` },
        { name: 'grid block during the sync burst', value: `${fmt(during.median)} / ${fmt(during.p95)} ms` },
        { name: 'burst p95 ÷ idle p95', value: `${ratio.toFixed(2)}×`, target: '≤ 1.5×', ok: ratio <= 1.5 },
        { name: 'services-thread event loop delay during the burst', value: `p99 ${fmt(loop.percentile(99) / 1e6)} ms, max ${fmt(loop.max / 1e6)} ms` },
      ],
    };
  } finally {
    await data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
