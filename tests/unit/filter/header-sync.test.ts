/**
 * The store's filter is the truth; AG Grid's header model is derived from it
 * (gridModelFromFilter), and a header edit replaces only the edited column's
 * top-level conditions (withHeaderConditions). An echo of the derived model
 * changes nothing, so there is no feedback loop. The bar's own placement of
 * its fields (top level for "all", one any-group for "any") is checked too.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVE_DIALOGS_FILTER, type DialogFilter, type FilterCondition } from '../../../shared/domain/filter.ts';
import {
  conditionsFromGridModel,
  endOfDay,
  gridModelFromFilter,
  headerConditions,
  showFilterInHeaders,
  startOfDay,
  withHeaderConditions,
} from '../../../renderer/src/grid/filter-model.ts';
import { barPartOf, withBarPart, withoutCondition } from '../../../renderer/src/components/filter-bar/fields.ts';

const WAIT: FilterCondition = { column: 'waitFirstAnswer', op: 'range', from: 600 };
const TODAY: FilterCondition = { column: 'createdAt', op: 'datePreset', preset: 'today' };
const LINE: FilterCondition = { column: 'line', op: 'in', values: [1] };

describe('header filters derived from the store', () => {
  it('shows what the headers can say exactly, and reads back the same conditions', () => {
    const days: FilterCondition = { column: 'closedAt', op: 'range', from: startOfDay('2026-11-20')!, to: endOfDay('2026-11-23')! };
    const between: FilterCondition = { column: 'duration', op: 'range', from: 90, to: 601 };
    const filter: DialogFilter = { conditions: [...ACTIVE_DIALOGS_FILTER.conditions, WAIT, TODAY, days, between, LINE] };
    const model = gridModelFromFilter(filter);
    expect(Object.keys(model).sort()).toEqual(['closedAt', 'createdAt', 'duration', 'waitFirstAnswer']);
    expect(model.waitFirstAnswer).toEqual({ filterType: 'number', type: 'greaterThanOrEqual', filter: 10 });
    expect(model.createdAt).toMatchObject({ filterType: 'date', type: 'today' });
    expect(model.closedAt).toEqual({ filterType: 'date', type: 'inRange', dateFrom: '2026-11-20 00:00:00', dateTo: '2026-11-23 00:00:00' });
    expect(conditionsFromGridModel(model)).toEqual(headerConditions(filter));
    expect(headerConditions(filter)).toHaveLength(4);
    expect(headerConditions(filter)).toEqual(expect.arrayContaining([WAIT, TODAY, days, between]));
  });

  it('leaves a header blank for what it cannot say; the condition stays in the filter', () => {
    const notMidnight: FilterCondition = { column: 'createdAt', op: 'range', from: startOfDay('2026-11-20')! + 3_600_000 };
    const empty: FilterCondition = { column: 'closedAt', op: 'empty', value: true };
    const twice: FilterCondition[] = [WAIT, { column: 'waitFirstAnswer', op: 'range', to: 1200 }];
    const grouped: DialogFilter = { conditions: [], groups: [{ op: 'any', conditions: [WAIT, TODAY] }] };
    expect(gridModelFromFilter({ conditions: [notMidnight, empty, ...twice] })).toEqual({});
    expect(gridModelFromFilter(grouped)).toEqual({});
    // the headers say nothing about those, so an untouched header keeps them
    const filter: DialogFilter = { conditions: [notMidnight, empty, ...twice] };
    expect(withHeaderConditions(filter, [])).toBe(filter);
  });

  it('an echo of the derived model is no change (no feedback loop)', () => {
    const filter: DialogFilter = { conditions: [LINE, WAIT, TODAY], search: 'ivan' };
    expect(withHeaderConditions(filter, conditionsFromGridModel(gridModelFromFilter(filter)))).toBe(filter);
    // and the grid is not told again what it already shows
    let calls = 0;
    let model: unknown = gridModelFromFilter(filter);
    const api = { getFilterModel: () => model, setFilterModel: (m: unknown) => ((model = m), (calls += 1)) };
    showFilterInHeaders(api, filter);
    expect(calls).toBe(0);
    showFilterInHeaders(api, { conditions: [LINE] });
    expect(calls).toBe(1);
    expect(model).toEqual({});
  });

  it('a header edit replaces only that column, in place, and keeps the rest', () => {
    const filter: DialogFilter = { conditions: [LINE, WAIT, TODAY], groups: [{ op: 'any', conditions: [WAIT] }], search: 'x' };
    const wait20: FilterCondition = { column: 'waitFirstAnswer', op: 'range', from: 1200 };
    // the header now says ≥ 20 min on the wait, and still today on created
    const edited = withHeaderConditions(filter, [TODAY, wait20]);
    expect(edited).toEqual({ conditions: [LINE, wait20, TODAY], groups: [{ op: 'any', conditions: [WAIT] }], search: 'x' });
    // cleared in the header: gone from the top level only
    expect(withHeaderConditions(filter, [TODAY]).conditions).toEqual([LINE, TODAY]);
    // a newly filtered column goes last
    const resp: FilterCondition = { column: 'responseAvg', op: 'range', to: 60 };
    expect(withHeaderConditions(filter, [WAIT, TODAY, resp]).conditions).toEqual([LINE, WAIT, TODAY, resp]);
  });
});

describe('where the bar puts its fields', () => {
  it('"all" writes top-level conditions, "any" one any-group beside the top level', () => {
    const base: DialogFilter = { conditions: [WAIT], search: 's' };
    expect(barPartOf(base)).toEqual({ match: 'all', conditions: [WAIT] });
    const any = withBarPart(base, 'any', [LINE, TODAY]);
    expect(any).toEqual({ conditions: [], groups: [{ op: 'any', conditions: [LINE, TODAY] }], search: 's' });
    expect(barPartOf(any)).toEqual({ match: 'any', conditions: [LINE, TODAY] });
    // a header filter added beside the group stays ANDed when the bar re-applies its group
    const withHeader: DialogFilter = { ...any, conditions: [WAIT] };
    expect(withBarPart(withHeader, 'any', [LINE])).toEqual({ conditions: [WAIT], groups: [{ op: 'any', conditions: [LINE] }], search: 's' });
    expect(withBarPart(withHeader, 'all', [LINE, TODAY])).toEqual({ conditions: [WAIT, LINE, TODAY], search: 's' });
  });

  it('a chip removes one condition; an emptied group goes', () => {
    const filter: DialogFilter = { conditions: [WAIT, LINE], groups: [{ op: 'any', conditions: [TODAY] }] };
    expect(withoutCondition(filter, { group: null, index: 0 })).toEqual({ conditions: [LINE], groups: [{ op: 'any', conditions: [TODAY] }] });
    expect(withoutCondition(filter, { group: 0, index: 0 })).toEqual({ conditions: [WAIT, LINE] });
  });
});
