/**
 * Sums dialogs — read row by row, or as rollup cells — into the summary:
 * counts per status code, and per line and per operator the count, maximum,
 * SLA outcome and distribution of every metric. The overall group is the sum
 * of the line groups (every dialog has exactly one line).
 *
 * Percentiles: where only rows contributed, exact (linear interpolation
 * between the two nearest ranks, as SQLite's percentile()), from the values
 * kept column by column and selected in place. Where a rollup cell
 * contributed, the rows are binned too and the percentile is read from the
 * histogram, with the bounds the exact value lies within.
 */
import type { AggregateGroup, MetricSummary, SlaShare, SlaThresholds } from '../../../../shared/ipc/contract.ts';
import { METRIC_IDS, SLA_METRIC_IDS, type MetricId, type SlaMetricId } from '../../../../shared/domain/metrics.ts';
import { BIN_COUNT, binOf } from './rollup-bins.ts';
import { histogramTriples, histogramTriplesFromText } from './rollup-jsonb.ts';
import { fromHistogram, percentileInPlace } from './rollup-percentiles.ts';
import { METRIC_COLUMN, maxColumn } from './rollup-schema.ts';
import { RUNNING_FIRST_WAIT } from './dialog-columns.ts';
import type { ChartAccumulator } from './chart-data.ts';

const M = METRIC_IDS.length;
const SLA_INDEX = SLA_METRIC_IDS.map((m) => METRIC_IDS.indexOf(m));
/** metric index → its SLA index, or -1 */
const SLA_OF_METRIC = METRIC_IDS.map((m) => (SLA_METRIC_IDS as readonly string[]).indexOf(m));
const NULL_VALUE = -2147483648;

/** The columns a row is read with, in this order (`@now` bound: the running waits are computed in SQL). */
export const ROW_SELECT = [
  'status_code',
  'line_id',
  'operator_id',
  // the running first wait and the running turn, ms, where the client still waits
  `CASE WHEN ${RUNNING_FIRST_WAIT} THEN @now - created_at END`,
  'CASE WHEN waiting_since IS NOT NULL THEN @now - waiting_since END',
  ...METRIC_IDS.map((m) => METRIC_COLUMN[m]),
  // last, for the charts' days and hours
  'created_at',
].join(', ');
const RUNNING: Record<SlaMetricId, number> = { waitFirstAnswer: 3, responseMax: 4 };
const RUNNING_COLUMN = SLA_METRIC_IDS.map((m) => RUNNING[m]);
const FIRST_METRIC = 5;
const CREATED_AT = FIRST_METRIC + M;

/** The columns a cell is read with, in this order. */
export const CELL_SELECT = ['status_code', 'line_id', 'operator_key', 'n', ...METRIC_IDS.map(maxColumn), 'h', 'rowid'].join(', ');
/** CELL_SELECT and the charts' counts `t`. */
export const CELL_CHART_SELECT = `${CELL_SELECT}, t`;
/** The same without the histogram: for the maxima alone. */
export const CELL_MAX_SELECT = ['status_code', 'line_id', 'operator_key', 'n', ...METRIC_IDS.map(maxColumn)].join(', ');

class Group {
  n = 0;
  readonly count = new Float64Array(M);
  readonly max = new Float64Array(M).fill(-Infinity);
  readonly over = new Float64Array(SLA_METRIC_IDS.length);
  readonly measured = new Float64Array(SLA_METRIC_IDS.length);
  /** metric × BIN_COUNT, allocated when a cell contributes */
  hist: Float64Array | null = null;
  /** metrics a cell contributed to: their percentiles come from `hist` */
  readonly binned = new Uint8Array(M);
  readonly key: number | null;
  /** the group's place in its list: rows record it */
  readonly index: number;
  constructor(key: number | null, index: number) {
    this.key = key;
    this.index = index;
  }

  histogram(): Float64Array {
    return (this.hist ??= new Float64Array(M * BIN_COUNT));
  }

