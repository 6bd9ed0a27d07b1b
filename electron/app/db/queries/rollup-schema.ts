/**
 * The summary rollups' schema: tables, the triggers that keep them in step
 * with `dialogs` inside every writing transaction, and the one-pass rebuild.
 *
 * What is rolled up: the *settled* dialogs — finished or spam, with nobody
 * waiting — whose figures no longer depend on the clock. Open dialogs (and a
 * finished one whose stored wait still runs) are the live part: few, indexed
 * by ix_dialogs_unsettled, and read row by row at query time, because their
 * SLA outcome depends on `now`.
 *
 * A cell is (tier, bucket, status code, spam flag, line, operator) with the
 * row count, the exact maximum of each metric and a histogram per metric
 * (rollup-bins.ts) as JSONB: {"a":{"17":3,…},"b":{…},…}, one letter per
 * metric in METRIC_IDS order, keys are bin numbers. JSONB because a trigger
 * edits a cell in place (jsonb_set) without parsing text: an all-time cell
 * holds ~1,000 bins. Beside it `t` (migration 0007), in the same shape,
 * holds the charts' counts: "a" local hour of creation → n, "b" local day
 * (its index in summary_days) → n (chart-data.ts reads them). Tiers:
 * local days, dekads (the 1st–10th, 11th–20th, 21st–end of a month),
 * local months and all time, so any date range is a few dozen cells per
 * group at most; buckets are the epoch-ms start of the
 * period in the zone the rollups were built in (summary_days lists every
 * local day 2000–2099 with its dekad and month, so a trigger finds a row's
 * buckets with one seek, and a reader in another zone still reads exact
 * answers: what is not whole buckets it reads as rows). Dialogs with no
 * creation date, or one outside that span, sit in bucket -1 of the dated
 * tiers and only ever count in "all time".
 *
 * The triggers add a settled dialog to its four cells (one UPDATE, one
 * INSERT for cells not there yet) and take a dialog that leaves the settled
 * set, or changes, out again; a maximum that leaves is recomputed from the
 * next finer level (day cells from their rows, through the index on
 * operator, status and creation time).
 *
 * Changing anything here means a new migration that calls
 * installSummaryRollups (rollup-rebuild.ts) again — it drops what it creates
 * first: the rollups are derived data, rebuilt from `dialogs`, so nothing is
 * lost.
 */
import { METRIC_IDS, type MetricId } from '../../../../shared/domain/metrics.ts';
import { codesOfGeneralStatus } from '../../../../shared/domain/status.ts';
import type { Db } from '../connection.ts';
import { SQL_COLUMNS } from './dialog-columns.ts';
import { binSql } from './rollup-bins.ts';

export const TIERS = ['all', 'month', 'dekad', 'day'] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_CODE: Readonly<Record<Tier, number>> = { all: 0, month: 1, dekad: 2, day: 3 };
/** The bucket of dialogs the dated tiers do not cover (no creation date, or outside summary_days). */
export const UNDATED_BUCKET = -1;

/** Stored codes whose dialogs are closed for good: finished (60, 69, 75) and spam (65). */
export const SETTLED_CODES: readonly number[] = [...codesOfGeneralStatus('finished')].sort((a, b) => a - b);

/** A dialog row (alias `r`, or none) is settled: closed, and nobody waits. */
export function settledSql(r = ''): string {
  const p = r ? `${r}.` : '';
  return `(${p}status_code IN (${SETTLED_CODES.join(', ')}) AND ${p}waiting_since IS NULL)`;
}
/** The live part: exactly the rows ix_dialogs_unsettled holds (the same text, so the planner may use it). */
export const UNSETTLED_SQL = `(status_code NOT IN (${SETTLED_CODES.join(', ')}) OR waiting_since IS NOT NULL)`;

export const METRIC_COLUMN: Readonly<Record<MetricId, string>> = Object.fromEntries(
  METRIC_IDS.map((m) => [m, SQL_COLUMNS[m].sort as string]),
) as Record<MetricId, string>;
/** The key of each metric's histogram in `h`. */
export const METRIC_KEY: Readonly<Record<MetricId, string>> = Object.fromEntries(
  METRIC_IDS.map((m, i) => [m, String.fromCharCode(97 + i)]),
) as Record<MetricId, string>;
export const maxColumn = (metric: MetricId) => `max_${METRIC_COLUMN[metric]}`;

