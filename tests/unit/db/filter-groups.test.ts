/**
 * Filter groups (all-of / any-of) select exactly the rows a direct reading of
 * the stored values selects; counts, blocks and the summary agree on them,
 * and a group that is really an AND plans as one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { flatConditions, type DialogFilter } from '../../../shared/domain/filter.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import { countDialogs, listDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { compileFilter } from '../../../electron/app/db/queries/filter-sql.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
interface Plain {
  id: number;
  line_id: number;
  operator_id: number | null;
  status_code: number;
  channel: string;
}
let rows: Plain[];
beforeAll(async () => {
  ({ db } = await filledCache(3, 7));
  rows = db.prepare('SELECT id, line_id, operator_id, status_code, channel FROM dialogs').all() as Plain[];
});

const idsOf = (filter: DialogFilter): number[] => {
  const total = countDialogs(db, filter, FIXED_NOW);
  const out: number[] = [];
  for (let start = 0; start < total; start += 500) {
    out.push(...listDialogs(db, { filter, sort: { column: 'id', direction: 'asc' }, startRow: start, endRow: start + 500 }, FIXED_NOW, total).map((r) => r.id));
  }
  return out;
};

describe('filter groups', () => {
  it('an any-of group is an OR, ANDed with the top-level conditions', () => {
    const [lineA, lineB] = [...new Set(rows.map((r) => r.line_id))];
    const operator = rows.find((r) => r.operator_id !== null && r.line_id !== lineA)!.operator_id!;
    const filter: DialogFilter = {
      conditions: [{ column: 'status', op: 'in', values: ['finished'] }],
      groups: [
        {
          op: 'any',
          conditions: [
            { column: 'line', op: 'in', values: [lineA!] },
            { column: 'operator', op: 'in', values: [operator] },
          ],
        },
      ],
    };
    const finished = (code: number) => code >= 60;
    const expected = rows
      .filter((r) => finished(r.status_code) && (r.line_id === lineA || r.operator_id === operator))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    // the OR really widens: more than either branch alone
    expect(expected.length).toBeGreaterThan(rows.filter((r) => finished(r.status_code) && r.line_id === lineA).length);
    expect(idsOf(filter)).toEqual(expected);
    expect(countDialogs(db, filter, FIXED_NOW)).toBe(expected.length);
    expect(flatConditions(filter)).toBeNull();
    void lineB;
  });

  it('groups of all-of and single-condition any-of flatten to the same SQL as top-level conditions', () => {
    const grouped: DialogFilter = {
      conditions: [],
      groups: [
        { op: 'all', conditions: [{ column: 'status', op: 'in', values: ['finished'] }] },
        { op: 'any', conditions: [{ column: 'channel', op: 'in', values: ['telegram'] }] },
        { op: 'any', conditions: [] },
      ],
    };
    const flat: DialogFilter = { conditions: flatConditions(grouped)! };
    expect(compileFilter(grouped, FIXED_NOW)).toEqual(compileFilter(flat, FIXED_NOW));
    expect(idsOf(grouped)).toEqual(rows.filter((r) => r.status_code >= 60 && r.channel === 'telegram').map((r) => r.id).sort((a, b) => a - b));
  });

  it('an empty any-of group restricts nothing', () => {
    expect(countDialogs(db, { conditions: [], groups: [{ op: 'any', conditions: [] }] }, FIXED_NOW)).toBe(rows.length);
  });
});
