/**
 * The grid's column filters: a number filter in minutes on every duration
 * column (the metrics and waitingNow) and a date filter (range + presets) on
 * every date column — those whose registry row takes a range — each with a
 * floating filter. The grid only collects the model; ./filter-model.ts turns
 * it into SQL conditions, so these params are about input and labels only.
 */
import type { ColDef, IDateFilterParams, INumberFilterParams } from 'ag-grid-community';
import type { ColumnDef } from '../../../shared/domain/columns.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import type { Translator } from '../i18n/index.ts';
import { DATE_PRESET_OPTIONS, DATE_RANGE_OPTIONS, DURATION_FILTER_OPTIONS, filterKindOf, formatMinutes, parseMinutes } from './filter-model.ts';

type FilterProps = Pick<ColDef<DialogListItem>, 'filter' | 'filterParams' | 'floatingFilter' | 'floatingFilterComponentParams'>;

/** typing pauses this long before the query runs: one query per value, not per key */
const DEBOUNCE_MS = 500;

function durationFilter(tr: Translator): FilterProps {
  const filterParams: INumberFilterParams<DialogListItem> = {
    filterOptions: [...DURATION_FILTER_OPTIONS],
    defaultOption: 'greaterThanOrEqual',
    inRangeInclusive: true,
    // DialogFilter ANDs conditions; one per column keeps the menu simple and never needs OR
    maxNumConditions: 1,
    // digits and one decimal separator: a Russian keyboard types a comma
    allowedCharPattern: '\\d.,',
    numberParser: (text) => parseMinutes(text),
    numberFormatter: (value) => formatMinutes(value, tr.locale),
    filterPlaceholder: tr.t('filter.minutesPlaceholder'),
    buttons: ['reset'],
    debounceMs: DEBOUNCE_MS,
  };
  return {
    filter: 'agNumberColumnFilter',
    floatingFilter: true,
    filterParams,
    // what typing into the header box means: "at least this many minutes"
    floatingFilterComponentParams: { filterPlaceholder: tr.t('filter.floatingMinutes') },
  };
}

/**
 * "DD.MM" / "MM/DD" / "DD/MM" as the UI locale writes a day: the header box is
 * narrow, so a "between" reads "20.11-23.11" there (the popup has full dates).
 */
function dayMonthFormat(locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit' })
    .formatToParts(new Date(2000, 10, 23))
    .map((part) => (part.type === 'day' ? 'DD' : part.type === 'month' ? 'MM' : part.value))
    .join('');
}

function dateFilter(tr: Translator): FilterProps {
  const filterParams: IDateFilterParams = {
    filterOptions: [...DATE_RANGE_OPTIONS, ...(Object.keys(DATE_PRESET_OPTIONS) as Array<keyof typeof DATE_PRESET_OPTIONS>)],
    defaultOption: 'inRange',
    inRangeInclusive: true,
    maxNumConditions: 1,
    // whole local days: the time of day is not part of the filter (filter-model.ts)
    includeTime: false,
    browserDatePicker: true,
    minValidYear: 2000,
    inRangeFloatingFilterDateFormat: dayMonthFormat(tr.locale),
    buttons: ['reset'],
    debounceMs: DEBOUNCE_MS,
  };
  return { filter: 'agDateColumnFilter', floatingFilter: true, filterParams };
}

/** Filter props for a column, from its registry row, or none (every other column stays unfiltered for now). */
export function filterPropsFor(def: ColumnDef, tr: Translator): FilterProps {
  const kind = filterKindOf(def);
  if (kind === 'duration') return durationFilter(tr);
  if (kind === 'date') return dateFilter(tr);
  return { filter: false, floatingFilter: false };
}

/** AG Grid's own filter texts (the options we use, the buttons, the menu's aria labels). */
export function filterLocaleText(tr: Translator): Record<string, string> {
  const { t } = tr;
  return {
    filterOoo: t('filter.placeholder'),
    applyFilter: t('filter.apply'),
    resetFilter: t('filter.reset'),
    clearFilter: t('filter.reset'),
    cancelFilter: t('filter.cancel'),
    ariaLabelInputClear: t('filter.reset'),
    numberFilter: t('filter.number'),
    dateFilter: t('filter.date'),
    empty: t('filter.choose'),
    greaterThanOrEqual: t('filter.atLeast'),
    lessThanOrEqual: t('filter.atMost'),
    inRange: t('filter.between'),
    inRangeStart: t('filter.from'),
    inRangeEnd: t('filter.to'),
    // the date filter's names for greaterThan / lessThan, which we map inclusively
    after: t('filter.onOrAfter'),
    before: t('filter.onOrBefore'),
    today: t('filter.today'),
    yesterday: t('filter.yesterday'),
    last7Days: t('filter.last7days'),
    thisMonth: t('filter.thisMonth'),
    dateFormatOoo: t('filter.dateFormat'),
    andCondition: t('filter.and'),
    orCondition: t('filter.or'),
    filterSummaryGreaterThanOrEqual: '≥',
    filterSummaryLessThanOrEqual: '≤',
    filterSummaryInRange: t('filter.summaryBetween'),
    ariaFilterInput: t('filter.ariaInput'),
    ariaFilterValue: t('filter.ariaValue'),
    ariaFilterFromValue: t('filter.ariaFrom'),
    ariaFilterToValue: t('filter.ariaTo'),
    ariaFilteringOperator: t('filter.ariaOperator'),
    ariaFilterColumn: t('filter.ariaColumn'),
    ariaMenuColumn: t('filter.ariaMenu'),
    ariaFilterMenuOpen: t('filter.ariaMenuOpen'),
    ariaColumnFiltered: t('filter.ariaFiltered'),
    ariaDateFilterInput: t('filter.ariaDateInput'),
    ariaLabelColumnFilter: t('filter.ariaPopup'),
  };
}
