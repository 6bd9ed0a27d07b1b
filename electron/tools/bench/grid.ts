/**
 * Grid blocks at scale (issue 7 point 6): for every sortable column × the
 * six filters, blocks of 100 at the top, the middle and the end, read in
 * order as a scrolling grid asks for them, through the services (reader
 * worker round trip included) and as the best raw SQL for the same rows
 * (rawKeysetBlock: a split-form keyset seek over the covering sort index)
 * in this process. Jumps: the first block at each depth. Counts: the
 * function the services count with, on a direct connection.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SORTABLE_COLUMN_IDS, columnSpec, type ColumnId } from '../../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER, type DialogFilter, type SortSpec } from '../../../shared/domain/filter.ts';
import type { Db } from '../../app/db/connection.ts';
import { countDialogs, keyBefore, listDialogs, rawKeysetBlock } from '../../app/db/queries/dialogs.ts';
import type { Services } from '../../app/services.ts';
import { call } from './harness.ts';
import type { ReportRow, ReportSection } from './report.ts';
import { fmt, summarise } from './stats.ts';
import { idleJumpLimits } from '../../app/data/idle-jumps.ts';

const BLOCK = 100;
/** blocks read in a row at each depth; the first is the jump */
const RUN = 5;

export function benchFilters(raw: Db): Array<{ name: string; filter: DialogFilter }> {
  const busiest = (column: 'operator_id' | 'line_id') =>
    raw.prepare(`SELECT ${column} AS id FROM dialogs WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY COUNT(*) DESC LIMIT 1`).pluck().get() as number;
  return [
    { name: 'all', filter: EMPTY_FILTER },
    { name: 'active', filter: ACTIVE_DIALOGS_FILTER },
    { name: 'one operator', filter: { conditions: [{ column: 'operator', op: 'in', values: [busiest('operator_id')] }] } },
    { name: 'one line', filter: { conditions: [{ column: 'line', op: 'in', values: [busiest('line_id')] }] } },
    { name: 'last 7 days', filter: { conditions: [{ column: 'createdAt', op: 'datePreset', preset: 'last7days' }] } },
    { name: 'wait ≥ 10 min', filter: { conditions: [{ column: 'waitFirstAnswer', op: 'range', from: 600 }] } },
  ];
}

/** The direction a first click gives: newest / longest first for times, A→Z for names. */
const directionOf = (column: ColumnId): SortSpec['direction'] =>
  ['date', 'duration', 'number', 'rating'].includes(columnSpec(column).type) ? 'desc' : 'asc';

interface Case {
  filter: string;
  sort: string;
  total: number;
  sequential: number[];
  jumps: number[];
  /** listDialogs in this thread: the services' query layer without the worker round trip */
  layer: number[];
  raw: number[];
}

