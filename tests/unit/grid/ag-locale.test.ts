// AG Grid's own texts: English from @ag-grid-community/locale, Russian ours (the package has none).
import { describe, expect, it } from 'vitest';
import { AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { AG_GRID_LOCALE_RU } from '../../../renderer/src/grid/ag-locale-ru.ts';

const placeholders = (text: string): string[] => text.match(/\$\{\w+\}/g) ?? [];

describe('AG Grid locale texts', () => {
  const ru: Record<string, string> = AG_GRID_LOCALE_RU;
  const en: Record<string, string> = AG_GRID_LOCALE_EN;

  it('every Russian key is one of the package\'s keys', () => {
    expect(Object.keys(ru).filter((key) => !(key in en))).toEqual([]);
  });

  it('Russian texts are Russian (a separator or a symbol aside) and keep their placeholders', () => {
    for (const [key, text] of Object.entries(ru)) {
      if (key === 'thousandSeparator' || key === 'decimalSeparator') continue;
      expect(text, key).toMatch(/[а-яё]/i);
      // no English words left over; key names (Enter, Alt, Ctrl) are what the keyboard says
      expect(text.replace(/\$\{variable\}|\b(?:Enter|Alt|Ctrl)\b/g, ''), key).not.toMatch(/[a-z]{2,}/i);
      expect(placeholders(text), key).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it('covers what our grid shows: the filter options, buttons, overlays and aria labels', () => {
    for (const key of ['equals', 'greaterThanOrEqual', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank', 'applyFilter', 'resetFilter',
      'noRowsToShow', 'loadingOoo', 'ariaFilterInput', 'ariaFilteringOperator', 'ariaRowSelect', 'ariaRowDeselect', 'ariaLabelColumnFilter',
      'ariaSortableColumn', 'ariaSearch', 'ariaChecked', 'ariaUnchecked']) {
      expect(ru[key], key).toBeDefined();
    }
  });
});
