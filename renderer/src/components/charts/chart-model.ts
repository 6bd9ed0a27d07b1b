/**
 * What each chart draws and says, from one summary: the AG Charts options,
 * a one-sentence summary and the figures as table rows (the text
 * alternative). Built from the same values, so the canvas, the sentence and
 * the table cannot disagree. Pure: no React, no store.
 */
import type { AgChartOptions } from 'ag-charts-community';
import { GENERAL_STATUS_IDS } from '../../../../shared/domain/status.ts';
import { SLA_METRIC_IDS, type MetricId } from '../../../../shared/domain/metrics.ts';
import type { AggregateGroup, Aggregates, SummaryCharts } from '../../../../shared/ipc/contract.ts';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import { formatShare } from '../../grid/format.ts';

export const CHART_IDS = ['status', 'times', 'hours', 'days', 'operators', 'sla'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** The metrics the distribution chart offers: the client's waits first. */
export const TIME_METRICS = ['waitFirstAnswer', 'firstResponse', 'responseMax', 'responseAvg', 'timeToStart'] as const satisfies readonly MetricId[];
export type TimeMetric = (typeof TIME_METRICS)[number];

/** Operators drawn by name; the rest are in the summary's own table. */
export const OPERATORS_SHOWN = 12;

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** one sentence: the chart's gist, for screen readers (and the tooltip of the figure) */
  summary: string;
  columns: string[];
  rows: Array<{ key: string; cells: string[] }>;
  /** the sum the chart draws (dialogs), for tests and the figure's data attribute */
  total: number;
  options: AgChartOptions;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/** A duration in the largest whole unit that fits, the locale's short unit names ("5 мин", "5 min"). */
export function formatDurationShort(seconds: number, locale: string): string {
  const [unit, size] =
    seconds >= 86_400 && seconds % 3600 === 0 ? (['day', 86_400] as const)
    : seconds >= 3600 && seconds % 60 === 0 ? (['hour', 3600] as const)
    : seconds >= 60 ? (['minute', 60] as const)
    : (['second', 1] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(seconds / size);
}

/** The label of display bin `i` of (edges[i-1], edges[i]]. */
export function binLabel(edges: readonly number[], i: number, tr: Translator): string {
  const d = (s: number) => formatDurationShort(s, tr.locale);
  if (i === 0) return tr.t('charts.times.upTo', { high: d(edges[0]!) });
  if (i >= edges.length) return tr.t('charts.times.above', { low: d(edges[edges.length - 1]!) });
  return tr.t('charts.times.between', { low: d(edges[i - 1]!), high: d(edges[i]!) });
}

export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

const dayFormats = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();
function dayFormat(locale: string): [short: Intl.DateTimeFormat, long: Intl.DateTimeFormat] {
  let formats = dayFormats.get(locale);
  if (!formats) {
    formats = [
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', weekday: 'short' }),
    ];
    dayFormats.set(locale, formats);
  }
  return formats;
}

function localeText(tr: Translator): Record<string, string> {
  const keys = [
    'ariaInitSeriesArea', 'ariaAnnounceHoverDatum', 'ariaAnnounceChart', 'ariaAnnounceStandaloneChart', 'ariaLabelLegend',
    'ariaLabelLegendItem', 'ariaLabelLegendItemUnknown', 'ariaDescriptionLegendItem', 'ariaLabelLegendPagination',
    'ariaLabelLegendPagePrevious', 'ariaLabelLegendPageNext', 'overlayLoadingData', 'overlayNoData', 'overlayNoVisibleSeries',
  ];
  // AG Charts ships no Russian: its few texts these charts can show are ours, in both languages
  return Object.fromEntries(keys.map((k) => [k, tr.t(`charts.ag.${k}` as MessageKey)]));
}

interface Bar {
  label: string;
  value: number;
}

/** A vertical bar chart of labelled counts, with a tooltip in the UI's words. */
function barOptions(bars: Bar[], tr: Translator, xTitle: string, yTitle: string, extra: Partial<Record<'valueFormat', (v: number) => string>> = {}): AgChartOptions {
  const format = extra.valueFormat ?? ((v: number) => formatNumber(v, tr.locale));
  return {
    data: bars,
    locale: { localeText: localeText(tr) },
    animation: { enabled: false },
    legend: { enabled: false },
    series: [
      {
        type: 'bar',
        xKey: 'label',
        yKey: 'value',
        yName: yTitle,
        tooltip: { renderer: ({ datum }: { datum: Bar }) => ({ heading: datum.label, data: [{ label: yTitle, value: format(datum.value) }] }) },
      },
    ],
    axes: {
      x: { type: 'category', position: 'bottom', title: { text: xTitle } },
      y: { type: 'number', position: 'left', title: { text: yTitle }, label: { formatter: ({ value }: { value: number }) => format(value) } },
    },
  } as AgChartOptions;
}

function statusChart(data: Aggregates, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const ids = [...GENERAL_STATUS_IDS, 'unknown' as const].filter((g) => g !== 'unknown' || data.byStatus.unknown > 0);
  const slices = ids.map((g) => ({ label: t(`status.${g}`), value: data.byStatus[g] }));
  const share = (v: number) => formatShare(data.total > 0 ? v / data.total : null, locale) ?? t('value.none');
  return {
    id: 'status',
    title: t('charts.status.title'),
    summary: t('charts.status.summary', {
      total: formatNumber(data.total, locale),
      parts: slices.map((s) => `${s.label} ${formatNumber(s.value, locale)} (${share(s.value)})`).join(', '),
    }),
    columns: [t('charts.status.column'), t('charts.dialogs'), t('charts.share')],
    rows: slices.map((s, i) => ({ key: ids[i]!, cells: [s.label, formatNumber(s.value, locale), share(s.value)] })),
    total: data.total,
    options: {
      data: slices,
      locale: { localeText: localeText(tr) },
      animation: { enabled: false },
      // below the ring, not beside it: at a third of the panel the right-hand legend had half the
      // width and cut the Russian statuses short ("Ожидает отв…"); below, items wrap onto rows
      // and keep their whole names (the tooltip still gives the full text of anything longer)
      legend: { enabled: true, position: 'bottom', spacing: 12, maxHeight: 120, item: { label: { maxLength: 60 }, tooltip: { visible: 'auto' } } },
      series: [
        {
          type: 'donut',
          angleKey: 'value',
          legendItemKey: 'label',
          innerRadiusRatio: 0.6,
          tooltip: {
            renderer: ({ datum }: { datum: Bar }) => ({
              heading: datum.label,
              data: [{ label: t('charts.dialogs'), value: `${formatNumber(datum.value, locale)} (${share(datum.value)})` }],
            }),
          },
        },
      ],
    } as AgChartOptions,
  };
}

function timesChart(charts: SummaryCharts, metric: TimeMetric, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const counts = charts.bins[metric];
  const bars = counts.map((value, i) => ({ label: binLabel(charts.binEdges, i, tr), value }));
  const count = counts.reduce((a, b) => a + b, 0);
  const top = bars.reduce((best, b) => (b.value > best.value ? b : best), bars[0]!);
  const name = t(`column.${metric}`);
  return {
    id: 'times',
    title: t('charts.times.title', { metric: name }),
    summary: t('charts.times.summary', { metric: name, count: formatNumber(count, locale), bin: top.label, top: formatNumber(top.value, locale) }),
    columns: [t('charts.times.axis'), t('charts.dialogs')],
    rows: bars.map((b, i) => ({ key: String(i), cells: [b.label, formatNumber(b.value, locale)] })),
    total: count,
    options: barOptions(bars, tr, t('charts.times.axis'), t('charts.dialogs')),
  };
}

function hoursChart(charts: SummaryCharts, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const bars = charts.byHour.map((value, hour) => ({ label: hourLabel(hour), value }));
  const total = charts.byHour.reduce((a, b) => a + b, 0);
  const top = bars.reduce((best, b) => (b.value > best.value ? b : best), bars[0]!);
  const undated = charts.undated > 0 ? ` ${t('charts.hours.undated', { count: formatNumber(charts.undated, locale) })}` : '';
  return {
    id: 'hours',
    title: t('charts.hours.title'),
    summary: t('charts.hours.summary', { hour: top.label, top: formatNumber(top.value, locale), total: formatNumber(total, locale) }) + undated,
    columns: [t('charts.hours.axis'), t('charts.dialogs')],
    rows: bars.map((b, hour) => ({ key: String(hour), cells: [b.label, formatNumber(b.value, locale)] })),
    total,
    options: barOptions(bars, tr, t('charts.hours.axis'), t('charts.dialogs')),
  };
}

function daysChart(charts: SummaryCharts, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const [short, long] = dayFormat(locale);
  const bars = charts.byDay.map((d) => ({ label: short.format(d.day), value: d.count }));
  const total = bars.reduce((a, b) => a + b.value, 0);
  const topIndex = charts.byDay.reduce((best, d, i) => (d.count > charts.byDay[best]!.count ? i : best), 0);
  const first = charts.byDay[0];
  const last = charts.byDay[charts.byDay.length - 1];
  return {
    id: 'days',
    title: t('charts.days.title'),
    summary:
      first && last
        ? t('charts.days.summary', {
            days: formatNumber(charts.byDay.length, locale),
            first: long.format(first.day),
            last: long.format(last.day),
            top: long.format(charts.byDay[topIndex]!.day),
            topCount: formatNumber(charts.byDay[topIndex]!.count, locale),
          })
        : t('charts.empty'),
    columns: [t('charts.days.axis'), t('charts.dialogs')],
    rows: charts.byDay.map((d) => ({ key: String(d.day), cells: [long.format(d.day), formatNumber(d.count, locale)] })),
    total,
    options: barOptions(bars, tr, t('charts.days.axis'), t('charts.dialogs')),
  };
}

const operatorName = (g: AggregateGroup, tr: Translator) => (g.key === null ? tr.t('summary.noOperator') : g.name);

function operatorsChart(data: Aggregates, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const shown = data.byOperator.slice(0, OPERATORS_SHOWN);
  const bars = shown.map((g) => ({ label: operatorName(g, tr), value: g.count }));
  const busiest = bars[0];
  const more = data.byOperator.length > shown.length ? ` ${t('charts.operators.more', { shown: shown.length, total: data.byOperator.length })}` : '';
  return {
    id: 'operators',
    title: t('charts.operators.title'),
    summary: busiest
      ? t('charts.operators.summary', { operators: formatNumber(data.byOperator.length, locale), name: busiest.label, count: formatNumber(busiest.value, locale) }) + more
      : t('charts.empty'),
    columns: [t('charts.operators.column'), t('charts.dialogs')],
    rows: shown.map((g, i) => ({ key: String(g.key), cells: [bars[i]!.label, formatNumber(g.count, locale)] })),
    total: bars.reduce((a, b) => a + b.value, 0),
    options: barOptions(bars, tr, t('charts.operators.column'), t('charts.dialogs')),
  };
}

function slaChart(data: Aggregates, tr: Translator): ChartSpec {
  const { t, locale } = tr;
  const shown = data.byOperator.slice(0, OPERATORS_SHOWN);
  const pct = (share: number | null) => formatShare(share, locale) ?? t('charts.sla.notMeasured');
  const seriesName = (m: (typeof SLA_METRIC_IDS)[number]) =>
    t('charts.sla.series', { metric: t(`column.${m}`), threshold: formatDurationShort(data.sla[m], locale) });
  const rows = shown.map((g) => {
    const datum: Record<string, string | number | null> = { label: operatorName(g, tr) };
    // a share as a percentage; not measured stays a gap, not a zero
    for (const m of SLA_METRIC_IDS) datum[m] = g.sla[m].share === null ? null : g.sla[m].share! * 100;
    return { g, datum };
  });
  const [a, b] = SLA_METRIC_IDS;
  return {
    id: 'sla',
    title: t('charts.sla.title'),
    summary: t('charts.sla.summary', {
      first: pct(data.overall.sla[a].share),
      firstThreshold: formatDurationShort(data.sla[a], locale),
      firstMetric: t(`column.${a}`),
      second: pct(data.overall.sla[b].share),
      secondThreshold: formatDurationShort(data.sla[b], locale),
      secondMetric: t(`column.${b}`),
    }),
    columns: [t('charts.operators.column'), ...SLA_METRIC_IDS.map(seriesName)],
    rows: rows.map(({ g, datum }) => ({ key: String(g.key), cells: [String(datum.label), ...SLA_METRIC_IDS.map((m) => pct(g.sla[m].share))] })),
    total: shown.reduce((sum, g) => sum + g.count, 0),
    options: {
      data: rows.map((r) => r.datum),
      locale: { localeText: localeText(tr) },
      animation: { enabled: false },
      legend: { enabled: true, position: 'bottom', item: { label: { maxLength: 60 }, tooltip: { visible: 'auto' } } },
      series: SLA_METRIC_IDS.map((m) => ({
        type: 'bar',
        xKey: 'label',
        yKey: m,
        yName: seriesName(m),
        tooltip: {
          renderer: ({ datum }: { datum: Record<string, string | number | null> }) => {
            const group = rows.find((r) => r.datum === datum)?.g;
            const share = group?.sla[m];
            return {
              heading: String(datum.label),
              data: [
                { label: seriesName(m), value: share ? `${pct(share.share)} (${formatNumber(share.over, locale)} / ${formatNumber(share.measured, locale)})` : '' },
              ],
            };
          },
        },
      })),
      axes: {
        x: { type: 'category', position: 'bottom', title: { text: t('charts.operators.column') } },
        y: { type: 'number', position: 'left', min: 0, max: 100, title: { text: t('charts.share') }, label: { formatter: ({ value }: { value: number }) => pct(value / 100) } },
      },
    } as AgChartOptions,
  };
}

/** Every chart of a summary that carries its charts' part, in display order. */
export function chartSpecs(data: Aggregates, charts: SummaryCharts, metric: TimeMetric, tr: Translator): ChartSpec[] {
  return [statusChart(data, tr), timesChart(charts, metric, tr), hoursChart(charts, tr), daysChart(charts, tr), operatorsChart(data, tr), slaChart(data, tr)];
}
