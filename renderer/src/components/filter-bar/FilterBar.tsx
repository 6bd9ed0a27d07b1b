/**
 * Filter + search (spec §5), the row under the toolbar. "Add field" offers
 * every filterable column; each field gets the operators of its type; the
 * match switch says whether the fields must all hold or any one (an any-of
 * group); Find applies; chips show what is applied and remove one condition
 * each; Esc (anywhere in the bar outside an open picker) or Reset clears it.
 *
 * The bar edits the store's filter and nothing else: its fields are re-read
 * from the filter whenever the filter changes from outside (a preset, a header
 * filter, a chip), so the fields, the chips, the headers and the rows always
 * describe the same dialogs.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ColumnId } from '../../../../shared/domain/columns.ts';
import type { DialogFilter, GroupOp } from '../../../../shared/domain/filter.ts';
import { useT } from '../../store/app.ts';
import { useGridStore } from '../../store/grid.ts';
import { Chips } from './Chips.tsx';
import { columnLabel } from './describe.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { barPartOf, conditionToField, FILTERABLE_COLUMNS, fieldToCondition, newField, withBarPart, withoutCondition, type ConditionAt, type Field } from './fields.ts';

interface Draft {
  match: GroupOp;
  fields: Field[];
}

function draftOf(filter: DialogFilter, locale: string): Draft {
  const part = barPartOf(filter);
  return { match: part.match, fields: part.conditions.map((c) => conditionToField(c, locale)) };
}

const MATCHES: readonly GroupOp[] = ['all', 'any'];

/** `leading` is the slot at the start of the bar for the quick search box (QuickSearch.tsx, mounted by the lead). */
export function FilterBar({ leading }: { leading?: ReactNode }) {
  const tr = useT();
  const { t, locale } = tr;
  const filter = useGridStore((s) => s.filter);
  const reference = useGridStore((s) => s.filterChoices);
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter, locale));
  const [invalid, setInvalid] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState('');
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const addRef = useRef<HTMLSelectElement>(null);
  // the filter this bar itself applied last: its fields already say it, keep them (and the focus)
  const appliedRef = useRef<DialogFilter>(filter);

  useEffect(() => {
    if (useGridStore.getState().filterChoices === null) void useGridStore.getState().loadFilterChoices();
  }, []);

  useEffect(() => {
    if (filter === appliedRef.current) return;
    appliedRef.current = filter;
    setDraft(draftOf(filter, locale));
    setInvalid(new Set());
    // re-read only when the filter changes, not on a language switch mid-edit
  }, [filter]);

  const apply = (next: DialogFilter): void => {
    appliedRef.current = next;
    useGridStore.getState().setFilter(next, null);
  };

  const find = (): void => {
    const conditions = draft.fields.map(fieldToCondition);
    const bad = draft.fields.filter((_, i) => conditions[i] === null);
    if (bad.length > 0) {
      setInvalid(new Set(bad.map((f) => f.key)));
      setMessage(t('filter.bar.incomplete', { columns: bad.map((f) => columnLabel(tr, f.column)).join(', ') }));
      return;
    }
    setInvalid(new Set());
    const current = useGridStore.getState().filter;
    const next = withBarPart(current, draft.match, conditions.filter((c) => c !== null));
    // the same filter again is not an edit: the preset it came from still describes it
    if (JSON.stringify(next) !== JSON.stringify(current)) apply(next);
    setMessage(t('filter.bar.applied', { count: next.conditions.length + (next.groups ?? []).reduce((n, g) => n + g.conditions.length, 0) }));
  };

  const clear = (): void => {
    setDraft({ match: 'all', fields: [] });
    setInvalid(new Set());
    useGridStore.getState().clearFilter();
    appliedRef.current = useGridStore.getState().filter;
    setMessage(t('filter.bar.cleared'));
  };

  // not through apply(): the fields must be re-read from what is left, like any outside change
  const removeChip = (at: ConditionAt): void => {
    useGridStore.getState().setFilter(withoutCondition(useGridStore.getState().filter, at), null);
    addRef.current?.focus();
  };

  const add = (column: ColumnId): void => {
    const field = newField(column);
    setDraft((d) => ({ ...d, fields: [...d.fields, field] }));
    setFocusKey(field.key);
  };

  const change = (field: Field): void => {
    setDraft((d) => ({ ...d, fields: d.fields.map((f) => (f.key === field.key ? field : f)) }));
    if (invalid.has(field.key) && fieldToCondition(field) !== null) setInvalid((s) => new Set([...s].filter((k) => k !== field.key)));
  };

  const remove = (key: number): void => {
    setDraft((d) => ({ ...d, fields: d.fields.filter((f) => f.key !== key) }));
    setInvalid((s) => new Set([...s].filter((k) => k !== key)));
    addRef.current?.focus();
  };

  return (
    <section className="ols-filterbar" role="search" aria-label={t('filter.bar.label')} data-testid="filter-bar">
      {/* Slot for the quick search box (renderer/src/components/QuickSearch.tsx writes filter.search). */}
      {leading && <div className="ols-filterbar-slot">{leading}</div>}
      <form
        className="ols-filterbar-form"
        onSubmit={(e) => {
          e.preventDefault();
          find();
        }}
        onKeyDown={(e) => {
          // an open picker handles its own Esc (and prevents the default)
          if (e.key === 'Escape' && !e.defaultPrevented) {
            e.preventDefault();
            clear();
          }
        }}
      >
        <div className="ols-filterbar-row">
          <Chips filter={filter} reference={reference} tr={tr} onRemove={(at) => removeChip(at)} />
          <span className="ols-spacer" />
          <select
            ref={addRef}
            className="ols-filter-select ols-filter-add"
            value=""
            aria-label={t('filter.bar.addField')}
            data-testid="filter-add-field"
            onChange={(e) => {
              if (e.target.value) add(e.target.value as ColumnId);
            }}
          >
            <option value="" disabled>
              {t('filter.bar.addFieldPlaceholder')}
            </option>
            {FILTERABLE_COLUMNS.map((c) => (
              <option key={c.id} value={c.id}>
                {columnLabel(tr, c.id)}
              </option>
            ))}
          </select>
          <div className="ols-segmented" role="group" aria-label={t('filter.bar.match')} data-testid="filter-match">
            {MATCHES.map((m) => (
              <button key={m} type="button" aria-pressed={draft.match === m} data-match={m} onClick={() => setDraft((d) => ({ ...d, match: m }))}>
                {t(m === 'all' ? 'filter.bar.matchAll' : 'filter.bar.matchAny')}
              </button>
            ))}
          </div>
          <button type="submit" className="ols-button ols-button--primary" data-testid="filter-find">
            {t('filter.bar.find')}
          </button>
          <button type="button" className="ols-button" title={t('filter.bar.resetHint')} data-testid="filter-reset" onClick={clear}>
            {t('filter.bar.reset')}
          </button>
        </div>
        {draft.fields.length > 0 && (
          <div className="ols-filterbar-fields" role="group" aria-label={t('filter.bar.fields')} data-testid="filter-fields">
            {draft.fields.map((field) => (
              <FieldEditor
                key={field.key}
                field={field}
                invalid={invalid.has(field.key)}
                autoFocus={field.key === focusKey}
                tr={tr}
                onChange={change}
                onRemove={() => remove(field.key)}
              />
            ))}
          </div>
        )}
        <p className="ols-filterbar-message" role="status" data-testid="filter-message">
          {message}
        </p>
      </form>
    </section>
  );
}
