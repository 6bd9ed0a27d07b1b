/**
 * A day typed in the app language's own format (grid/day-format.ts), for the
 * filter bar's date ranges and the audit log's: the value in and out is ISO yyyy-mm-dd, or the
 * raw text while it is not a day yet (the field is then marked invalid, as a
 * number box with letters is). What the user types stays as typed until the
 * box loses focus, which writes it the locale's way.
 */
import { useEffect, useState } from 'react';
import type { Translator } from '../i18n/index.ts';
import { dayPlaceholder, formatDay, parseDay } from '../grid/day-format.ts';

interface Props {
  value: string;
  label: string;
  tr: Translator;
  className?: string;
  invalid?: boolean;
  /** data-* attributes for the input (a test id, a focus mark) */
  data?: Record<`data-${string}`, string | boolean>;
  onChange(value: string): void;
}

export function DayInput({ value, label, tr, className, invalid, data, onChange }: Props) {
  const { locale, t } = tr;
  const [text, setText] = useState(() => formatDay(value, locale));
  // a value set from outside (a preset, a header filter, the language switched) replaces the text
  useEffect(() => {
    setText((current) => (parseDay(current, locale) === value || current === value ? current : formatDay(value, locale)));
  }, [value, locale]);
  const placeholder = dayPlaceholder(locale, { day: t('filter.bar.dayLetters'), month: t('filter.bar.monthLetters'), year: t('filter.bar.yearLetters') });
  return (
    <input
      type="text"
      className={className}
      inputMode="numeric"
      value={text}
      placeholder={placeholder}
      aria-label={label}
      aria-description={t('filter.bar.dayFormat', { format: placeholder })}
      aria-invalid={invalid || undefined}
      maxLength={10}
      size={10}
      {...data}
      onChange={(e) => {
        setText(e.target.value);
        const typed = e.target.value.trim();
        onChange(typed === '' ? '' : (parseDay(typed, locale) ?? typed));
      }}
      onBlur={() => {
        const day = parseDay(text, locale);
        if (day) setText(formatDay(day, locale));
      }}
    />
  );
}
