/**
 * "Any of" for enums, lines, channels and people: a button that opens a small
 * dialog with a search box and a checkbox per choice. Keyboard: the search box
 * takes focus, Enter ticks the first match, Tab reaches the boxes, Esc closes
 * and gives focus back to the button (and does not clear the bar).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnId } from '../../../../shared/domain/columns.ts';
import type { Translator } from '../../i18n/index.ts';
import { useGridStore } from '../../store/grid.ts';
import { choicesFor, columnLabel, valueLabel, type ChoiceValue } from './describe.ts';

/** folded for matching: case and ё/е do not matter to someone typing a name */
const fold = (text: string): string => text.toLocaleLowerCase().replaceAll('ё', 'е');

interface Props {
  column: ColumnId;
  values: ChoiceValue[];
  invalid: boolean;
  tr: Translator;
  onChange(values: ChoiceValue[]): void;
}

export function AnyOfPicker({ column, values, invalid, tr, onChange }: Props) {
  const { t } = tr;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogId = useId();
  const reference = useGridStore((s) => s.filterChoices);
  const referenceError = useGridStore((s) => s.filterChoicesError);
  const choices = choicesFor(column, tr, reference);
  const name = columnLabel(tr, column);

  const close = (): void => {
    setOpen(false);
    setQuery('');
    buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const toggle = (value: ChoiceValue, on: boolean): void =>
    onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));

  const shown = (choices ?? []).filter((c) => fold(c.label).includes(fold(query.trim())));
  const summary =
    values.length === 0
      ? t('filter.bar.choose')
      : values.length <= 2
        ? values.map((v) => valueLabel(column, v, tr, reference)).join(', ')
        : t('filter.bar.chosen', { count: values.length });

  return (
    <div className="ols-anyof" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="ols-button ols-anyof-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        aria-invalid={invalid || undefined}
        aria-label={`${t('filter.bar.chooseFor', { column: name })}: ${summary}`}
        data-testid="filter-anyof-button"
        onClick={() => (open ? close() : setOpen(true))}
      >
        {summary}
      </button>
      {open && (
        <div
          id={dialogId}
          className="ols-popover ols-anyof-popover"
          role="dialog"
          aria-label={t('filter.bar.chooseFor', { column: name })}
          data-testid="filter-anyof"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // the picker's Esc closes the picker; the bar's Esc (clear) is for outside it
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <input
            type="search"
            className="ols-anyof-search"
            autoFocus
            value={query}
            aria-label={t('filter.bar.searchIn', { column: name })}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter ticks the first match rather than submitting the bar half-chosen
              if (e.key === 'Enter') {
                e.preventDefault();
                const first = shown[0];
                if (first) toggle(first.value, !values.includes(first.value));
              }
            }}
          />
          {choices === null && !referenceError && <p className="ols-muted">{t('filter.bar.loadingChoices')}</p>}
          {choices === null && referenceError && (
            <p className="ols-error" role="alert">
              {t('filter.bar.choicesError', { message: referenceError })}{' '}
              <button type="button" className="ols-button ols-button--small" onClick={() => void useGridStore.getState().loadFilterChoices()}>
                {t('filter.bar.retry')}
              </button>
            </p>
          )}
          {choices !== null && shown.length === 0 && <p className="ols-muted">{t('filter.bar.noMatches')}</p>}
          <ul className="ols-anyof-list">
            {shown.map((choice) => (
              <li key={String(choice.value)}>
                <label>
                  <input type="checkbox" checked={values.includes(choice.value)} onChange={(e) => toggle(choice.value, e.target.checked)} />
                  {choice.label}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="ols-button ols-button--small" onClick={close}>
            {t('filter.bar.done')}
          </button>
        </div>
      )}
    </div>
  );
}
