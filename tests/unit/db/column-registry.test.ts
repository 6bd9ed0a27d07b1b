/**
 * Every form of a dialog column agrees with the registry: the table the
 * migrations build, the SQL map, the row mapping and the upsert, the filter
 * whitelist and the request schema, the sort indexes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_IDS, COLUMN_REGISTRY, SORTABLE_COLUMN_IDS, type ColumnId, type ColumnSpec, type FilterOp } from '../../../shared/domain/columns.ts';
import type { FilterCondition } from '../../../shared/domain/filter.ts';
import type { DialogComputed } from '../../../shared/domain/metrics.ts';
import { filterConditionSchema } from '../../../shared/ipc/schemas.ts';
import type { WritableDB } from '../../../electron/app/db/connection.ts';
import {
  COLUMN_SQL,
  DB_COLUMNS,
  DIALOG_TABLE,
  writeValues,
  type DialogRow,
  type DialogWrite,
} from '../../../electron/app/db/queries/dialog-columns.ts';
import { storeComputed, upsertDialog } from '../../../electron/app/db/queries/dialog-write.ts';
import { countDialogs, getDialog } from '../../../electron/app/db/queries/dialogs.ts';
import { FilterError } from '../../../electron/app/db/queries/filter-sql.ts';
import { sortIndexName } from '../../../electron/app/db/queries/dialog-order.ts';
import { FIXED_NOW, openTempDb } from '../../support/temp-cache.ts';

let db: WritableDB;
beforeAll(() => {
  ({ db } = openTempDb());
});

interface TableColumn {
  name: string;
  notnull: number;
  pk: number;
}
const tableColumns = () => db.prepare('PRAGMA table_info(dialogs)').all() as TableColumn[];

/** A write in which every column gets a value of its own, so a swapped column cannot go unnoticed. */
function distinctWrite(id: number, shift = 0): DialogWrite {
  const at = (n: number) => 1_790_000_000_000 + n * 1000 + shift;
  const computed: DialogComputed = {
    status: 'answered',
    statusDetail: 'answered',
    dates: {
      createdAt: at(1),
      queuedAt: at(2),
      operatorAnsweredAt: at(3),
      operatorStartedAt: at(4),
      lastMessageAt: at(5),
      operatorClosedAt: at(6),
      closedAt: at(7),
      modifiedAt: at(8),
    },
    metrics: {
      waitFirstAnswer: 11 + shift,
      timeToStart: 12,
      timeToOperatorClose: 13,
      duration: 14,
      firstResponse: 15,
      botTime: 16,
      responseTotal: 17,
      responseAvg: 18,
      responseMax: 19,
    },
    waitingSince: at(9),
    operatorId: 77,
    clientRating: 'dislike',
    spam: false,
    messageCount: 23,
  };
  return {
    snapshot: {
      id,
      chatId: id * 10,
      lineId: 3,
      direction: 'out',
      channel: 'telegrambot',
      clientId: 501,
      clientName: `Клиент ${shift}`,
      operatorId: 77,
      crm: { type: 'deal', id: 9001, title: 'Сделка' },
      pageUrl: 'https://shop.example/p/1',
      formFilled: true,
      historyRequested: false,
      pinned: true,
      historyUnavailable: true,
      supervisorRating: 4,
      supervisorComment: 'ok',
      reportedStatusCode: null,
    },
    computed,
    lineName: 'Линия 3',
    operatorId: 77,
    operatorName: 'Оператор 77',
    metricsVersion: 5,
  };
}

/** A sample condition of each operator a column takes, drawn from its value domain. */
function sampleCondition(column: ColumnId, spec: ColumnSpec, op: FilterOp): FilterCondition {
  switch (op) {
    case 'in': {
      const d = spec.domain;
      const value =
        d.kind === 'values' ? d.values[0]! : d.kind === 'statusDetail' ? 'new' : d.kind === 'generalStatus' ? 'waiting' : d.kind === 'reference' && d.of === 'channels' ? 'livechat' : 1;
      return { column, op, values: spec.nullable ? [value, null] : [value] };
    }
    case 'range':
      return { column, op, from: 1, to: 1_000_000 };
    case 'datePreset':
      return { column, op, preset: 'last7days' };
    case 'is':
    case 'empty':
      return { column, op, value: true };
    case 'contains':
    case 'equals':
      return { column, op, value: 'Кл' };
  }
}

