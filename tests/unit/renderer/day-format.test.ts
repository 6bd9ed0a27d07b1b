/**
 * Days typed as the app's language writes them (renderer/src/grid/day-format.ts),
 * whatever the browser's locale: Russian dd.mm.yyyy, American mm/dd/yyyy,
 * British dd/mm/yyyy, and back to the ISO day the filter fields keep.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayPattern, dayPlaceholder, formatDay, parseDay } from '../../../renderer/src/grid/day-format.ts';

describe('days in the app language', () => {
  it('follows each locale\'s order and separator', () => {
    expect(dayPattern('ru-RU')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
    expect(dayPattern('en-US')).toEqual({ order: ['month', 'day', 'year'], separator: '/' });
    expect(dayPattern('en-GB')).toEqual({ order: ['day', 'month', 'year'], separator: '/' });
    expect(formatDay('2026-12-02', 'ru-RU')).toBe('02.12.2026');
    expect(formatDay('2026-12-02', 'en-US')).toBe('12/02/2026');
    expect(dayPlaceholder('ru-RU', { day: 'ДД', month: 'ММ', year: 'ГГГГ' })).toBe('ДД.ММ.ГГГГ');
  });

  it('reads what people type, and refuses what is not a day', () => {
    expect(parseDay('2.12.2026', 'ru-RU')).toBe('2026-12-02');
    expect(parseDay(' 02.12.2026 ', 'ru-RU')).toBe('2026-12-02');
    expect(parseDay('12/2/2026', 'en-US')).toBe('2026-12-02');
    expect(parseDay('2/12/2026', 'en-GB')).toBe('2026-12-02');
    expect(parseDay('2026-12-02', 'ru-RU'), 'an ISO day is an ISO day in any locale').toBe('2026-12-02');
    for (const bad of ['31.02.2026', '00.12.2026', '12.13.2026', '2.12.26', '2.12', 'завтра', '', '1.1.1969', '29.02.2027']) {
      expect(parseDay(bad, 'ru-RU'), bad).toBeNull();
    }
    expect(parseDay('29.02.2028', 'ru-RU')).toBe('2028-02-29');
  });

  it('gives back the day it formatted, in every locale', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('ru-RU', 'en-US', 'en-GB'), (date, locale) => {
        const iso = date.toISOString().slice(0, 10);
        expect(parseDay(formatDay(iso, locale), locale)).toBe(iso);
      }),
    );
  });
});
