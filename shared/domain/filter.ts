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

export interface DialogFilter {
  conditions: FilterCondition[];
  /** quick search: dialog number or client name (message text comes with FTS) */
  search?: string;
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
