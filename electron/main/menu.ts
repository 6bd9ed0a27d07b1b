/**
 * The packaged app's menu: Electron's default one carries Toggle Developer
 * Tools and Reload, which a supervisor never needs.
 */
import { Menu } from 'electron';

export function installPackagedMenu(): void {
  // macOS needs an Edit menu for Cmd+C/V to work at all; Windows and Linux edit text without one.
  const menu =
    process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null;
  Menu.setApplicationMenu(menu);
}
