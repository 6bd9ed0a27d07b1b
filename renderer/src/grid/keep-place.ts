/**
 * Keyboard focus follows the dialog, not the row index. New dialogs are
 * inserted at the top of a live list, so after a refresh the focused row
 * index can hold another dialog; pressing Enter there opened the wrong
 * history. The grid remembers WHICH dialog has focus and, after every block
 * load, decides where focus belongs. The decision is pure (tested on its
 * own); DialogGrid applies it with AG Grid's api.
 */

/** the dialog that has keyboard focus, and in which column */
export interface GridPlace {
  id: number;
  colId: string;
}

export interface PlaceFacts {
  place: GridPlace;
  /** the row index AG Grid's focused cell is on */
  focusedIndex: number;
  /** the dialog now shown at that index; null while its block is still loading */
  idAtFocus: number | null;
  /** where the remembered dialog is among the loaded rows; null when it is not loaded */
  indexOfPlace: number | null;
}

export type PlaceDecision =
  /** nothing to do: focus is on the right dialog, or the row is still loading */
  | { kind: 'keep' }
  /** the dialog moved (rows arrived above it): focus its new index */
  | { kind: 'move'; rowIndex: number }
  /**
   * The dialog left the view: the list no longer holds it (a scope or filter
   * stopped matching, e.g. an active dialog was finished) or it moved past the
   * loaded blocks (hundreds of dialogs arrived at once); the grid cannot tell
   * which without a query. Focus stays at the same position, which now holds
   * another dialog: that one becomes the place and the user is told, so what
   * Enter opens is always the dialog shown focused and announced.
   */
  | { kind: 'left'; leftId: number; nowId: number };

export function decidePlace({ place, focusedIndex, idAtFocus, indexOfPlace }: PlaceFacts): PlaceDecision {
  if (idAtFocus === place.id) return { kind: 'keep' };
  if (indexOfPlace !== null && indexOfPlace >= 0) {
    return indexOfPlace === focusedIndex ? { kind: 'keep' } : { kind: 'move', rowIndex: indexOfPlace };
  }
  // the row under focus is a placeholder: wait for its block before judging
  if (idAtFocus === null) return { kind: 'keep' };
  return { kind: 'left', leftId: place.id, nowId: idAtFocus };
}

/**
 * The grid's focusable cell for a row: the remembered column when it is shown,
 * else the row's first cell. DOM only (no AG Grid api): the skip link, the
 * side pane's Esc and F6 use it to hand focus back to the grid, and AG Grid
 * takes a focused cell element as its own focused cell.
 */
export function gridCellToFocus(root: ParentNode, rowIndex: number, colId: string | null): HTMLElement | null {
  // AG Grid 36 renders one element per row (pinned and scrolling cells inside it); header rows are .ag-row too
  const row = root.querySelector(`.ag-row[row-index="${rowIndex}"]:not(.ag-header-row)`);
  if (!row) return null;
  const byColumn = colId ? row.querySelector<HTMLElement>(`.ag-cell[col-id="${CSS.escape(colId)}"]`) : null;
  return byColumn ?? row.querySelector<HTMLElement>('.ag-cell');
}

/**
 * Hand keyboard focus back to the grid: to the row of `dialogId` when it is
 * rendered (the dialog whose pane was just closed), else to the grid's focused
 * cell, else to the first row.
 */
export function focusDialogGrid(dialogId: number | null = null, root: ParentNode = document): boolean {
  const grid = root.querySelector('[data-testid="dialog-grid"]');
  if (!grid) return false;
  const ofDialog =
    dialogId === null ? null : grid.querySelector<HTMLElement>(`.ag-row[row-id="${dialogId}"]:not(.ag-header-row) .ag-cell`);
  const target = ofDialog ?? grid.querySelector<HTMLElement>('.ag-row:not(.ag-header-row) .ag-cell.ag-cell-focus') ?? gridCellToFocus(grid, 0, null);
  if (!target) return false;
  target.focus();
  return true;
}
