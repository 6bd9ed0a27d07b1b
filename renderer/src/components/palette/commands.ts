/**
 * What each palette / menu command does (shared/ipc/contract-menu.ts ids).
 * On a focused row an action acts on that dialog, as its key would;
 * without one it acts as the action bar's button does (the ticked rows, else
 * every dialog the filter selects). Every action still goes through the
 * preview.
 */
import type { MenuCommand } from '../../../../shared/ipc/contract-menu.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useActionsStore } from '../../store/actions.ts';
import { useAuditStore } from '../../store/audit.ts';
import { useExportStore } from '../../store/export.ts';
import { useGridStore } from '../../store/grid.ts';
import { usePaletteStore, type FocusedDialog } from '../../store/palette.ts';
import { useSelectionStore } from '../../store/selection.ts';

/** The palette's and the menu's label of each command. */
export const COMMAND_LABELS: Readonly<Record<MenuCommand, MessageKey>> = {
  palette: 'palette.open',
  finish: 'palette.finish',
  spam: 'palette.spam',
  transfer: 'palette.transfer',
  rate: 'palette.rate',
  pin: 'palette.pin',
  history: 'palette.history',
  selectAll: 'palette.selectAll',
  clearFilter: 'palette.clearFilter',
  search: 'palette.search',
  export: 'palette.export',
  audit: 'palette.audit',
  queue: 'palette.queue',
  help: 'palette.help',
};

/** Commands that need a focused dialog. */
export const NEEDS_DIALOG: ReadonlySet<MenuCommand> = new Set(['history']);


export function runCommand(command: MenuCommand, focused: FocusedDialog | null): void {
  const actions = useActionsStore.getState();
  const one = focused ? { dialogIds: [focused.id] } : undefined;
  switch (command) {
    case 'palette':
      usePaletteStore.getState().show();
      return;
    case 'finish':
    case 'spam':
      void actions.begin({ kind: command }, one);
      return;
    case 'pin':
      // on one dialog: the other way from how it is; on many: pin them
      void actions.begin({ kind: 'pin', pinned: focused ? !focused.pinned : true }, one);
      return;
    case 'transfer':
    case 'rate':
      actions.openMenu({ kind: command, target: one ?? null });
      return;
    case 'history':
      if (focused) useGridStore.getState().openHistory(focused.id);
      return;
    case 'selectAll':
      useSelectionStore.getState().selectAll();
      return;
    case 'clearFilter':
      useGridStore.getState().clearFilter();
      return;
    case 'search':
      document.querySelector<HTMLInputElement>('[data-testid="quick-search"] input')?.focus();
      return;
    case 'export':
      void useExportStore.getState().start();
      return;
    case 'audit':
      useAuditStore.getState().setOpen(true);
      return;
    case 'queue':
      if (!actions.queueOpen) actions.toggleQueue();
      return;
    case 'help':
      actions.setHelp(true);
      return;
  }
}
