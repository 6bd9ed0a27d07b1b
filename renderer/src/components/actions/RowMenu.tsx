/**
 * The per-dialog ≡ menu (spec §6 "one" actions): History, Open dialog,
 * Close, Force close, Pin / Unpin, Intercept, Transfer, Supervisor rating,
 * and on a portal the CRM record's page.
 * A WAI-ARIA menu: Enter / Space on the row's ≡ cell (or a click) opens it
 * with the first item focused, arrows / Home / End move, Enter / Space
 * choose, Esc or Tab closes and focus goes back to the row's cell. Items
 * that cannot apply stay in the list, disabled, with the reason beside them,
 * so a keyboard or screen-reader user learns why instead of missing an item.
 * Rendered once, in a portal: a grid cell clips anything that overflows it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { DialogAction } from '../../../../shared/domain/actions.ts';
import type { DialogListItem } from '../../../../shared/domain/dialog.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useActionsStore } from '../../store/actions.ts';
import { useAppStore, useT } from '../../store/app.ts';
import { useGridStore } from '../../store/grid.ts';
import { openPortalPage, useRowMenuStore } from '../../store/row-menu.ts';

interface Item {
  id: string;
  label: MessageKey;
  /** why it cannot apply to this dialog; undefined: it can */
  disabledBy?: MessageKey;
  run(): void;
}

function itemsFor(row: DialogListItem, portal: boolean, self: number | null, close: (refocus?: boolean) => void): Item[] {
  const one = { dialogIds: [row.id] };
  const finished = row.status === 'finished';
  const ifOpen = finished ? ('rowMenu.why.finished' as const) : undefined;
  const act = (action: DialogAction) => () => {
    // the preview takes the focus; when it closes, it gives it back to this row
    close(false);
    void useActionsStore.getState().begin(action, one);
  };
  const menu = (kind: 'transfer' | 'rate') => () => {
    close(false);
    useActionsStore.getState().openMenu({ kind, target: one });
  };
  return [
    { id: 'history', label: 'rowMenu.history', run: () => (close(), useGridStore.getState().openHistory(row.id)) },
    {
      id: 'open',
      label: portal ? 'rowMenu.openInPortal' : 'rowMenu.open',
      // the demo has no web pages: its "dialog" is the history pane
      run: () => {
        close();
        if (portal) void openPortalPage(row.id, 'chat');
        else useGridStore.getState().openHistory(row.id);
      },
    },
    { id: 'close', label: 'rowMenu.close', disabledBy: ifOpen, run: act({ kind: 'finish' }) },
    { id: 'spam', label: 'rowMenu.forceClose', disabledBy: ifOpen, run: act({ kind: 'spam' }) },
    { id: 'pin', label: row.pinned ? 'rowMenu.unpin' : 'rowMenu.pin', disabledBy: ifOpen, run: act({ kind: 'pin', pinned: !row.pinned }) },
    {
      id: 'intercept',
      label: 'rowMenu.intercept',
      disabledBy: ifOpen ?? (row.operatorId === null ? 'rowMenu.why.noOperator' : row.operatorId === self ? 'rowMenu.why.alreadyYours' : undefined),
      run: act({ kind: 'intercept' }),
    },
    { id: 'transfer', label: 'rowMenu.transfer', disabledBy: ifOpen, run: menu('transfer') },
    // a supervisor rates finished dialogs too (head.vote has no such limit)
    { id: 'rate', label: 'rowMenu.rate', run: menu('rate') },
    // the CRM cell's link, reachable from the keyboard too; only where the record has a page (a portal)
    ...(portal && row.crm ? [{ id: 'crm', label: 'rowMenu.openCrm' as const, run: () => (close(), void openPortalPage(row.id, 'crm')) }] : []),
  ];
}

export function RowMenu() {
  const { t } = useT();
  const open = useRowMenuStore((s) => s.open);
  const close = useRowMenuStore((s) => s.close);
  const linkError = useRowMenuStore((s) => s.linkError);
  const portal = useAppStore((s) => s.info?.backend.kind === 'bitrix24');
  const self = useAppStore((s) => s.info?.backend.selfOperatorId ?? null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  const items = open ? itemsFor(open.row, portal, self, close) : [];

  useEffect(() => setActive(0), [open]);
  // below the ≡ button, or above it where the window ends; never off screen sideways
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!open || !menu) return setPlace(null);
    const { width, height } = menu.getBoundingClientRect();
    const below = open.anchor.bottom + 2;
    const top = below + height > window.innerHeight ? Math.max(4, open.anchor.top - height - 2) : below;
    const left = Math.min(Math.max(4, open.anchor.right - width), window.innerWidth - width - 4);
    setPlace({ left, top });
  }, [open]);
  useEffect(() => {
    if (open) menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active, place]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (menuRef.current && e.target instanceof Node && !menuRef.current.contains(e.target)) close(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, close]);

  if (!open) {
    if (!linkError) return null;
    return createPortal(
      <div className="ols-link-error" role="alert" data-testid="link-error">
        <span>{t('rowMenu.openFailed', { message: linkError })}</span>
        <button type="button" className="ols-button ols-button--small" onClick={() => useRowMenuStore.setState({ linkError: null })}>
          {t('rowMenu.dismiss')}
        </button>
      </div>,
      document.body,
    );
  }

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const moves: Record<string, number> = { ArrowDown: active === last ? 0 : active + 1, ArrowUp: active === 0 ? last : active - 1, Home: 0, End: last };
    if (e.key in moves) setActive(moves[e.key]!);
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else if (e.key === 'Enter' || e.key === ' ') {
      const item = items[active];
      if (item && !item.disabledBy) item.run();
    } else return;
    // the grid and the side pane must not see the keys the menu used
    e.preventDefault();
    e.stopPropagation();
  };

  return createPortal(
    <div
      ref={menuRef}
      className="ols-popover ols-row-menu"
      role="menu"
      aria-label={t('rowMenu.title', { id: open.row.id })}
      data-testid="row-menu"
      data-dialog-id={open.row.id}
      style={place ? { left: place.left, top: place.top } : { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, i) => (
        <div
          key={item.id}
          role="menuitem"
          tabIndex={i === active ? 0 : -1}
          aria-disabled={item.disabledBy ? true : undefined}
          aria-describedby={item.disabledBy ? `ols-row-menu-why-${item.id}` : undefined}
          className="ols-row-menu-item"
          data-testid={`row-menu-${item.id}`}
          onMouseEnter={() => setActive(i)}
          onClick={() => !item.disabledBy && item.run()}
        >
          <span>{t(item.label)}</span>
          {item.disabledBy && (
            <span id={`ols-row-menu-why-${item.id}`} className="ols-row-menu-why" data-testid={`row-menu-${item.id}-why`}>
              {t(item.disabledBy)}
            </span>
          )}
        </div>
      ))}
    </div>,
    document.body,
  );
}

/**
 * Enter or Space on a row's ≡ cell (the grid hands the key to DialogGrid,
 * which calls this): the menu opens under the cell's ≡ button, and focus
 * goes back to the cell when it closes.
 */
export function openRowMenuFromCell(row: DialogListItem, cell: EventTarget | null, focusCell: () => void): void {
  const element = cell instanceof Element ? cell : null;
  const anchor = element?.querySelector('[data-testid="row-menu-button"]') ?? element;
  if (!anchor) return;
  useRowMenuStore.getState().openMenu(row, anchor, focusCell);
}