export async function benchGrid(services: Services, raw: Db, now: number): Promise<ReportSection[]> {
  const filters = benchFilters(raw);
  // The services' thread is this one: its delay is what every IPC answer waits behind.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cases: Case[] = [];
  const counts: Array<{ name: string; samples: number[]; total: number }> = [];
  type Query = { filter: DialogFilter; sort: SortSpec; startRow: number; endRow: number };
  const plans: Array<{ c: Case; runs: Query[][] }> = [];
  for (const { name, filter } of filters) {
    const countSamples: number[] = [];
    let total = 0;
    for (let i = 0; i < 7; i += 1) {
      const t0 = performance.now();
      total = countDialogs(raw, filter, now);
      countSamples.push(performance.now() - t0);
    }
    counts.push({ name, samples: countSamples.slice(1), total });
    for (const column of SORTABLE_COLUMN_IDS) {
      const sort: SortSpec = { column, direction: directionOf(column) };
      const c: Case = { filter: name, sort: `${column} ${sort.direction}`, total, sequential: [], jumps: [], layer: [], raw: [] };
      const depths = [...new Set([0, Math.floor(total / 2 / BLOCK) * BLOCK, Math.max(0, (Math.ceil(total / BLOCK) - RUN) * BLOCK)])];
      const runs = depths.map((depth) =>
        Array.from({ length: RUN }, (_, b) => depth + b * BLOCK)
          .filter((startRow) => startRow < total || total === 0)
          .map((startRow) => ({ filter, sort, startRow, endRow: startRow + BLOCK })),
      );
      plans.push({ c, runs });
      cases.push(c);
    }
  }
  // Pass 1, through the services only: nothing else runs on this thread, so the event-loop
  // figure is the services' own. A run is a jump to a depth, then blocks in order after it.
  loop.enable();
  for (const { c, runs } of plans) {
    for (const run of runs) {
      for (const [b, query] of run.entries()) {
        const t0 = performance.now();
        await call(services, 'dialogs:list', query);
        (b === 0 ? c.jumps : c.sequential).push(performance.now() - t0);
      }
    }
  }
  loop.disable();
  // Pass 2, on the direct connection: the same runs through the services' query function
  // (the jump untimed, so its paging state is as warm as the reader's), and the same rows
  // the best raw way (keyset from the row before; the key looked up untimed). Both are
  // timed over the same page cache: the block is read once untimed first (a block's rows
  // are random table pages, and whichever of the two ran first paid their misses: a
  // comparison of page caches, not of queries), then the two in turn, in alternating order.
  for (const { c, runs } of plans) {
    for (const run of runs) {
      for (const [b, query] of run.entries()) {
        listDialogs(raw, query, now, c.total);
        if (b === 0) continue;
        const after = keyBefore(raw, query, now, c.total);
        const timeLayer = () => {
          const q0 = performance.now();
          listDialogs(raw, query, now, c.total);
          c.layer.push(performance.now() - q0);
        };
        const timeRaw = () => {
          const r0 = performance.now();
          rawKeysetBlock(raw, query, now, c.total, after);
          c.raw.push(performance.now() - r0);
        };
        if (b % 2 === 0) [timeLayer(), timeRaw()];
        else [timeRaw(), timeLayer()];
      }
    }
  }

  // Pass 3, through the services: jumps after the grid has been idle for a second, as a
  // user stops, then drags the scrollbar (the reader prepares the order meanwhile,
  // electron/app/data/idle-jumps.ts), for each filter's sort with the slowest cold jump.
  // The depths lie between the middle and the end, where pass 1 left no boundaries.
  const prepared = new Map<string, { sort: string; ms: number }>();
  for (const { name } of filters) {
    const mine = plans.filter((p) => p.c.filter === name && p.c.total >= idleJumpLimits.prepareAbove);
    if (mine.length === 0) continue;
    const worst = mine.reduce((a, b) => (Math.max(...b.c.jumps) > Math.max(...a.c.jumps) ? b : a));
    const first = worst.runs[0]![0]!;
    await call(services, 'dialogs:list', first);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let slowest = 0;
    for (const share of [0.62, 0.75, 0.88]) {
      const startRow = Math.floor((worst.c.total * share) / BLOCK) * BLOCK;
      const t0 = performance.now();
      await call(services, 'dialogs:list', { ...first, startRow, endRow: startRow + BLOCK });
      slowest = Math.max(slowest, performance.now() - t0);
    }
    prepared.set(name, { sort: worst.c.sort, ms: slowest });
  }

  const bySequential = (f: string) => cases.filter((c) => c.filter === f);
  const rows: ReportRow[] = [];
  let worstRatio = 0;
  for (const { name } of filters) {
    const mine = bySequential(name);
    const worst = mine.map((c) => ({ c, seq: summarise(c.sequential), layer: summarise(c.layer), raw: summarise(c.raw), jump: summarise(c.jumps) }));
    const seqP95 = Math.max(...worst.map((w) => w.seq.p95));
    const jumpMax = Math.max(...worst.map((w) => w.jump.max));
    const ratios = worst.map((w) => ({ ratio: w.layer.p95 / Math.max(w.raw.p95, 1e-3), sort: w.c.sort, seq: w.layer.p95, raw: w.raw.p95 }));
    const worstCase = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    worstRatio = Math.max(worstRatio, worstCase.ratio);
    const slowest = worst.reduce((a, b) => (b.seq.p95 > a.seq.p95 ? b : a));
    rows.push({
      name: `${name} (${mine[0]?.total ?? 0} rows): sequential block, worst sort`,
      value: `p95 ${fmt(seqP95)} ms (${slowest.c.sort})`,
      target: 'p95 ≤ 10 ms',
      ok: seqP95 <= 10,
      data: { filter: name, cases: worst.map((w) => ({ sort: w.c.sort, sequentialP95: w.seq.p95, layerP95: w.layer.p95, rawP95: w.raw.p95, jumpMax: w.jump.max })) },
    });
    rows.push({
      name: `${name}: query layer ÷ raw keyset, worst sort`,
      value: `${worstCase.ratio.toFixed(2)}× (${fmt(worstCase.seq)} vs ${fmt(worstCase.raw)} ms, ${worstCase.sort})`,
      target: '≤ 2×',
      ok: worstCase.ratio <= 2,
    });
    rows.push({ name: `${name}: jump to any depth, worst`, value: `${fmt(jumpMax)} ms`, target: '≤ 60 ms', ok: jumpMax <= 60 });
    const after = prepared.get(name);
    if (after) {
      rows.push({
        name: `${name}: the same jump after a second of idle grid`,
        value: `${fmt(after.ms)} ms (${after.sort}; the reader prepared its boundaries meanwhile)`,
        target: '≤ 60 ms',
        ok: after.ms <= 60,
      });
    }
  }
  const countRows: ReportRow[] = counts.map(({ name, samples, total }) => {
    const t = summarise(samples);
    return { name: `count, ${name} (${total})`, value: `${fmt(t.median)} / ${fmt(t.p95)} ms`, target: '≤ 5 ms', ok: t.p95 <= 5 };
  });
  return [
    {
      title: 'Grid blocks (100 rows) through the services',
      note: `${SORTABLE_COLUMN_IDS.length} sortable columns × ${filters.length} filters, top / middle / end. "Sequential block" is through the services (invoke → reader worker → answer); the ratio sets the services' query function (listDialogs, this thread) against the best raw SQL for the same rows (keyset seek, no mapping), both on one connection; worst ratio ${worstRatio.toFixed(2)}×`,
      rows,
    },
    { title: 'Counts', rows: countRows },
    {
      title: 'Services thread',
      note: 'event loop delay while the grid blocks above were answered (the raw comparisons excluded)',
      rows: [
        {
          name: 'event loop delay',
          value: `p99 ${fmt(loop.percentile(99) / 1e6)} ms, max ${fmt(loop.max / 1e6)} ms`,
          target: 'no query on this thread',
          ok: null,
        },
      ],
    },
  ];
}
