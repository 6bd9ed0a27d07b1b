/**
 * How every popover here closes: Escape, or a click outside it. One hook for
 * the column chooser, the preset and layout menus and the action menus, so
 * they all behave alike (the side pane's Esc sees an open popover first and
 * leaves it the key).
 */
import { useEffect, type RefObject } from 'react';

export function useDismiss(open: boolean, close: () => void, rootRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      const root = rootRef.current;
      const hadFocus = root !== null && root.contains(document.activeElement);
      close();
      // focus goes back to the popover's own button, not to the page
      if (hadFocus) root.querySelector<HTMLButtonElement>('button')?.focus();
    };
    const onDown = (e: MouseEvent): void => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
    // close may be a new function each render; the listeners only need the latest while open
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, rootRef]);
}
