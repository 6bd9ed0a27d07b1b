/**
 * The built-in presets of the dialog list (spec dialog-list.md §5) as plain
 * filters, so the grid, the summary and saved user presets all speak the
 * same DialogFilter. "My active dialogs" needs the connected user, so it is
 * built for an operator id. Date ranges on the creation date combine with any
 * preset through withCreatedRange.
 */
import type { DatePreset, DialogFilter, FilterCondition } from './filter.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER } from './filter.ts';

export const BUILT_IN_PRESET_IDS = ['all', 'active', 'myActive', 'waiting', 'spam', 'finishedToday'] as const;
export type BuiltInPresetId = (typeof BUILT_IN_PRESET_IDS)[number];

/** Every dialog. */
export const ALL_DIALOGS_FILTER: DialogFilter = EMPTY_FILTER;

export { ACTIVE_DIALOGS_FILTER };

/** The active dialogs an operator is responsible for. */
export function myActiveDialogsFilter(operatorId: number): DialogFilter {
  return { conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [operatorId] }] };
}

/** The client is waiting for an operator right now (the grid's "Waiting now" clock runs). */
export const WAITING_FOR_ANSWER_FILTER: DialogFilter = { conditions: [{ column: 'waitingNow', op: 'empty', value: false }] };

/** Closed as spam (Force finish). */
export const SPAM_FILTER: DialogFilter = { conditions: [{ column: 'statusDetail', op: 'in', values: ['spam'] }] };

/** Finished (spam has its own preset) with the close today, in local time. */
export const FINISHED_TODAY_FILTER: DialogFilter = {
  conditions: [
    { column: 'statusDetail', op: 'in', values: ['finished'] },
    { column: 'closedAt', op: 'datePreset', preset: 'today' },
  ],
};

/** A preset's filter; `operatorId` is the connected user, needed by "My active dialogs" only. */
export function builtInPresetFilter(id: BuiltInPresetId, context: { operatorId: number | null }): DialogFilter {
  switch (id) {
    case 'all':
      return ALL_DIALOGS_FILTER;
    case 'active':
      return ACTIVE_DIALOGS_FILTER;
    case 'myActive':
      // with nobody connected, no dialog is "mine"
      return context.operatorId === null ? { conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [] }] } : myActiveDialogsFilter(context.operatorId);
    case 'waiting':
      return WAITING_FOR_ANSWER_FILTER;
    case 'spam':
      return SPAM_FILTER;
    case 'finishedToday':
      return FINISHED_TODAY_FILTER;
  }
}

/** A creation-date range: a relative preset, or epoch-ms bounds (both inclusive, as the grid's date filter sends them). */
export type CreatedRange = { preset: DatePreset } | { from?: number; to?: number };

/** `filter` narrowed to dialogs created within `range`. */
export function withCreatedRange(filter: DialogFilter, range: CreatedRange): DialogFilter {
  const condition: FilterCondition =
    'preset' in range ? { column: 'createdAt', op: 'datePreset', preset: range.preset } : { column: 'createdAt', op: 'range', ...range };
  return { ...filter, conditions: [...filter.conditions, condition] };
}
