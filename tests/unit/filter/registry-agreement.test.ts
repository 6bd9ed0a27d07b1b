/**
 * Issue 8 §1: for every column × operator, what the Filter + search bar offers,
 * what the request schema accepts and what the SQL compiler runs agree. The
 * bar's own functions build each condition (operatorsFor, choicesFor from a
 * real reference list, fieldToCondition), the zod schema of `dialogs:list`
 * validates it, and the compiled query runs on a real cache file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_REGISTRY, FILTER_OPS, type ColumnId, type FilterOp } from '../../../shared/domain/columns.ts';
import type { FilterCondition } from '../../../shared/domain/filter.ts';
import { filterSchema } from '../../../shared/ipc/schemas.ts';
import type { Db } from '../../../electron/app/db/connection.ts';
import { countDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { compileFilter, FilterError } from '../../../electron/app/db/queries/filter-sql.ts';
import { listChannels, listLines, listOperators } from '../../../electron/app/db/queries/reference.ts';
import {
  choiceValuesFor,
  conditionToField,
  FILTER_OP_OF,
  FILTERABLE_COLUMNS,
  fieldToCondition,
  newField,
  operatorsFor,
  rangeUnitOf,
  type Field,
  type ReferenceLists,
  type UiOp,
} from '../../../renderer/src/components/filter-bar/fields.ts';
import { FIXED_NOW, filledCache } from '../../support/temp-cache.ts';

let db: Db;
let reference: ReferenceLists;
const LOCALE = 'en-GB';

beforeAll(async () => {
  ({ db } = await filledCache(2, 3));
  reference = { lines: listLines(db), operators: listOperators(db), channels: listChannels(db) };
});

/** A field as a user would fill it for this operator, through the bar's own choices. */
function filled(column: ColumnId, op: UiOp): Field {
  const field = newField(column, op);
  const unit = rangeUnitOf(column);
  const sample = unit === 'days' ? ['2026-11-20', '2026-11-22'] : unit === 'minutes' ? ['1,5', '30'] : ['1', '4'];
  switch (op) {
    case 'anyOf': {
      if (COLUMN_REGISTRY[column].domain.kind === 'dialogId') return { ...field, text: '1, 2, #3' };
      const choices = choiceValuesFor(column, reference);
      expect(choices, `${column} offers choices`).not.toBeNull();
      expect(choices!.length, `${column} offers choices`).toBeGreaterThan(0);
      // the first real choice, and "not set" where the column offers it
      return { ...field, values: [choices![0]!, ...choices!.filter((v) => v === null)] };
    }
    case 'contains':
    case 'equals':
      return { ...field, text: "o'; DROP TABLE dialogs; --" };
    case 'datePreset':
      return { ...field, preset: 'last7days' };
    case 'atLeast':
    case 'atMost':
      return { ...field, from: sample[0]! };
    case 'between':
    case 'dateBetween':
      return { ...field, from: sample[0]!, to: sample[1]! };
    default:
      return field;
  }
}

const ALL_UI_OPS = Object.keys(FILTER_OP_OF) as UiOp[];

/** A schema-valid condition with this operator, for checking what the compiler refuses. */
function anyCondition(column: ColumnId, op: FilterOp): FilterCondition {
  switch (op) {
    case 'in':
      return { column, op, values: [] };
    case 'range':
      return { column, op, from: 1 };
    case 'datePreset':
      return { column, op, preset: 'today' };
    case 'is':
    case 'empty':
      return { column, op, value: true };
    case 'contains':
    case 'equals':
      return { column, op, value: 'x' };
  }
}

