import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_REGISTRY, SORTABLE_COLUMN_IDS } from '../../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER, type DialogFilter } from '../../../shared/domain/filter.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import { blockPlan, countDialogs, getDialog, listDialogs, type ListQuery } from '../../../electron/app/db/queries/dialogs.ts';
import { FilterError } from '../../../electron/app/db/queries/filter-sql.ts';
import { COLUMN_SQL } from '../../../electron/app/db/queries/dialog-columns.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
/** listDialogs with the filter's real count, as the handlers call it. */
const list = (query: ListQuery) => listDialogs(db, query, FIXED_NOW, countDialogs(db, query.filter, FIXED_NOW));

beforeAll(async () => {
  ({ db } = await filledCache(3, 7));
});

const ids = (filter: DialogFilter, column: (typeof SORTABLE_COLUMN_IDS)[number], direction: 'asc' | 'desc', start = 0, end = 100) =>
  list({ filter, sort: { column, direction }, startRow: start, endRow: end }).map((r) => r.id);


const plan = (sql: string, params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe('grid queries', () => {
  it('serves the default sort (created desc) from its sort index, with no sort step', () => {
    const { strategy, statements } = blockPlan(
      db,
      { filter: EMPTY_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 100 },
      FIXED_NOW,
      countDialogs(db, EMPTY_FILTER, FIXED_NOW),
    );
    expect(strategy).toBe('walk');
    for (const { sql, params } of statements) {
      const detail = plan(sql, params);
      expect(detail).toMatch(/sx_dialogs_created_at/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('pages through every sortable column in exactly the order SQLite gives, blocks without gaps or overlaps', () => {
    const total = countDialogs(db, EMPTY_FILTER, FIXED_NOW);
    expect(total).toBeGreaterThan(300);
    for (const column of SORTABLE_COLUMN_IDS.filter((c) => COLUMN_REGISTRY[c].origin !== 'live')) {
      for (const direction of ['asc', 'desc'] as const) {
        const sortSql = COLUMN_SQL[column].sort!;
        const dir = direction.toUpperCase();
        const expected = (
          db.prepare(`SELECT id FROM dialogs ORDER BY ${sortSql} ${dir}, id ${dir} LIMIT 250`).all() as Array<{ id: number }>
        ).map((r) => r.id);
        const blocks = [...ids(EMPTY_FILTER, column, direction, 0, 100), ...ids(EMPTY_FILTER, column, direction, 100, 250)];
        expect(blocks, `${column} ${direction}`).toEqual(expected);
      }
    }
  });

  it('filters by detailed status, line, operator (including none) and channel', () => {
    const active = countDialogs(db, ACTIVE_DIALOGS_FILTER, FIXED_NOW);
    const activeSql = (db.prepare('SELECT COUNT(*) AS n FROM dialogs WHERE status_code IN (0,5,10,20,25,40)').get() as { n: number }).n;
    expect(active).toBe(activeSql);
    expect(active).toBeGreaterThan(0);

    const finished = countDialogs(db, { conditions: [{ column: 'statusDetail', op: 'in', values: ['finished'] }] }, FIXED_NOW);
    const finishedSql = (db.prepare('SELECT COUNT(*) AS n FROM dialogs WHERE status_code IN (60,69,75)').get() as { n: number }).n;
    expect(finished).toBe(finishedSql);

    const unassigned = countDialogs(db, { conditions: [{ column: 'operator', op: 'in', values: [null] }] }, FIXED_NOW);
    expect(unassigned).toBe((db.prepare('SELECT COUNT(*) AS n FROM dialogs WHERE operator_id IS NULL').get() as { n: number }).n);

    const firstRow = db.prepare('SELECT line_id, channel FROM dialogs LIMIT 1').get() as { line_id: number; channel: string };
    const both: DialogFilter = {
      conditions: [
        { column: 'line', op: 'in', values: [firstRow.line_id] },
        { column: 'channel', op: 'in', values: [firstRow.channel] },
      ],
    };
    const rows = list({ filter: both, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1000 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.lineId === firstRow.line_id && r.channel === firstRow.channel)).toBe(true);
  });

  it('finds clients by name regardless of case and ё, and by dialog number', () => {
    const row = db.prepare("SELECT id, client_name FROM dialogs WHERE client_name GLOB '*[А-Яа-я]*' LIMIT 1").get() as {
      id: number;
      client_name: string;
    };
    const part = row.client_name.split(' ')[0]!.toUpperCase();
    const found = list({ filter: { conditions: [], search: part }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1000 });
    expect(found.map((r) => r.id)).toContain(row.id);
    const byNumber = list({ filter: { conditions: [], search: `#${row.id}` }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 10 });
    expect(byNumber.map((r) => r.id)).toContain(row.id);
  });

  it('filters metric columns by range in SQL', () => {
    const filter: DialogFilter = { conditions: [{ column: 'firstResponse', op: 'range', from: 60, to: 600 }] };
    const rows = list({ filter, sort: { column: 'firstResponse', direction: 'asc' }, startRow: 0, endRow: 100_000 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.firstResponse !== null && r.firstResponse >= 60 && r.firstResponse <= 600)).toBe(true);
    expect(countDialogs(db, filter, FIXED_NOW)).toBe(rows.length);
  });

  it('rejects conditions that do not fit the column type', () => {
    expect(() => countDialogs(db, { conditions: [{ column: 'client', op: 'range', from: 1 }] }, FIXED_NOW)).toThrow(FilterError);
    expect(() => countDialogs(db, { conditions: [{ column: 'line', op: 'in', values: ['1; DROP TABLE dialogs'] }] }, FIXED_NOW)).toThrow(
      FilterError,
    );
    expect(() => countDialogs(db, { conditions: [{ column: 'statusDetail', op: 'in', values: ['bogus'] }] }, FIXED_NOW)).toThrow(
      FilterError,
    );
    expect(() => countDialogs(db, { conditions: [{ column: 'actions', op: 'empty', value: true }] }, FIXED_NOW)).toThrow(FilterError);
  });

  it('maps a stored row to the grid row with statuses and flags', () => {
    const id = (db.prepare('SELECT id FROM dialogs WHERE status_code = 65 LIMIT 1').get() as { id: number } | undefined)?.id;
    expect(id).toBeDefined();
    const row = getDialog(db, id!)!;
    expect(row.statusDetail).toBe('spam');
    expect(row.status).toBe('finished');
    expect(row.spam).toBe(true);
    expect(getDialog(db, 987_654_321)).toBeNull();
  });
});

describe('waitFirstAnswer filter and running waits', () => {
  it('also finds clients still waiting for a first answer longer than the bound, as the grid shows them', () => {
    const running = db
      .prepare(
        'SELECT id, created_at FROM dialogs WHERE wait_first_answer IS NULL AND operator_answered_at IS NULL AND waiting_since IS NOT NULL',
      )
      .all() as Array<{ id: number; created_at: number }>;
    expect(running.length).toBeGreaterThan(0);
    const waitedSeconds = (r: { created_at: number }) => Math.floor((FIXED_NOW - r.created_at) / 1000);
    const bound = waitedSeconds(running[0]!);
    const filter: DialogFilter = { conditions: [{ column: 'waitFirstAnswer', op: 'range', from: bound, to: bound }] };
    const found = list({ filter, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 100_000 });
    const expected = new Set([
      ...running.filter((r) => waitedSeconds(r) === bound).map((r) => r.id),
      ...(db.prepare('SELECT id FROM dialogs WHERE wait_first_answer = ?').all(bound) as Array<{ id: number }>).map((r) => r.id),
    ]);
    expect(new Set(found.map((r) => r.id))).toEqual(expected);
    expect(found.map((r) => r.id)).toContain(running[0]!.id);
  });
});

describe('waitingNow: the live wait', () => {
  const waiting = () =>
    (db.prepare('SELECT id, waiting_since FROM dialogs WHERE waiting_since IS NOT NULL').all() as Array<{ id: number; waiting_since: number }>);

  it('sorts the longest wait first for desc, shortest first for asc, and dialogs nobody waits on last', () => {
    const open = waiting();
    expect(open.length).toBeGreaterThan(3);
    const longestFirst = [...open].sort((a, b) => a.waiting_since - b.waiting_since || a.id - b.id).map((r) => r.id);
    const shortestFirst = [...open].sort((a, b) => b.waiting_since - a.waiting_since || b.id - a.id).map((r) => r.id);
    const total = countDialogs(db, EMPTY_FILTER, FIXED_NOW);
    const desc = ids(EMPTY_FILTER, 'waitingNow', 'desc', 0, total);
    const asc = ids(EMPTY_FILTER, 'waitingNow', 'asc', 0, total);
    expect(desc.slice(0, open.length)).toEqual(longestFirst);
    expect(asc.slice(0, open.length)).toEqual(shortestFirst);
    expect(desc.length).toBe(total);
  });

  it('filters by how long the client has waited so far', () => {
    const open = waiting();
    const seconds = (r: { waiting_since: number }) => Math.floor((FIXED_NOW - r.waiting_since) / 1000);
    const bound = seconds(open[Math.floor(open.length / 2)]!);
    const over: DialogFilter = { conditions: [{ column: 'waitingNow', op: 'range', from: bound }] };
    const found = ids(over, 'id', 'asc', 0, 100_000).sort((a, b) => a - b);
    expect(found).toEqual(open.filter((r) => seconds(r) >= bound).map((r) => r.id).sort((a, b) => a - b));
    const upTo: DialogFilter = { conditions: [{ column: 'waitingNow', op: 'range', to: bound }] };
    expect(countDialogs(db, upTo, FIXED_NOW)).toBe(open.filter((r) => seconds(r) <= bound).length);
  });
});