/**
 * The live dialogs' index holds every column a summary reads of them, and
 * those its filters test, so the live part never reads the table: these rows
 * are recent and old ones alike (a dialog left open for months), scattered
 * over the file.
 */
export const UNSETTLED_INDEX_COLUMNS: readonly string[] = [
  'created_at', 'status_code', 'spam', 'line_id', 'operator_id', 'waiting_since', 'operator_answered_at',
  ...METRIC_IDS.map((m) => METRIC_COLUMN[m]).filter((c) => c !== 'created_at'),
];

const DDL = `
  CREATE TABLE summary_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  -- every local day of the zone the rollups were built in, with its dekad and month
  CREATE TABLE summary_days (
    start_ms       INTEGER PRIMARY KEY,
    end_ms         INTEGER NOT NULL,
    dekad_ms       INTEGER NOT NULL,
    dekad_end_ms   INTEGER NOT NULL,
    month_ms       INTEGER NOT NULL,
    month_end_ms   INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE summary_cells (
    tier         INTEGER NOT NULL,
    bucket       INTEGER NOT NULL,
    status_code  INTEGER NOT NULL,
    spam         INTEGER NOT NULL,
    line_id      INTEGER NOT NULL,
    -- operator_id, or 0 for none
    operator_key INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    ${METRIC_IDS.map((m) => `${maxColumn(m)} INTEGER,`).join('\n    ')}
    h            BLOB NOT NULL,
    -- the charts' counts, JSONB like h: "a" local hour of creation → n, "b" local day (index in summary_days) → n;
    -- after h, so a summary that does not draw charts never reads it (nor its overflow pages)
    t            BLOB NOT NULL,
    UNIQUE (tier, bucket, status_code, spam, line_id, operator_key)
  ) STRICT;

  CREATE INDEX ix_dialogs_unsettled ON dialogs (${UNSETTLED_INDEX_COLUMNS.join(', ')}) WHERE ${UNSETTLED_SQL};
`;

export const KEY_COLUMNS = 'tier, bucket, status_code, spam, line_id, operator_key';

/** The bucket of row `r` in a dated tier: one seek in summary_days. */
function bucketSql(tier: Exclude<Tier, 'all'>, r: string): string {
  const column = tier === 'day' ? 'start_ms' : `${tier}_ms`;
  return `coalesce((SELECT d.${column} FROM summary_days d WHERE d.start_ms <= ${r}.created_at AND d.end_ms > ${r}.created_at ORDER BY d.start_ms DESC LIMIT 1), ${UNDATED_BUCKET})`;
}

/** The JSON path of row `r`'s bin of a metric, or NULL when the metric is not set (json_set skips a NULL path). */
function pathSql(metric: MetricId, r: string): string {
  const col = `${r}.${METRIC_COLUMN[metric]}`;
  return `CASE WHEN ${col} IS NOT NULL THEN '$.${METRIC_KEY[metric]}.' || ${binSql(col)} END`;
}

/** h with every set metric's bin of row `r` moved by `delta`. */
function histEditSql(h: string, r: string, delta: 1 | -1): string {
  const pairs = METRIC_IDS.map((m) => {
    const path = pathSql(m, r);
    return `${path}, coalesce(${h} ->> (${path}), 0) ${delta > 0 ? '+' : '-'} 1`;
  });
  return `jsonb_set(${h}, ${pairs.join(', ')})`;
}

/**
 * The chart paths of row `r` in `t`: its hour of day and its day index, each
 * NULL for an undated row (the day seek yields NULL, and so does all the
 * arithmetic on it), which jsonb_set skips. The hour is the whole hours since
 * local midnight (0–23; the 25th hour of a day the clocks go back counts as
 * the 24th), the wall-clock hour on every day but the two a year a DST zone
 * changes its clocks. Inline expressions, not a FROM subquery: joined into
 * the removal UPDATE one made every removal twice as slow.
 */
function timePaths(r: string): { hp: string; dp: string } {
  const ds = `(SELECT d.start_ms FROM summary_days d WHERE d.start_ms <= ${r}.created_at AND d.end_ms > ${r}.created_at ORDER BY d.start_ms DESC LIMIT 1)`;
  return {
    hp: `('$.a.' || min(23, (${r}.created_at - ${ds}) / 3600000))`,
    dp: `('$.b.' || CAST(round((${ds} - (SELECT min(start_ms) FROM summary_days)) / 86400000.0) AS INTEGER))`,
  };
}

