/**
 * Plain formatters shared by the grid, the side pane and the summary. They
 * take the locale explicitly so they stay pure and cheap to call per cell.
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = map.get(locale);
  if (!format) map.set(locale, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** Day, month and time to the second: the parts every grid date shows. */
const DAY_AND_TIME = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;

/** Date and time to the second, in the user's locale (seconds matter when checking a metric). */
export function formatDateTime(ms: number | null | undefined, locale: string): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return cached(dateTimeFormats, locale, { year: 'numeric', ...DAY_AND_TIME }).format(ms);
}

const compactFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * For grid cells: the year only when it is not the current one, so a date
 * and time to the second fits the default column width in every locale.
 */
export function formatDateTimeCompact(ms: number | null | undefined, locale: string, now: number = Date.now()): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  if (new Date(ms).getFullYear() !== new Date(now).getFullYear()) return formatDateTime(ms, locale);
  return cached(compactFormats, locale, DAY_AND_TIME).format(ms);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(ms: number | null | undefined, locale: string): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return cached(dateFormats, locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(ms);
}

export function formatTime(ms: number | null | undefined, locale: string): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return cached(timeFormats, locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Seconds as m:ss below an hour and h:mm:ss from an hour up (hours may exceed 24). */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Whole seconds elapsed since an epoch-ms moment, never negative (clocks may differ slightly). */
export function secondsSince(startMs: number, nowMs: number = Date.now()): number {
  return Math.max(0, Math.floor((nowMs - startMs) / 1000));
}

const percentFormats = new Map<string, Intl.NumberFormat>();

export function formatShare(share: number | null, locale: string): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  let format = percentFormats.get(locale);
  if (!format) percentFormats.set(locale, (format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })));
  return format.format(share);
}

/** Minutes for an SLA input, from seconds; one decimal at most. */
export function secondsToMinutes(seconds: number): number {
  return Math.round((seconds / 60) * 10) / 10;
}
