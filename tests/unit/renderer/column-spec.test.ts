/** The grid's column definitions cover exactly the registry and take their facts from it. */
import { describe, expect, it } from 'vitest';
import { COLUMN_IDS, COLUMN_REGISTRY, COLUMNS, DEFAULT_SORT } from '../../../shared/domain/columns.ts';
import { gridColumnSpec } from '../../../renderer/src/grid/column-spec.ts';
import { defaultEntries, normaliseEntries } from '../../../renderer/src/grid/column-state.ts';
import { FILTER_KIND } from '../../../renderer/src/grid/filter-model.ts';

describe('grid column definitions', () => {
  it('has one definition per registry column, in registry order by default', () => {
    expect(normaliseEntries(null).map((e) => e.id)).toEqual([...COLUMN_IDS]);
    expect(defaultEntries().map((e) => [e.id, e.visible, e.width])).toEqual(
      COLUMN_IDS.map((id) => [id, COLUMN_REGISTRY[id].defaultVisible, COLUMN_REGISTRY[id].width]),
    );
  });

  it('takes sortability, the value field and the filter from the registry row', () => {
    for (const def of COLUMNS) {
      const spec = gridColumnSpec(def, undefined, DEFAULT_SORT);
      expect(spec.colId).toBe(def.id);
      expect(spec.sortable, def.id).toBe(def.sortable);
      // live and view columns have no stored value: a getter computes them
      expect(spec.field, def.id).toBe(def.origin === 'live' || def.origin === 'view' ? null : def.id);
      expect(spec.initialHide, def.id).toBe(!def.defaultVisible);
      const range = (def.filters as readonly string[]).includes('range');
      expect(spec.filter, def.id).toBe(range && (def.type === 'duration' || def.type === 'date') ? def.type : null);
      expect(FILTER_KIND.get(def.id) ?? null, def.id).toBe(spec.filter);
    }
    expect(gridColumnSpec(COLUMNS.find((c) => c.id === 'createdAt')!, undefined, DEFAULT_SORT).initialSort).toBe('desc');
  });

  it('keeps a saved width and visibility over the defaults', () => {
    const def = COLUMNS.find((c) => c.id === 'client')!;
    expect(gridColumnSpec(def, { id: 'client', visible: false, width: 333 }, DEFAULT_SORT)).toMatchObject({ initialHide: true, initialWidth: 333 });
  });
});