/** t with row `r`'s hour and day moved by `delta` (paths as columns hp, dp of a FROM subquery, or inline). */
function timeEditSql(t: string, delta: 1 | -1, paths: { hp: string; dp: string }): string {
  const op = delta > 0 ? '+' : '-';
  const { hp, dp } = paths;
  return `jsonb_set(${t}, ${hp}, coalesce(${t} ->> ${hp}, 0) ${op} 1, ${dp}, coalesce(${t} ->> ${dp}, 0) ${op} 1)`;
}

function cellMatchSql(tier: Tier, r: string): string {
  const bucket = tier === 'all' ? '0' : bucketSql(tier, r);
  return `tier = ${TIER_CODE[tier]} AND bucket = ${bucket} AND status_code = ${r}.status_code AND spam = ${r}.spam
    AND line_id = ${r}.line_id AND operator_key = coalesce(${r}.operator_id, 0)`;
}

/**
 * Adds row NEW to its cell of every tier in two statements: one UPDATE of
 * the cells that exist (each metric binned once, the same paths for every
 * tier), then one INSERT of the cells that did not, holding NEW alone.
 */
function addSql(): string {
  const newPaths = timePaths('NEW');
  const edits = METRIC_IDS.map((_, i) => `p.p${i}, coalesce(h ->> p.p${i}, 0) + 1`).join(', ');
  const maxes = METRIC_IDS.map((m) => {
    const c = maxColumn(m);
    const v = `NEW.${METRIC_COLUMN[m]}`;
    return `${c} = coalesce(max(${c}, ${v}), ${c}, ${v})`;
  }).join(',\n      ');
  const sameKey = (alias: string) =>
    `${alias}status_code = NEW.status_code AND ${alias}spam = NEW.spam AND ${alias}line_id = NEW.line_id AND ${alias}operator_key = coalesce(NEW.operator_id, 0)`;
  // buckets as scalar subqueries here (constants to the planner: one index seek per tier); only the paths come from p
  const cellOfTier = TIERS.map((tier) => `(tier = ${TIER_CODE[tier]} AND bucket = ${tier === 'all' ? '0' : bucketSql(tier, 'NEW')})`).join(' OR ');
  return `
    UPDATE summary_cells SET
      n = n + 1,
      ${maxes},
      h = jsonb_set(h, ${edits}),
      t = ${timeEditSql('t', 1, { hp: 'p.hp', dp: 'p.dp' })}
    FROM (SELECT ${METRIC_IDS.map((m, i) => `${pathSql(m, 'NEW')} AS p${i}`).join(', ')}, ${newPaths.hp} AS hp, ${newPaths.dp} AS dp) p
    WHERE ${settledSql('NEW')} AND ${sameKey('')} AND (${cellOfTier});
    INSERT INTO summary_cells (${KEY_COLUMNS}, n, ${METRIC_IDS.map(maxColumn).join(', ')}, h, t)
    SELECT t.tier, t.bucket, NEW.status_code, NEW.spam, NEW.line_id, coalesce(NEW.operator_id, 0), 1,
      ${METRIC_IDS.map((m) => `NEW.${METRIC_COLUMN[m]}`).join(', ')}, ${histEditSql("'{}'", 'NEW', 1)}, ${timeEditSql("'{}'", 1, newPaths)}
    FROM (${TIERS.map((tier) => `SELECT ${TIER_CODE[tier]} AS tier, ${tier === 'all' ? '0' : bucketSql(tier, 'NEW')} AS bucket`).join(' UNION ALL ')}) t
    WHERE ${settledSql('NEW')} AND NOT EXISTS (SELECT 1 FROM summary_cells c WHERE c.tier = t.tier AND c.bucket = t.bucket AND ${sameKey('c.')});`;
}

