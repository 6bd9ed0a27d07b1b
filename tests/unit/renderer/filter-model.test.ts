import { describe, expect, it } from 'vitest';
import {
  combineFilters,
  conditionsFromGridModel,
  DATE_PRESET_OPTIONS,
  endOfDay,
  FILTER_KIND,
  startOfDay,
  UnsupportedFilterError,
} from '../../../renderer/src/grid/filter-model.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/filter.ts';

describe('grid filter model → SQL conditions', () => {
  it('turns minutes into whole seconds without widening the range', () => {
    expect(conditionsFromGridModel({ waitFirstAnswer: { filterType: 'number', type: 'greaterThanOrEqual', filter: 10 } })).toEqual([
      { column: 'waitFirstAnswer', op: 'range', from: 600 },
    ]);
    expect(conditionsFromGridModel({ responseMax: { filterType: 'number', type: 'lessThanOrEqual', filter: 2.5 } })).toEqual([
      { column: 'responseMax', op: 'range', to: 150 },
    ]);
    // 0.1 min is 6 s, not 7 s through floating-point error
    expect(conditionsFromGridModel({ duration: { filterType: 'number', type: 'greaterThanOrEqual', filter: 0.1 } })).toEqual([
      { column: 'duration', op: 'range', from: 6 },
    ]);
    // a reversed "between" means the same range
    expect(conditionsFromGridModel({ botTime: { filterType: 'number', type: 'inRange', filter: 20, filterTo: 10 } })).toEqual([
      { column: 'botTime', op: 'range', from: 600, to: 1200 },
    ]);
  });

  it('filters waitingNow in minutes like the metrics, sent as seconds waited so far', () => {
    expect(FILTER_KIND.get('waitingNow')).toBe('duration');
    expect(conditionsFromGridModel({ waitingNow: { filterType: 'number', type: 'greaterThanOrEqual', filter: 1 } })).toEqual([
      { column: 'waitingNow', op: 'range', from: 60 },
    ]);
    expect(conditionsFromGridModel({ waitingNow: { filterType: 'number', type: 'lessThanOrEqual', filter: 2.5 } })).toEqual([
      { column: 'waitingNow', op: 'range', to: 150 },
    ]);
    expect(conditionsFromGridModel({ waitingNow: { filterType: 'number', type: 'inRange', filter: 10, filterTo: 0.5 } })).toEqual([
      { column: 'waitingNow', op: 'range', from: 30, to: 600 },
    ]);
  });

  it('turns dates into whole local days and presets into preset conditions', () => {
    const [between] = conditionsFromGridModel({
      createdAt: { filterType: 'date', type: 'inRange', dateFrom: '2026-11-23 00:00:00', dateTo: '2026-11-20 00:00:00' },
    });
    expect(between).toEqual({ column: 'createdAt', op: 'range', from: startOfDay('2026-11-20'), to: endOfDay('2026-11-23') });
    expect(new Date(startOfDay('2026-11-20')!).getHours()).toBe(0);
    expect(endOfDay('2026-11-23')! + 1).toBe(startOfDay('2026-11-24'));
    const presetKey = Object.keys(DATE_PRESET_OPTIONS)[0]!;
    expect(conditionsFromGridModel({ closedAt: { filterType: 'date', type: presetKey } })).toEqual([
      { column: 'closedAt', op: 'datePreset', preset: DATE_PRESET_OPTIONS[presetKey as keyof typeof DATE_PRESET_OPTIONS] },
    ]);
  });

  it('refuses what it cannot express instead of showing unfiltered rows', () => {
    expect(() => conditionsFromGridModel({ client: { filterType: 'text', type: 'contains', filter: 'a' } })).toThrow(UnsupportedFilterError);
    expect(() => conditionsFromGridModel({ duration: { filterType: 'number', type: 'notEqual', filter: 1 } })).toThrow(UnsupportedFilterError);
    expect(() =>
      conditionsFromGridModel({
        duration: {
          filterType: 'number',
          operator: 'OR',
          conditions: [
            { type: 'greaterThanOrEqual', filter: 1 },
            { type: 'lessThanOrEqual', filter: 0.5 },
          ],
        },
      }),
    ).toThrow(UnsupportedFilterError);
    expect(conditionsFromGridModel(null)).toEqual([]);
  });

  it('ANDs column conditions after the scope', () => {
    const columns = conditionsFromGridModel({ waitFirstAnswer: { filterType: 'number', type: 'greaterThanOrEqual', filter: 1 } });
    expect(combineFilters(ACTIVE_DIALOGS_FILTER, columns).conditions).toEqual([...ACTIVE_DIALOGS_FILTER.conditions, ...columns]);
    expect(combineFilters(ACTIVE_DIALOGS_FILTER, [])).toBe(ACTIVE_DIALOGS_FILTER);
  });
});
