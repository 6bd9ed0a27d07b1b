/**
 * What is applied, one chip per condition of the store's filter (a preset's,
 * the bar's and the header filters' alike): its words in the UI language and
 * a button that removes just that condition. Conditions of a group sit in a
 * box that says how they combine ("any of:").
 */
import type { DialogFilter } from '../../../../shared/domain/filter.ts';
import type { Translator } from '../../i18n/index.ts';
import type { FilterChoices } from '../../store/grid.ts';
import { describeCondition } from './describe.ts';
import type { ConditionAt } from './fields.ts';

interface Props {
  filter: DialogFilter;
  reference: FilterChoices | null;
  tr: Translator;
  onRemove(at: ConditionAt): void;
}

function Chip({ text, tr, column, onRemove }: { text: string; tr: Translator; column: string; onRemove(): void }) {
  const label = tr.t('filter.bar.removeChip', { condition: text });
  return (
    <li className="ols-filter-chip-item" data-testid="filter-chip" data-column={column}>
      <span className="ols-filter-chip-text" data-testid="filter-chip-text">{text}</span>
      <button type="button" className="ols-filter-chip-remove" aria-label={label} title={label} onClick={onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

export function Chips({ filter, reference, tr, onRemove }: Props) {
  const groups = (filter.groups ?? []).map((g, index) => ({ g, index })).filter(({ g }) => g.conditions.length > 0);
  if (filter.conditions.length === 0 && groups.length === 0) {
    return <span className="ols-muted ols-filter-none" data-testid="filter-no-chips">{tr.t('filter.bar.noConditions')}</span>;
  }
  return (
    <ul className="ols-filter-chips" aria-label={tr.t('filter.bar.chips')} data-testid="filter-chips">
      {filter.conditions.map((c, index) => (
        <Chip key={`c${index}`} text={describeCondition(c, tr, reference)} tr={tr} column={c.column} onRemove={() => onRemove({ group: null, index })} />
      ))}
      {groups.map(({ g, index: group }) => (
        <li key={`g${group}`} className="ols-filter-chip-group" data-testid="filter-chip-group" data-op={g.op}>
          <span className="ols-filter-chip-group-label">{tr.t(g.op === 'any' ? 'filter.bar.group.any' : 'filter.bar.group.all')}</span>
          <ul className="ols-filter-chips">
            {g.conditions.map((c, index) => (
              <Chip key={index} text={describeCondition(c, tr, reference)} tr={tr} column={c.column} onRemove={() => onRemove({ group, index })} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
