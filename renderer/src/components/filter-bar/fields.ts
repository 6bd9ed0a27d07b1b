/**
 * The Filter + search bar's model, pure (no React, no store), so a unit test
 * can hold it against the zod schema and the SQL compiler: which operators
 * each column offers (from its registry row: `filters`, `type`, `domain`),
 * a field being edited ↔ the DialogFilter condition it means, and where the
 * bar's fields live in the filter (top-level conditions, or one any-of group).
 */
import { COLUMNS, COLUMN_REGISTRY, type ColumnDef, type ColumnId, type FilterOp } from '../../../../shared/domain/columns.ts';
import type { DatePreset, DialogFilter, FilterCondition, FilterGroup, GroupOp } from '../../../../shared/domain/filter.ts';
import { GENERAL_STATUS_IDS, STATUS_DETAIL_IDS } from '../../../../shared/domain/status.ts';
import type { ResponseOf } from '../../../../shared/ipc/contract.ts';
import { endOfDay, formatMinutes, localDay, parseMinutes, secondsFrom, secondsTo, startOfDay } from '../../grid/filter-model.ts';

/** What the user picks in a field's operator box; several may stand for one FilterOp (yes / no are both `is`). */
export const UI_OPS = [
  'anyOf',
  'contains',
  'equals',
  'yes',
  'no',
  'datePreset',
  'dateBetween',
  'atLeast',
  'atMost',
  'between',
  'isEmpty',
  'isSet',
] as const;
export type UiOp = (typeof UI_OPS)[number];

/** The FilterOp each UI operator writes. */
export const FILTER_OP_OF: Readonly<Record<UiOp, FilterOp>> = {
  anyOf: 'in',
  contains: 'contains',
  equals: 'equals',
  yes: 'is',
  no: 'is',
  datePreset: 'datePreset',
  dateBetween: 'range',
  atLeast: 'range',
  atMost: 'range',
  between: 'range',
  isEmpty: 'empty',
  isSet: 'empty',
};

/** What a range's bounds are typed in. */
export type RangeUnit = 'minutes' | 'days' | 'number';

export function rangeUnitOf(column: ColumnId): RangeUnit {
  const { type } = COLUMN_REGISTRY[column];
  return type === 'duration' ? 'minutes' : type === 'date' ? 'days' : 'number';
}

/** The columns "Add field" offers: every one the registry lets filter, in display order. */
export const FILTERABLE_COLUMNS: readonly ColumnDef[] = COLUMNS.filter((c) => c.filters.length > 0);

/** The operators a column offers, in UI_OPS order: exactly the registry's `filters`, in the words of its type. */
export function operatorsFor(column: ColumnId): UiOp[] {
  const spec = COLUMN_REGISTRY[column];
  const filters: readonly FilterOp[] = spec.filters;
  return UI_OPS.filter((op) => {
    if (!filters.includes(FILTER_OP_OF[op])) return false;
    if (FILTER_OP_OF[op] !== 'range') return true;
    // dates take a range of days; numbers and durations take ≥ / ≤ / between
    return spec.type === 'date' ? op === 'dateBetween' : op !== 'dateBetween';
  });
}

/** Lines, operators and channels, as `reference:get` answers them. */
export type ReferenceLists = ResponseOf<'reference:get'>;

export type ChoiceValue = string | number | null;

/**
 * The values an "any of" on the column offers, in order; null while the
 * reference list it needs has not arrived. Nullable columns offer null
 * ("not set", SQL IS NULL) last. The labels are describe.ts's business.
 */
export function choiceValuesFor(column: ColumnId, reference: ReferenceLists | null): ChoiceValue[] | null {
  const spec = COLUMN_REGISTRY[column];
  const domain = spec.domain;
  let values: ChoiceValue[];
  switch (domain.kind) {
    case 'reference':
      if (!reference) return null;
      values = domain.of === 'lines' ? reference.lines.map((l) => l.id) : domain.of === 'operators' ? reference.operators.map((o) => o.id) : [...reference.channels];
      break;
    case 'statusDetail':
      values = [...STATUS_DETAIL_IDS, 'unknown'];
      break;
    case 'generalStatus':
      values = [...GENERAL_STATUS_IDS, 'unknown'];
      break;
    case 'values':
      values = [...domain.values];
      break;
    case 'integer':
      values = Array.from({ length: domain.max - domain.min + 1 }, (_, i) => domain.min + i);
      break;
    default:
      return [];
  }
  return spec.nullable ? [...values, null] : values;
}

