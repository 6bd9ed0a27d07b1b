/**
 * The summary from rollups against a scan of every row, on random caches:
 * random filters, random write sequences (the triggers), a rebuild against
 * incremental maintenance, the migration filling an existing cache, and the
 * routing predicate against what the query did.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/app/db/connection.ts';
import { runMigrations } from '../../../electron/app/db/migrations/index.ts';
import { aggregateDialogs, canUseRollups } from '../../../electron/app/db/queries/aggregates.ts';
import { rebuildDerivedTables } from '../../../electron/app/db/queries/derived-tables.ts';
import { isBinEdge } from '../../../electron/app/db/queries/rollup-bins.ts';
import { ACTIVE_DIALOGS_FILTER, BUILT_IN_PRESET_IDS, builtInPresetFilter, withCreatedRange } from '../../../shared/domain/presets.ts';
import { DATE_PRESETS, type DialogFilter } from '../../../shared/domain/filter.ts';
import { call, openTempDb, testServices } from '../../support/temp-cache.ts';
import {
  expectSameSummary,
  insertRows,
  localNow,
  randomRollupFilter,
  randomRow,
  randomScanFilter,
  randomUpdate,
  readCells,
  recomputeLike,
  rng,
  seedReference,
  SLA,
} from './aggregates-fixtures.ts';

function filledDb(seed: number, rows: number): { db: Db; ids: number[]; file: string } {
  const { db, file } = openTempDb();
  seedReference(db);
  const r = rng(seed);
  const now = localNow();
  const batch = Array.from({ length: rows }, (_, i) => randomRow(r, 1000 + i, now));
  insertRows(db, batch);
  return { db, ids: batch.map((b) => b.id), file };
}

const compare = (db: Db, filter: DialogFilter, now: number, where: string) =>
  expectSameSummary(aggregateDialogs(db, filter, SLA, now), aggregateDialogs(db, filter, SLA, now, { method: 'scan' }), where);

/** The cells the triggers keep equal the cells a rebuild makes from the same rows. */
function expectCellsAsRebuilt(db: Db, where: string): void {
  const incremental = readCells(db);
  db.exec('SAVEPOINT rebuild');
  try {
    rebuildDerivedTables(db);
    expect(incremental, where).toEqual(readCells(db));
  } finally {
    db.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  }
}

describe('summary from rollups', () => {
  let db: Db;
  let ids: number[];
  const now = localNow();
  beforeAll(() => {
    ({ db, ids } = filledDb(7, 3000));
  });

  it('equals a scan for every built-in preset, alone and with every date preset', () => {
    for (const id of BUILT_IN_PRESET_IDS) {
      const preset = builtInPresetFilter(id, { operatorId: 12 });
      compare(db, preset, now, id);
      for (const date of DATE_PRESETS) compare(db, withCreatedRange(preset, { preset: date }), now, `${id} + ${date}`);
    }
  });

  it('equals a scan on random filters, with percentiles marked where a histogram gave them', () => {
    const r = rng(11);
    let approximate = 0;
    for (let i = 0; i < 150; i += 1) {
      const filter = randomRollupFilter(r, now);
      compare(db, filter, now, `filter ${i} ${JSON.stringify(filter)}`);
      if (aggregateDialogs(db, filter, SLA, now).overall.metrics.duration.approximate) approximate += 1;
    }
    // settled dialogs took part in most of them, and their long durations fall in wide bins
    expect(approximate).toBeGreaterThan(30);
  });

  it('answers live-only presets exactly', () => {
    const active = aggregateDialogs(db, ACTIVE_DIALOGS_FILTER, SLA, now);
    expect(active.method).toBe('rollup');
    for (const summary of Object.values(active.overall.metrics)) expect(summary.approximate).toBeNull();
  });

  it('routes exactly the filters it answers: canUseRollups agrees with the method the query used', () => {
    const r = rng(5);
    const thresholds = [SLA, { waitFirstAnswer: 61, responseMax: 180 }, { waitFirstAnswer: 90, responseMax: 1234 }];
    for (let i = 0; i < 120; i += 1) {
      const filter = r() < 0.7 ? randomRollupFilter(r, now) : randomScanFilter(r);
      const sla = thresholds[i % thresholds.length]!;
      expect(aggregateDialogs(db, filter, sla, now).method, JSON.stringify({ filter, sla })).toBe(canUseRollups(filter, sla) ? 'rollup' : 'scan');
    }
    // a threshold off the bin edges needs the exact values of settled dialogs: a scan, unless none take part
    expect(isBinEdge(61)).toBe(false);
    expect(canUseRollups({ conditions: [] }, { waitFirstAnswer: 61, responseMax: 180 })).toBe(false);
    expect(canUseRollups(ACTIVE_DIALOGS_FILTER, { waitFirstAnswer: 61, responseMax: 180 })).toBe(true);
    expect(canUseRollups({ conditions: [], search: 'x' })).toBe(false);
  });

  it('stays equal to a scan and to a rebuild through random writes, deletes and a recompute', () => {
    const r = rng(3);
    let next = 100_000;
    for (let step = 0; step < 12; step += 1) {
      db.transaction(() => {
        for (let k = 0; k < 40; k += 1) randomUpdate(db, r, ids, now);
        const fresh = Array.from({ length: 20 }, () => randomRow(r, next++, now));
        insertRows(db, fresh);
        ids.push(...fresh.map((f) => f.id));
        const gone = ids.splice(Math.floor(r() * ids.length), 3);
        for (const id of gone) db.prepare('DELETE FROM dialogs WHERE id = ?').run(id);
        if (step % 4 === 3) recomputeLike(db, r);
      })();
      expectCellsAsRebuilt(db, `step ${step}`);
      compare(db, { conditions: [] }, now, `step ${step}, all`);
      compare(db, randomRollupFilter(r, now), now, `step ${step}, random`);
    }
  });

  it('keeps every cell of a dialog whose maximum leaves: the next largest takes its place', () => {
    const top = db.prepare("SELECT id, duration FROM dialogs WHERE status_code = 60 AND waiting_since IS NULL AND duration IS NOT NULL ORDER BY duration DESC LIMIT 1").get() as {
      id: number;
      duration: number;
    };
    db.prepare('UPDATE dialogs SET duration = 1 WHERE id = ?').run(top.id);
    expectCellsAsRebuilt(db, 'after lowering the largest duration');
    db.prepare('DELETE FROM dialogs WHERE id = ?').run(top.id);
    expectCellsAsRebuilt(db, 'after deleting it');
  });
});

