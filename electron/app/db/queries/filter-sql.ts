/**
 * Compiles the shared filter model to a WHERE clause with bound parameters,
 * through the column whitelist. User text never becomes SQL text.
 */
import type { DatePreset, DialogFilter, FilterCondition } from '../../../../shared/domain/filter.ts';
import {
  codesOfGeneralStatus,
  codesOfStatusDetail,
  GENERAL_STATUS_IDS,
  STATUS_CODE,
  STATUS_DETAIL_IDS,
  EXTRA_FINISHED_CODES,
  type GeneralStatusId,
  type StatusDetailId,
} from '../../../../shared/domain/status.ts';
import { RUNNING_FIRST_WAIT, SQL_COLUMNS, type SqlColumn } from './dialog-columns.ts';
import { foldText } from '../text-fold.ts';

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

export interface CompiledFilter {
  /** `1` when there is no condition, so it can always follow WHERE */
  where: string;
  params: unknown[];
}

const NUMERIC_ID_COLUMNS = new Set(['line_id', 'operator_id', 'id', 'supervisor_rating']);
const KNOWN_CODES = [...Object.values(STATUS_CODE), ...EXTRA_FINISHED_CODES];

export function compileFilter(filter: DialogFilter, now: number): CompiledFilter {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const condition of filter.conditions) {
    const compiled = compileCondition(condition, now);
    parts.push(compiled.sql);
    params.push(...compiled.params);
  }
  const search = filter.search?.trim();
  if (search) {
    const number = /^#?(\d{1,15})$/.exec(search);
    if (number) {
      parts.push('(id = ? OR instr(ols_fold(client_name), ?) > 0)');
      params.push(Number(number[1]), foldText(search));
    } else {
      parts.push('instr(ols_fold(client_name), ?) > 0');
      params.push(foldText(search));
    }
  }
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}

function columnOf(condition: FilterCondition): SqlColumn & { filter: string } {
  const column = SQL_COLUMNS[condition.column];
  if (!column?.filter) throw new FilterError(`Column "${condition.column}" cannot be filtered`);
  return column as SqlColumn & { filter: string };
}

function compileCondition(condition: FilterCondition, now: number): { sql: string; params: unknown[] } {
  const column = columnOf(condition);
  const expr = column.filter;
  switch (condition.op) {
    case 'in':
      return compileIn(condition.column, column, condition.values);
    case 'range': {
      if (column.kind === 'runningSince') return runningRange(expr, condition, now);
      if (!['number', 'date', 'duration'].includes(column.kind)) {
        throw new FilterError(`Column "${condition.column}" has no range`);
      }
      const parts: string[] = [];
      const params: unknown[] = [];
      if (condition.from !== undefined) {
        parts.push(`${expr} >= ?`);
        params.push(condition.from);
      }
      if (condition.to !== undefined) {
        parts.push(`${expr} <= ?`);
        params.push(condition.to);
      }
      if (!parts.length) return { sql: '1', params };
      const stored = { sql: `(${parts.join(' AND ')})`, params };
      return condition.column === 'waitFirstAnswer' ? withRunningFirstWait(stored, condition, now) : stored;
    }
    case 'datePreset': {
      if (column.kind !== 'date') throw new FilterError(`Column "${condition.column}" is not a date`);
      const [from, to] = datePresetRange(condition.preset, now);
      return { sql: `(${expr} >= ? AND ${expr} < ?)`, params: [from, to] };
    }
    case 'is':
      if (column.kind !== 'flag') throw new FilterError(`Column "${condition.column}" is not a yes/no column`);
      return { sql: `${expr} = ?`, params: [condition.value ? 1 : 0] };
    case 'contains':
    case 'equals': {
      if (column.kind !== 'text') throw new FilterError(`Column "${condition.column}" is not a text column`);
      const needle = foldText(condition.value);
      return condition.op === 'contains'
        ? { sql: `instr(ols_fold(${expr}), ?) > 0`, params: [needle] }
        : { sql: `ols_fold(${expr}) = ?`, params: [needle] };
    }
    case 'empty': {
      const isEmpty = column.kind === 'text' ? `(${expr} IS NULL OR ${expr} = '')` : `${expr} IS NULL`;
      return { sql: condition.value ? isEmpty : `NOT ${isEmpty}`, params: [] };
    }
  }
}

type Compiled = { sql: string; params: unknown[] };

