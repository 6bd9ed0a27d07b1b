/**
 * A calendar day typed as the app's language writes it (ru 02.12.2026, en
 * 12/02/2026), whatever the browser's own locale: a native date input shows
 * the browser's format, so a Russian supervisor on an English browser would
 * meet mm/dd/yyyy in an otherwise Russian console. Fields keep the day as
 * ISO yyyy-mm-dd; these turn it into the locale's digits and back. Pure.
 */

export type DayPart = 'day' | 'month' | 'year';

export interface DayPattern {
  /** the parts in the locale's order */
  order: DayPart[];
  /** what the locale writes between them */
  separator: string;
}

const patterns = new Map<string, DayPattern>();

/** The locale's numeric day, from Intl (so any locale the app adds gets its own order). */
export function dayPattern(locale: string): DayPattern {
  let pattern = patterns.get(locale);
  if (!pattern) {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.UTC(2001, 10, 22));
    const order = parts.filter((p): p is Intl.DateTimeFormatPart & { type: DayPart } => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
    const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '.';
    pattern = { order: order.length === 3 ? order : ['day', 'month', 'year'], separator };
    patterns.set(locale, pattern);
  }
  return pattern;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-02" → "02.12.2026" (ru); anything that is not an ISO day comes back as it is. */
export function formatDay(iso: string, locale: string): string {
  const m = ISO_DAY.exec(iso);
  if (!m) return iso;
  const value: Record<DayPart, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  const { order, separator } = dayPattern(locale);
  return order.map((part) => value[part]).join(separator);
}

/**
 * What the user typed, in the locale's order, → an ISO day, or null when it
 * is not a real day (31.02, month 13, a two-digit year). Any of . / - or a
 * space separates the parts; one-digit days and months are fine; an ISO day
 * typed as such is taken as it is.
 */
export function parseDay(text: string, locale: string): string | null {
  const trimmed = text.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DAY.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    const pieces = trimmed.split(/[./\-\s]+/);
    if (pieces.length !== 3 || !pieces.every((p) => /^\d{1,4}$/.test(p))) return null;
    const { order } = dayPattern(locale);
    const value = {} as Record<DayPart, string>;
    order.forEach((part, i) => (value[part] = pieces[i]!));
    if (value.year.length !== 4 || value.month.length > 2 || value.day.length > 2) return null;
    [year, month, day] = [Number(value.year), Number(value.month), Number(value.day)];
  }
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1970) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The placeholder: the locale's order with each part's letters (ДД.ММ.ГГГГ). */
export function dayPlaceholder(locale: string, letters: Record<DayPart, string>): string {
  const { order, separator } = dayPattern(locale);
  return order.map((part) => letters[part]).join(separator);
}
