// The pieces an export's cells are made of, against their references: the renderer's words, Intl in the zone, RFC 4180.
import { describe, expect, it } from 'vitest';
import { EXPORT_LABELS } from '../../../electron/app/export/labels.ts';
import { csvField } from '../../../electron/app/export/csv.ts';
import { durationText, zonedDates } from '../../../electron/app/export/zoned-time.ts';
import { formatDuration } from '../../../renderer/src/grid/format.ts';
import { clockSeconds, parseCsv, rendererWords, wallClock } from './support.ts';

describe('export labels', () => {
  it('are the renderer’s own words for every key, in both languages', () => {
    for (const language of ['ru', 'en'] as const) {
      const words = rendererWords(language);
      const mine = EXPORT_LABELS[language];
      expect(Object.keys(mine).length).toBeGreaterThan(60);
      for (const [key, text] of Object.entries(mine)) expect([key, text]).toEqual([key, words[key]]);
    }
  });
});

describe('zoned dates', () => {
  it('write the wall clock of the zone across a DST change, to the second (text and spreadsheet serial)', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
      const dates = zonedDates('en-GB', zone);
      const reference = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: zone });
      // both 2026 transitions of the northern and southern zones, every 7 min 13.5 s across two days each
      for (const start of [Date.UTC(2026, 2, 28), Date.UTC(2026, 3, 4), Date.UTC(2026, 9, 3), Date.UTC(2026, 9, 24), Date.UTC(2026, 10, 0)]) {
        for (let ms = start; ms < start + 2 * 86_400_000; ms += 433_500) {
          expect(dates.text(ms)).toBe(reference.format(ms));
          const serialMs = Math.round((dates.serial(ms) - 25_569) * 86_400_000);
          expect([zone, ms, serialMs]).toEqual([zone, ms, Math.floor(wallClock(ms, zone) / 1000) * 1000]);
        }
      }
    }
  });

  it('give Excel number formats in the locale’s order, every literal escaped', () => {
    expect(zonedDates('ru-RU', 'UTC').numFmt).toBe('dd\\.mm\\.yyyy\\ hh\\:mm\\:ss');
    expect(zonedDates('en-GB', 'UTC').numFmt).toBe('dd\\/mm\\/yyyy\\ hh\\:mm\\:ss');
    expect(zonedDates('en-US', 'UTC').numFmt).toBe('mm\\/dd\\/yyyy\\ hh\\:mm\\:ss\\ AM/PM');
  });

  it('durations are h:mm:ss, the grid’s time', () => {
    for (const seconds of [0, 5, 59, 60, 61, 3599, 3600, 3661, 86_399, 86_400, 400_000, 12.9]) {
      expect(durationText(seconds)).toMatch(/^\d+:\d\d:\d\d$/);
      expect(clockSeconds(durationText(seconds))).toBe(clockSeconds(formatDuration(seconds)!));
    }
    expect(durationText(90_061)).toBe('25:01:01');
  });
});

describe('CSV fields', () => {
  it('quote what needs it and defuse formulas, and a parser gets the values back', () => {
    const needs = /["\r\n;]/;
    const values = ['plain', 'a;b', 'say "hi"', 'two\r\nlines', 'lf\nonly', '=1+1', '+7 999', '-x', '@cmd', '\tTab', '', 'Ёлка; "ё"'];
    const line = values.map((v) => csvField(v, needs)).join(';') + '\r\n';
    const [row] = parseCsv(line, ';');
    expect(row).toEqual(values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
    expect(csvField('a,b', /["\r\n,]/)).toBe('"a,b"');
    expect(csvField('a,b', needs)).toBe('a,b');
  });
});
