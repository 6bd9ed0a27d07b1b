/**
 * The typed filter model: a list of conditions over column ids (spec §5),
 * ANDed, plus a quick search. The SQL side compiles it through a whitelist
 * of columns and operators (electron/app/db/queries/filter-sql.ts); the UI
 * builds and saves it as plain data, so presets survive app updates.
 */
import type { ColumnId } from './columns.ts';

export const DATE_PRESETS = ['today', 'yesterday', 'last7days', 'thisMonth'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** enum and person columns: any of the values (null = "not set", e.g. no operator) */
export interface InCondition {
  column: ColumnId;
  op: 'in';
  values: Array<string | number | null>;
}
/** date (epoch ms), duration (seconds) and number columns; either bound may be left open */
export interface RangeCondition {
  column: ColumnId;
  op: 'range';
  from?: number;
  to?: number;
}
export interface DatePresetCondition {
  column: ColumnId;
  op: 'datePreset';
  preset: DatePreset;
}
export interface FlagCondition {
  column: ColumnId;
  op: 'is';
  value: boolean;
}
export interface TextCondition {
  column: ColumnId;
  op: 'contains' | 'equals';
  value: string;
}
export interface EmptyCondition {
  column: ColumnId;
  op: 'empty';
  /** true: the value is empty; false: the value is set */
  value: boolean;
}

export type FilterCondition =
  | InCondition
  | RangeCondition
  | DatePresetCondition
  | FlagCondition
  | TextCondition
  | EmptyCondition;

/**
 * Conditions combined with all (AND) or any (OR) — Actual Budget's saved
 * filters keep `conditions` with `conditionsOp` the same way. A group with no
 * condition is no restriction.
 */
export const GROUP_OPS = ['all', 'any'] as const;
export type GroupOp = (typeof GROUP_OPS)[number];

export interface FilterGroup {
  op: GroupOp;
  conditions: FilterCondition[];
}

/**
 * The one filter model: the store owns it, AG Grid's column filters are
 * derived from it, and presets, the Filter + search bar, the summary, export
 * and "act on all matching" all read it. `conditions` are ANDed (what every
 * query planner here understands best: a preset's conditions live there);
 * each group is one more ANDed part, itself all-of or any-of its conditions
 * (the bar's "match any"). JSON-plain, so presets survive app updates.
 */
export interface DialogFilter {
  conditions: FilterCondition[];
  groups?: FilterGroup[];
  /** quick search: dialog number, client name and message text (FTS) */
  search?: string;
}

/** Every condition of the filter, top level and grouped. */
export function allConditions(filter: DialogFilter): FilterCondition[] {
  return [...filter.conditions, ...(filter.groups ?? []).flatMap((g) => g.conditions)];
}

/**
 * The filter as plain ANDed conditions when it is one (groups of all-of, and
 * any-of groups of a single condition, flatten); null when an any-of group
 * really is an OR. Counts, rollups and the grid's index choice read this.
 */
export function flatConditions(filter: DialogFilter): FilterCondition[] | null {
  const out = [...filter.conditions];
  for (const group of filter.groups ?? []) {
    if (group.conditions.length === 0) continue;
    if (group.op === 'any' && group.conditions.length > 1) return null;
    out.push(...group.conditions);
  }
  return out;
}

export const EMPTY_FILTER: DialogFilter = { conditions: [] };

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface SortSpec {
  column: ColumnId;
  direction: SortDirection;
}

/** The built-in "Active dialogs" preset (spec §1, §3). */
export const ACTIVE_DIALOGS_FILTER: DialogFilter = {
  conditions: [
    {
      column: 'statusDetail',
      op: 'in',
      values: ['new', 'queued', 'inWork', 'clientWaiting', 'clientWaitingAgain', 'answered'],
    },
  ],
};