  addInto(into: Group): void {
    into.n += this.n;
    for (let i = 0; i < M; i += 1) {
      into.count[i]! += this.count[i]!;
      if (this.max[i]! > into.max[i]!) into.max[i] = this.max[i]!;
      if (this.binned[i]) into.binned[i] = 1;
    }
    for (let s = 0; s < SLA_INDEX.length; s += 1) {
      into.over[s]! += this.over[s]!;
      into.measured[s]! += this.measured[s]!;
    }
    if (this.hist) {
      const h = into.histogram();
      for (let j = 0; j < h.length; j += 1) h[j]! += this.hist[j]!;
    }
  }
}

/** Growable Int32 column. */
class Column {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export interface Names {
  lines: ReadonlyMap<number, string>;
  operators: ReadonlyMap<number, string>;
}

export class SummaryAccumulator {
  readonly statusCounts = new Map<number, number>();
  readonly #lines = new Map<number, Group>();
  readonly #operators = new Map<number | null, Group>();
  readonly #thresholdMs: number[];
  readonly #thresholdBin: number[];
  readonly #thresholds: number[];
  // one cell's totals while it is read
  readonly #cellCounts = new Float64Array(M);
  readonly #cellOver = new Float64Array(SLA_METRIC_IDS.length);
  // every row's values, column by column, and its groups: exact percentiles at the end
  readonly #values = METRIC_IDS.map(() => new Column());
  readonly #rowLine = new Column();
  readonly #rowOperator = new Column();
  #lineList: Group[] = [];
  #operatorList: Group[] = [];

  /** the charts' part, when the summary draws charts: fed the same rows and cells */
  readonly charts: ChartAccumulator | null;

  constructor(sla: SlaThresholds, charts: ChartAccumulator | null = null) {
    this.charts = charts;
    this.#thresholds = SLA_METRIC_IDS.map((m) => sla[m]);
    this.#thresholdMs = this.#thresholds.map((t) => t * 1000);
    this.#thresholdBin = this.#thresholds.map((t) => binOf(t));
  }

  #group<K>(map: Map<K, Group>, key: K, list: Group[]): Group {
    let group = map.get(key);
    if (!group) {
      group = new Group(key as number | null, list.length);
      map.set(key, group);
      list.push(group);
    }
    return group;
  }

