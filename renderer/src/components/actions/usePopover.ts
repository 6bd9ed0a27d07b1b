/** The action menus' popover state: open or not, closed by Escape or a click outside (use-dismiss.ts). */
import { useRef, useState } from 'react';
import { useActionsStore } from '../../store/actions.ts';
import { useDismiss } from '../use-dismiss.ts';

export function usePopoverDismiss(open: boolean, close: () => void) {
  const rootRef = useRef<HTMLDivElement>(null);
  useDismiss(open, close, rootRef);
  return rootRef;
}

export function usePopover() {
  const [open, setOpen] = useState(false);
  const rootRef = usePopoverDismiss(open, () => setOpen(false));
  return { open, setOpen, rootRef };
}

/**
 * The transfer or rate menu: open while the store names it (the bar's button
 * or the t / r key on a row), with the dialogs it acts on (undefined: every
 * dialog the filter selects) and the one dialog its title names.
 */
export function useActionMenu(kind: 'transfer' | 'rate') {
  const menu = useActionsStore((s) => s.menu);
  const openMenu = useActionsStore((s) => s.openMenu);
  const open = menu?.kind === kind;
  const setOpen = (value: boolean) => openMenu(value ? { kind, target: null } : null);
  const rootRef = usePopoverDismiss(open, () => setOpen(false));
  const target = (open && menu.target) || undefined;
  const oneDialog = target && 'dialogIds' in target && target.dialogIds.length === 1 ? target.dialogIds[0]! : null;
  return { open, setOpen, rootRef, target, oneDialog };
}