/** One field of the bar, as typed: text boxes stay text until Find. */
export interface Field {
  key: number;
  column: ColumnId;
  op: UiOp;
  /** contains / equals; the number list of an "any of" on dialog numbers */
  text: string;
  /** "any of" choices (ids, connector ids, status ids; null = not set) */
  values: ChoiceValue[];
  preset: DatePreset;
  /** range bounds as typed: minutes, a 'YYYY-MM-DD' day, or a number */
  from: string;
  to: string;
}

let nextKey = 1;

export function newField(column: ColumnId, op: UiOp = operatorsFor(column)[0]!): Field {
  return { key: nextKey++, column, op, text: '', values: [], preset: 'today', from: '', to: '' };
}

/** "12, 15 #20" → [12, 15, 20]; null when any piece is not a dialog number. */
export function parseIdList(text: string): number[] | null {
  const pieces = text.split(/[\s,;]+/).map((p) => p.replace(/^#/, '')).filter((p) => p !== '');
  if (pieces.length === 0 || pieces.some((p) => !/^\d{1,15}$/.test(p))) return null;
  return [...new Set(pieces.map(Number))].filter((n) => n >= 1);
}

function parseBound(unit: RangeUnit, text: string, end: 'from' | 'to'): number | null {
  if (unit === 'days') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? (end === 'from' ? startOfDay(text) : endOfDay(text)) : null;
  const number = parseMinutes(text);
  if (number === null) return null;
  if (unit === 'minutes') return end === 'from' ? secondsFrom(number) : secondsTo(number);
  return number;
}

/**
 * The condition a field means, or null while it is incomplete (nothing chosen,
 * a box empty or not a number). Never throws: the bar marks the field instead.
 */
export function fieldToCondition(field: Field): FilterCondition | null {
  const { column } = field;
  switch (field.op) {
    case 'anyOf': {
      if (COLUMN_REGISTRY[column].domain.kind === 'dialogId') {
        const ids = parseIdList(field.text);
        return ids && ids.length ? { column, op: 'in', values: ids } : null;
      }
      return field.values.length ? { column, op: 'in', values: [...field.values] } : null;
    }
    case 'contains':
    case 'equals': {
      const value = field.text.trim();
      return value ? { column, op: field.op, value } : null;
    }
    case 'yes':
    case 'no':
      return { column, op: 'is', value: field.op === 'yes' };
    case 'isEmpty':
    case 'isSet':
      return { column, op: 'empty', value: field.op === 'isEmpty' };
    case 'datePreset':
      return { column, op: 'datePreset', preset: field.preset };
    case 'dateBetween':
    case 'atLeast':
    case 'atMost':
    case 'between': {
      const unit = rangeUnitOf(column);
      const wantsFrom = field.op !== 'atMost';
      const wantsTo = field.op === 'atMost' || field.op === 'between' || field.op === 'dateBetween';
      const fromText = field.from.trim();
      const toText = (field.op === 'atMost' ? field.from : field.to).trim();
      // a day range may leave one end open; ≥ / ≤ / between need what they name
      const optional = field.op === 'dateBetween';
      let from = wantsFrom && fromText ? parseBound(unit, fromText, 'from') : null;
      let to = wantsTo && toText ? parseBound(unit, toText, 'to') : null;
      if ((wantsFrom && fromText && from === null) || (wantsTo && toText && to === null)) return null;
      if (!optional && ((wantsFrom && from === null) || (wantsTo && to === null))) return null;
      if (from === null && to === null) return null;
      if (from !== null && to !== null && from > to) {
        // "between 20 and 10" means 10 to 20; swapped days need re-reading at the other end
        if (unit === 'number') [from, to] = [to, from];
        else return fieldToCondition({ ...field, from: field.to, to: field.from });
      }
      return { column, op: 'range', ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) };
    }
  }
}

/** The field that edits a condition (the bar re-reads the applied filter into fields). */
export function conditionToField(condition: FilterCondition, locale: string): Field {
  const { column } = condition;
  const field = newField(column);
  switch (condition.op) {
    case 'in':
      return COLUMN_REGISTRY[column].domain.kind === 'dialogId'
        ? { ...field, op: 'anyOf', text: condition.values.join(', ') }
        : { ...field, op: 'anyOf', values: [...condition.values] };
    case 'contains':
    case 'equals':
      return { ...field, op: condition.op, text: condition.value };
    case 'is':
      return { ...field, op: condition.value ? 'yes' : 'no' };
    case 'empty':
      return { ...field, op: condition.value ? 'isEmpty' : 'isSet' };
    case 'datePreset':
      return { ...field, op: 'datePreset', preset: condition.preset };
    case 'range': {
      const unit = rangeUnitOf(column);
      const show = (v: number | undefined): string =>
        v === undefined ? '' : unit === 'days' ? localDay(v) : unit === 'minutes' ? (formatMinutes(v / 60, locale) ?? '') : String(v);
      if (unit === 'days') return { ...field, op: 'dateBetween', from: show(condition.from), to: show(condition.to) };
      if (condition.from !== undefined && condition.to !== undefined) return { ...field, op: 'between', from: show(condition.from), to: show(condition.to) };
      if (condition.to !== undefined) return { ...field, op: 'atMost', from: show(condition.to) };
      return { ...field, op: 'atLeast', from: show(condition.from) };
    }
  }
}

// ---------------------------------------------------------------------------
// Where the bar's fields live in the filter. With "match all" they are the
// top-level conditions (with a preset's and the header filters', all ANDed);
// with "match any" they are one any-of group, and the top-level conditions
// (header filters among them) stay ANDed beside it.
// ---------------------------------------------------------------------------

export interface BarPart {
  match: GroupOp;
  conditions: FilterCondition[];
}

const barGroupIndex = (filter: DialogFilter): number => (filter.groups ?? []).findIndex((g) => g.op === 'any' && g.conditions.length > 0);

/** The conditions the bar edits, and how they combine. */
export function barPartOf(filter: DialogFilter): BarPart {
  const index = barGroupIndex(filter);
  return index >= 0 ? { match: 'any', conditions: filter.groups![index]!.conditions } : { match: 'all', conditions: filter.conditions };
}

/** `filter` with the bar's part replaced by `conditions` combined by `match` (the quick search and other groups kept). */
export function withBarPart(filter: DialogFilter, match: GroupOp, conditions: FilterCondition[]): DialogFilter {
  const index = barGroupIndex(filter);
  const groups: FilterGroup[] = (filter.groups ?? []).filter((g, i) => i !== index && g.conditions.length > 0);
  const kept = index >= 0 ? filter.conditions : [];
  const next: DialogFilter = { conditions: match === 'all' ? [...kept, ...conditions] : kept };
  if (match === 'any' && conditions.length > 0) groups.push({ op: 'any', conditions });
  if (groups.length) next.groups = groups;
  if (filter.search !== undefined) next.search = filter.search;
  return next;
}

/** Where a condition is in a filter: a top-level one, or one in a group. */
export interface ConditionAt {
  group: number | null;
  index: number;
}

/** The filter without one condition (a group left empty goes too). */
export function withoutCondition(filter: DialogFilter, at: ConditionAt): DialogFilter {
  if (at.group === null) return { ...filter, conditions: filter.conditions.filter((_, i) => i !== at.index) };
  const groups = (filter.groups ?? [])
    .map((g, i) => (i === at.group ? { ...g, conditions: g.conditions.filter((_, j) => j !== at.index) } : g))
    .filter((g) => g.conditions.length > 0);
  const { groups: _, ...rest } = filter;
  void _;
  return groups.length ? { ...rest, groups } : rest;
}
