/**
 * No. and Client are pinned left by default, including for a column state
 * saved before pinning existed; a column the user unpinned stays unpinned;
 * the pin goes to AG Grid and comes back from it.
 */
import { describe, expect, it } from 'vitest';
import { defaultEntries, fromGridState, normaliseEntries, sameEntries, toGridState } from '../../../renderer/src/grid/column-state.ts';
import { gridColumnSpec } from '../../../renderer/src/grid/column-spec.ts';
import { COLUMNS, DEFAULT_SORT } from '../../../shared/domain/columns.ts';

const pinsOf = (entries: ReturnType<typeof defaultEntries>) => entries.filter((e) => e.pinned).map((e) => [e.id, e.pinned]);

describe('column pins', () => {
  it('pin No. and Client left by default, and nothing else', () => {
    expect(pinsOf(defaultEntries())).toEqual([
      ['id', 'left'],
      ['client', 'left'],
    ]);
    expect(COLUMNS.filter((c) => gridColumnSpec(c, undefined, DEFAULT_SORT).initialPinned).map((c) => c.id)).toEqual(['id', 'client']);
  });

  it('give a state saved before pins existed the default pins, and keep an explicit unpin', () => {
    const older = COLUMNS.map((c) => ({ id: c.id, visible: c.defaultVisible }));
    expect(pinsOf(normaliseEntries(older))).toEqual([
      ['id', 'left'],
      ['client', 'left'],
    ]);
    const unpinned = normaliseEntries(older.map((e) => (e.id === 'client' ? { ...e, pinned: null } : e)));
    expect(pinsOf(unpinned)).toEqual([['id', 'left']]);
    expect(gridColumnSpec(COLUMNS.find((c) => c.id === 'client')!, unpinned.find((e) => e.id === 'client'), DEFAULT_SORT).initialPinned).toBeUndefined();
  });

  it('go to AG Grid and come back unchanged; a pin change is a change', () => {
    const entries = normaliseEntries(null).map((e) => (e.id === 'line' ? { ...e, pinned: 'right' as const } : e));
    const state = toGridState(entries);
    expect(state.find((s) => s.colId === 'id')?.pinned).toBe('left');
    expect(state.find((s) => s.colId === 'status')?.pinned).toBeNull();
    expect(sameEntries(fromGridState(state), entries)).toBe(true);
    expect(sameEntries(entries, normaliseEntries(null))).toBe(false);
  });
});