/**
 * Bounds on a live duration, floor((now − start) / 1000) within [from, to]
 * seconds, written as bounds on the start column so its index can serve them.
 */
function runningBounds(startExpr: string, condition: { from?: number; to?: number }, now: number): Compiled {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (condition.from !== undefined) {
    parts.push(`${startExpr} <= ?`);
    params.push(now - condition.from * 1000);
  }
  if (condition.to !== undefined) {
    parts.push(`${startExpr} > ?`);
    params.push(now - (condition.to + 1) * 1000);
  }
  return { sql: parts.join(' AND '), params };
}

/** A live duration column (waitingNow): only rows where the clock runs, within the bounds. */
function runningRange(expr: string, condition: { from?: number; to?: number }, now: number): Compiled {
  const bounds = runningBounds(expr, condition, now);
  return { sql: `(${[`${expr} IS NOT NULL`, bounds.sql].filter(Boolean).join(' AND ')})`, params: bounds.params };
}

/**
 * A client still waiting for the first answer has no stored waitFirstAnswer,
 * yet the grid shows the running wait (now − createdAt). "≥ 10 min" must
 * find them too, so the range also matches running waits, by created_at.
 */
function withRunningFirstWait(stored: Compiled, condition: { from?: number; to?: number }, now: number): Compiled {
  const bounds = runningBounds('created_at', condition, now);
  return {
    sql: `(${stored.sql} OR (${RUNNING_FIRST_WAIT} AND ${bounds.sql}))`,
    params: [...stored.params, ...bounds.params],
  };
}

function compileIn(
  columnId: string,
  column: SqlColumn & { filter: string },
  values: Array<string | number | null>,
): { sql: string; params: unknown[] } {
  if (values.length === 0) return { sql: '0', params: [] };
  if (column.kind === 'status' || column.kind === 'generalStatus') {
    const codes = new Set<number>();
    let unknown = false;
    for (const value of values) {
      if (value === 'unknown') unknown = true;
      else if (column.kind === 'status' && STATUS_DETAIL_IDS.includes(value as StatusDetailId)) {
        codesOfStatusDetail(value as StatusDetailId).forEach((code) => codes.add(code));
      } else if (column.kind === 'generalStatus' && GENERAL_STATUS_IDS.includes(value as GeneralStatusId)) {
        codesOfGeneralStatus(value as GeneralStatusId).forEach((code) => codes.add(code));
      } else throw new FilterError(`Unknown status "${String(value)}" for column "${columnId}"`);
    }
    const parts: string[] = [];
    if (codes.size) parts.push(`status_code IN (${[...codes].map(() => '?').join(',')})`);
    if (unknown) parts.push(`status_code NOT IN (${KNOWN_CODES.join(',')})`);
    return { sql: `(${parts.join(' OR ')})`, params: [...codes] };
  }
  if (column.kind !== 'enum' && column.kind !== 'number') {
    throw new FilterError(`Column "${columnId}" takes no list of values`);
  }
  const numeric = NUMERIC_ID_COLUMNS.has(column.filter);
  const present = values.filter((v): v is string | number => v !== null);
  for (const value of present) {
    if (numeric !== (typeof value === 'number')) {
      throw new FilterError(`Column "${columnId}" takes ${numeric ? 'numeric ids' : 'text values'}, got ${JSON.stringify(value)}`);
    }
  }
  const parts: string[] = [];
  if (present.length) parts.push(`${column.filter} IN (${present.map(() => '?').join(',')})`);
  if (present.length < values.length) parts.push(`${column.filter} IS NULL`);
  return { sql: `(${parts.join(' OR ')})`, params: present };
}

/** [from, to) in epoch ms for a relative date, in the host's local time zone. */
export function datePresetRange(preset: DatePreset, now: number): [number, number] {
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const startOfToday = today.getTime();
  const dayAfter = (start: number, days: number) => {
    const d = new Date(start);
    d.setDate(d.getDate() + days);
    return d.getTime();
  };
  switch (preset) {
    case 'today':
      return [startOfToday, dayAfter(startOfToday, 1)];
    case 'yesterday':
      return [dayAfter(startOfToday, -1), startOfToday];
    case 'last7days':
      return [dayAfter(startOfToday, -6), dayAfter(startOfToday, 1)];
    case 'thisMonth': {
      const first = new Date(startOfToday);
      first.setDate(1);
      const next = new Date(first);
      next.setMonth(next.getMonth() + 1);
      return [first.getTime(), next.getTime()];
    }
  }
}
