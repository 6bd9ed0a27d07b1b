/**
 * The commands the desktop app's menu and the command palette share (issue 9
 * §7): one id per command, run by the renderer (components/palette/
 * commands.ts). The Electron menu (electron/main/menu-template.ts) lists the
 * same ids with their shortcuts and tells the window which was clicked as a
 * `menu:command` event, over the event path every push event takes.
 */
export const MENU_COMMANDS = [
  'palette',
  'finish',
  'spam',
  'transfer',
  'rate',
  'pin',
  'history',
  'selectAll',
  'clearFilter',
  'search',
  'export',
  'audit',
  'queue',
  'help',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Pushed to the window when a menu item is clicked. */
export interface MenuCommandEvent {
  command: MenuCommand;
}

export const isMenuCommand = (value: unknown): value is MenuCommand => typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);

/**
 * Each command's shortcut as the ? list and the menu show it (null: none).
 * The single-letter ones act on the focused row in the grid, where the
 * grid's own handler takes them (grid/triage-keys.ts); the menu shows them
 * without registering them as accelerators, which would steal the letters
 * from every text field.
 */
export const COMMAND_SHORTCUTS: Readonly<Record<MenuCommand, string | null>> = {
  palette: 'CmdOrCtrl+K',
  finish: 'c',
  spam: 's',
  transfer: 't',
  rate: 'r',
  pin: 'p',
  history: 'Enter',
  selectAll: 'CmdOrCtrl+A',
  clearFilter: null,
  search: '/',
  export: null,
  audit: null,
  queue: null,
  help: '?',
};
