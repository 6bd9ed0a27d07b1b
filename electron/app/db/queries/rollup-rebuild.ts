/**
 * Filling the summary rollups (rollup-schema.ts) from `dialogs` in one pass:
 * the migration on an existing cache, and rebuildDerivedTables after a bulk
 * load. The result is what the triggers would have built row by row: the
 * same cells, each histogram the same JSONB bytes.
 */
import { METRIC_IDS } from '../../../../shared/domain/metrics.ts';
import type { Db } from '../connection.ts';
import { binOf } from './rollup-bins.ts';
import { encodeHistogramJsonb } from './rollup-jsonb.ts';
import { createSummaryRollups, KEY_COLUMNS, maxColumn, METRIC_COLUMN, settledSql, TIER_CODE, UNDATED_BUCKET } from './rollup-schema.ts';

const FIRST_YEAR = 2000;
const END_YEAR = 2100;

/** Creates the rollups and fills them from `dialogs`. */
export function installSummaryRollups(db: Db): void {
  createSummaryRollups(db);
  rebuildSummaryRollups(db);
}

/** Empties every cell (the calendar stays): a source change, before the dialogs are cleared. */
export function clearSummaryRollups(db: Db): void {
  db.prepare('DELETE FROM summary_cells').run();
}

interface DayRow {
  start: number;
  end: number;
  dekad: number;
  dekadEnd: number;
  month: number;
  monthEnd: number;
}

/** Every local day from FIRST_YEAR to END_YEAR in this process's time zone. */
function localDays(): DayRow[] {
  const days: DayRow[] = [];
  for (let year = FIRST_YEAR; year < END_YEAR; year += 1) {
    for (let month = 0; month < 12; month += 1) {
      const monthStart = new Date(year, month, 1).getTime();
      const monthEnd = new Date(year, month + 1, 1).getTime();
      const last = new Date(year, month + 1, 0).getDate();
      for (let date = 1; date <= last; date += 1) {
        // dekads: the 1st–10th, the 11th–20th, the 21st to the month's end
        const dekadFirst = date <= 10 ? 1 : date <= 20 ? 11 : 21;
        days.push({
          start: new Date(year, month, date).getTime(),
          end: new Date(year, month, date + 1).getTime(),
          dekad: new Date(year, month, dekadFirst).getTime(),
          dekadEnd: dekadFirst === 21 ? monthEnd : new Date(year, month, dekadFirst + 10).getTime(),
          month: monthStart,
          monthEnd,
        });
      }
    }
  }
  return days;
}

