/**
 * Compiles the shared filter model to a WHERE clause with bound parameters,
 * through the column whitelist. User text never becomes SQL text.
 */
import { COLUMN_REGISTRY, type ColumnId, type ColumnSpec } from '../../../../shared/domain/columns.ts';
import { flatConditions, type DatePreset, type DialogFilter, type FilterCondition } from '../../../../shared/domain/filter.ts';
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
import { COLUMN_SQL, type DbColumn } from './dialog-columns.ts';
import { foldedContains, foldedEquals } from './folded-text.ts';
import { searchSql, type SearchSql } from './search-query.ts';

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

export interface CompiledFilter {
  /** the conditions, ANDed; empty for no filter */
  parts: string[];
  params: unknown[];
  /** `1` when there is no condition, so it can always follow WHERE (prefer whereClause) */
  where: string;
  /** the table columns the conditions read outside subqueries: what an index must hold to check them */
  columns: ReadonlySet<DbColumn>;
  /**
   * A condition that is an OR of disjoint branches (a first-answer wait:
   * stored, or still running), so a count can add up one indexed count per
   * branch instead of merging row ids (SQLite's MULTI-INDEX OR).
   */
  split?: Split;
  /** the quick search's part (always the last), with its per-row probe form for walks of a sort index */
  search?: SearchSql;
}

export interface Split {
  part: number;
  paramsAt: number;
  paramCount: number;
  branches: Array<{ sql: string; params: unknown[] }>;
  /** branch 0 holds only rows where this column is set, branch 1 only rows where it is NULL */
  nullColumn: DbColumn;
}

/** ` WHERE …`, or nothing for an empty filter: `WHERE 1` would cost COUNT(*) its fast path (research §13.1). */
export const whereClause = (f: { parts: readonly string[] }, extra: readonly string[] = []): string => {
  const all = [...f.parts, ...extra];
  return all.length ? ` WHERE ${all.join(' AND ')}` : '';
};

const KNOWN_CODES = [...Object.values(STATUS_CODE), ...EXTRA_FINISHED_CODES];

export function compileFilter(filter: DialogFilter, now: number): CompiledFilter {
  const parts: string[] = [];
  const params: unknown[] = [];
  const columns = new Set<DbColumn>();
  let split: CompiledFilter['split'];
  // groups that are plain ANDs flatten, so the planners see one list of conditions
  const flat = flatConditions(filter);
  for (const condition of flat ?? filter.conditions) {
    const compiled = compileCondition(condition, now);
    if (compiled.branches && !split) {
      split = { part: parts.length, paramsAt: params.length, paramCount: compiled.params.length, ...compiled.branches };
    }
    parts.push(compiled.sql);
    params.push(...compiled.params);
    for (const column of compiled.columns) columns.add(column);
  }
  if (!flat) {
    for (const group of filter.groups ?? []) {
      if (group.conditions.length === 0) continue;
      const members = group.conditions.map((condition) => compileCondition(condition, now));
      parts.push(`(${members.map((m) => m.sql).join(group.op === 'any' ? ' OR ' : ' AND ')})`);
      for (const member of members) {
        params.push(...member.params);
        for (const column of member.columns) columns.add(column);
      }
    }
  }
  // the quick search: a subquery on the FTS index (search-query.ts), last, so its parameters are the last ones
  const search = searchSql(filter.search);
  if (search) {
    parts.push(search.sql);
    params.push(...search.params);
    columns.add('id');
  }
  return { parts, params, where: parts.length ? parts.join(' AND ') : '1', columns, ...(split ? { split } : {}), ...(search ? { search } : {}) };
}

/** The filter with its split condition narrowed to one branch. */
function onBranch(f: CompiledFilter, split: Split, branch: number): CompiledFilter {
  const { sql, params } = split.branches[branch]!;
  const parts = f.parts.map((part, i) => (i === split.part ? sql : part));
  const { split: _, ...rest } = f;
  void _;
  return {
    ...rest,
    parts,
    params: [...f.params.slice(0, split.paramsAt), ...params, ...f.params.slice(split.paramsAt + split.paramCount)],
    where: parts.join(' AND '),
  };
}

/** The filter as disjoint filters whose counts add up to its count (itself alone when it has no split). */
export function countBranches(f: CompiledFilter): CompiledFilter[] {
  return f.split ? f.split.branches.map((_, i) => onBranch(f, f.split!, i)) : [f];
}

