/**
 * The command palette (Ctrl/Cmd+K) and the desktop menu's clicks: what is
 * open, and which dialog the commands act on — the grid row that had the
 * focus when the palette opened (or the menu was clicked), else none, and
 * then they act as the action bar does (the ticked rows, else every dialog
 * the filter selects). The commands themselves: components/palette/commands.ts.
 */
import { create } from 'zustand';
import { isMenuCommand, type MenuCommand } from '../../../shared/ipc/contract-menu.ts';
import { call, subscribe } from '../ipc.ts';

export interface FocusedDialog {
  id: number;
  pinned: boolean;
}

interface PaletteState {
  open: boolean;
  /** the dialog the commands act on; null: the selection or all matching */
  focused: FocusedDialog | null;
  show(): void;
  hide(): void;
}

/** The grid row holding the focus now, if any (AG Grid puts the id on the row element). */
export function focusedRowId(): number | null {
  const row = document.activeElement?.closest('[data-testid="dialog-grid"] .ag-row[row-id]');
  const id = Number(row?.getAttribute('row-id'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The focused row's dialog as the services have it (its pin state decides pin or unpin). */
export async function focusedDialog(): Promise<FocusedDialog | null> {
  const id = focusedRowId();
  if (id === null) return null;
  try {
    const dialog = await call('dialogs:get', { id });
    return { id, pinned: dialog.pinned };
  } catch {
    return null;
  }
}

let openSeq = 0;

export const usePaletteStore = create<PaletteState>()((set) => ({
  open: false,
  focused: null,

  show() {
    const seq = ++openSeq;
    const id = focusedRowId();
    set({ open: true, focused: id === null ? null : { id, pinned: false } });
    if (id !== null) void focusedDialog().then((focused) => seq === openSeq && set({ focused }));
  },

  hide() {
    openSeq++;
    set({ open: false });
  },
}));

let menuWired = false;
/** The desktop menu's clicks run the same commands, on the row focused at the click. */
export function startMenuCommands(run: (command: MenuCommand, focused: FocusedDialog | null) => void): void {
  if (menuWired) return;
  menuWired = true;
  subscribe('menu:command', (event) => {
    if (!isMenuCommand(event?.command)) return;
    void focusedDialog().then((focused) => run(event.command, focused));
  });
}