/** The maximum of a metric over a cell's rows once OLD has left it, read from the next finer level. */
function maxAfterRemovalSql(tier: Tier, metric: MetricId): string {
  const col = METRIC_COLUMN[metric];
  const c = 'summary_cells';
  const sameKey = (alias: string) =>
    `${alias}.status_code = ${c}.status_code AND ${alias}.spam = ${c}.spam AND ${alias}.line_id = ${c}.line_id`;
  if (tier === 'day') {
    const rows = (range: string) =>
      `SELECT max(d.${col}) FROM dialogs d WHERE d.operator_id IS nullif(${c}.operator_key, 0) AND ${sameKey('d')}
        AND ${settledSql('d')} AND ${range}`;
    return `CASE WHEN ${c}.bucket = ${UNDATED_BUCKET}
      THEN (${rows(`(d.created_at IS NULL OR d.created_at < (SELECT min(start_ms) FROM summary_days) OR d.created_at >= (SELECT max(end_ms) FROM summary_days))`)})
      ELSE (${rows(`d.created_at >= ${c}.bucket AND d.created_at < (SELECT s.end_ms FROM summary_days s WHERE s.start_ms = ${c}.bucket)`)}) END`;
  }
  const finer: Record<Exclude<Tier, 'day'>, [Tier, string]> = {
    dekad: ['day', 'dekad_end_ms'],
    month: ['dekad', 'month_end_ms'],
    all: ['month', ''],
  };
  const [below, endColumn] = finer[tier];
  const range =
    tier === 'all'
      ? ''
      : `AND f.bucket >= ${c}.bucket AND (${c}.bucket = ${UNDATED_BUCKET} AND f.bucket = ${UNDATED_BUCKET}
          OR f.bucket < (SELECT s.${endColumn} FROM summary_days s WHERE s.start_ms = ${c}.bucket))`;
  return `(SELECT max(f.${maxColumn(metric)}) FROM summary_cells f WHERE f.tier = ${TIER_CODE[below]} ${range}
      AND ${sameKey('f')} AND f.operator_key = ${c}.operator_key)`;
}

function removeSql(tier: Tier): string {
  const maxes = METRIC_IDS.map((m) => {
    const c = maxColumn(m);
    const old = `OLD.${METRIC_COLUMN[m]}`;
    return `${c} = CASE WHEN ${old} IS NOT NULL AND ${old} >= ${c} THEN ${maxAfterRemovalSql(tier, m)} ELSE ${c} END`;
  }).join(',\n      ');
  return `
    UPDATE summary_cells SET
      n = n - 1,
      h = ${histEditSql('h', 'OLD', -1)},
      t = ${timeEditSql('t', -1, timePaths('OLD'))},
      ${maxes}
    WHERE ${settledSql('OLD')} AND ${cellMatchSql(tier, 'OLD')};`;
}

/** Columns whose change can move a settled dialog's contribution. */
const WATCHED = ['status_code', 'spam', 'line_id', 'operator_id', 'created_at', 'waiting_since', ...METRIC_IDS.map((m) => METRIC_COLUMN[m])];

// Removal runs from the finest tier up: each coarser maximum is recomputed from the finer one just corrected.
const REMOVE_ORDER: readonly Tier[] = ['day', 'dekad', 'month', 'all'];

function triggersSql(): string {
  const add = addSql();
  const remove = REMOVE_ORDER.map(removeSql).join('\n');
  const changed = WATCHED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return `
    CREATE TRIGGER dialogs_summary_insert AFTER INSERT ON dialogs WHEN ${settledSql('NEW')} BEGIN ${add} END;
    -- with no cells (cleared ahead of a source change) there is nothing to take a deleted dialog out of
    CREATE TRIGGER dialogs_summary_delete AFTER DELETE ON dialogs
      WHEN ${settledSql('OLD')} AND EXISTS (SELECT 1 FROM summary_cells) BEGIN ${remove} END;
    CREATE TRIGGER dialogs_summary_update AFTER UPDATE ON dialogs
      WHEN (${settledSql('OLD')} OR ${settledSql('NEW')}) AND (${changed})
    BEGIN ${remove} ${add} END;`;
}

const OBJECTS = [
  ['trigger', 'dialogs_summary_insert'],
  ['trigger', 'dialogs_summary_delete'],
  ['trigger', 'dialogs_summary_update'],
  ['index', 'ix_dialogs_unsettled'],
  ['table', 'summary_cells'],
  ['table', 'summary_days'],
  ['table', 'summary_meta'],
] as const;

/** Creates (or re-creates, dropping what it made before) the rollup tables, index and triggers, empty. */
export function createSummaryRollups(db: Db): void {
  for (const [type, name] of OBJECTS) db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${name}`);
  db.exec(DDL);
  db.exec(triggersSql());
}
