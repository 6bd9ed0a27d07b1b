/**
 * Grid paging against an SQL oracle: for every sortable column, both
 * directions and every built-in filter, reading the blocks in order gives
 * exactly the full ORDER BY, random jumps give the same rows as sequential
 * paging, and the plan each block runs has no sort step.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_REGISTRY, SORTABLE_COLUMN_IDS, type ColumnId } from '../../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER, type DialogFilter, type SortSpec } from '../../../shared/domain/filter.ts';
import { openDatabase, type Db } from '../../../electron/app/db/connection.ts';
import { COLUMN_SQL } from '../../../electron/app/db/queries/dialog-columns.ts';
import {
  blockPlan,
  countDialogs,
  keyBefore,
  listDialogs,
  prepareJumps,
  HOP,
  pagingLimits,
  rawKeysetBlock,
  resetPaging,
  SNAPSHOT_MAX,
} from '../../../electron/app/db/queries/dialogs.ts';
import { compileFilter, whereClause } from '../../../electron/app/db/queries/filter-sql.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
let file: string;
let filters: Array<[string, DialogFilter]>;

beforeAll(async () => {
  ({ db, file } = await filledCache(5, 14));
  const top = (column: string) =>
    db.prepare(`SELECT ${column} FROM dialogs WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`).pluck().get() as number;
  filters = [
    ['all', EMPTY_FILTER],
    ['active', ACTIVE_DIALOGS_FILTER],
    ['one operator', { conditions: [{ column: 'operator', op: 'in', values: [top('operator_id')] }] }],
    ['one line', { conditions: [{ column: 'line', op: 'in', values: [top('line_id')] }] }],
    ['last 7 days', { conditions: [{ column: 'createdAt', op: 'range', from: FIXED_NOW - 7 * 86_400_000 }] }],
    ['wait ≥ 10 min', { conditions: [{ column: 'waitFirstAnswer', op: 'range', from: 600 }] }],
    // both rewrites at once: names implied by the line, and the wait's branches per segment
    [
      'line and wait',
      {
        conditions: [
          { column: 'line', op: 'in', values: [top('line_id')] },
          { column: 'waitFirstAnswer', op: 'range', from: 600 },
        ],
      },
    ],
  ];
});

afterEach(() => {
  pagingLimits.snapshotMax = SNAPSHOT_MAX;
  pagingLimits.hop = HOP;
  resetPaging(db);
});

/** The order the grid promises, written out independently of the paging code. */
function oracle(filter: DialogFilter, sort: SortSpec): number[] {
  const column = COLUMN_SQL[sort.column].sort!;
  const compiled = compileFilter(filter, FIXED_NOW);
  let orderBy: string;
  if (COLUMN_REGISTRY[sort.column].origin === 'live') {
    const dir = sort.direction === 'desc' ? 'ASC' : 'DESC';
    orderBy = `${column} IS NULL, ${column} ${dir}, id ${dir}`;
  } else {
    const dir = sort.direction.toUpperCase();
    orderBy = column === 'id' ? `id ${dir}` : `${column} ${dir}, id ${dir}`;
  }
  return db.prepare(`SELECT id FROM dialogs NOT INDEXED${whereClause(compiled)} ORDER BY ${orderBy}`).pluck().all(...compiled.params) as number[];
}

const block = (filter: DialogFilter, sort: SortSpec, startRow: number, endRow: number, total: number) =>
  listDialogs(db, { filter, sort, startRow, endRow }, FIXED_NOW, total).map((r) => r.id);

const sorts = (): SortSpec[] =>
  SORTABLE_COLUMN_IDS.flatMap((column: ColumnId) => (['asc', 'desc'] as const).map((direction) => ({ column, direction })));

/** Every (filter, sort), and again with the walk forced where a snapshot serves it on a cache this small. */
function* cases(): Generator<{ name: string; filter: DialogFilter; sort: SortSpec; forceWalk: boolean }> {
  for (const [name, filter] of filters) {
    const total = countDialogs(db, filter, FIXED_NOW);
    for (const sort of sorts()) {
      yield { name: `${name} / ${sort.column} ${sort.direction}`, filter, sort, forceWalk: false };
      if (blockPlan(db, { filter, sort, startRow: 0, endRow: 100 }, FIXED_NOW, total).strategy === 'snapshot') {
        yield { name: `${name} / ${sort.column} ${sort.direction} / walk`, filter, sort, forceWalk: true };
      }
    }
  }
}

