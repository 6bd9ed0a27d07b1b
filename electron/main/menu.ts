/**
 * The app's menu: our commands and their shortcuts (menu-template.ts) in the
 * UI language, instead of Electron's default one, which carries Toggle
 * Developer Tools and Reload that a supervisor never needs (an unpackaged
 * checkout keeps them). A click is sent to the window as a `menu:command`
 * event, the path every push event takes.
 */
import { Menu } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract-menu.ts';
import type { Language } from '../../shared/ipc/contract.ts';
import { buildMenuTemplate } from './menu-template.ts';

export function installAppMenu(options: { language: Language; packaged: boolean; onCommand(command: MenuCommand): void }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ ...options, platform: process.platform })));
}
