/**
 * Selection keys on the grid that carry a modifier or belong to the whole
 * list (triage-keys.ts has the single-key row commands, Space and x among
 * them): Ctrl/Cmd+A selects every dialog the filter selects, Esc clears.
 */
export type SelectionKey = 'selectAll' | 'clear';

export function selectionKey(event: { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): SelectionKey | null {
  const mod = event.ctrlKey || event.metaKey;
  // by code too: on a Russian layout the A key gives "ф"
  if (mod && !event.altKey && !event.shiftKey && (event.key.toLowerCase() === 'a' || event.key.toLowerCase() === 'ф' || event.code === 'KeyA')) return 'selectAll';
  if (!mod && !event.altKey && event.key === 'Escape') return 'clear';
  return null;
}

/**
 * AG Grid's own handling to switch off for these keys (its Space toggles its
 * row selection, its Ctrl+A is a range selection), and the browser's (Space
 * scrolls the list a page, Ctrl+A selects the page's text). Done here because
 * this runs inside the keydown itself; the grid's cellKeyDown reaches React
 * later, when preventDefault is too late.
 */
export function suppressSelectionKeys(params: { event: KeyboardEvent; editing: boolean }): boolean {
  if (params.editing) return false;
  const { event } = params;
  const ours = (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) || selectionKey(event) === 'selectAll';
  if (ours && event.type === 'keydown') event.preventDefault();
  return ours;
}
