// Where keyboard focus belongs after the rows changed under it (renderer/src/grid/keep-place.ts).
import { describe, expect, it } from 'vitest';
import { decidePlace } from '../../../renderer/src/grid/keep-place.ts';

const place = { id: 42, colId: 'client' };

describe('decidePlace', () => {
  it('keeps focus that is already on the dialog', () => {
    expect(decidePlace({ place, focusedIndex: 3, idAtFocus: 42, indexOfPlace: 3 })).toEqual({ kind: 'keep' });
  });

  it('follows the dialog when rows arrived above it', () => {
    expect(decidePlace({ place, focusedIndex: 0, idAtFocus: 57, indexOfPlace: 2 })).toEqual({ kind: 'move', rowIndex: 2 });
  });

  it('follows it up too (rows above it left the list)', () => {
    expect(decidePlace({ place, focusedIndex: 9, idAtFocus: 8, indexOfPlace: 4 })).toEqual({ kind: 'move', rowIndex: 4 });
  });

  it('waits while the focused row is still loading and the dialog is not found yet', () => {
    expect(decidePlace({ place, focusedIndex: 5, idAtFocus: null, indexOfPlace: null })).toEqual({ kind: 'keep' });
  });

  it('still moves to the dialog when it is found, even if the focused row is loading', () => {
    expect(decidePlace({ place, focusedIndex: 5, idAtFocus: null, indexOfPlace: 7 })).toEqual({ kind: 'move', rowIndex: 7 });
  });

  it('a dialog that left the view hands the place to the dialog now shown focused', () => {
    expect(decidePlace({ place, focusedIndex: 5, idAtFocus: 77, indexOfPlace: null })).toEqual({ kind: 'left', leftId: 42, nowId: 77 });
  });
});
