/**
 * Dates and durations as the grid writes them (renderer/src/grid/format.ts),
 * but in the time zone the request names rather than this process's: the
 * services may run in another zone than the user's browser, and a scheduled
 * report on a server should still read in the office's local time.
 *
 * CSV gets the grid's text (the full form of its tooltip, year included).
 * XLSX gets numbers a spreadsheet can sort and sum: a date is the local wall
 * time as an Excel serial day, shown with a number format in the locale's
 * order; a duration is a fraction of a day shown as [h]:mm:ss.
 */

/** The grid's date parts (format.ts DAY_AND_TIME with the year). */
const DATE_TIME = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;

/** 1970-01-01 as an Excel (1900 system) serial day. */
const EXCEL_EPOCH_DAYS = 25_569;
/**
 * UTC offsets change only at transitions, at most once a day in any zone, and
 * always on a quarter hour: a day whose two ends have one offset has it
 * throughout (two lookups a day); a day of a transition is looked up by the
 * quarter hour.
 */
const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;
const MAX_CACHED = 50_000;

export interface ZonedDates {
  /** the grid's text of the moment, in the zone */
  text(ms: number): string;
  /** the wall time in the zone, to the second, as an Excel serial day */
  serial(ms: number): number;
  /** an Excel number format showing a serial as `text` orders it */
  numFmt: string;
}

export function zonedDates(locale: string, timeZone: string): ZonedDates {
  const display = new Intl.DateTimeFormat(locale, { ...DATE_TIME, timeZone });
  // a fixed 24-hour numeric form to read the wall clock from, whatever the locale writes
  const clock = new Intl.DateTimeFormat('en-US', { ...DATE_TIME, hourCycle: 'h23', timeZone });
  const offsetOf = (at: number): number => {
    const p: Record<string, number> = {};
    for (const part of clock.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
  };
  // day number → its offset, or NaN for a day with a transition (then quarter hours are cached below)
  const days = new Map<number, number>();
  const quarters = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const day = Math.floor(ms / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const first = offsetOf(day * DAY_MS);
      offset = first === offsetOf((day + 1) * DAY_MS - 1000) ? first : Number.NaN;
      if (days.size >= MAX_CACHED) days.clear();
      days.set(day, offset);
    }
    if (!Number.isNaN(offset)) return offset;
    const quarter = Math.floor(ms / QUARTER_MS);
    let exact = quarters.get(quarter);
    if (exact === undefined) {
      exact = offsetOf(quarter * QUARTER_MS);
      if (quarters.size >= MAX_CACHED) quarters.clear();
      quarters.set(quarter, exact);
    }
    return exact;
  };
  return {
    text: (ms) => display.format(ms),
    serial: (ms) => EXCEL_EPOCH_DAYS + Math.floor((ms + offsetAt(ms)) / 1000) / 86_400,
    numFmt: excelDateFormat(display),
  };
}

const EXCEL_PART: Record<string, string> = { year: 'yyyy', month: 'mm', day: 'dd', hour: 'hh', minute: 'mm', second: 'ss', dayPeriod: 'AM/PM' };

/** The locale's own order and separators (02.12.2026 05:01:09, 12/02/2026 05:01:09 AM) as an Excel format. */
function excelDateFormat(display: Intl.DateTimeFormat): string {
  const parts = display.formatToParts(Date.UTC(2026, 11, 2, 5, 1, 9));
  let out = '';
  for (const part of parts) {
    const code = EXCEL_PART[part.type];
    if (code) out += code;
    // literals are escaped one by one: a comma or a dot would otherwise be read as a number-format code
    // (ICU puts a narrow no-break space before AM/PM: a plain one reads the same in any spreadsheet)
    else if (part.type === 'literal') out += [...part.value.replace(/,\s*/, ' ').replace(/\s+/g, ' ')].map((c) => `\\${c}`).join('');
  }
  return out;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Whole seconds as h:mm:ss, hours past 24 as they are (the grid's formatDuration, always with the hours). */
export function durationText(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** Seconds as a fraction of a day, for the [h]:mm:ss number format. */
export const durationSerial = (seconds: number): number => Math.max(0, Math.floor(seconds)) / 86_400;

export const DURATION_NUM_FMT = '[h]:mm:ss';