describe('rollups in a cache', () => {
  it('are filled by the migration for a cache that existed before it', () => {
    const { db, file } = openTempDb({ migrate: false });
    runMigrations(db, 3);
    seedReference(db);
    const r = rng(21);
    const now = localNow();
    insertRows(db, Array.from({ length: 800 }, (_, i) => randomRow(r, 1 + i, now)));
    db.close();
    const migrated = openDatabase(file);
    expect((migrated.prepare('SELECT COUNT(*) AS n FROM summary_cells').get() as { n: number }).n).toBeGreaterThan(0);
    expectCellsAsRebuilt(migrated, 'after the migration');
    compare(migrated, { conditions: [] }, now, 'all after the migration');
    compare(migrated, withCreatedRange({ conditions: [] }, { preset: 'last7days' }), now, 'last 7 days after the migration');
  });

  it('are rebuilt in one pass after a load that wrote rows without triggers', () => {
    const { db } = filledDb(31, 500);
    const now = localNow();
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>;
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const r = rng(32);
    insertRows(db, Array.from({ length: 500 }, (_, i) => randomRow(r, 50_000 + i, now)));
    for (const t of triggers) db.exec(t.sql);
    rebuildDerivedTables(db);
    compare(db, { conditions: [] }, now, 'all after a bulk load');
    compare(db, withCreatedRange({ conditions: [] }, { preset: 'thisMonth' }), now, 'this month after a bulk load');
  });
});

describe('rollups across time zones', () => {
  const zones = ['Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns'];
  const original = process.env.TZ;

  it('are exact in any zone, and still exact when read from another zone than they were built in', () => {
    try {
      for (const built of zones) {
        process.env.TZ = built;
        const { db } = filledDb(41, 1500);
        for (const read of [built, ...zones.filter((z) => z !== built)]) {
          process.env.TZ = read;
          const now = localNow();
          const r = rng(read.length);
          for (const date of DATE_PRESETS) compare(db, withCreatedRange({ conditions: [] }, { preset: date }), now, `${built} → ${read} ${date}`);
          for (let i = 0; i < 15; i += 1) compare(db, randomRollupFilter(r, now), now, `${built} → ${read} random ${i}`);
        }
        db.close();
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('summaries through the services', () => {
  it('answers a rollup summary and a scan alike, each by its own method', async () => {
    const services = await testServices({ historyDays: 1 });
    try {
      const all = await call(services, 'metrics:aggregate', { filter: { conditions: [] } });
      const searched = await call(services, 'metrics:aggregate', { filter: { conditions: [], search: 'а' } });
      expect([all.method, searched.method]).toEqual(['rollup', 'scan']);
      expect(all.total).toBeGreaterThan(searched.total);
    } finally {
      await services.close();
    }
  });
});
