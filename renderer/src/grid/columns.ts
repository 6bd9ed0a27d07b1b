/**
 * AG Grid column definitions, built from the column registry (shared
 * COLUMNS, through column-spec.ts): header from i18n, a formatter per column
 * type, sortability from the registry (the datasource sorts in SQL), a filter
 * where the registry offers a range (SQL filters too: see column-filters.ts),
 * and width/visibility/order from the saved column state.
 * Built once per grid mount; the grid is remounted when the language changes.
 */
import type { CellClassRules, ColDef, RowClassRules, ValueFormatterParams } from 'ag-grid-community';
import type { ColumnStateEntry } from '../../../shared/ipc/contract.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { COLUMNS, type ColumnDef, type ColumnId } from '../../../shared/domain/columns.ts';
import { isKnownChannel } from '../../../shared/domain/channels.ts';
import { METRIC_IDS, type MetricId } from '../../../shared/domain/metrics.ts';
import type { SortSpec } from '../../../shared/domain/filter.ts';
import type { Translator } from '../i18n/index.ts';
import { useGridStore } from '../store/grid.ts';
import { formatDateTime, formatDateTimeCompact, formatDuration } from './format.ts';
import { normaliseEntries } from './column-state.ts';
import { gridColumnSpec } from './column-spec.ts';
import { filterLocaleText, filterPropsFor } from './column-filters.ts';
import { isFirstWaitRunning, slaLevel, waitFirstAnswerNow, waitingLevel, waitingNow } from './live.ts';
import { ActionsCell, CrmCell, DialogNumberCell, PageUrlCell, StatusBadgeCell } from '../components/cells.tsx';

export type Col = ColDef<DialogListItem>;
type Fmt = ValueFormatterParams<DialogListItem>;

const METRICS: ReadonlySet<string> = new Set(METRIC_IDS);
export const isMetricColumn = (colId: string | undefined): colId is MetricId => colId !== undefined && METRICS.has(colId);

function none(tr: Translator, p: Fmt): string {
  // a row still loading has no data: its cells say so to screen readers and show a
  // skeleton bar on screen (styles.css, .ols-row-loading), never "—" or nothing
  return p.data ? tr.t('value.none') : tr.t('grid.rowLoading');
}

function formatterFor(def: ColumnDef, tr: Translator): Col['valueFormatter'] {
  const { t } = tr;
  switch (def.type) {
    case 'date':
      return (p: Fmt) => (typeof p.value === 'number' ? (formatDateTimeCompact(p.value, tr.locale) ?? '') : none(tr, p));
    case 'duration':
      return (p: Fmt) => (typeof p.value === 'number' ? (formatDuration(p.value) ?? '') : none(tr, p));
    case 'flag':
      return (p: Fmt) => (typeof p.value === 'boolean' ? t(p.value ? 'flag.yes' : 'flag.no') : none(tr, p));
    case 'rating':
      return (p: Fmt) => {
        const value: unknown = p.value;
        return value === 'like' || value === 'dislike' ? t(`rating.${value}`) : none(tr, p);
      };
    default:
      break;
  }
  switch (def.id) {
    case 'direction':
      return (p: Fmt) => {
        const value: unknown = p.value;
        return value === 'in' || value === 'out' ? t(`direction.${value}`) : none(tr, p);
      };
    case 'channel':
      return (p: Fmt) => {
        if (typeof p.value !== 'string' || p.value === '') return none(tr, p);
        return isKnownChannel(p.value) ? t(`channel.${p.value}`) : p.value;
      };
    case 'supervisorRating':
      return (p: Fmt) => (typeof p.value === 'number' ? '★'.repeat(p.value) + '☆'.repeat(Math.max(0, 5 - p.value)) : none(tr, p));
    case 'id':
      // no thousands separators: it is a number to quote, not a quantity
      return (p: Fmt) => (typeof p.value === 'number' ? String(p.value) : none(tr, p));
    default:
      return (p: Fmt) => (p.value === null || p.value === undefined || p.value === '' ? none(tr, p) : String(p.value));
  }
}

/** Colour a finished metric red when it is over its SLA threshold. */
function slaRulesFor(id: ColumnId): CellClassRules<DialogListItem> | undefined {
  if (id === 'waitFirstAnswer') {
    return {
      'ols-live': (p) => p.data !== undefined && isFirstWaitRunning(p.data),
      // amber is an early warning, so only while the wait still runs; a finished value is over or not
      'ols-sla-warn': (p) =>
        p.data !== undefined &&
        isFirstWaitRunning(p.data) &&
        slaLevel(waitFirstAnswerNow(p.data), useGridStore.getState().sla.waitFirstAnswer) === 'warn',
      'ols-sla-breach': (p) =>
        p.data !== undefined && slaLevel(waitFirstAnswerNow(p.data), useGridStore.getState().sla.waitFirstAnswer) === 'breach',
    };
  }
  if (id === 'waitingNow') {
    // the client's current wait, judged against the first-answer threshold (live.ts)
    return {
      'ols-live': (p) => p.data !== undefined && p.data.waitingSince !== null,
      'ols-sla-warn': (p) => p.data !== undefined && waitingLevel(p.data, useGridStore.getState().sla) === 'warn',
      'ols-sla-breach': (p) => p.data !== undefined && waitingLevel(p.data, useGridStore.getState().sla) === 'breach',
    };
  }
  if (id === 'responseMax') {
    return {
      'ols-sla-breach': (p) => p.data !== undefined && slaLevel(p.data.responseMax, useGridStore.getState().sla.responseMax) === 'breach',
    };
  }
  return undefined;
}