describe('grid paging', () => {
  it('has a cache with NULLs, ties and every built-in filter non-empty', () => {
    for (const [name, filter] of filters) expect(countDialogs(db, filter, FIXED_NOW), name).toBeGreaterThan(20);
    expect(countDialogs(db, EMPTY_FILTER, FIXED_NOW)).toBeGreaterThan(1000);
    expect(db.prepare('SELECT COUNT(*) FROM dialogs WHERE response_avg IS NULL').pluck().get()).toBeGreaterThan(10);
  });

  it('reading every block in order gives exactly the full ORDER BY', () => {
    for (const { name, filter, sort, forceWalk } of cases()) {
      pagingLimits.snapshotMax = forceWalk ? 0 : SNAPSHOT_MAX;
      resetPaging(db);
      const expected = oracle(filter, sort);
      const total = countDialogs(db, filter, FIXED_NOW);
      expect(total, name).toBe(expected.length);
      const read: number[] = [];
      for (let start = 0; start < total; start += 100) read.push(...block(filter, sort, start, start + 100, total));
      expect(read, name).toEqual(expected);
    }
  });

  it('random jumps return the same rows as sequential paging', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (const { name, filter, sort, forceWalk } of cases()) {
      pagingLimits.snapshotMax = forceWalk ? 0 : SNAPSHOT_MAX;
      // long skips hop and leave boundaries behind: hop often here, so later jumps start from those
      pagingLimits.hop = 1 + random(40);
      resetPaging(db);
      const expected = oracle(filter, sort);
      const total = expected.length;
      for (let i = 0; i < 8; i += 1) {
        // block-aligned jumps as the grid makes them, and unaligned ones with odd sizes
        const size = i % 2 ? 100 : 1 + random(150);
        const start = i % 2 ? 100 * random(Math.ceil(total / 100)) : random(total);
        expect(block(filter, sort, start, start + size, total), `${name} @${start}+${size}`).toEqual(expected.slice(start, start + size));
      }
      // and the blocks around the last jump continue it without a gap or an overlap
      const last = Math.max(0, total - 150);
      expect(block(filter, sort, last, last + 100, total), `${name} after jumps`).toEqual(expected.slice(last, last + 100));
    }
  });

  it('jumps from the boundaries one pass over the order left, to the same rows', () => {
    pagingLimits.hop = 50;
    let prepared = 0;
    for (const [name, filter] of filters) {
      const total = countDialogs(db, filter, FIXED_NOW);
      for (const sort of [
        { column: 'client', direction: 'asc' },
        { column: 'responseAvg', direction: 'desc' },
        { column: 'waitingNow', direction: 'desc' },
        { column: 'line', direction: 'asc' },
      ] satisfies SortSpec[]) {
        resetPaging(db);
        // in steps of three hops, as a reader runs it in its idle time: each continues the last
        const query = { filter, sort, startRow: 0, endRow: 100 };
        for (let step = prepareJumps(db, query, FIXED_NOW, total, 3); ; step = prepareJumps(db, query, FIXED_NOW, total, 3)) {
          expect(step.made).toBeLessThanOrEqual(3);
          prepared += step.made;
          if (step.done) break;
        }
        expect(prepareJumps(db, query, FIXED_NOW, total, 3), 'a finished pass is not walked again').toEqual({ made: 0, done: true });
        const expected = oracle(filter, sort);
        for (const start of [Math.floor(total / 3), 7, total - 40, Math.floor(total / 2) + 13]) {
          expect(block(filter, sort, start, start + 100, total), `${name} / ${sort.column} @${start}`).toEqual(expected.slice(start, start + 100));
        }
      }
    }
    expect(prepared).toBeGreaterThan(100);
  });

  it('reads the rows a short skip passed, and the rows it returned, by id afterwards: no walk again', () => {
    const sort: SortSpec = { column: 'responseAvg', direction: 'desc' };
    const filter = EMPTY_FILTER;
    const total = countDialogs(db, filter, FIXED_NOW);
    expect(total).toBeGreaterThan(1000);
    const expected = oracle(filter, sort);
    // hops of 1,000 rows: a jump 350 rows from the end skips them by reading their keys
    pagingLimits.hop = 1000;
    // a connection of its own, every statement counted when it runs (the statement cache hands out the same ones)
    const reader = openDatabase(file, { readonly: true, migrate: false });
    const prepare = reader.prepare.bind(reader);
    let walks = 0;
    (reader as { prepare: typeof reader.prepare }).prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!sql.includes('INDEXED BY sx_')) return statement;
      for (const method of ['all', 'get', 'iterate'] as const) {
        const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          walks += 1;
          return run(...args);
        };
      }
      return statement;
    }) as typeof reader.prepare;
    try {
      const walked = (from: number, to: number) => {
        walks = 0;
        expect(listDialogs(reader, { filter, sort, startRow: from, endRow: to }, FIXED_NOW, total).map((r) => r.id), `rows ${from}…`).toEqual(expected.slice(from, to));
        return walks;
      };
      expect(walked(total - 450, total - 350), 'the jump walks').toBeGreaterThan(0);
      for (const from of [total - 350, total - 250, total - 150, total - 50, total - 450, total - 300]) {
        expect(walked(from, Math.min(total, from + 100)), `rows ${from}… by id`).toBe(0);
      }
      expect(walked(total - 550, total - 450), 'rows no read passed are walked').toBeGreaterThan(0);
    } finally {
      reader.close();
    }
  });

  it('starts over when the data changes instead of reusing stale boundaries', () => {
    const sort: SortSpec = { column: 'client', direction: 'asc' };
    const total = countDialogs(db, EMPTY_FILTER, FIXED_NOW);
    block(EMPTY_FILTER, sort, 0, 100, total);
    block(EMPTY_FILTER, sort, 100, 200, total);
    const renamed = oracle(EMPTY_FILTER, sort)[150]!;
    db.prepare("UPDATE dialogs SET client_name = '0 first' WHERE id = ?").run(renamed);
    expect(oracle(EMPTY_FILTER, sort)[0]).toBe(renamed);
    expect(block(EMPTY_FILTER, sort, 100, 200, total)).toEqual(oracle(EMPTY_FILTER, sort).slice(100, 200));
    expect(block(EMPTY_FILTER, sort, 0, 1, total)).toEqual([renamed]);
  });

  it('gives the raw keyset seek the same rows as listDialogs at any depth', () => {
    for (const [name, filter] of filters) {
      for (const sort of [
        { column: 'createdAt', direction: 'desc' },
        { column: 'client', direction: 'asc' },
        { column: 'responseAvg', direction: 'desc' },
        { column: 'waitingNow', direction: 'desc' },
      ] satisfies SortSpec[]) {
        const total = countDialogs(db, filter, FIXED_NOW);
        for (const startRow of [0, Math.floor(total / 2), Math.max(0, total - 100)]) {
          const query = { filter, sort, startRow, endRow: startRow + 100 };
          const raw = rawKeysetBlock(db, query, FIXED_NOW, total, keyBefore(db, query, FIXED_NOW, total)).map((r) => r.id);
          expect(raw, `${name} / ${sort.column} @${startRow}`).toEqual(block(filter, sort, startRow, startRow + 100, total));
        }
      }
    }
  });
});