/**
 * The filter as it applies to the rows where `column` is set (or NULL): a
 * split on that column keeps one branch, which an index on the column can
 * then seek (the stored first-answer wait is a range on its own sort index).
 */
export function onSegment(f: CompiledFilter, column: DbColumn, segment: 'values' | 'nulls'): CompiledFilter {
  return f.split && f.split.nullColumn === column ? onBranch(f, f.split, segment === 'values' ? 0 : 1) : f;
}

/** How the compiler treats a column's values, from its registry row. */
type ValueKind = 'status' | 'generalStatus' | 'running' | 'flag' | 'text' | 'date' | 'duration' | 'number' | 'enum';

function kindOf(spec: ColumnSpec): ValueKind {
  if (spec.origin === 'live') return 'running';
  if (spec.domain.kind === 'statusDetail') return 'status';
  if (spec.domain.kind === 'generalStatus') return 'generalStatus';
  if (spec.type === 'flag' || spec.type === 'text' || spec.type === 'date' || spec.type === 'duration' || spec.type === 'number') {
    return spec.type;
  }
  return 'enum';
}

/** `in` takes numbers for id-valued domains (dialog numbers, line and operator ids, ratings). */
const numericValues = (spec: ColumnSpec): boolean =>
  spec.domain.kind === 'dialogId' ||
  spec.domain.kind === 'integer' ||
  (spec.domain.kind === 'reference' && spec.domain.of !== 'channels');

interface Column {
  id: ColumnId;
  spec: ColumnSpec;
  expr: DbColumn;
  kind: ValueKind;
}

function columnOf(condition: FilterCondition): Column {
  const spec: ColumnSpec | undefined = Object.hasOwn(COLUMN_REGISTRY, condition.column) ? COLUMN_REGISTRY[condition.column] : undefined;
  const expr = spec ? COLUMN_SQL[condition.column].filter : null;
  if (!spec || !expr || spec.filters.length === 0) throw new FilterError(`Column "${condition.column}" cannot be filtered`);
  if (!spec.filters.includes(condition.op)) throw new FilterError(`Column "${condition.column}" takes no "${condition.op}" condition`);
  return { id: condition.column, spec, expr, kind: kindOf(spec) };
}

function compileCondition(condition: FilterCondition, now: number): Compiled {
  const column = columnOf(condition);
  const { expr, kind } = column;
  const plain = (sql: string, params: unknown[] = []): Compiled => ({ sql, params, columns: [expr] });
  switch (condition.op) {
    case 'in':
      return compileIn(column, condition.values);
    case 'range': {
      if (kind === 'running') return runningRange(expr, condition, now);
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
      if (!parts.length) return { sql: '1', params, columns: [] };
      const stored = plain(`(${parts.join(' AND ')})`, params);
      return column.id === 'waitFirstAnswer' ? withRunningFirstWait(stored, condition, now) : stored;
    }
    case 'datePreset': {
      const [from, to] = datePresetRange(condition.preset, now);
      return plain(`(${expr} >= ? AND ${expr} < ?)`, [from, to]);
    }
    case 'is':
      return plain(`${expr} = ?`, [condition.value ? 1 : 0]);
    case 'contains':
    case 'equals': {
      const { sql, params } = condition.op === 'contains' ? foldedContains(expr, condition.value) : foldedEquals(expr, condition.value);
      return plain(sql, params);
    }
    case 'empty': {
      const isEmpty = kind === 'text' ? `(${expr} IS NULL OR ${expr} = '')` : `${expr} IS NULL`;
      return plain(condition.value ? isEmpty : `NOT ${isEmpty}`);
    }
  }
}

type Compiled = {
  sql: string;
  params: unknown[];
  columns: readonly DbColumn[];
  branches?: Pick<Split, 'branches' | 'nullColumn'>;
};

/**
 * Bounds on a live duration, floor((now − start) / 1000) within [from, to]
 * seconds, written as bounds on the start column so its index can serve them.
 */
function runningBounds(startExpr: string, condition: { from?: number; to?: number }, now: number): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (condition.from !== undefined) {
    sql.push(`${startExpr} <= ?`);
    params.push(now - condition.from * 1000);
  }
  if (condition.to !== undefined) {
    sql.push(`${startExpr} > ?`);
    params.push(now - (condition.to + 1) * 1000);
  }
  return { sql, params };
}

