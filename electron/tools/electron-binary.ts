/**
 * Is the Electron binary usable here? Answered from the file system alone:
 * requiring the `electron` package (or letting Playwright do it) would start a
 * download of the binary on first use, which hangs or fails on machines
 * without internet. Mirrors node_modules/electron/index.js minus the download.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronBinary = { usable: true; path: string } | { usable: false; reason: string };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What install.js writes into path.txt for each platform. */
function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function detectElectronBinary(root: string = ROOT, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = join(root, 'node_modules', 'electron');
  let recorded: string | undefined;
  try {
    recorded = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim() || undefined;
  } catch {
    recorded = undefined;
  }
  let file: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    file = join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded ?? defaultExecutable());
    if (!isExecutableFile(file)) return { usable: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no executable ${file}` };
  } else {
    if (!recorded) return { usable: false, reason: 'its binary is not installed' };
    file = join(packageDir, 'dist', recorded);
    if (!isExecutableFile(file)) return { usable: false, reason: 'its binary is not installed' };
  }
  // Electron on Linux aborts natively without a display server; say so instead.
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { usable: false, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  }
  return { usable: true, path: file };
}
