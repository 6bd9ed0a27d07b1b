/**
 * What the bar shows of a condition, in the UI language: the choices an
 * "any of" offers (names from `reference:get`, statuses and other fixed
 * values from i18n) and a chip's text — column name, operator, values as the
 * user reads them (names, not ids; minutes, not seconds; local days). Pure.
 */
import { COLUMN_REGISTRY, type ColumnId } from '../../../../shared/domain/columns.ts';
import { isKnownChannel } from '../../../../shared/domain/channels.ts';
import type { FilterCondition } from '../../../../shared/domain/filter.ts';
import { GENERAL_STATUS_IDS, STATUS_DETAIL_IDS, type GeneralStatusId, type StatusDetailId } from '../../../../shared/domain/status.ts';
import type { MessageKey, Translator } from '../../i18n/index.ts';
import { formatDate } from '../../grid/format.ts';
import { formatMinutes } from '../../grid/filter-model.ts';
import { choiceValuesFor, rangeUnitOf, type ChoiceValue, type ReferenceLists } from './fields.ts';

export type { ChoiceValue };

export interface Choice {
  value: ChoiceValue;
  label: string;
}

const PRESET_KEY = { today: 'filter.today', yesterday: 'filter.yesterday', last7days: 'filter.last7days', thisMonth: 'filter.thisMonth' } as const satisfies Record<
  string,
  MessageKey
>;

export const presetLabel = (tr: Translator, preset: keyof typeof PRESET_KEY): string => tr.t(PRESET_KEY[preset]);

export const columnLabel = (tr: Translator, column: ColumnId): string => tr.t(`column.${column}`);

/** What an "any of" on the column offers, with the words for each value; null while its list is loading. */
export function choicesFor(column: ColumnId, tr: Translator, reference: ReferenceLists | null): Choice[] | null {
  const values = choiceValuesFor(column, reference);
  return values && values.map((value) => ({ value, label: choiceLabel(column, value, tr, reference) }));
}

function choiceLabel(column: ColumnId, value: ChoiceValue, tr: Translator, reference: ReferenceLists | null): string {
  const { t } = tr;
  if (value === null) return t('filter.bar.notSet');
  const domain = COLUMN_REGISTRY[column].domain;
  switch (domain.kind) {
    case 'reference':
      if (domain.of === 'lines') return reference?.lines.find((l) => l.id === value)?.name ?? `#${value}`;
      if (domain.of === 'operators') return reference?.operators.find((o) => o.id === value)?.name ?? `#${value}`;
      return typeof value === 'string' && isKnownChannel(value) ? t(`channel.${value}`) : String(value);
    case 'statusDetail':
      return value === 'unknown' ? t('status.unknown') : STATUS_DETAIL_IDS.includes(value as StatusDetailId) ? t(`statusDetail.${value as StatusDetailId}`) : String(value);
    case 'generalStatus':
      return value === 'unknown' ? t('status.unknown') : GENERAL_STATUS_IDS.includes(value as GeneralStatusId) ? t(`status.${value as GeneralStatusId}`) : String(value);
    case 'values':
      return fixedValueLabel(column, String(value), tr);
    default:
      return String(value);
  }
}

function fixedValueLabel(column: ColumnId, value: string, tr: Translator): string {
  const { t } = tr;
  if (column === 'direction' && (value === 'in' || value === 'out')) return t(`direction.${value}`);
  if (column === 'clientRating' && (value === 'like' || value === 'dislike')) return t(`rating.${value}`);
  if (column === 'crm' && (value === 'contact' || value === 'company' || value === 'deal' || value === 'lead' || value === 'activity')) return t(`crm.${value}`);
  return value;
}

/** One value as the user reads it: a name from the list, or the id when the list does not know it (yet). */
export const valueLabel = choiceLabel;

const MAX_LISTED = 3;

function listValues(column: ColumnId, values: readonly ChoiceValue[], tr: Translator, reference: ReferenceLists | null): string {
  const labels = values.map((v) => (COLUMN_REGISTRY[column].domain.kind === 'dialogId' ? String(v) : valueLabel(column, v, tr, reference)));
  if (labels.length <= MAX_LISTED + 1) return labels.join(', ');
  return tr.t('filter.bar.chip.more', { values: labels.slice(0, MAX_LISTED).join(', '), count: labels.length - MAX_LISTED });
}

/** A chip's text for a condition. */
export function describeCondition(condition: FilterCondition, tr: Translator, reference: ReferenceLists | null): string {
  const { t, locale } = tr;
  const column = columnLabel(tr, condition.column);
  switch (condition.op) {
    case 'in':
      if (condition.values.length === 0) return t('filter.bar.chip.inNone', { column });
      return t(condition.values.length === 1 ? 'filter.bar.chip.inOne' : 'filter.bar.chip.in', {
        column,
        values: listValues(condition.column, condition.values, tr, reference),
      });
    case 'contains':
      return t('filter.bar.chip.contains', { column, value: condition.value });
    case 'equals':
      return t('filter.bar.chip.equals', { column, value: condition.value });
    case 'is':
      return t('filter.bar.chip.flag', { column, value: t(condition.value ? 'flag.yes' : 'flag.no') });
    case 'empty':
      return t(condition.value ? 'filter.bar.chip.empty' : 'filter.bar.chip.set', { column });
    case 'datePreset':
      return t('filter.bar.chip.preset', { column, preset: presetLabel(tr, condition.preset) });
    case 'range': {
      const unit = rangeUnitOf(condition.column);
      const show = (v: number): string =>
        unit === 'days'
          ? (formatDate(v, locale) ?? String(v))
          : unit === 'minutes'
            ? t('filter.bar.chip.minutes', { value: formatMinutes(v / 60, locale) ?? String(v) })
            : String(v);
      const { from, to } = condition;
      if (from !== undefined && to !== undefined) return t('filter.bar.chip.between', { column, from: show(from), to: show(to) });
      if (unit === 'days') {
        if (from !== undefined) return t('filter.bar.chip.daysFrom', { column, from: show(from) });
        if (to !== undefined) return t('filter.bar.chip.daysTo', { column, to: show(to) });
      }
      if (from !== undefined) return t('filter.bar.chip.atLeast', { column, value: show(from) });
      if (to !== undefined) return t('filter.bar.chip.atMost', { column, value: show(to) });
      return column;
    }
  }
}
