/**
 * Where data lives when nothing else is said: the same folder Electron's
 * app.getPath('userData') gives for our product name, so the desktop app and
 * browser mode share one cache and one settings file.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Open Lines Supervisor';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** The OS language as the app supports it: Russian for ru-* locales, English otherwise. */
export function osLanguage(env = process.env): 'ru' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ru/i.test(locale ?? '') ? 'ru' : 'en';
}
