import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { historyAtAnchor } from '../../../electron/app/backends/demo/history.ts';
import { createWorld } from '../../../electron/app/backends/demo/world.ts';
import { dialogRowValues, DIALOG_ROW_WIDTH, dropSecondaryStructures, restoreSecondaryStructures, timelineRows, type BulkRows, type SqlValue } from '../../../electron/app/db/queries/bulk-load.ts';
import { DB_COLUMNS, writeValues, type DialogWrite } from '../../../electron/app/db/queries/dialog-columns.ts';
import { ChunkEncoder, decodeChunk } from '../../../electron/app/generate/codec.ts';
import { planGeneratedWorld } from '../../../electron/app/generate/plan.ts';
import { computeDialog, METRIC_ENGINE_VERSION } from '../../../electron/app/metrics/engine.ts';
import { openDatabase, type Db } from '../../../electron/app/db/connection.ts';
import { generateCache } from '../../../electron/app/generate/generate.ts';
import { cacheFileName } from '../../../electron/app/services.ts';
import { FIXED_NOW, openTempDb, silentLog, tempDir } from '../../support/temp-cache.ts';

describe('bulk loading', () => {
  it('drops every secondary index and trigger, whoever added them, and recreates them as they were', () => {
    const { db } = openTempDb();
    // stand-ins for what later migrations add: a partial index, an expression index, a trigger
    db.exec(`
      CREATE INDEX later_partial ON dialogs (closed_at) WHERE closed_at IS NOT NULL;
      CREATE INDEX later_expr ON messages (lower(text));
      CREATE TABLE counts (n INTEGER NOT NULL);
      INSERT INTO counts VALUES (0);
      CREATE TRIGGER later_count AFTER INSERT ON messages BEGIN UPDATE counts SET n = n + 1; END;
    `);
    const schema = () => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all();
    const before = schema();
    const saved = dropSecondaryStructures(db);
    expect(saved.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['later_partial', 'later_expr']));
    // and the migrations' own (grid and sort indexes)
    expect(saved.indexes.length).toBeGreaterThan(5);
    expect(saved.triggers.map((t) => t.name)).toEqual(expect.arrayContaining(['later_count']));
    // only the constraints' own indexes stay (UNIQUE, PRIMARY KEY)
    expect(schema().every((row) => (row as { sql: string | null }).sql === null)).toBe(true);
    db.prepare("INSERT INTO messages (dialog_id, seq, at, author) VALUES (1, 0, 0, 'client')").run();
    expect(db.prepare('SELECT n FROM counts').get()).toEqual({ n: 0 });
    restoreSecondaryStructures(db, saved);
    expect(schema()).toEqual(before);
    db.prepare("INSERT INTO messages (dialog_id, seq, at, author) VALUES (1, 1, 0, 'client')").run();
    expect(db.prepare('SELECT n FROM counts').get()).toEqual({ n: 1 });
  });

  it('carries generated rows between the threads unchanged (codec round trip)', () => {
    const { spec } = planGeneratedWorld(8, 1500, FIXED_NOW);
    const world = createWorld(8);
    const encoder = new ChunkEncoder();
    const expected: BulkRows = { dialogs: [], messages: [], events: [], clients: [] };
    const writes: DialogWrite[] = [];
    const sink = { message: (...v: SqlValue[]) => void expected.messages.push(...v), event: (...v: SqlValue[]) => void expected.events.push(...v) };
    const [chunk] = historyAtAnchor(spec, 2000);
    for (const d of chunk?.dialogs ?? []) {
      const computed = computeDialog({ id: d.snapshot.id, direction: d.snapshot.direction, entries: d.entries });
      const operatorId = d.snapshot.operatorId ?? computed.operatorId;
      const write = {
        snapshot: d.snapshot,
        computed,
        lineName: world.lineById.get(d.snapshot.lineId)?.name ?? '',
        operatorId,
        operatorName: operatorId === null ? null : (world.operatorById.get(operatorId)?.name ?? null),
        metricsVersion: METRIC_ENGINE_VERSION,
      };
      const row = dialogRowValues(write);
      writes.push(write);
      encoder.dialog(row, { id: d.snapshot.clientId, name: d.snapshot.clientName });
      timelineRows(d.snapshot.id, d.entries, encoder);
      expected.dialogs.push(...row);
      expected.clients.push(d.snapshot.clientId, d.snapshot.clientName);
      timelineRows(d.snapshot.id, d.entries, sink);
    }
    expect(expected.dialogs.length / DIALOG_ROW_WIDTH).toBeGreaterThan(1000);
    // every kind of value is in there: nulls, texts, CRM links, hidden notes, votes, transfers
    expect(expected.dialogs.includes(null) && expected.dialogs.includes('deal') && expected.dialogs.includes('like')).toBe(true);
    expect(expected.events.includes('transferred') && expected.messages.includes(1)).toBe(true);
    // the registry's own mapping, value for value
    expect(expected.dialogs).toEqual(writes.flatMap((w) => {
      const values = writeValues(w);
      return DB_COLUMNS.map((c) => values[c]);
    }));
    expect(decodeChunk(encoder.take())).toEqual(expected);
    // the encoder starts over
    expect(decodeChunk(encoder.take())).toEqual({ dialogs: [], messages: [], events: [], clients: [] });
  });
});

describe('bulk loading against row-by-row upkeep', () => {
  it('leaves every table (rollups and other trigger-kept tables included) as a load with all indexes and triggers in place would', async () => {
    const build = async (dropSecondary: boolean) => {
      const dataDir = tempDir();
      const file = path.join(dataDir, cacheFileName({ kind: 'demo', seed: 4 }));
      await generateCache({ dataDir, cacheFile: file, seed: 4, dialogs: 1500, now: FIXED_NOW, log: silentLog, dropSecondary, workers: 1 });
      const db = openDatabase(file, { readonly: true });
      onTestFinished(() => {
        db.close();
      });
      return db;
    };
    const dump = (db: Db) => {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
      return Object.fromEntries(
        tables.map((table) => {
          const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((c) => `"${c.name}"`);
          return [table, db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all()];
        }),
      );
    };
    const fast = dump(await build(true));
    const slow = dump(await build(false));
    expect(Object.keys(fast).length).toBeGreaterThan(6);
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
    // a table a trigger keeps (a rollup) must be rebuilt by rebuildDerivedTables after the load
    for (const table of Object.keys(slow)) {
      expect(fast[table]?.length, `${table}: rows after the bulk load vs row by row`).toBe(slow[table]?.length);
      expect(fast[table], table).toEqual(slow[table]);
    }
  });
});
