/**
 * The per-dialog ≡ menu (one open at a time, for one row) and the links it
 * and the CRM cell open. A link is built by the services (links:dialog: the
 * portal's origin plus the dialog's ids, checked to stay on that origin). In
 * Electron the services hand it to the main process, which checks the origin
 * again and calls shell.openExternal (electron/main/links.ts); in browser
 * mode the page opens it with window.open + noopener, a new tab that cannot
 * reach back into this one.
 */
import { create } from 'zustand';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import { call, errorMessage } from '../ipc.ts';

export interface RowMenuState {
  open: { row: DialogListItem; anchor: { left: number; top: number; bottom: number; right: number }; restoreFocus: () => void } | null;
  /** the last link that could not be opened, said in the menu's live region */
  linkError: string | null;
  openMenu(row: DialogListItem, anchor: Element, restoreFocus: () => void): void;
  /** closes; `refocus` false when the chosen item moves focus elsewhere itself (the preview, a picker) */
  close(refocus?: boolean): void;
}

export const useRowMenuStore = create<RowMenuState>()((set, get) => ({
  open: null,
  linkError: null,
  openMenu(row, anchor, restoreFocus) {
    const r = anchor.getBoundingClientRect();
    set({ open: { row, anchor: { left: r.left, top: r.top, bottom: r.bottom, right: r.right }, restoreFocus }, linkError: null });
  },
  close(refocus = true) {
    const open = get().open;
    set({ open: null });
    if (refocus) open?.restoreFocus();
  },
}));

/** Opens a dialog's page on the portal (its chat or its CRM card); false with the reason kept when it could not. */
export async function openPortalPage(dialogId: number, target: 'chat' | 'crm'): Promise<boolean> {
  try {
    const { url, opened } = await call('links:dialog', { dialogId, target });
    // the desktop app opened it in the OS browser; in browser mode a new tab with no handle on this one
    if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
    return true;
  } catch (error) {
    useRowMenuStore.setState({ linkError: errorMessage(error) });
    console.warn('[links] not opened', error);
    return false;
  }
}

/** Active dialogs per operator now, for the transfer picker. */
export async function loadOperatorLoad(): Promise<Map<number, number>> {
  const { operators } = await call('operators:load', {});
  return new Map(operators.map((o) => [o.operatorId, o.active]));
}

/** The dialog as the services hold it now (the transfer picker marks its current operator and line). */
export async function loadDialog(id: number): Promise<DialogListItem | null> {
  try {
    return await call('dialogs:get', { id });
  } catch {
    return null;
  }
}