  #line(key: number): Group {
    return this.#group(this.#lines, key, this.#lineList);
  }

  #operator(key: number | null): Group {
    return this.#group(this.#operators, key, this.#operatorList);
  }

  /** One dialog, as read with ROW_SELECT. (Runs once per row of a scan: written to allocate nothing.) */
  addRow(row: ReadonlyArray<number | null>): void {
    const status = row[0] as number;
    const line = this.#line(row[1] as number);
    const operator = this.#operator(row[2] as number | null);
    this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
    this.charts?.addRow(row[CREATED_AT], row, FIRST_METRIC);
    this.#rowLine.push(line.index);
    this.#rowOperator.push(operator.index);
    line.n += 1;
    operator.n += 1;
    for (let i = 0; i < M; i += 1) {
      const value = row[FIRST_METRIC + i];
      if (value === null || value === undefined) {
        this.#values[i]!.push(NULL_VALUE);
        continue;
      }
      this.#values[i]!.push(Math.max(-2147483647, Math.min(2147483647, Math.round(value))));
      line.count[i]! += 1;
      operator.count[i]! += 1;
      if (value > line.max[i]!) line.max[i] = value;
      if (value > operator.max[i]!) operator.max[i] = value;
    }
    for (let s = 0; s < SLA_INDEX.length; s += 1) {
      const value = row[FIRST_METRIC + SLA_INDEX[s]!];
      const running = row[RUNNING_COLUMN[s]!];
      const runningOver = running !== null && running !== undefined && running > this.#thresholdMs[s]!;
      const known = value !== null && value !== undefined;
      if (known || runningOver) {
        line.measured[s]! += 1;
        operator.measured[s]! += 1;
        if ((known && value > this.#thresholds[s]!) || runningOver) {
          line.over[s]! += 1;
          operator.over[s]! += 1;
        }
      }
    }
  }

  /**
   * One rollup cell, as read with CELL_SELECT. Its SLA counts are exact only
   * when each threshold is a bin edge (the caller checks, see isBinEdge).
   * With `sign` -1 the cell is taken out again (a range read as all time
   * minus what lies outside it): counts and histograms subtract, maxima do
   * not, so those then come from addCellMax over the range's own cells.
   */
  addCell(cell: ReadonlyArray<unknown>, asText: (rowid: number, column?: 'h' | 't') => string, sign: 1 | -1 = 1, withMax = true): void {
    const status = cell[0] as number;
    const n = (cell[3] as number) * sign;
    if (n === 0) return;
    const opKey = cell[2] as number;
    const line = this.#line(cell[1] as number);
    const operator = this.#operator(opKey === 0 ? null : opKey);
    this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + n);
    line.n += n;
    operator.n += n;
    if (withMax && sign > 0) this.addCellMax(cell);
    else {
      for (let i = 0; i < M; i += 1) {
        if (cell[4 + i] === null) continue;
        line.binned[i] = 1;
        operator.binned[i] = 1;
      }
    }
    const blob = cell[4 + M] as Uint8Array;
    const triples = histogramTriples(blob) ?? histogramTriplesFromText(asText(cell[5 + M] as number));
    // the hot loop of a summary: the two histograms, and this cell's totals kept locally, added to the groups once
    const lh = line.histogram();
    const oh = operator.histogram();
    const counts = this.#cellCounts.fill(0);
    const over = this.#cellOver.fill(0);
    const thresholdBin = this.#thresholdBin;
    for (let t = 0; t < triples.length; t += 3) {
      const metric = triples[t]!;
      const bin = triples[t + 1]!;
      if (metric >= M || bin >= BIN_COUNT) continue;
      const count = triples[t + 2]! * sign;
      const slot = metric * BIN_COUNT + bin;
      lh[slot]! += count;
      oh[slot]! += count;
      counts[metric]! += count;
      const s = SLA_OF_METRIC[metric]!;
      if (s >= 0 && bin > thresholdBin[s]!) over[s]! += count;
    }
    if (this.charts) {
      // before t is decoded: the triples' buffer is reused by the next decode
      this.charts.addBins(triples, sign);
      const rowid = cell[5 + M] as number;
      this.charts.addTime(histogramTriples(cell[6 + M] as Uint8Array) ?? histogramTriplesFromText(asText(rowid, 't')), sign);
    }
    for (let i = 0; i < M; i += 1) {
      const c = counts[i]!;
      if (c === 0) continue;
      line.count[i]! += c;
      operator.count[i]! += c;
      const s = SLA_OF_METRIC[i]!;
      if (s >= 0) {
        line.measured[s]! += c;
        operator.measured[s]! += c;
        line.over[s]! += over[s]!;
        operator.over[s]! += over[s]!;
      }
    }
  }

  /** The maxima of a cell, as read with CELL_MAX_SELECT (or CELL_SELECT): its values are in the groups' histograms already. */
  addCellMax(cell: ReadonlyArray<unknown>): void {
    if ((cell[3] as number) <= 0) return;
    const opKey = cell[2] as number;
    const line = this.#line(cell[1] as number);
    const operator = this.#operator(opKey === 0 ? null : opKey);
    for (let i = 0; i < M; i += 1) {
      const max = cell[4 + i] as number | null;
      if (max === null) continue;
      line.binned[i] = 1;
      operator.binned[i] = 1;
      if (max > line.max[i]!) line.max[i] = max;
      if (max > operator.max[i]!) operator.max[i] = max;
    }
  }

  /** The summary of everything added: the overall group and the groups, each sorted by count, then key. */
  result(names: Names): { total: number; overall: AggregateGroup; byLine: AggregateGroup[]; byOperator: AggregateGroup[] } {
    // first: rows binned into the histograms that need them, so the overall sum includes them
    const exact = this.#exactPercentiles();
    const overall = new Group(null, -1);
    for (const g of this.#lineList) g.addInto(overall);
    const name = (map: ReadonlyMap<number, string>, key: number | null) => (key === null ? '' : (map.get(key) ?? `#${key}`));
    // a group all of whose cells were taken out again is not there
    const sorted = (list: Group[]) =>
      list
        .map((g, i) => [g, i] as const)
        .filter(([g]) => g.n > 0)
        .sort(([a], [b]) => b.n - a.n || compareKeys(a.key, b.key));
    return {
      total: overall.n,
      overall: this.#summary(overall, '', exact.overall),
      byLine: sorted(this.#lineList).map(([g, i]) => this.#summary(g, name(names.lines, g.key), exact.lines[i]!)),
      byOperator: sorted(this.#operatorList).map(([g, i]) => this.#summary(g, name(names.operators, g.key), exact.operators[i]!)),
    };
  }

  #summary(g: Group, name: string, exact: Percentiles): AggregateGroup {
    const metrics = {} as Record<MetricId, MetricSummary>;
    METRIC_IDS.forEach((metric, i) => {
      const count = g.count[i]!;
      const summary: MetricSummary = { count, median: null, p90: null, max: count > 0 ? g.max[i]! : null, approximate: null };
      if (count > 0) {
        if (g.binned[i] && g.hist) {
          const median = fromHistogram(g.hist, i, count, 50, g.max[i]!);
          const p90 = fromHistogram(g.hist, i, count, 90, g.max[i]!);
          summary.median = median.value;
          summary.p90 = p90.value;
          if (median.low !== median.high || p90.low !== p90.high) {
            summary.approximate = { median: { low: median.low, high: median.high }, p90: { low: p90.low, high: p90.high } };
          }
        } else {
          summary.median = exact[i]![0]!;
          summary.p90 = exact[i]![1]!;
        }
      }
      metrics[metric] = summary;
    });
    const sla = {} as Record<SlaMetricId, SlaShare>;
    SLA_METRIC_IDS.forEach((metric, s) => {
      const over = g.over[s]!;
      const measured = g.measured[s]!;
      sla[metric] = { over, measured, share: measured > 0 ? over / measured : null };
    });
    return { key: g.key, name, count: g.n, metrics, sla };
  }

  /**
   * Exact median and p90 of every metric for the overall group and each group
   * from the row values; groups with a binned metric get their row values
   * added to the histogram instead.
   */
  #exactPercentiles(): { overall: Percentiles; lines: Percentiles[]; operators: Percentiles[] } {
    const rows = this.#rowLine.length;
    const lines = this.#lineList.map(() => METRIC_IDS.map(() => [null, null] as [number | null, number | null]));
    const operators = this.#operatorList.map(() => METRIC_IDS.map(() => [null, null] as [number | null, number | null]));
    const overall = METRIC_IDS.map(() => [null, null] as [number | null, number | null]);
    const scratch = new Int32Array(rows);
    for (let i = 0; i < M; i += 1) {
      const values = this.#values[i]!.data;
      // the overall histogram is the sum of the lines': once one is binned, every line's rows go into its histogram
      const anyBinned = this.#lineList.some((g) => g.binned[i]);
      for (const [list, rowGroup, out, binAll] of [
        [this.#lineList, this.#rowLine.data, lines, anyBinned],
        [this.#operatorList, this.#rowOperator.data, operators, false],
      ] as const) {
        // bucket the row values by group (a counting sort), then select within each group's run
        const starts = new Int32Array(list.length + 1);
        for (let r = 0; r < rows; r += 1) if (values[r] !== NULL_VALUE) starts[rowGroup[r]! + 1]! += 1;
        for (let k = 0; k < list.length; k += 1) starts[k + 1]! += starts[k]!;
        const fill = starts.slice(0, list.length);
        for (let r = 0; r < rows; r += 1) {
          const v = values[r]!;
          if (v !== NULL_VALUE) scratch[fill[rowGroup[r]!]!++] = v;
        }
        list.forEach((g, k) => {
          const run = scratch.subarray(starts[k]!, starts[k + 1]!);
          if (g.binned[i] || binAll) {
            const h = g.histogram();
            for (const v of run) h[i * BIN_COUNT + binOf(v)]! += 1;
          }
          if (!g.binned[i] && run.length) out[k]![i] = [percentileInPlace(run, 50), percentileInPlace(run, 90)];
        });
      }
      if (!anyBinned) {
        let n = 0;
        for (let r = 0; r < rows; r += 1) if (values[r] !== NULL_VALUE) scratch[n++] = values[r]!;
        if (n) overall[i] = [percentileInPlace(scratch.subarray(0, n), 50), percentileInPlace(scratch.subarray(0, n), 90)];
      }
    }
    return { overall, lines, operators };
  }
}

type Percentiles = Array<[number | null, number | null]>;

function compareKeys(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}