describe('column registry', () => {
  it('lists exactly the columns of the dialogs table the migrations build, in table order', () => {
    expect(DB_COLUMNS).toEqual(tableColumns().map((c) => c.name));
  });

  it('gives every grid column SQL, and stored columns the nullability the table has', () => {
    expect(Object.keys(COLUMN_SQL).sort()).toEqual([...COLUMN_IDS].sort());
    // the INTEGER PRIMARY KEY is the rowid: never NULL, though table_info does not say NOT NULL
    const notNull = new Map(tableColumns().map((c) => [c.name, c.notnull === 1 || c.pk === 1]));
    const shownBy = new Map<string, string[]>();
    for (const column of DB_COLUMNS) {
      const id = DIALOG_TABLE[column].shows;
      if (id) shownBy.set(id, [...(shownBy.get(id) ?? []), column]);
    }
    for (const id of COLUMN_IDS) {
      const spec = COLUMN_REGISTRY[id];
      const sql = COLUMN_SQL[id];
      expect(shownBy.get(id)?.length ?? 0, id).toBeLessThanOrEqual(1);
      if (sql.stored) {
        // a stored column's origin is its writer's
        expect(DIALOG_TABLE[sql.stored].origin, id).toBe(spec.origin);
        expect(notNull.get(sql.stored), id).toBe(!spec.nullable);
      }
      // the sort column's NULLs are the column's own: the paging treats them as a segment only when the registry says so
      if (sql.sort) expect(notNull.get(sql.sort), `${id} sorts by ${sql.sort}`).toBe(!spec.nullable);
      expect(sql.sort !== null, id).toBe(spec.sortable);
      expect(sql.filter !== null, id).toBe(spec.filters.length > 0);
    }
  });

  it('has a sort index for every sortable column', () => {
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dialogs'").pluck().all() as string[];
    for (const id of SORTABLE_COLUMN_IDS) expect(indexes, id).toContain(sortIndexName(COLUMN_SQL[id].sort!));
  });

  it('writes every column by name and maps every one back to the list item', () => {
    const write = distinctWrite(1001);
    upsertDialog(db, write);
    const row = db.prepare('SELECT * FROM dialogs WHERE id = 1001').get() as DialogRow;
    expect(row).toEqual(writeValues(write));
    const item = getDialog(db, 1001)!;
    for (const id of COLUMN_IDS) {
      const { origin, type } = COLUMN_REGISTRY[id];
      const stored = COLUMN_SQL[id].stored;
      if (origin === 'live' || origin === 'view') expect(item, id).not.toHaveProperty(id);
      else if (stored) expect(item[id as keyof typeof item], id).toBe(type === 'flag' ? row[stored] === 1 : row[stored]);
      else expect(item, id).toHaveProperty(id);
    }
    expect(item).toMatchObject({
      line: 'Линия 3',
      status: 'answered',
      statusDetail: 'answered',
      operator: 'Оператор 77',
      crm: { type: 'deal', id: 9001, title: 'Сделка' },
      chatId: 10010,
      lineId: 3,
      statusCode: 40,
      clientId: 501,
      operatorId: 77,
      waitingSince: write.computed.waitingSince,
      messageCount: 23,
    });
  });

  it('updates only what changed, and writes nothing when nothing did', () => {
    upsertDialog(db, distinctWrite(1002));
    const changes = () => db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    upsertDialog(db, distinctWrite(1002));
    storeComputed(db, 1002, null, distinctWrite(1002).computed, 5);
    expect(changes()).toBe(before);
    const next = distinctWrite(1002, 1);
    upsertDialog(db, next);
    expect(changes()).toBe(before + 1);
    expect(db.prepare('SELECT * FROM dialogs WHERE id = 1002').get()).toEqual(writeValues(next));
    storeComputed(db, 1002, 60, distinctWrite(1002, 2).computed, 6);
    expect(db.prepare('SELECT status_code, metrics_version, wait_first_answer, client_name FROM dialogs WHERE id = 1002').get()).toEqual({
      status_code: 60,
      metrics_version: 6,
      wait_first_answer: 13,
      // the recompute leaves the snapshot's columns alone
      client_name: 'Клиент 1',
    });
  });

  it("accepts each column's filter operators in the request schema and in the SQL compiler, and no others", () => {
    const ops: readonly FilterOp[] = ['in', 'range', 'datePreset', 'is', 'contains', 'equals', 'empty'];
    for (const id of COLUMN_IDS) {
      const spec = COLUMN_REGISTRY[id];
      for (const op of ops) {
        const condition = sampleCondition(id, spec, op);
        expect(filterConditionSchema.safeParse(condition).success, `${id} ${op}`).toBe(true);
        const count = () => countDialogs(db, { conditions: [condition] }, FIXED_NOW);
        if ((spec.filters as readonly FilterOp[]).includes(op)) expect(count, `${id} ${op}`).not.toThrow();
        else expect(count, `${id} ${op}`).toThrow(FilterError);
      }
    }
  });
});