/** The index in the day list of a creation time's day, found by binary search; -1 when undated or outside it. */
function dayIndexOf(days: readonly DayRow[], createdAt: number | null): number {
  if (createdAt === null || days.length === 0 || createdAt < days[0]!.start || createdAt >= days[days.length - 1]!.end) return -1;
  let lo = 0;
  let hi = days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (days[mid]!.start <= createdAt) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface CellAcc {
  key: number[];
  n: number;
  max: Array<number | null>;
  /** metric × 1024 + bin → count, in first-seen order (as the triggers' edits append keys) */
  hist: Map<number, number>;
  /** the charts' t: 0 (hour of day) and 1 (day index) → key → count, in first-seen order */
  time: Map<number, Map<number, number>>;
}

const BIN_SLOT = 1024;
/** Tier and bucket as one number: buckets are epoch ms before 2100 (< 2^42), or -1. */
const TIER_SLOT = 2 ** 44;

/**
 * Rebuilds every rollup from `dialogs` in one pass (after a bulk load, or a
 * migration): the day list for this process's zone, then every cell of every
 * tier. Rows are read in rowid order and each cell's histogram is written as
 * the JSONB the triggers' edits would have left after inserting the same rows
 * in that order, byte for byte (a bulk load is held to that).
 */
export function rebuildSummaryRollups(db: Db): void {
  const days = localDays();
  // status, spam, line and operator → the cells of that key, by tier and bucket
  const byKey = new Map<string, Map<number, CellAcc>>();
  const columns = METRIC_IDS.map((m) => METRIC_COLUMN[m]);
  const rows = db
    .prepare(`SELECT created_at, status_code, spam, line_id, coalesce(operator_id, 0), ${columns.join(', ')} FROM dialogs NOT INDEXED WHERE ${settledSql()}`)
    .raw();
  const buckets = [0, 0, 0, 0];
  for (const row of rows.iterate() as Iterable<Array<number | null>>) {
    const status = row[1] as number;
    const spam = row[2] as number;
    const line = row[3] as number;
    const op = row[4] as number;
    const keyId = `${status}|${spam}|${line}|${op}`;
    let cells = byKey.get(keyId);
    if (!cells) byKey.set(keyId, (cells = new Map()));
    const dayIndex = dayIndexOf(days, row[0] ?? null);
    const day = dayIndex < 0 ? null : days[dayIndex]!;
    // as the triggers' timePathsSql: whole hours since local midnight, at most 23
    const hour = day ? Math.min(23, Math.floor(((row[0] as number) - day.start) / 3_600_000)) : -1;
    buckets[TIER_CODE.all] = 0;
    buckets[TIER_CODE.month] = day?.month ?? UNDATED_BUCKET;
    buckets[TIER_CODE.dekad] = day?.dekad ?? UNDATED_BUCKET;
    buckets[TIER_CODE.day] = day?.start ?? UNDATED_BUCKET;
    for (let tier = 0; tier < 4; tier += 1) {
      const bucket = buckets[tier]!;
      const slot = tier * TIER_SLOT + bucket + 1;
      let cell = cells.get(slot);
      if (!cell) {
        cell = { key: [tier, bucket, status, spam, line, op], n: 0, max: new Array(columns.length).fill(null), hist: new Map(), time: new Map() };
        cells.set(slot, cell);
      }
      cell.n += 1;
      if (day) {
        // hour first, then day: the order the triggers' jsonb_set adds them in
        for (const [key, value] of [[0, hour], [1, dayIndex]] as const) {
          let counts = cell.time.get(key);
          if (!counts) cell.time.set(key, (counts = new Map()));
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
      }
      const { max, hist } = cell;
      for (let i = 0; i < columns.length; i += 1) {
        const value = row[5 + i];
        if (value === null || value === undefined) continue;
        const top = max[i];
        if (top === null || top === undefined || value > top) max[i] = value;
        const at = i * BIN_SLOT + binOf(value);
        hist.set(at, (hist.get(at) ?? 0) + 1);
      }
    }
  }

  db.prepare('DELETE FROM summary_cells').run();
  db.prepare('DELETE FROM summary_days').run();
  db.prepare('DELETE FROM summary_meta').run();
  const insertDay = db.prepare('INSERT INTO summary_days VALUES (?, ?, ?, ?, ?, ?)');
  for (const d of days) insertDay.run(d.start, d.end, d.dekad, d.dekadEnd, d.month, d.monthEnd);
  const insertMeta = db.prepare('INSERT INTO summary_meta (key, value) VALUES (?, ?)');
  insertMeta.run('timeZone', Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'unknown');
  const insertCell = db.prepare(
    `INSERT INTO summary_cells (${KEY_COLUMNS}, n, ${METRIC_IDS.map(maxColumn).join(', ')}, h, t) VALUES (${new Array(KEY_COLUMNS.split(', ').length + 3 + METRIC_IDS.length).fill('?').join(', ')})`,
  );
  for (const cells of byKey.values()) {
    for (const cell of cells.values()) insertCell.run(...cell.key, cell.n, ...cell.max, encodeHistogramJsonb(byMetric(cell.hist)), encodeHistogramJsonb(cell.time));
  }
}

/** metric × 1024 + bin → count as metric → bin → count, metrics and bins each in first-seen order. */
function byMetric(hist: ReadonlyMap<number, number>): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (const [at, count] of hist) {
    const metric = Math.floor(at / BIN_SLOT);
    let bins = out.get(metric);
    if (!bins) out.set(metric, (bins = new Map()));
    bins.set(at % BIN_SLOT, count);
  }
  return out;
}
