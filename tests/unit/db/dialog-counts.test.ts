/**
 * Counts of line, operator and status filters come from the summary rollups
 * plus the live dialogs' index; they must equal a plain count of the rows,
 * before and after the rows change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_DIALOGS_FILTER, type DialogFilter, type FilterCondition } from '../../../shared/domain/filter.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import { countFromRollups } from '../../../electron/app/db/queries/dialog-counts.ts';
import { countDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { compileFilter, whereClause } from '../../../electron/app/db/queries/filter-sql.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
beforeAll(async () => {
  ({ db } = await filledCache(4, 7));
});

const plainCount = (filter: DialogFilter) => {
  const compiled = compileFilter(filter, FIXED_NOW);
  return db.prepare(`SELECT COUNT(*) FROM dialogs NOT INDEXED${whereClause(compiled)}`).pluck().get(...compiled.params) as number;
};

function filters(): DialogFilter[] {
  const ids = (column: string) => db.prepare(`SELECT DISTINCT ${column} FROM dialogs ORDER BY 1`).pluck().all() as Array<number | null>;
  const lines = ids('line_id') as number[];
  const operators = ids('operator_id');
  const of = (...conditions: FilterCondition[]): DialogFilter => ({ conditions });
  return [
    ACTIVE_DIALOGS_FILTER,
    ...lines.map((id) => of({ column: 'line', op: 'in', values: [id] })),
    ...operators.map((id) => of({ column: 'operator', op: 'in', values: [id] })),
    of({ column: 'operator', op: 'in', values: [null, operators[1] ?? 1] }),
    of({ column: 'line', op: 'in', values: lines.slice(0, 3) }, { column: 'statusDetail', op: 'in', values: ['finished', 'answered'] }),
    of({ column: 'status', op: 'in', values: ['finished'] }, { column: 'operator', op: 'in', values: [operators.find((o) => o !== null)!] }),
    of({ column: 'statusDetail', op: 'in', values: ['spam'] }),
    of({ column: 'line', op: 'in', values: [987_654] }),
    // "My active dialogs" with nobody connected: an empty any-of matches nothing
    of(...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [] }),
  ];
}

describe('counts from the rollups', () => {
  it('answers line, operator and status filters, and equals a plain count', () => {
    for (const filter of filters()) {
      expect(countFromRollups(db, filter, compileFilter(filter, FIXED_NOW)), JSON.stringify(filter)).not.toBeNull();
      expect(countDialogs(db, filter, FIXED_NOW), JSON.stringify(filter)).toBe(plainCount(filter));
    }
  });

  it('still equals a plain count after dialogs change status, line and operator', () => {
    const live = db.prepare('SELECT id FROM dialogs WHERE status_code < 60 LIMIT 5').pluck().all() as number[];
    const settled = db.prepare('SELECT id FROM dialogs WHERE status_code = 60 LIMIT 5').pluck().all() as number[];
    expect(live.length).toBeGreaterThan(0);
    db.transaction(() => {
      for (const id of live) db.prepare('UPDATE dialogs SET status_code = 60, waiting_since = NULL WHERE id = ?').run(id);
      for (const id of settled) db.prepare('UPDATE dialogs SET status_code = 25, line_id = 2, operator_id = NULL WHERE id = ?').run(id);
    })();
    for (const filter of filters()) expect(countDialogs(db, filter, FIXED_NOW), JSON.stringify(filter)).toBe(plainCount(filter));
  });

  it('leaves other filters to an index count', () => {
    for (const filter of [
      { conditions: [{ column: 'createdAt', op: 'datePreset', preset: 'last7days' }] },
      { conditions: [{ column: 'statusDetail', op: 'in', values: ['unknown'] }] },
      { conditions: [{ column: 'line', op: 'in', values: [1] }], search: 'Анна' },
    ] satisfies DialogFilter[]) {
      expect(countFromRollups(db, filter, compileFilter(filter, FIXED_NOW))).toBeNull();
      expect(countDialogs(db, filter, FIXED_NOW)).toBe(plainCount(filter));
    }
  });
});
