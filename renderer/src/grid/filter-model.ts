/**
 * AG Grid's column filter model → the services' DialogFilter conditions. Pure
 * (no store, no grid instance), so the coming "Filter + search" workspace can
 * reuse it for saved presets. The grid never filters rows itself: it only
 * collects the model, and SQL applies these conditions.
 *
 * Mapping rules:
 * - duration columns take MINUTES (decimals allowed); metrics are stored as
 *   whole seconds, and waitingNow is filtered by the whole seconds waited so
 *   far (floor((now − waitingSince)/1000), which the services compute at query
 *   time, as the grid's timer shows it), so `≥ x min` becomes
 *   `from = ceil(x·60)` and `≤ x min` becomes `to = floor(x·60)`: for integer
 *   seconds s, s ≥ x·60 ⇔ s ≥ ceil(x·60), so the rounding is exact, not an
 *   approximation. "Between" is inclusive at
 *   both ends, and its bounds are taken in either order.
 * - date columns take local calendar days ('YYYY-MM-DD' from the date filter):
 *   a day stands for all of it, so "on or after D" is `from = 00:00:00.000 of D`,
 *   "on or before D" is `to = 23:59:59.999 of D` (the services' range is
 *   inclusive), and "between" covers both whole days. The preset options become
 *   a `datePreset` condition, resolved by the services at query time.
 * - a column whose blanks ("—") have no number never matches a range: SQL's
 *   comparison with NULL is false, which is what a supervisor expects.
 */
import type { DateFilterOptionKey, ScalarFilterOptionKey } from 'ag-grid-community';
import { COLUMNS, type ColumnId } from '../../../shared/domain/columns.ts';
import type { DatePreset, DialogFilter, FilterCondition, RangeCondition } from '../../../shared/domain/filter.ts';

export type ColumnFilterKind = 'duration' | 'date';

/** The columns with a grid filter: every duration (the metrics and waitingNow) and every date. */
export const FILTER_KIND: ReadonlyMap<ColumnId, ColumnFilterKind> = new Map(
  COLUMNS.flatMap((c) => (c.type === 'duration' || c.type === 'date' ? [[c.id, c.type] as const] : [])),
);

/** The number filter's options on duration columns: ≥, ≤ and an inclusive "between". */
export const DURATION_FILTER_OPTIONS = ['greaterThanOrEqual', 'lessThanOrEqual', 'inRange'] as const satisfies readonly ScalarFilterOptionKey[];

/**
 * The date filter's single-day options. AG Grid calls them greaterThan / lessThan
 * ("after" / "before"); we relabel them "on or after" / "on or before" (localeText
 * keys `after` / `before`) and map them inclusively, as a supervisor reads a day.
 */
export const DATE_RANGE_OPTIONS = ['inRange', 'greaterThan', 'lessThan'] as const satisfies readonly DateFilterOptionKey[];

/** AG Grid's relative date options we offer, and the services' preset for each. */
export const DATE_PRESET_OPTIONS = {
  today: 'today',
  yesterday: 'yesterday',
  last7Days: 'last7days',
  thisMonth: 'thisMonth',
} as const satisfies Partial<Record<DateFilterOptionKey, DatePreset>>;

/** The AG Grid filter model carries something this module cannot turn into SQL. */
export class UnsupportedFilterError extends Error {
  readonly column: string;
  constructor(column: string, detail: string) {
    super(`${column}: ${detail}`);
    this.name = 'UnsupportedFilterError';
    this.column = column;
  }
}

const SECONDS_PER_MINUTE = 60;
/** x·60 in floating point can land a hair off an integer (0.1·60 = 6.000000000000001) */
const FLOAT_SLACK = 1e-6;

function minutesToSeconds(minutes: number): number {
  const seconds = minutes * SECONDS_PER_MINUTE;
  const nearest = Math.round(seconds);
  return Math.abs(seconds - nearest) < FLOAT_SLACK ? nearest : seconds;
}

/** Lower bound in seconds for "≥ minutes" (see the rules above). */
export const secondsFrom = (minutes: number): number => Math.ceil(minutesToSeconds(minutes));
/** Upper bound in seconds for "≤ minutes". */
export const secondsTo = (minutes: number): number => Math.floor(minutesToSeconds(minutes));

/**
 * What a user typed into a minutes box: a decimal point or comma (Russian
 * keyboards), surrounding spaces ignored. Anything else, a negative or a
 * number too large to be finite is no value (the condition stays incomplete).
 */
