/**
 * Electron main process: lifecycle and wiring only. The services know nothing
 * of Electron; this file gives them a settings store and a data folder, carries
 * their handlers over one ipcMain channel (after checking who is asking) and
 * their events to the window, and closes them before the app quits.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { join, resolve } from 'node:path';
import type { IpcResult } from '../../shared/ipc/contract.ts';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport.ts';
import { dispatch } from '../app/ipc/dispatch.ts';
import { createServices, type Services } from '../app/services.ts';
import type { KeyValueStore } from '../app/settings/store.ts';
import { createMainWindow, installSessionPolicy, rendererTarget, type RendererTarget } from './window.ts';

/** How long quitting waits for the services to close before giving up on them. */
const CLOSE_TIMEOUT_MS = 5000;

// Tests and side-by-side runs get their own data folder. This must happen
// before the single-instance lock, which is held per data folder.
const dataDirArg = process.argv.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
const dataDir = dataDirArg || process.env.OLS_DATA_DIR;
if (dataDir) app.setPath('userData', resolve(dataDir));

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(startApp, fail);
}

function fail(error: unknown): void {
  console.error('[main] startup failed', error);
  // A desktop user has no terminal: e.g. a cache written by a newer version must be said in a dialog.
  dialog.showErrorBox('Open Lines Supervisor could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function startApp(): void {
  try {
    // The Vite dev server is only ever trusted in an unpackaged checkout.
    const target = rendererTarget(app.getAppPath(), app.isPackaged ? undefined : process.env.OLS_RENDERER_URL);
    installSessionPolicy(target);
    const services = createServices({
      dataDir: app.getPath('userData'),
      shell: 'electron',
      settings: openSettingsStore(),
      backend: { kind: 'demo', seed: 1 },
      osLanguage: app.getLocale().startsWith('ru') ? 'ru' : 'en',
      version: app.getVersion(),
    });
    // Requests wait for start() to settle; after a failed start they answer UNAVAILABLE rather than half-work.
    const ready = services.start().then(
      () => true,
      (error: unknown) => {
        console.error('[main] services failed to start', error);
        return false;
      },
    );
    wireIpc(services, target, ready);
    closeOnQuit(services);
    const openWindow = () => {
      mainWindow = createMainWindow(target, join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'));
      mainWindow.on('closed', () => (mainWindow = null));
    };
    openWindow();
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('activate', () => {
      if (!mainWindow) openWindow();
    });
  } catch (error) {
    fail(error);
  }
}

function openSettingsStore(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings' });
  return { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
}

function wireIpc(services: Services, target: RendererTarget, ready: Promise<boolean>): void {
  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
    const frame = event.senderFrame;
    // Only our own page's top frame may call: not an iframe, not a page we were navigated to.
    if (!frame || frame.parent !== null || !target.isOwn(frame.url)) {
      console.warn(`[ipc] refused ${String(channel).slice(0, 80)} from ${frame ? frame.url.slice(0, 200) : 'a destroyed frame'}`);
      return { ok: false, error: { code: 'VALIDATION', message: 'Request refused: it did not come from the application window.' } };
    }
    if (!(await ready)) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'The data services failed to start; details are in the application log.' } };
    }
    return dispatch(services.handlers, channel, payload);
  });
  services.onEvent((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ELECTRON_EVENT_CHANNEL, name, payload);
  });
}

function closeOnQuit(services: Services): void {
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Hold the quit until the cache is closed cleanly (WAL checkpoint, sync stopped), then quit again.
    event.preventDefault();
    if (closing) return;
    closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolveTimeout) => {
      timer = setTimeout(() => {
        console.error(`[main] the services did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway`);
        resolveTimeout();
      }, CLOSE_TIMEOUT_MS);
    });
    Promise.race([services.close(), timeout])
      .catch((error: unknown) => console.error('[main] closing the services failed', error))
      .finally(() => {
        clearTimeout(timer);
        closed = true;
        app.quit();
      });
  });
}
