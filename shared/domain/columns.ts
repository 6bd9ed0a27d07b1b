/**
 * The grid's columns (spec dialog-list.md §2), with stable ids. Labels live in
 * the renderer's i18n files under `column.<id>`; the SQL behind each sortable
 * or filterable column lives in electron/app/db (one whitelist, one place).
 */
import { DATE_FIELDS, METRIC_IDS } from './metrics.ts';

export const COLUMN_TYPES = [
  'number',
  'text',
  'enum',
  'person',
  'flag',
  'date',
  'duration',
  'rating',
  'link',
  'actions',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const COLUMN_IDS = [
  'id',
  'line',
  'direction',
  'status',
  'statusDetail',
  /** beyond the spec: how long the client has been waiting right now (live) */
  'waitingNow',
  'spam',
  'channel',
  'client',
  'operator',
  'crm',
  'pageUrl',
  'actions',
  'formFilled',
  'historyRequested',
  'pinned',
  'clientRating',
  'supervisorComment',
  'supervisorRating',
  ...DATE_FIELDS,
  ...METRIC_IDS,
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnDef {
  id: ColumnId;
  type: ColumnType;
  sortable: boolean;
  /** shown on a first start, before the user chooses */
  defaultVisible: boolean;
  width: number;
}

const col = (id: ColumnId, type: ColumnType, defaultVisible: boolean, width = 140, sortable = true): ColumnDef => ({
  id,
  type,
  sortable,
  defaultVisible,
  width,
});

export const COLUMNS: readonly ColumnDef[] = [
  col('id', 'number', true, 90),
  col('line', 'enum', true, 160),
  col('direction', 'enum', false, 100),
  col('status', 'enum', true, 150),
  col('statusDetail', 'enum', true, 220),
  col('waitingNow', 'duration', true, 120),
  col('spam', 'flag', false, 80),
  col('channel', 'enum', true, 130),
  col('client', 'text', true, 180),
  col('operator', 'person', true, 170),
  col('crm', 'link', false, 170),
  col('pageUrl', 'text', false, 200),
  col('actions', 'actions', true, 90, false),
  col('formFilled', 'flag', false, 110),
  col('historyRequested', 'flag', false, 120),
  col('pinned', 'flag', false, 90),
  col('clientRating', 'rating', false, 110),
  col('supervisorComment', 'text', false, 200),
  col('supervisorRating', 'number', false, 110),
  col('createdAt', 'date', true, 150),
  col('queuedAt', 'date', false, 150),
  col('operatorAnsweredAt', 'date', false, 150),
  col('operatorStartedAt', 'date', false, 150),
  col('lastMessageAt', 'date', true, 150),
  col('operatorClosedAt', 'date', false, 150),
  col('closedAt', 'date', false, 150),
  col('modifiedAt', 'date', false, 150),
  col('waitFirstAnswer', 'duration', true, 130),
  col('timeToStart', 'duration', false, 130),
  col('timeToOperatorClose', 'duration', false, 130),
  col('duration', 'duration', true, 120),
  col('firstResponse', 'duration', true, 130),
  col('botTime', 'duration', false, 120),
  col('responseTotal', 'duration', false, 130),
  col('responseAvg', 'duration', true, 130),
  col('responseMax', 'duration', true, 130),
];

export const SORTABLE_COLUMN_IDS = COLUMNS.filter((c) => c.sortable).map((c) => c.id);

export function isColumnId(value: string): value is ColumnId {
  return (COLUMN_IDS as readonly string[]).includes(value);
}

/** The default sort: newest dialogs first. */
export const DEFAULT_SORT = { column: 'createdAt', direction: 'desc' } as const satisfies {
  column: ColumnId;
  direction: 'asc' | 'desc';
};
