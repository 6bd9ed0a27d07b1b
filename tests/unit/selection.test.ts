/**
 * The grid's multi-row selection as pure values (renderer/src/grid/selection.ts):
 * ids follow dialogs, "all matching" is a filter minus exclusions, a filter
 * change drops only "all matching", a Shift+click range is found by id in a
 * window of the order, and what an action sends stays within the contract's bounds.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ACTION_IDS } from '../../shared/domain/actions.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/presets.ts';
import type { DialogFilter } from '../../shared/domain/filter.ts';
import {
  afterFilterChange,
  complementTarget,
  headerState,
  isSelected,
  NO_SELECTION,
  planTarget,
  rangeBounds,
  rangeFromWindow,
  selectAll,
  selectedCount,
  setSelected,
  toggle,
} from '../../renderer/src/grid/selection.ts';
import { selectionKey, suppressSelectionKeys } from '../../renderer/src/grid/selection-keys.ts';
import { triageCommand } from '../../renderer/src/grid/triage-keys.ts';

const ALL: DialogFilter = { conditions: [] };
const keys = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };

describe('selection by ids', () => {
  it('toggles dialogs by id and counts them', () => {
    let s = toggle(NO_SELECTION, 7);
    s = toggle(s, 9);
    expect(isSelected(s, 7) && isSelected(s, 9)).toBe(true);
    s = toggle(s, 7);
    expect(isSelected(s, 7)).toBe(false);
    expect(selectedCount(s, 500)).toBe(1);
    expect(NO_SELECTION.kind === 'ids' && NO_SELECTION.ids.size).toBe(0);
  });

  it('ticks or unticks a whole range, leaving other dialogs as they were', () => {
    const s = setSelected(toggle(NO_SELECTION, 100), [1, 2, 3], true);
    expect([1, 2, 3, 100].every((id) => isSelected(s, id))).toBe(true);
    const off = setSelected(s, [2, 3], false);
    expect([1, 100].every((id) => isSelected(off, id))).toBe(true);
    expect(isSelected(off, 2) || isSelected(off, 3)).toBe(false);
  });

  it('survives a filter change (ids name dialogs, whatever the filter)', () => {
    const s = toggle(NO_SELECTION, 5);
    const after = afterFilterChange(s, ACTIVE_DIALOGS_FILTER);
    expect(after.cleared).toBe(false);
    expect(isSelected(after.selection, 5)).toBe(true);
  });
});

describe('all matching', () => {
  it('selects every row of the filter but the unticked; the count is the filter count minus them', () => {
    let s = selectAll(ACTIVE_DIALOGS_FILTER);
    expect(isSelected(s, 123456)).toBe(true);
    expect(selectedCount(s, 2341)).toBe(2341);
    expect(headerState(s, 2341)).toBe('all');
    s = toggle(s, 11);
    s = setSelected(s, [12, 13], false);
    expect(isSelected(s, 11) || isSelected(s, 12)).toBe(false);
    expect(selectedCount(s, 2341)).toBe(2338);
    expect(headerState(s, 2341)).toBe('some');
    expect(selectedCount(s, null)).toBeNull();
    // ticking one back removes its exclusion
    expect(selectedCount(toggle(s, 11), 2341)).toBe(2339);
  });

  it('is cleared by another filter, and kept by the same filter re-made (a rank change re-sets an equal filter)', () => {
    const s = selectAll(ACTIVE_DIALOGS_FILTER);
    expect(afterFilterChange(s, structuredClone(ACTIVE_DIALOGS_FILTER))).toEqual({ selection: s, cleared: false });
    const changed = afterFilterChange(s, ALL);
    expect(changed.cleared).toBe(true);
    expect(selectedCount(changed.selection, 10)).toBe(0);
  });
});

describe('Shift+click ranges', () => {
  it('spans the two rows whichever way round they were clicked', () => {
    expect(rangeBounds(3, 8)).toEqual({ startRow: 3, endRow: 9 });
    expect(rangeBounds(8, 3)).toEqual({ startRow: 3, endRow: 9 });
  });

  it('finds both ends by id in the window, so rows that arrived meanwhile do not shift the range', () => {
    // the grid drew anchor 50 at row 2 and the clicked 47 at row 5; two dialogs arrived at the top since
    const window = [60, 59, 52, 51, 50, 49, 48, 47, 46];
    expect(rangeFromWindow(window, 0, { id: 50, index: 2 }, { id: 47, index: 5 })).toEqual([50, 49, 48, 47]);
    expect(rangeFromWindow(window, 0, { id: 47, index: 5 }, { id: 50, index: 2 })).toEqual([50, 49, 48, 47]);
  });

  it('falls back to the drawn position for an end that left the window', () => {
    const window = [10, 11, 12, 13, 14];
    // 99 left the list: its drawn row 1 (window from row 0) stands in
    expect(rangeFromWindow(window, 0, { id: 99, index: 1 }, { id: 13, index: 3 })).toEqual([11, 12, 13]);
    expect(rangeFromWindow([], 0, { id: 1, index: 0 }, { id: 2, index: 1 })).toEqual([]);
  });
});

describe('what an action sends', () => {
  it('nothing ticked: no target (the bar acts on all matching)', () => {
    expect(planTarget(NO_SELECTION, ALL)).toBeNull();
  });

  it('ids by name up to MAX_ACTION_IDS, sorted', () => {
    const s = setSelected(NO_SELECTION, [30, 10, 20], true);
    expect(planTarget(s, ALL)).toEqual({ kind: 'target', target: { dialogIds: [10, 20, 30] } });
    const max = setSelected(NO_SELECTION, Array.from({ length: MAX_ACTION_IDS }, (_, i) => i + 1), true);
    const plan = planTarget(max, ALL);
    expect(plan?.kind === 'target' && 'dialogIds' in plan.target && plan.target.dialogIds.length).toBe(MAX_ACTION_IDS);
  });

  it('above MAX_ACTION_IDS: the current filter minus the rest of it', () => {
    const ids = Array.from({ length: MAX_ACTION_IDS + 1 }, (_, i) => i + 1);
    const s = setSelected(NO_SELECTION, ids, true);
    expect(planTarget(s, ACTIVE_DIALOGS_FILTER)).toEqual({ kind: 'complement', filter: ACTIVE_DIALOGS_FILTER });
    const filterIds = [...ids, MAX_ACTION_IDS + 5, MAX_ACTION_IDS + 9];
    expect(complementTarget(new Set(ids), ACTIVE_DIALOGS_FILTER, filterIds)).toEqual({
      filter: ACTIVE_DIALOGS_FILTER,
      exceptIds: [MAX_ACTION_IDS + 5, MAX_ACTION_IDS + 9],
    });
    expect(complementTarget(new Set(ids), ACTIVE_DIALOGS_FILTER, ids)).toEqual({ filter: ACTIVE_DIALOGS_FILTER });
    // a selected dialog outside the filter cannot be named by it
    expect(complementTarget(new Set([...ids, 999_999]), ACTIVE_DIALOGS_FILTER, filterIds)).toBeNull();
  });

  it('all matching: its own filter, plus the exclusions when there are any', () => {
    expect(planTarget(selectAll(ACTIVE_DIALOGS_FILTER), ALL)).toEqual({ kind: 'target', target: { filter: ACTIVE_DIALOGS_FILTER } });
    const s = setSelected(selectAll(ACTIVE_DIALOGS_FILTER), [9, 4], false);
    expect(planTarget(s, ACTIVE_DIALOGS_FILTER)).toEqual({ kind: 'target', target: { filter: ACTIVE_DIALOGS_FILTER, exceptIds: [4, 9] } });
  });
});

describe('keys', () => {
  it('Space, x (and x on a Russian layout) tick the focused row; with a modifier they do not', () => {
    for (const key of [' ', 'x', 'ч']) expect(triageCommand({ ...keys, key }, { pinned: false })).toEqual({ kind: 'select' });
    expect(triageCommand({ ...keys, key: 'x', ctrlKey: true }, { pinned: false })).toBeNull();
  });

  it('Ctrl/Cmd+A selects all (also on a Russian layout), Esc clears, plain a does nothing', () => {
    expect(selectionKey({ ...keys, key: 'a', ctrlKey: true })).toBe('selectAll');
    expect(selectionKey({ ...keys, key: 'A', metaKey: true })).toBe('selectAll');
    expect(selectionKey({ ...keys, key: 'ф', code: 'KeyA', ctrlKey: true })).toBe('selectAll');
    expect(selectionKey({ ...keys, key: 'Escape' })).toBe('clear');
    expect(selectionKey({ ...keys, key: 'a' })).toBeNull();
    expect(selectionKey({ ...keys, key: 'a', ctrlKey: true, shiftKey: true })).toBeNull();
  });

  it("AG Grid's own Space and Ctrl+A are switched off, other keys and editors are left alone", () => {
    let prevented = 0;
    const ev = (init: Partial<KeyboardEvent>) => ({ ...keys, code: '', key: '', type: 'keydown', preventDefault: () => void (prevented += 1), ...init }) as KeyboardEvent;
    expect(suppressSelectionKeys({ event: ev({ key: ' ' }), editing: false })).toBe(true);
    // the browser's own Space (scroll) is stopped in the keydown itself
    expect(prevented).toBe(1);
    expect(suppressSelectionKeys({ event: ev({ key: 'a', ctrlKey: true }), editing: false })).toBe(true);
    expect(suppressSelectionKeys({ event: ev({ key: 'ArrowDown' }), editing: false })).toBe(false);
    expect(suppressSelectionKeys({ event: ev({ key: ' ' }), editing: true })).toBe(false);
    expect(prevented).toBe(2);
  });
});
