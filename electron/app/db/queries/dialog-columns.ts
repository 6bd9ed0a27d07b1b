/**
 * The SQL side of the column registry (shared/domain/columns.ts): every
 * column of the `dialogs` table with how the writer fills it, and for every
 * grid column the SQL it is read, sorted and filtered by. This is the only
 * place a column id from the UI becomes SQL text; anything not here cannot be
 * sorted or filtered, whatever a caller sends.
 *
 * Adding a stored grid column: one DIALOG_TABLE entry naming the grid column
 * it shows (plus the registry entry and a migration). A grid column whose SQL
 * is not a single stored column goes in SPECIAL_SQL instead; a grid column in
 * neither, or in both, fails to compile.
 */
import {
  COLUMN_REGISTRY,
  COLUMN_IDS,
  type ColumnId,
  type ColumnRegistry,
  type ItemColumnId,
} from '../../../../shared/domain/columns.ts';
import type { CrmEntityType, DialogListItem } from '../../../../shared/domain/dialog.ts';
import type { DialogComputed } from '../../../../shared/domain/metrics.ts';
import { generalStatusOfCode, STATUS_CODE, statusDetailOfCode } from '../../../../shared/domain/status.ts';
import type { DialogSnapshot } from '../../backends/backend.ts';

/** What the sync writes for one dialog: the backend's snapshot, the engine's output, resolved names. */
export interface DialogWrite {
  snapshot: DialogSnapshot;
  computed: DialogComputed;
  lineName: string;
  operatorId: number | null;
  operatorName: string | null;
  metricsVersion: number;
}

/** What the engine-derived columns are computed from (the full recompute has no snapshot). */
export interface ComputedInput {
  computed: DialogComputed;
  /** the backend's own status wins when it reports one (timeline.md); the derived one is kept beside it */
  reportedStatusCode: number | null;
  metricsVersion: number;
}

type SqlValue = number | string | null;
type OriginOf<K extends ColumnId> = ColumnRegistry[K]['origin'];
type ShownBy<O> = { [K in ItemColumnId]: OriginOf<K> extends O ? K : never }[ItemColumnId];

interface Writer<O extends 'snapshot' | 'computed', I, V extends SqlValue, K> {
  origin: O;
  value: (input: I) => V;
  /** the grid column this database column is the value of, one to one */
  shows: K;
}

/** A column copied from the backend's snapshot; `shows` must be a snapshot-origin grid column. */
function snapshot<V extends SqlValue, const K extends ShownBy<'snapshot'> | null = null>(
  value: (w: DialogWrite) => V,
  shows: K = null as K,
): Writer<'snapshot', DialogWrite, V, K> {
  return { origin: 'snapshot', value, shows };
}

/** A column the metrics engine derives from the timeline; `shows` must be a computed-origin grid column. */
function computed<V extends SqlValue, const K extends ShownBy<'computed'> | null = null>(
  value: (c: ComputedInput) => V,
  shows: K = null as K,
): Writer<'computed', ComputedInput, V, K> {
  return { origin: 'computed', value, shows };
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);
const derivedCode = (c: ComputedInput): number => STATUS_CODE[c.computed.statusDetail];
const effectiveCode = (c: ComputedInput): number => c.reportedStatusCode ?? derivedCode(c);

