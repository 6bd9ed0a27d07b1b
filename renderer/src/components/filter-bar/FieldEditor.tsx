/**
 * One field of the bar: its column, an operator from the column's registry
 * row, and the value boxes that operator needs. Every control is named after
 * the column it belongs to, so a screen reader says "Condition for Open line".
 */
import type { ReactNode } from 'react';
import { COLUMN_REGISTRY } from '../../../../shared/domain/columns.ts';
import { DATE_PRESETS } from '../../../../shared/domain/filter.ts';
import type { Translator } from '../../i18n/index.ts';
import { AnyOfPicker } from './AnyOfPicker.tsx';
import { DayInput } from '../DayInput.tsx';
import { columnLabel, presetLabel } from './describe.ts';
import { operatorsFor, rangeUnitOf, type Field, type UiOp } from './fields.ts';

interface Props {
  field: Field;
  invalid: boolean;
  autoFocus: boolean;
  tr: Translator;
  onChange(field: Field): void;
  onRemove(): void;
}

export function FieldEditor({ field, invalid, autoFocus, tr, onChange, onRemove }: Props) {
  const { t } = tr;
  const column = columnLabel(tr, field.column);
  const set = (patch: Partial<Field>): void => onChange({ ...field, ...patch });
  const unit = rangeUnitOf(field.column);
  const aria = { 'aria-invalid': invalid || undefined };

  const numberBox = (key: 'from' | 'to', label: string) =>
    unit === 'days' ? (
      <DayInput className="ols-filter-input ols-filter-input--short" value={field[key]} label={label} tr={tr} invalid={invalid} onChange={(day) => set({ [key]: day })} />
    ) : (
    <input
      type="text"
      className="ols-filter-input ols-filter-input--short"
      inputMode="decimal"
      value={field[key]}
      aria-label={label}
      {...aria}
      onChange={(e) => set({ [key]: e.target.value })}
    />
    );

  const minutes = unit === 'minutes';
  let editor: ReactNode = null;
  switch (field.op) {
    case 'anyOf':
      editor =
        COLUMN_REGISTRY[field.column].domain.kind === 'dialogId' ? (
          <input
            type="text"
            className="ols-filter-input"
            value={field.text}
            placeholder={t('filter.bar.idsPlaceholder')}
            aria-label={t('filter.bar.idsFor', { column })}
            maxLength={2000}
            {...aria}
            onChange={(e) => set({ text: e.target.value })}
          />
        ) : (
          <AnyOfPicker column={field.column} values={field.values} invalid={invalid} tr={tr} onChange={(values) => set({ values })} />
        );
      break;
    case 'contains':
    case 'equals':
      editor = (
        <input
          type="text"
          className="ols-filter-input"
          value={field.text}
          // the services take at most 500 characters of text in a condition
          maxLength={500}
          aria-label={t('filter.bar.valueFor', { column })}
          {...aria}
          onChange={(e) => set({ text: e.target.value })}
        />
      );
      break;
    case 'datePreset':
      editor = (
        <select className="ols-filter-select" value={field.preset} aria-label={t('filter.bar.periodFor', { column })} onChange={(e) => set({ preset: e.target.value as Field['preset'] })}>
          {DATE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {presetLabel(tr, p)}
            </option>
          ))}
        </select>
      );
      break;
    case 'dateBetween':
      editor = (
        <>
          {numberBox('from', t('filter.bar.dayFromFor', { column }))}
          <span aria-hidden="true">–</span>
          {numberBox('to', t('filter.bar.dayToFor', { column }))}
        </>
      );
      break;
    case 'atLeast':
    case 'atMost':
      editor = (
        <>
          {numberBox('from', minutes ? t('filter.bar.minutesFor', { column }) : t('filter.bar.valueFor', { column }))}
          {minutes && <span className="ols-muted">{t('filter.bar.minutesUnit')}</span>}
        </>
      );
      break;
    case 'between':
      editor = (
        <>
          {numberBox('from', minutes ? t('filter.bar.minutesFromFor', { column }) : t('filter.bar.fromFor', { column }))}
          <span aria-hidden="true">–</span>
          {numberBox('to', minutes ? t('filter.bar.minutesToFor', { column }) : t('filter.bar.toFor', { column }))}
          {minutes && <span className="ols-muted">{t('filter.bar.minutesUnit')}</span>}
        </>
      );
      break;
    default:
      // yes / no / is empty / is set: the operator is the whole condition
      break;
  }

  return (
    <div
      className={`ols-filter-field${invalid ? ' ols-filter-field--invalid' : ''}`}
      role="group"
      aria-label={t('filter.bar.field', { column })}
      data-testid="filter-field"
      data-column={field.column}
    >
      <span className="ols-filter-field-name">{column}</span>
      <select
        className="ols-filter-select"
        value={field.op}
        autoFocus={autoFocus}
        aria-label={t('filter.bar.operatorFor', { column })}
        data-testid="filter-field-op"
        onChange={(e) => set({ op: e.target.value as UiOp })}
      >
        {operatorsFor(field.column).map((op) => (
          <option key={op} value={op}>
            {t(`filter.bar.op.${op}`)}
          </option>
        ))}
      </select>
      {editor}
      <button type="button" className="ols-icon-button ols-filter-remove" aria-label={t('filter.bar.removeField', { column })} title={t('filter.bar.removeField', { column })} onClick={onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