function columnFor(def: ColumnDef, entry: ColumnStateEntry | undefined, tr: Translator, sort: SortSpec): Col {
  const header = tr.t(`column.${def.id}`);
  const spec = gridColumnSpec(def, entry, sort);
  const col: Col = {
    colId: spec.colId,
    headerName: header,
    headerTooltip: header,
    initialWidth: spec.initialWidth,
    initialHide: spec.initialHide,
    initialPinned: spec.initialPinned,
    sortable: spec.sortable,
    sortingOrder: spec.sortingOrder,
    valueFormatter: formatterFor(def, tr),
    cellClass: spec.cellClass,
    ...filterPropsFor(def, tr),
  };
  if (spec.initialSort) col.initialSort = spec.initialSort;
  // live columns (waitingNow) are computed from the row by a getter; the actions menu has no value
  if (spec.field) col.field = spec.field;

  if (def.type === 'date') {
    // the cell drops the current year; the tooltip has the full date
    col.tooltip = (p) => (typeof p.value === 'number' ? formatDateTime(p.value, tr.locale) : null);
  }
  if (def.id === 'waitingNow') {
    // a live timer, not a metric: nothing to explain, so no pointer and no explain hint
    col.cellClass = ['ols-type-duration', 'ols-waiting-now'];
    col.cellClassRules = slaRulesFor(def.id);
    col.valueGetter = (p) => (p.data ? waitingNow(p.data) : null);
  } else if (def.type === 'duration') {
    col.cellClass = ['ols-type-duration', 'ols-metric'];
    col.cellClassRules = slaRulesFor(def.id);
    col.tooltip = () => tr.t('grid.explainHint');
    if (def.id === 'waitFirstAnswer') col.valueGetter = (p) => (p.data ? waitFirstAnswerNow(p.data) : null);
  }
  if (def.id === 'status' || def.id === 'statusDetail') col.cellRenderer = StatusBadgeCell;
  if (def.id === 'crm') col.cellRenderer = CrmCell;
  if (def.id === 'id') col.cellRenderer = DialogNumberCell;
  if (def.id === 'pageUrl') col.cellRenderer = PageUrlCell;
  if (def.id === 'actions') {
    col.cellRenderer = ActionsCell;
    col.resizable = false;
  }
  if (def.id === 'supervisorRating') {
    col.tooltip = (p) => (typeof p.value === 'number' ? tr.t('supervisorRating.value', { rating: p.value }) : null);
  }
  if (def.id === 'client' || def.id === 'supervisorComment' || def.id === 'line') {
    col.tooltip = (p) => (typeof p.value === 'string' ? p.value : null);
  }
  return col;
}

const DEFINITION = new Map(COLUMNS.map((c) => [c.id, c]));

/** Column defs in the saved display order (every column of COLUMNS, each once). */
export function buildColumnDefs(tr: Translator, entries: readonly ColumnStateEntry[], sort: SortSpec): Col[] {
  return normaliseEntries(entries).flatMap((entry) => {
    const def = DEFINITION.get(entry.id);
    return def ? [columnFor(def, entry, tr, sort)] : [];
  });
}

/**
 * The infinite row model gives a row whose block is still loading no data (AG Grid's
 * skeleton cells are only for stub rows of the client- and server-side models), so the
 * placeholder is ours: this class, and a skeleton bar per cell in styles.css.
 */
export const loadingRowClassRules: RowClassRules<DialogListItem> = {
  'ols-row-loading': (p) => p.data === undefined,
};

/** AG Grid's own visible texts, in the UI language. */
export function gridLocaleText(tr: Translator): Record<string, string> {
  const { t } = tr;
  return {
    loadingOoo: t('grid.loading'),
    noRowsToShow: t('grid.noRows'),
    noMatchingRows: t('grid.noRows'),
    loadingError: t('grid.loadError'),
    ariaSortableColumn: t('grid.ariaSortable'),
    ariaSkeletonCellLoading: t('grid.ariaRowLoading'),
    ariaSkeletonCellLoadingFailed: t('grid.ariaRowFailed'),
    ariaDeferSkeletonCellLoading: t('grid.ariaCellLoading'),
    ...filterLocaleText(tr),
  };
}
