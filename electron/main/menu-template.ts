/**
 * The desktop app's menu as a plain template (issue 9 §7): the same commands
 * and shortcuts as the palette and the ? list, in Russian or English. Pure —
 * no Electron at run time (only its types) — so it is unit-tested here where
 * Electron cannot start; menu.ts hands it to Menu.buildFromTemplate.
 *
 * The shortcuts are shown, not registered (registerAccelerator: false): the
 * page's own handlers take them — the grid its single letters on the focused
 * row, tinykeys Ctrl/Cmd+K — as in browser mode. A registered `c` would eat
 * the letter in every text field, and a registered Ctrl+A would fight the
 * Edit menu's select-all in them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_SHORTCUTS, type MenuCommand } from '../../shared/ipc/contract-menu.ts';
import type { Language } from '../../shared/ipc/contract.ts';

const LABELS: Record<Language, Record<MenuCommand | 'file' | 'edit' | 'actions' | 'view' | 'helpMenu' | 'quit', string>> = {
  ru: {
    file: 'Файл',
    edit: 'Правка',
    actions: 'Действия',
    view: 'Вид',
    helpMenu: 'Справка',
    quit: 'Выход',
    palette: 'Палитра команд…',
    finish: 'Завершить',
    spam: 'Завершить принудительно (спам)',
    transfer: 'Перевести…',
    rate: 'Оценить…',
    pin: 'Закрепить / открепить',
    history: 'Открыть историю',
    selectAll: 'Выбрать все подходящие',
    clearFilter: 'Сбросить фильтр',
    search: 'Быстрый поиск',
    export: 'Экспорт списка…',
    audit: 'Журнал действий',
    queue: 'Очередь действий',
    help: 'Горячие клавиши',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    actions: 'Actions',
    view: 'View',
    helpMenu: 'Help',
    quit: 'Quit',
    palette: 'Command palette…',
    finish: 'Finish',
    spam: 'Force finish (spam)',
    transfer: 'Transfer…',
    rate: 'Rate…',
    pin: 'Pin / unpin',
    history: 'Open history',
    selectAll: 'Select all matching',
    clearFilter: 'Clear the filter',
    search: 'Quick search',
    export: 'Export the view…',
    audit: 'Audit log',
    queue: 'Action queue',
    help: 'Keyboard shortcuts',
  },
};

/** Electron's accelerator syntax for our shortcut text ('?' is Shift+/ on most layouts, written as the key itself). */
function accelerator(command: MenuCommand): string | undefined {
  const shortcut = COMMAND_SHORTCUTS[command];
  if (!shortcut) return undefined;
  if (shortcut.length === 1 && /[a-z]/.test(shortcut)) return shortcut.toUpperCase();
  if (shortcut === 'Enter') return 'Return';
  return shortcut;
}

export interface MenuOptions {
  language: Language;
  /** process.platform: macOS gets the app menu first */
  platform: string;
  /** unpackaged: keep Reload and the developer tools */
  packaged: boolean;
  onCommand(command: MenuCommand): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const label = LABELS[options.language];
  const item = (command: MenuCommand): MenuItemConstructorOptions => {
    const acc = accelerator(command);
    return {
      id: `command:${command}`,
      label: label[command],
      ...(acc ? { accelerator: acc, registerAccelerator: false } : {}),
      click: () => options.onCommand(command),
    };
  };
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    { label: label.file, submenu: [item('export'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit', label: label.quit }] },
    // Cut / Copy / Paste; macOS needs it for Cmd+C/V to work at all
    { role: 'editMenu', label: label.edit },
    {
      label: label.actions,
      submenu: [item('palette'), { type: 'separator' }, item('finish'), item('spam'), item('transfer'), item('rate'), item('pin'), { type: 'separator' }, item('history'), item('selectAll')],
    },
    {
      label: label.view,
      submenu: [
        item('search'),
        item('clearFilter'),
        { type: 'separator' },
        item('queue'),
        item('audit'),
        ...(options.packaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      ],
    },
    { label: label.helpMenu, submenu: [item('help')] },
  );
  if (mac) template.push({ role: 'windowMenu' });
  return template;
}
