/**
 * The dialog column registry (spec dialog-list.md §2, §5): one row per grid
 * column, with everything the UI side needs to know about it. The SQL behind
 * each column lives in electron/app/db/queries/dialog-columns.ts, in a map
 * keyed by these ids (a column on one side only fails to compile); labels live
 * in the renderer's i18n files under `column.<id>`.
 *
 * Adding a column: (1) an entry here, (2) its SQL entry in dialog-columns.ts
 * (the database column and how the writer fills it), (3) a migration that adds
 * the database column (and its sort index). The list item type, the SELECT
 * list, the row mapping, the upsert, the filter whitelist, the sort order and
 * the grid's column definition all follow from those. Labels: `column.<id>`
 * in ru.json and en.json. tests/unit/db/column-registry.test.ts checks that
 * every form agrees.
 */
import type { FilterCondition } from './filter.ts';
import { CRM_ENTITY_TYPES, type CrmLink } from './dialog.ts';
import type { GeneralStatusId, StatusDetailId } from './status.ts';
import { CLIENT_RATINGS, DIRECTIONS } from './timeline.ts';

export const COLUMN_TYPES = ['number', 'text', 'enum', 'person', 'flag', 'date', 'duration', 'rating', 'link', 'actions'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Where a column's value comes from: `snapshot` — the data source's own record
 * of the dialog; `computed` — the metrics engine, from the timeline; `live` —
 * the clock at read time (now − a stored moment), never stored as such;
 * `view` — no value at all (the actions menu).
 */
export const COLUMN_ORIGINS = ['snapshot', 'computed', 'live', 'view'] as const;
export type ColumnOrigin = (typeof COLUMN_ORIGINS)[number];

/** Every condition operator of the filter model. */
export const FILTER_OPS = ['in', 'range', 'datePreset', 'is', 'contains', 'equals', 'empty'] as const satisfies readonly FilterCondition['op'][];
export type FilterOp = (typeof FILTER_OPS)[number];
// the other direction: an operator added to the filter model and not listed here fails to compile
const everyOpListed: Exclude<FilterCondition['op'], FilterOp> extends never ? true : never = true;
void everyOpListed;

/** What values a column holds, for filters (what an `in` takes, what a picker offers) and export. */
export type ValueDomain =
  | { kind: 'dialogId' }
  /** ids of a reference list (`reference:get`); `in` takes the ids (numbers), except channels (connector ids) */
  | { kind: 'reference'; of: 'lines' | 'operators' | 'channels' }
  | { kind: 'values'; values: readonly string[] }
  | { kind: 'statusDetail' }
  | { kind: 'generalStatus' }
  | { kind: 'text' }
  | { kind: 'flag' }
  /** epoch milliseconds */
  | { kind: 'epochMs' }
  /** whole seconds */
  | { kind: 'seconds' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'none' };

export interface ColumnSpec {
  type: ColumnType;
  origin: ColumnOrigin;
  sortable: boolean;
  /** the condition operators this column accepts (the filter compiler rejects any other) */
  filters: readonly FilterOp[];
  domain: ValueDomain;
  /** the value may be missing, shown as "—" */
  nullable: boolean;
  /** shown on a first start, before the user chooses */
  defaultVisible: boolean;
  /** default width in px */
  width: number;
}

const DATE = { type: 'date', origin: 'computed', sortable: true, filters: ['range', 'datePreset', 'empty'], domain: { kind: 'epochMs' }, nullable: true, width: 150 } as const;
const METRIC = { type: 'duration', origin: 'computed', sortable: true, filters: ['range', 'empty'], domain: { kind: 'seconds' }, nullable: true, width: 130 } as const;
const FLAG = { type: 'flag', sortable: true, filters: ['is'], domain: { kind: 'flag' }, nullable: false, defaultVisible: false } as const;
const TEXT = { type: 'text', origin: 'snapshot', sortable: true, filters: ['contains', 'equals', 'empty'], domain: { kind: 'text' }, nullable: true, defaultVisible: false, width: 200 } as const;

/** Display order is the default column order. */
export const COLUMN_REGISTRY = {
  id: { type: 'number', origin: 'snapshot', sortable: true, filters: ['in', 'range'], domain: { kind: 'dialogId' }, nullable: false, defaultVisible: true, width: 90 },
  line: { type: 'enum', origin: 'snapshot', sortable: true, filters: ['in'], domain: { kind: 'reference', of: 'lines' }, nullable: false, defaultVisible: true, width: 160 },
  direction: { type: 'enum', origin: 'snapshot', sortable: true, filters: ['in'], domain: { kind: 'values', values: DIRECTIONS }, nullable: false, defaultVisible: false, width: 100 },
  status: { type: 'enum', origin: 'computed', sortable: true, filters: ['in'], domain: { kind: 'generalStatus' }, nullable: false, defaultVisible: true, width: 150 },
  statusDetail: { type: 'enum', origin: 'computed', sortable: true, filters: ['in'], domain: { kind: 'statusDetail' }, nullable: false, defaultVisible: true, width: 220 },
  /** beyond the spec: how long the client has been waiting right now */
  waitingNow: { ...METRIC, origin: 'live', defaultVisible: true, width: 120 },
  spam: { ...FLAG, origin: 'computed', width: 80 },
  channel: { type: 'enum', origin: 'snapshot', sortable: true, filters: ['in'], domain: { kind: 'reference', of: 'channels' }, nullable: false, defaultVisible: true, width: 130 },
  client: { ...TEXT, filters: ['contains', 'equals'], nullable: false, defaultVisible: true, width: 180 },
  operator: { type: 'person', origin: 'snapshot', sortable: true, filters: ['in', 'empty'], domain: { kind: 'reference', of: 'operators' }, nullable: true, defaultVisible: true, width: 170 },
  crm: { type: 'link', origin: 'snapshot', sortable: true, filters: ['in', 'empty'], domain: { kind: 'values', values: CRM_ENTITY_TYPES }, nullable: true, defaultVisible: false, width: 170 },
  pageUrl: TEXT,
  actions: { type: 'actions', origin: 'view', sortable: false, filters: [], domain: { kind: 'none' }, nullable: true, defaultVisible: true, width: 130 },
  formFilled: { ...FLAG, origin: 'snapshot', width: 110 },
  historyRequested: { ...FLAG, origin: 'snapshot', width: 120 },
  pinned: { ...FLAG, origin: 'snapshot', width: 90 },
  /** beyond the spec: the portal refused the dialog's history, so its metrics are partial (the No. cell marks it too) */
  historyUnavailable: { ...FLAG, origin: 'snapshot', width: 130 },
  clientRating: { type: 'rating', origin: 'computed', sortable: true, filters: ['in', 'empty'], domain: { kind: 'values', values: CLIENT_RATINGS }, nullable: true, defaultVisible: false, width: 110 },
  supervisorComment: TEXT,
  supervisorRating: { type: 'number', origin: 'snapshot', sortable: true, filters: ['in', 'range', 'empty'], domain: { kind: 'integer', min: 1, max: 5 }, nullable: true, defaultVisible: false, width: 110 },
  createdAt: { ...DATE, defaultVisible: true },
  queuedAt: { ...DATE, defaultVisible: false },
  operatorAnsweredAt: { ...DATE, defaultVisible: false },
  operatorStartedAt: { ...DATE, defaultVisible: false },
  lastMessageAt: { ...DATE, defaultVisible: true },
  operatorClosedAt: { ...DATE, defaultVisible: false },
  closedAt: { ...DATE, defaultVisible: false },
  modifiedAt: { ...DATE, defaultVisible: false },
  waitFirstAnswer: { ...METRIC, defaultVisible: true },
  timeToStart: { ...METRIC, defaultVisible: false },
  timeToOperatorClose: { ...METRIC, defaultVisible: false },
  duration: { ...METRIC, defaultVisible: true, width: 120 },
  firstResponse: { ...METRIC, defaultVisible: true },
  botTime: { ...METRIC, defaultVisible: false, width: 120 },
  responseTotal: { ...METRIC, defaultVisible: false },
  responseAvg: { ...METRIC, defaultVisible: true },
  responseMax: { ...METRIC, defaultVisible: true },
} as const satisfies Record<string, ColumnSpec>;

export type ColumnRegistry = typeof COLUMN_REGISTRY;
export type ColumnId = keyof ColumnRegistry;

export const COLUMN_IDS = Object.keys(COLUMN_REGISTRY) as readonly ColumnId[];

/** A column with a value on every list item (not live, not the actions menu). */
export type ItemColumnId = { [K in ColumnId]: ColumnRegistry[K]['origin'] extends 'live' | 'view' ? never : K }[ColumnId];

type NullIf<S> = S extends { nullable: true } ? null : never;
/** The value type a column's spec implies on the list item. */
export type ColumnValue<S extends ColumnSpec> = S['type'] extends 'flag'
  ? boolean
  : S['type'] extends 'link'
    ? CrmLink | NullIf<S>
    : S['domain'] extends { kind: 'values'; values: readonly (infer V)[] }
      ? V | NullIf<S>
      : S['domain'] extends { kind: 'statusDetail' }
        ? StatusDetailId | 'unknown'
        : S['domain'] extends { kind: 'generalStatus' }
          ? GeneralStatusId | 'unknown'
          : S['type'] extends 'number' | 'date' | 'duration'
            ? number | NullIf<S>
            : string | NullIf<S>;

/** The registry row of a column, with its id. */
export type ColumnDef = ColumnSpec & { id: ColumnId };

export const COLUMNS: readonly ColumnDef[] = COLUMN_IDS.map((id) => ({ id, ...COLUMN_REGISTRY[id] }));

export const columnSpec = (id: ColumnId): ColumnSpec => COLUMN_REGISTRY[id];

export const SORTABLE_COLUMN_IDS: readonly ColumnId[] = COLUMN_IDS.filter((id) => COLUMN_REGISTRY[id].sortable);

export function isColumnId(value: string): value is ColumnId {
  return Object.hasOwn(COLUMN_REGISTRY, value);
}

/** The default sort: newest dialogs first. */
export const DEFAULT_SORT = { column: 'createdAt', direction: 'desc' } as const satisfies {
  column: ColumnId;
  direction: 'asc' | 'desc';
};
