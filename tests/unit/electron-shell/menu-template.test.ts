/**
 * The desktop menu's template, built without Electron: every palette command
 * is in it once, in Russian and in English, with the shortcut the ? list
 * shows (displayed, never registered, so no letter is taken from a text
 * field), and a click reports its command.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu-template.ts';
import { COMMAND_SHORTCUTS, MENU_COMMANDS, type MenuCommand } from '../../../shared/ipc/contract-menu.ts';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((entry) => [entry, ...(Array.isArray(entry.submenu) ? items(entry.submenu) : [])]);
}
const commandItems = (template: MenuItemConstructorOptions[]) => items(template).filter((i) => i.id?.startsWith('command:'));

describe('the app menu template', () => {
  it('lists every command once, with its shortcut shown but not registered, and a click names the command', () => {
    const clicked: MenuCommand[] = [];
    const template = buildMenuTemplate({ language: 'en', platform: 'linux', packaged: true, onCommand: (c) => clicked.push(c) });
    const commands = commandItems(template);
    expect(commands.map((i) => i.id!.slice('command:'.length)).sort()).toEqual([...MENU_COMMANDS].sort());
    for (const item of commands) {
      const command = item.id!.slice('command:'.length) as MenuCommand;
      expect(item.accelerator === undefined).toBe(COMMAND_SHORTCUTS[command] === null);
      if (item.accelerator !== undefined) expect(item.registerAccelerator).toBe(false);
      (item.click as () => void)();
    }
    expect(clicked.sort()).toEqual([...MENU_COMMANDS].sort());
    const byId = new Map(commands.map((i) => [i.id, i]));
    expect(byId.get('command:palette')).toMatchObject({ label: 'Command palette…', accelerator: 'CmdOrCtrl+K' });
    expect(byId.get('command:finish')).toMatchObject({ label: 'Finish', accelerator: 'C' });
    expect(byId.get('command:history')).toMatchObject({ accelerator: 'Return' });
    expect(byId.get('command:audit')).toMatchObject({ label: 'Audit log' });
    expect(template.map((t) => t.label ?? t.role)).toEqual(['File', 'Edit', 'Actions', 'View', 'Help']);
    // packaged: no Reload, no developer tools
    expect(items(template).some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
  });

  it('speaks Russian with the same commands and shortcuts', () => {
    const en = commandItems(buildMenuTemplate({ language: 'en', platform: 'linux', packaged: true, onCommand: () => {} }));
    const ru = commandItems(buildMenuTemplate({ language: 'ru', platform: 'linux', packaged: true, onCommand: () => {} }));
    expect(ru.map((i) => [i.id, i.accelerator])).toEqual(en.map((i) => [i.id, i.accelerator]));
    const byId = new Map(ru.map((i) => [i.id, i.label]));
    expect(byId.get('command:audit')).toBe('Журнал действий');
    expect(byId.get('command:palette')).toBe('Палитра команд…');
    // every label is translated: none is left as the English one
    const enLabels = new Map(en.map((i) => [i.id, i.label]));
    for (const item of ru) expect(item.label, item.id).not.toBe(enLabels.get(item.id));
    for (const item of ru) expect(item.label, item.id).toMatch(/[а-яё]/i);
  });

  it('macOS gets its app and window menus; an unpackaged checkout keeps Reload and the developer tools', () => {
    const mac = buildMenuTemplate({ language: 'en', platform: 'darwin', packaged: true, onCommand: () => {} });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(mac.at(-1)).toEqual({ role: 'windowMenu' });
    const dev = buildMenuTemplate({ language: 'en', platform: 'linux', packaged: false, onCommand: () => {} });
    expect(items(dev).filter((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toHaveLength(2);
  });
});