/** Every column of `dialogs`, in table order. */
export const DIALOG_TABLE = {
  id: snapshot((w) => w.snapshot.id, 'id'),
  chat_id: snapshot((w) => w.snapshot.chatId),
  line_id: snapshot((w) => w.snapshot.lineId),
  line_name: snapshot((w) => w.lineName),
  direction: snapshot((w) => w.snapshot.direction, 'direction'),
  // the status shown: the backend's own when it reports one, else the derived one
  status_code: computed(effectiveCode),
  derived_status_code: computed(derivedCode),
  reported_status_code: snapshot((w) => w.snapshot.reportedStatusCode),
  spam: computed((c) => flag(c.computed.spam || effectiveCode(c) === STATUS_CODE.spam), 'spam'),
  channel: snapshot((w) => w.snapshot.channel, 'channel'),
  client_id: snapshot((w) => w.snapshot.clientId),
  client_name: snapshot((w) => w.snapshot.clientName, 'client'),
  operator_id: snapshot((w) => w.operatorId),
  operator_name: snapshot((w) => w.operatorName),
  crm_type: snapshot((w): CrmEntityType | null => w.snapshot.crm?.type ?? null),
  crm_id: snapshot((w) => w.snapshot.crm?.id ?? null),
  crm_title: snapshot((w) => w.snapshot.crm?.title ?? null),
  page_url: snapshot((w) => w.snapshot.pageUrl, 'pageUrl'),
  form_filled: snapshot((w) => flag(w.snapshot.formFilled), 'formFilled'),
  history_requested: snapshot((w) => flag(w.snapshot.historyRequested), 'historyRequested'),
  pinned: snapshot((w) => flag(w.snapshot.pinned), 'pinned'),
  client_rating: computed((c) => c.computed.clientRating, 'clientRating'),
  supervisor_comment: snapshot((w) => w.snapshot.supervisorComment, 'supervisorComment'),
  supervisor_rating: snapshot((w) => w.snapshot.supervisorRating, 'supervisorRating'),
  created_at: computed((c) => c.computed.dates.createdAt, 'createdAt'),
  queued_at: computed((c) => c.computed.dates.queuedAt, 'queuedAt'),
  operator_answered_at: computed((c) => c.computed.dates.operatorAnsweredAt, 'operatorAnsweredAt'),
  operator_started_at: computed((c) => c.computed.dates.operatorStartedAt, 'operatorStartedAt'),
  last_message_at: computed((c) => c.computed.dates.lastMessageAt, 'lastMessageAt'),
  operator_closed_at: computed((c) => c.computed.dates.operatorClosedAt, 'operatorClosedAt'),
  closed_at: computed((c) => c.computed.dates.closedAt, 'closedAt'),
  modified_at: computed((c) => c.computed.dates.modifiedAt, 'modifiedAt'),
  wait_first_answer: computed((c) => c.computed.metrics.waitFirstAnswer, 'waitFirstAnswer'),
  time_to_start: computed((c) => c.computed.metrics.timeToStart, 'timeToStart'),
  time_to_operator_close: computed((c) => c.computed.metrics.timeToOperatorClose, 'timeToOperatorClose'),
  duration: computed((c) => c.computed.metrics.duration, 'duration'),
  first_response: computed((c) => c.computed.metrics.firstResponse, 'firstResponse'),
  bot_time: computed((c) => c.computed.metrics.botTime, 'botTime'),
  response_total: computed((c) => c.computed.metrics.responseTotal, 'responseTotal'),
  response_avg: computed((c) => c.computed.metrics.responseAvg, 'responseAvg'),
  response_max: computed((c) => c.computed.metrics.responseMax, 'responseMax'),
  waiting_since: computed((c) => c.computed.waitingSince),
  message_count: computed((c) => c.computed.messageCount),
  // the metrics engine version that computed the row: a newer engine recomputes older rows
  metrics_version: computed((c) => c.metricsVersion),
  // in table order: migration 0010 added it after the rest
  history_unavailable: snapshot((w) => flag(w.snapshot.historyUnavailable), 'historyUnavailable'),
} as const;

type Table = typeof DIALOG_TABLE;
export type DbColumn = keyof Table;
/** One stored row of `dialogs`, as better-sqlite3 returns it. */
export type DialogRow = { [C in DbColumn]: ReturnType<Table[C]['value']> };

export const DB_COLUMNS = Object.keys(DIALOG_TABLE) as readonly DbColumn[];
export const SNAPSHOT_DB_COLUMNS = DB_COLUMNS.filter((c) => DIALOG_TABLE[c].origin === 'snapshot');
export const COMPUTED_DB_COLUMNS = DB_COLUMNS.filter((c) => DIALOG_TABLE[c].origin === 'computed');

type ShownColumn = { [C in DbColumn]: Table[C]['shows'] extends ColumnId ? C : never }[DbColumn];
type Shown = Table[ShownColumn]['shows'];

// a shown column's stored value is its list value (flags are stored 0/1 and read as booleans)
type StoredAs<K extends ItemColumnId> = ColumnRegistry[K]['type'] extends 'flag' ? 0 | 1 : DialogListItem[K];
/** `true` only when every member is true: a compile-time check that fails with `never`. */
type Every<T extends boolean> = false extends T ? never : true;
const storedValuesFit: Every<{ [C in ShownColumn]: DialogRow[C] extends StoredAs<Table[C]['shows']> ? true : false }[ShownColumn]> = true;
void storedValuesFit;

/** The SQL of a grid column that is not one stored column. */
interface SpecialSql<K extends ColumnId> {
  /** the plain column sorted by (so one index serves it), or null when not sortable */
  sort: DbColumn | null;
  /** the column conditions compare (for enum and person columns: the id column) */
  filter: DbColumn | null;
  /** the list value, for columns that have one */
  read: K extends ItemColumnId ? (row: DialogRow) => DialogListItem[K] : null;
}

const SPECIAL_SQL = {
  line: { sort: 'line_name', filter: 'line_id', read: (r) => r.line_name },
  status: { sort: 'status_code', filter: 'status_code', read: (r) => generalStatusOfCode(r.status_code) },
  statusDetail: { sort: 'status_code', filter: 'status_code', read: (r) => statusDetailOfCode(r.status_code) },
  // live: sorted and filtered by its start time (a longer wait is an earlier waiting_since)
  waitingNow: { sort: 'waiting_since', filter: 'waiting_since', read: null },
  operator: { sort: 'operator_name', filter: 'operator_id', read: (r) => r.operator_name },
  crm: {
    sort: 'crm_title',
    filter: 'crm_type',
    read: (r) => (r.crm_type && r.crm_id !== null ? { type: r.crm_type, id: r.crm_id, title: r.crm_title ?? '' } : null),
  },
  actions: { sort: null, filter: null, read: null },
} satisfies { [K in Exclude<ColumnId, Shown>]: SpecialSql<K> };