export function parseMinutes(text: string | null | undefined): number | null {
  const trimmed = text?.trim().replace(',', '.') ?? '';
  if (!/^\d*\.?\d*$/.test(trimmed) || !/\d/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Minutes for the filter box in the UI language (a comma for Russian). */
export function formatMinutes(value: number | null | undefined, locale: string): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** Local midnight of a 'YYYY-MM-DD' (a time part, if any, is ignored) plus `days`. */
function localDayStart(text: string, days = 0): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  // the Date constructor takes local calendar fields, so DST days come out right
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  const ms = date.getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** First millisecond of the local day. */
export const startOfDay = (text: string): number | null => localDayStart(text);
/** Last millisecond of the local day (the services' `to` is inclusive). */
export function endOfDay(text: string): number | null {
  const next = localDayStart(text, 1);
  return next === null ? null : next - 1;
}

type Model = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Model => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function range(column: ColumnId, from: number | null, to: number | null): RangeCondition | null {
  if (from === null && to === null) return null;
  const condition: RangeCondition = { column, op: 'range' };
  if (from !== null) condition.from = from;
  if (to !== null) condition.to = to;
  return condition;
}

function durationCondition(column: ColumnId, model: Model): FilterCondition | null {
  const a = numberOrNull(model.filter);
  const b = numberOrNull(model.filterTo);
  switch (model.type) {
    case 'greaterThanOrEqual':
      return range(column, a === null ? null : secondsFrom(a), null);
    case 'lessThanOrEqual':
      return range(column, null, a === null ? null : secondsTo(a));
    case 'inRange': {
      // "between 20 and 10" means the same as "between 10 and 20"
      const low = a !== null && b !== null ? Math.min(a, b) : a;
      const high = a !== null && b !== null ? Math.max(a, b) : b;
      return range(column, low === null ? null : secondsFrom(low), high === null ? null : secondsTo(high));
    }
    default:
      throw new UnsupportedFilterError(column, `option "${String(model.type)}"`);
  }
}

function dateCondition(column: ColumnId, model: Model): FilterCondition | null {
  const type = model.type;
  if (typeof type === 'string' && type in DATE_PRESET_OPTIONS) {
    return { column, op: 'datePreset', preset: DATE_PRESET_OPTIONS[type as keyof typeof DATE_PRESET_OPTIONS] };
  }
  const a = textOrNull(model.dateFrom);
  const b = textOrNull(model.dateTo);
  switch (type) {
    case 'greaterThan':
      return range(column, a === null ? null : startOfDay(a), null);
    case 'lessThan':
      return range(column, null, a === null ? null : endOfDay(a));
    case 'inRange': {
      // ISO dates sort as text, so the earlier day is the smaller string
      const low = a !== null && b !== null && b < a ? b : a;
      const high = a !== null && b !== null && b < a ? a : b;
      return range(column, low === null ? null : startOfDay(low), high === null ? null : endOfDay(high));
    }
    default:
      throw new UnsupportedFilterError(column, `option "${String(type)}"`);
  }
}

function conditionsOfColumn(column: ColumnId, kind: ColumnFilterKind, model: Model): FilterCondition[] {
  // one condition per column is configured (maxNumConditions: 1); a combined model
  // can only ever be ANDed here, since DialogFilter has no OR between conditions
  if (Array.isArray(model.conditions)) {
    if (model.operator !== 'AND') throw new UnsupportedFilterError(column, `"${String(model.operator)}" between conditions`);
    return model.conditions.flatMap((part: unknown) => (isRecord(part) ? conditionsOfColumn(column, kind, part) : []));
  }
  const condition = kind === 'duration' ? durationCondition(column, model) : dateCondition(column, model);
  return condition ? [condition] : [];
}

/**
 * The grid's filter model (`api.getFilterModel()` or a datasource's
 * `params.filterModel`) as SQL conditions, in column order so equal filters
 * give equal lists. Throws UnsupportedFilterError rather than silently
 * showing unfiltered rows for a filter it does not understand.
 */
export function conditionsFromGridModel(model: unknown): FilterCondition[] {
  if (!isRecord(model)) return [];
  const result: FilterCondition[] = [];
  for (const [column, kind] of FILTER_KIND) {
    const entry = model[column];
    if (entry === undefined || entry === null) continue;
    if (!isRecord(entry)) throw new UnsupportedFilterError(column, 'malformed filter');
    result.push(...conditionsOfColumn(column, kind, entry));
  }
  for (const column of Object.keys(model)) {
    if (!FILTER_KIND.has(column as ColumnId) && model[column] != null) {
      throw new UnsupportedFilterError(column, 'this column has no filter');
    }
  }
  return result;
}

/** The scope's filter AND the column conditions (the scope's own conditions first). */
export function combineFilters(scope: DialogFilter, columns: readonly FilterCondition[]): DialogFilter {
  if (columns.length === 0) return scope;
  return { ...scope, conditions: [...scope.conditions, ...columns] };
}

export function sameConditions(a: readonly FilterCondition[], b: readonly FilterCondition[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