describe('the bar, the schema and the SQL compiler agree', () => {
  it('offers exactly the registry operators of every column, and every filterable column', () => {
    const filterable = (Object.keys(COLUMN_REGISTRY) as ColumnId[]).filter((c) => COLUMN_REGISTRY[c].filters.length > 0);
    expect(FILTERABLE_COLUMNS.map((c) => c.id)).toEqual(filterable);
    expect(filterable.length).toBeGreaterThan(30);
    for (const column of filterable) {
      const offered = new Set(operatorsFor(column).map((op) => FILTER_OP_OF[op]));
      expect([...offered].sort(), column).toEqual([...COLUMN_REGISTRY[column].filters].sort());
    }
    // the spec's words per type (§5)
    expect(operatorsFor('pageUrl')).toEqual(['contains', 'equals', 'isEmpty', 'isSet']);
    expect(operatorsFor('spam')).toEqual(['yes', 'no']);
    expect(operatorsFor('createdAt')).toEqual(['datePreset', 'dateBetween', 'isEmpty', 'isSet']);
    expect(operatorsFor('responseMax')).toEqual(['atLeast', 'atMost', 'between', 'isEmpty', 'isSet']);
    expect(operatorsFor('operator')).toEqual(['anyOf', 'isEmpty', 'isSet']);
  });

  it('every column × offered operator is accepted by the schema and runs in SQL', () => {
    let checked = 0;
    for (const { id: column } of FILTERABLE_COLUMNS) {
      for (const op of operatorsFor(column)) {
        const condition = fieldToCondition(filled(column, op));
        expect(condition, `${column} ${op} is complete`).not.toBeNull();
        expect(condition!.op).toBe(FILTER_OP_OF[op]);
        const filter = { conditions: [condition!] };
        const parsed = filterSchema.safeParse(filter);
        expect(parsed.success, `${column} ${op}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        expect(() => compileFilter(filter, FIXED_NOW), `${column} ${op}`).not.toThrow();
        expect(countDialogs(db, filter, FIXED_NOW)).toBeGreaterThanOrEqual(0);
        // as an any-of group too (the bar's "match any")
        const any = { conditions: [], groups: [{ op: 'any' as const, conditions: [condition!, condition!] }] };
        expect(filterSchema.safeParse(any).success).toBe(true);
        expect(countDialogs(db, any, FIXED_NOW)).toBe(countDialogs(db, filter, FIXED_NOW));
        // the bar re-reads an applied condition into the same condition
        expect(fieldToCondition(conditionToField(condition!, LOCALE)), `${column} ${op} round trip`).toEqual(condition);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // the table is intact after text values that look like SQL
    expect((db.prepare('SELECT COUNT(*) AS n FROM dialogs').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('every operator the bar does not offer on a column is refused by the compiler', () => {
    let refused = 0;
    for (const { id: column } of FILTERABLE_COLUMNS) {
      const offered = new Set(operatorsFor(column).map((op) => FILTER_OP_OF[op]));
      for (const op of FILTER_OPS.filter((o) => !offered.has(o))) {
        const filter = { conditions: [anyCondition(column, op)] };
        // the schema is column-agnostic: it passes, so the compiler's whitelist is what refuses
        expect(filterSchema.safeParse(filter).success).toBe(true);
        expect(() => compileFilter(filter, FIXED_NOW), `${column} ${op}`).toThrow(FilterError);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(100);
    // a column with no filter at all is refused, and not offered
    expect(FILTERABLE_COLUMNS.some((c) => c.id === 'actions')).toBe(false);
    expect(() => compileFilter({ conditions: [{ column: 'actions', op: 'in', values: [] }] }, FIXED_NOW)).toThrow(FilterError);
  });

  it('an incomplete field is no condition, whatever the operator', () => {
    for (const { id: column } of FILTERABLE_COLUMNS) {
      for (const op of operatorsFor(column)) {
        const empty = newField(column, op);
        const needsNothing = ['yes', 'no', 'isEmpty', 'isSet', 'datePreset'].includes(op);
        expect(fieldToCondition(empty) === null, `${column} ${op}`).toBe(!needsNothing);
      }
    }
    expect(fieldToCondition({ ...newField('duration', 'atLeast'), from: 'ten' })).toBeNull();
    expect(fieldToCondition({ ...newField('id', 'anyOf'), text: '12, x' })).toBeNull();
    expect(ALL_UI_OPS.length).toBe(12);
  });

  it('minutes become whole seconds without widening, and reversed bounds mean the same range', () => {
    expect(fieldToCondition({ ...newField('waitFirstAnswer', 'atLeast'), from: '2,5' })).toEqual({ column: 'waitFirstAnswer', op: 'range', from: 150 });
    expect(fieldToCondition({ ...newField('waitFirstAnswer', 'atMost'), from: '0.1' })).toEqual({ column: 'waitFirstAnswer', op: 'range', to: 6 });
    expect(fieldToCondition({ ...newField('duration', 'between'), from: '20', to: '10' })).toEqual({ column: 'duration', op: 'range', from: 600, to: 1200 });
    const days = fieldToCondition({ ...newField('createdAt', 'dateBetween'), from: '2026-11-22', to: '2026-11-20' });
    expect(days).toEqual({ column: 'createdAt', op: 'range', from: new Date(2026, 10, 20).getTime(), to: new Date(2026, 10, 23).getTime() - 1 });
    expect(fieldToCondition({ ...newField('createdAt', 'dateBetween'), from: '2026-11-22' })).toEqual({ column: 'createdAt', op: 'range', from: new Date(2026, 10, 22).getTime() });
  });
});