/** The list item's fields that are not grid columns: the ids and state the UI needs beside them. */
const ITEM_FIELDS = {
  chatId: 'chat_id',
  lineId: 'line_id',
  statusCode: 'status_code',
  clientId: 'client_id',
  operatorId: 'operator_id',
  waitingSince: 'waiting_since',
  messageCount: 'message_count',
} as const satisfies { [K in Exclude<keyof DialogListItem, ItemColumnId>]: DbColumn };
const itemFieldsFit: Every<
  { [K in keyof typeof ITEM_FIELDS]: DialogRow[(typeof ITEM_FIELDS)[K]] extends DialogListItem[K] ? true : false }[keyof typeof ITEM_FIELDS]
> = true;
void itemFieldsFit;

/** How a grid column reaches SQL. */
export interface ColumnSql {
  sort: DbColumn | null;
  filter: DbColumn | null;
  /** the stored column, for a column shown one to one */
  stored: DbColumn | null;
}

function columnSqlOf(id: ColumnId): ColumnSql {
  const stored = DB_COLUMNS.find((c) => DIALOG_TABLE[c].shows === id) ?? null;
  if (stored) return { sort: COLUMN_REGISTRY[id].sortable ? stored : null, filter: stored, stored };
  const special = (SPECIAL_SQL as Record<string, SpecialSql<ColumnId>>)[id]!;
  return { sort: special.sort, filter: special.filter, stored: null };
}

/** Every grid column's SQL, keyed by the shared ids. */
export const COLUMN_SQL: Readonly<Record<ColumnId, ColumnSql>> = Object.fromEntries(COLUMN_IDS.map((id) => [id, columnSqlOf(id)])) as Record<
  ColumnId,
  ColumnSql
>;

/**
 * The older name of this whitelist, kept for the aggregates (sort = the
 * metric's stored column). New code reads COLUMN_SQL and the registry.
 */
export const SQL_COLUMNS: Readonly<Record<ColumnId, { sort: string | null; filter: string | null }>> = COLUMN_SQL;

/** Columns read for a list item, in one list so SELECT and mapping stay in step. */
export const ROW_SELECT = DB_COLUMNS.join(', ');

/**
 * A stored row → the list item the contract carries. The mapper is compiled
 * once from the tables above into one object literal: a loop that adds ~50
 * properties to each object cost 4 µs a row (as much as reading the block
 * from SQLite); the literal gives every item one shape, at ~0.2 µs a row.
 * Only names from the tables above go into the generated code.
 */
export const itemFromRow: (row: DialogRow) => DialogListItem = (() => {
  const reads: Record<string, (row: DialogRow) => unknown> = {};
  const fields: string[] = [];
  const at = (column: string) => `r[${JSON.stringify(column)}]`;
  for (const column of DB_COLUMNS) {
    const id = DIALOG_TABLE[column].shows as ItemColumnId | null;
    if (id) fields.push(`${JSON.stringify(id)}: ${COLUMN_REGISTRY[id].type === 'flag' ? `${at(column)} === 1` : at(column)}`);
  }
  for (const [id, sql] of Object.entries(SPECIAL_SQL)) {
    if (!sql.read) continue;
    reads[id] = sql.read as (row: DialogRow) => unknown;
    fields.push(`${JSON.stringify(id)}: reads[${JSON.stringify(id)}](r)`);
  }
  for (const [field, column] of Object.entries(ITEM_FIELDS)) fields.push(`${JSON.stringify(field)}: ${at(column)}`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the constant tables above, never from input
  return new Function('reads', `return (r) => ({ ${fields.join(', ')} });`)(reads) as (row: DialogRow) => DialogListItem;
})();

/** The value of every column for a write (snapshot and computed). */
export function writeValues(write: DialogWrite): Record<DbColumn, SqlValue> {
  const input: ComputedInput = {
    computed: write.computed,
    reportedStatusCode: write.snapshot.reportedStatusCode,
    metricsVersion: write.metricsVersion,
  };
  const values = {} as Record<DbColumn, SqlValue>;
  for (const column of DB_COLUMNS) {
    const writer = DIALOG_TABLE[column] as Writer<'snapshot' | 'computed', never, SqlValue, unknown>;
    values[column] = writer.origin === 'snapshot' ? writer.value(write as never) : writer.value(input as never);
  }
  return values;
}

/** The value of every engine-derived column. */
export function computedValues(input: ComputedInput): Partial<Record<DbColumn, SqlValue>> {
  const values: Partial<Record<DbColumn, SqlValue>> = {};
  for (const column of COMPUTED_DB_COLUMNS) {
    values[column] = (DIALOG_TABLE[column] as Writer<'computed', ComputedInput, SqlValue, unknown>).value(input);
  }
  return values;
}

/**
 * The client is still waiting for a first operator answer: waitFirstAnswer is
 * then running (now − created_at) rather than stored. Filters and SLA shares
 * both use this one definition, the same the grid's live timer uses.
 */
export const RUNNING_FIRST_WAIT = '(wait_first_answer IS NULL AND operator_answered_at IS NULL AND waiting_since IS NOT NULL)';
