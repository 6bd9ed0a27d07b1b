/**
 * AG Grid's column filter model ↔ the services' DialogFilter conditions. Pure
 * (no store, no grid instance). The store's filter is the truth: the header
 * model is derived from it (gridModelFromFilter, at the end), and a header the
 * user edits comes back as conditions (conditionsFromGridModel) that replace
 * that column's top-level conditions (withHeaderConditions). The grid never
 * filters rows itself: SQL applies the conditions.
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
import { COLUMNS, type ColumnDef, type ColumnId } from '../../../shared/domain/columns.ts';
import type { DatePreset, DialogFilter, FilterCondition, RangeCondition } from '../../../shared/domain/filter.ts';

export type ColumnFilterKind = 'duration' | 'date';

/**
 * The columns with a grid filter, from the registry: every duration (the
 * metrics and waitingNow) and every date that takes a range. Other
 * conditions (in, is, contains…) belong to the coming filter builder.
 */
export function filterKindOf(column: Pick<ColumnDef, 'type' | 'filters'>): ColumnFilterKind | null {
  if (!column.filters.includes('range')) return null;
  return column.type === 'duration' || column.type === 'date' ? column.type : null;
}

export const FILTER_KIND: ReadonlyMap<ColumnId, ColumnFilterKind> = new Map(
  COLUMNS.flatMap((c) => {
    const kind = filterKindOf(c);
    return kind ? [[c.id, kind] as const] : [];
  }),
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

// ---------------------------------------------------------------------------
// The other direction (issue 8 §1): the store's DialogFilter is the truth and
// AG Grid's filter model is derived from it. A header shows a column's
// condition only when it is the column's one top-level condition and the
// header can say exactly the same thing (checked by mapping it back through
// conditionsOfColumn); anything else (two conditions, "is empty", a range that
// does not start at midnight, a condition inside a group) leaves the header
// blank and is shown by the Filter + search bar's chips only.
// ---------------------------------------------------------------------------

/** 'YYYY-MM-DD' of the local day a moment falls on. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const PRESET_OPTION_OF: Readonly<Record<DatePreset, string>> = Object.fromEntries(
  Object.entries(DATE_PRESET_OPTIONS).map(([option, preset]) => [preset, option]),
) as Record<DatePreset, string>;

function candidateEntry(kind: ColumnFilterKind, condition: FilterCondition): Model | null {
  if (kind === 'date' && condition.op === 'datePreset') return { filterType: 'date', type: PRESET_OPTION_OF[condition.preset], dateFrom: null, dateTo: null };
  if (condition.op !== 'range') return null;
  const { from, to } = condition;
  if (kind === 'duration') {
    const min = (s: number | undefined): number | null => (s === undefined ? null : s / SECONDS_PER_MINUTE);
    if (from !== undefined && to !== undefined) return { filterType: 'number', type: 'inRange', filter: min(from), filterTo: min(to) };
    if (from !== undefined) return { filterType: 'number', type: 'greaterThanOrEqual', filter: min(from) };
    if (to !== undefined) return { filterType: 'number', type: 'lessThanOrEqual', filter: min(to) };
    return null;
  }
  const day = (ms: number | undefined): string | null => (ms === undefined ? null : `${localDay(ms)} 00:00:00`);
  if (from !== undefined && to !== undefined) return { filterType: 'date', type: 'inRange', dateFrom: day(from), dateTo: day(to) };
  if (from !== undefined) return { filterType: 'date', type: 'greaterThan', dateFrom: day(from), dateTo: null };
  if (to !== undefined) return { filterType: 'date', type: 'lessThan', dateFrom: day(to), dateTo: null };
  return null;
}

/**
 * AG Grid's filter model for the store's filter (for `api.setFilterModel`):
 * one entry per header column whose single top-level condition the header can
 * show exactly. An empty object clears every header filter.
 */
export function gridModelFromFilter(filter: DialogFilter): Record<string, Model> {
  const model: Record<string, Model> = {};
  for (const [column, kind] of FILTER_KIND) {
    const own = filter.conditions.filter((c) => c.column === column);
    if (own.length !== 1) continue;
    const entry = candidateEntry(kind, own[0]!);
    if (!entry) continue;
    try {
      // shown only when reading the header back gives the very same condition
      if (sameConditions(conditionsOfColumn(column, kind, entry), own)) model[column] = entry;
    } catch {
      // not expressible in the header: the chips show it
    }
  }
  return model;
}

/** What the headers show of a filter, as conditions (in column order, like conditionsFromGridModel). */
export function headerConditions(filter: DialogFilter): FilterCondition[] {
  return conditionsFromGridModel(gridModelFromFilter(filter));
}

/**
 * The filter after the user edited the header filters: `fromHeaders` is what
 * the headers now say (conditionsFromGridModel of the grid's model). Every
 * column whose header differs from what the filter shows there gets its
 * top-level conditions replaced by the header's (none, when it was cleared);
 * every other column, every group and the search are kept. Returns the same
 * object when nothing differs, so an echo of our own setFilterModel is a no-op.
 */
export function withHeaderConditions(filter: DialogFilter, fromHeaders: readonly FilterCondition[]): DialogFilter {
  const shown = headerConditions(filter);
  const changed = [...FILTER_KIND.keys()].filter(
    (column) => !sameConditions(shown.filter((c) => c.column === column), fromHeaders.filter((c) => c.column === column)),
  );
  if (changed.length === 0) return filter;
  const edited = new Set<ColumnId>(changed);
  // a header column's conditions stay where they were in the list; a newly filtered column goes last
  const conditions: FilterCondition[] = [];
  const placed = new Set<ColumnId>();
  for (const condition of filter.conditions) {
    if (!edited.has(condition.column)) conditions.push(condition);
    else if (!placed.has(condition.column)) {
      placed.add(condition.column);
      conditions.push(...fromHeaders.filter((c) => c.column === condition.column));
    }
  }
  for (const column of changed) if (!placed.has(column)) conditions.push(...fromHeaders.filter((c) => c.column === column));
  return { ...filter, conditions };
}

/** The two grid calls the headers need (a GridApi has them). */
export interface HeaderFilterApi {
  getFilterModel(): unknown;
  setFilterModel(model: Record<string, Model> | null): void;
}

/**
 * Make the headers show `filter`. Skipped when they already say the same
 * (the usual case right after a header edit reached the store), so a box the
 * user is typing in is not rewritten under the cursor.
 */
export function showFilterInHeaders(api: HeaderFilterApi, filter: DialogFilter): void {
  let shown: FilterCondition[] | null;
  try {
    shown = conditionsFromGridModel(api.getFilterModel());
  } catch {
    shown = null;
  }
  if (shown && sameConditions(shown, headerConditions(filter))) return;
  api.setFilterModel(gridModelFromFilter(filter));
}