/** A live duration column (waitingNow): only rows where the clock runs, within the bounds. */
function runningRange(expr: DbColumn, condition: { from?: number; to?: number }, now: number): Compiled {
  const bounds = runningBounds(expr, condition, now);
  return { sql: `(${[`${expr} IS NOT NULL`, ...bounds.sql].join(' AND ')})`, params: bounds.params, columns: [expr] };
}

/**
 * A client still waiting for the first answer has no stored waitFirstAnswer,
 * yet the grid shows the running wait (now − createdAt). "≥ 10 min" must
 * find them too, so the range also matches running waits, by created_at.
 * Those few dialogs are found through the waiting index (forced: the planner
 * prefers wait_first_answer IS NULL, a third of the table) in a subquery, so a
 * scan of a sort index that holds wait_first_answer checks each entry
 * without reading the table (RUNNING_FIRST_WAIT, written out on rows).
 */
function withRunningFirstWait(stored: Compiled, condition: { from?: number; to?: number }, now: number): Compiled {
  const bounds = runningBounds('created_at', condition, now);
  const running = [
    'waiting_since IS NOT NULL',
    'wait_first_answer IS NULL',
    'operator_answered_at IS NULL',
    ...bounds.sql,
  ].join(' AND ');
  const waiting = `id IN (SELECT id FROM dialogs INDEXED BY ix_dialogs_waiting WHERE ${running})`;
  // a scan rejects most rows before looking their id up: not NULL, or older than every running wait
  const first = `(SELECT MIN(id) FROM dialogs INDEXED BY ix_dialogs_waiting WHERE ${running})`;
  return {
    sql: `(${stored.sql} OR (wait_first_answer IS NULL AND id >= ${first} AND ${waiting}))`,
    params: [...stored.params, ...bounds.params, ...bounds.params],
    columns: [...stored.columns, 'id'],
    branches: {
      branches: [
        { sql: stored.sql, params: stored.params },
        { sql: waiting, params: bounds.params },
      ],
      nullColumn: 'wait_first_answer',
    },
  };
}

function compileIn(column: Column, values: Array<string | number | null>): Compiled {
  const { id: columnId, spec, expr, kind } = column;
  if (values.length === 0) return { sql: '0', params: [], columns: [] };
  if (kind === 'status' || kind === 'generalStatus') {
    const codes = new Set<number>();
    let unknown = false;
    for (const value of values) {
      if (value === 'unknown') unknown = true;
      else if (kind === 'status' && STATUS_DETAIL_IDS.includes(value as StatusDetailId)) {
        codesOfStatusDetail(value as StatusDetailId).forEach((code) => codes.add(code));
      } else if (kind === 'generalStatus' && GENERAL_STATUS_IDS.includes(value as GeneralStatusId)) {
        codesOfGeneralStatus(value as GeneralStatusId).forEach((code) => codes.add(code));
      } else throw new FilterError(`Unknown status "${String(value)}" for column "${columnId}"`);
    }
    const parts: string[] = [];
    if (codes.size) parts.push(`${expr} IN (${[...codes].map(() => '?').join(',')})`);
    if (unknown) parts.push(`${expr} NOT IN (${KNOWN_CODES.join(',')})`);
    return { sql: `(${parts.join(' OR ')})`, params: [...codes], columns: [expr] };
  }
  const numeric = numericValues(spec);
  const allowed = spec.domain.kind === 'values' ? spec.domain.values : null;
  const present = values.filter((v): v is string | number => v !== null);
  for (const value of present) {
    if (numeric !== (typeof value === 'number') || (allowed && !allowed.includes(value as string))) {
      throw new FilterError(`Column "${columnId}" takes ${numeric ? 'numeric ids' : allowed ? allowed.join(' / ') : 'text values'}, got ${JSON.stringify(value)}`);
    }
  }
  const parts: string[] = [];
  if (present.length) parts.push(`${expr} IN (${present.map(() => '?').join(',')})`);
  if (present.length < values.length) parts.push(`${expr} IS NULL`);
  return { sql: `(${parts.join(' OR ')})`, params: present, columns: [expr] };
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