describe('plans the paging code chooses', () => {
  const plan = (sql: string, params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

  it('walks the sort index with no sort step, or orders a small filtered set once through its own index', () => {
    for (const [name, filter] of filters) {
      const total = countDialogs(db, filter, FIXED_NOW);
      for (const sort of sorts()) {
        for (const snapshotMax of [SNAPSHOT_MAX, 0]) {
          pagingLimits.snapshotMax = snapshotMax;
          const label = `${name} / ${sort.column} ${sort.direction} / snapshots ≤ ${snapshotMax}`;
          const { strategy, statements } = blockPlan(db, { filter, sort, startRow: 0, endRow: 100 }, FIXED_NOW, total);
          if (strategy === 'walk') {
            const index = `sx_dialogs_${COLUMN_SQL[sort.column].sort}`;
            for (const { sql, params } of statements) {
              const detail = plan(sql, params);
              expect(detail, label).toContain(index);
              expect(detail, label).not.toMatch(/TEMP B-TREE/);
            }
          } else {
            // a snapshot sorts the filtered set once, and only a set the limit bounds
            expect(total, label).toBeLessThanOrEqual(snapshotMax);
            expect(filter.conditions.length, label).toBeGreaterThan(0);
            const [{ sql, params }] = statements as [{ sql: string; params: unknown[] }];
            // …read through an index on the filter's column, not a scan of the table
            expect(plan(sql, params), label).toMatch(/^SEARCH dialogs USING (COVERING )?INDEX \w+ \((status_code|created_at)[=>]/);
          }
        }
      }
    }
  });

  it('seeks the names a line or operator filter implies when sorted by that column, instead of reading other runs first', () => {
    for (const [name, column] of [['one operator', 'operator'], ['one line', 'line']] as const) {
      const filter = filters.find(([n]) => n === name)![1];
      const total = countDialogs(db, filter, FIXED_NOW);
      for (const direction of ['asc', 'desc'] as const) {
        const { strategy, statements } = blockPlan(db, { filter, sort: { column, direction }, startRow: 0, endRow: 100 }, FIXED_NOW, total);
        expect(strategy).toBe('walk');
        for (const { sql, params } of statements) {
          expect(sql).toContain(`${COLUMN_SQL[column].sort} IN (SELECT value FROM json_each(?))`);
          expect(plan(sql, params), `${name} / ${direction}`).toMatch(new RegExp(`SEARCH dialogs USING INDEX sx_dialogs_${COLUMN_SQL[column].sort} \\(${COLUMN_SQL[column].sort}=\\?`));
        }
      }
    }
    // a dialog still under a line's older name: the implied names would drop it, so they are not used
    const lineFilter = filters.find(([n]) => n === 'one line')![1];
    const lineId = (lineFilter.conditions[0] as { values: number[] }).values[0]!;
    const renamed = db.prepare('SELECT id FROM dialogs WHERE line_id = ? LIMIT 1').pluck().get(lineId) as number;
    db.prepare("UPDATE dialogs SET line_name = 'Старое имя' WHERE id = ?").run(renamed);
    const sort: SortSpec = { column: 'line', direction: 'asc' };
    const total = countDialogs(db, lineFilter, FIXED_NOW);
    expect(blockPlan(db, { filter: lineFilter, sort, startRow: 0, endRow: 100 }, FIXED_NOW, total).statements[0]!.sql).not.toContain('json_each');
    expect(block(lineFilter, sort, 0, total, total)).toEqual(oracle(lineFilter, sort));
  });

  it('checks the line, operator and first-answer filters inside the sort index, so they are walked at any size', () => {
    for (const [name, filter] of filters.filter(([n]) => ['all', 'one operator', 'one line', 'wait ≥ 10 min'].includes(n))) {
      for (const sort of sorts()) {
        expect(blockPlan(db, { filter, sort, startRow: 0, endRow: 100 }, FIXED_NOW, 10).strategy, `${name} / ${sort.column}`).toBe('walk');
      }
    }
  });

  // runs last: it leaves statistics behind
  it('keeps walking the sort index once ANALYZE has given the planner statistics that favour other plans', () => {
    db.exec('ANALYZE');
    for (const [name, filter] of filters) {
      const total = countDialogs(db, filter, FIXED_NOW);
      for (const sort of sorts()) {
        pagingLimits.snapshotMax = 0;
        for (const { sql, params } of blockPlan(db, { filter, sort, startRow: 0, endRow: 100 }, FIXED_NOW, total).statements) {
          const detail = plan(sql, params);
          expect(detail, `${name} / ${sort.column} ${sort.direction}`).toContain(`sx_dialogs_${COLUMN_SQL[sort.column].sort}`);
          expect(detail, `${name} / ${sort.column} ${sort.direction}`).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
  });
});
