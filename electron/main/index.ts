/**
 * Electron main process: lifecycle and wiring only. The services know nothing
 * of Electron; this file gives them a settings store and a data folder, carries
 * their handlers over one ipcMain channel (after checking who is asking) and
 * their events to the window, and closes them before the app quits.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { IpcResult } from '../../shared/ipc/contract.ts';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport.ts';
import { createLogger, installProcessGuards, type AppLogger } from '../app/log/index.ts';
import type { BackendConfig, Services } from '../app/services.ts';
import { SOURCE_OPTIONS } from '../app/backends/source-options.ts';
import { createSourceSwitch } from '../app/source-switch.ts';
import { bitrix24WebhookTester } from '../app/sources/bitrix24-tester.ts';
import { launchSource as sourceFromLaunch } from '../app/sources/launch-source.ts';
import { desktopSecretBox } from './secret-box.ts';
import { openSettingsWithRecovery, settingsFile, type OpenedSettings } from '../app/settings/store.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../app/storage/private-files.ts';
import { installAppMenu } from './menu.ts';
import type { Language } from '../../shared/ipc/contract.ts';
import { registerAppScheme } from './protocol.ts';
import { rendererTarget, type RendererTarget } from './renderer-target.ts';
import { createMainWindow, installSessionPolicy } from './window.ts';
import { openPortalPage } from './links.ts';

/** How long quitting waits for the services to close before giving up on them. */
const CLOSE_TIMEOUT_MS = 5000;

// Tests and side-by-side runs get their own data folder. This must happen
// before the single-instance lock, which is held per data folder.
const dataDirArg = process.argv.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
const dataDir = dataDirArg || process.env.OLS_DATA_DIR;
if (dataDir) app.setPath('userData', resolve(dataDir));

registerAppScheme();

/**
 * The same source options as browser mode (`npm start -- --webhook-file F`
 * reaches here through start.ts). Chromium's own switches are left alone:
 * unknown options are not errors. Null: none named, the saved source applies.
 */
function launchSource(): BackendConfig | null {
  const { values } = parseArgs({ args: process.argv.slice(1), options: SOURCE_OPTIONS, strict: false, allowPositionals: true });
  const picked = Object.fromEntries(Object.keys(SOURCE_OPTIONS).map((key) => [key, typeof values[key] === 'string' ? values[key] : undefined]));
  const source = sourceFromLaunch(picked);
  if (source && 'error' in source) throw new Error(source.error);
  return source;
}

let mainWindow: BrowserWindow | null = null;
let log: AppLogger | Console = console;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // One logger per process, in the (private) data folder; an uncaught error is logged, never fatal.
  ensurePrivateDir(app.getPath('userData'));
  log = createLogger({ dataDir: app.getPath('userData'), console: !app.isPackaged });
  installProcessGuards(log);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(startApp, fail);
}

function fail(error: unknown): void {
  log.error('[main] startup failed', error);
  // A desktop user has no terminal: e.g. a cache written by a newer version must be said in a dialog.
  dialog.showErrorBox('Open Lines Supervisor could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function startApp(): void {
  try {
    // The Vite dev server is only ever trusted in an unpackaged checkout.
    const target = rendererTarget(app.getAppPath(), app.isPackaged ? undefined : process.env.OLS_RENDERER_URL);
    installSessionPolicy(target);
    const settings = openSettingsStore();
    const osLanguage: Language = app.getLocale().startsWith('ru') ? 'ru' : 'en';
    const storedLanguage = settings.store.get('language');
    installMenu(storedLanguage === 'ru' || storedLanguage === 'en' ? storedLanguage : osLanguage);
    // One object for the whole launch: switching sources changes the services behind it, not the IPC wiring.
    const services = createSourceSwitch({
      dataDir: app.getPath('userData'),
      shell: 'electron',
      settings: settings.store,
      notices: settings.notice ? [settings.notice] : [],
      launch: launchSource(),
      // safeStorage is usable only once the app is ready, which it is here
      secretBox: desktopSecretBox(),
      testWebhook: bitrix24WebhookTester,
      osLanguage,
      version: app.getVersion(),
      log,
      saveFile: saveExportDialog,
      openExternal: openPortalPage,
    });
    // Requests wait inside invoke() for start() to settle; after a failed start they answer UNAVAILABLE.
    // A failed start (say, a cache from a newer app) is also said in a dialog: a desktop user has no terminal.
    services.start().catch(fail);
    wireIpc(services, target);
    closeOnQuit(services);
    const openWindow = () => {
      const preloadPath = join(app.getAppPath(), 'dist', 'electron', 'preload.cjs');
      mainWindow = createMainWindow({ target, preloadPath, packaged: app.isPackaged });
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

/** Our menu in the language; a click goes to the window as a menu:command event, as every push event does. */
function installMenu(language: Language): void {
  installAppMenu({
    language,
    packaged: app.isPackaged,
    onCommand: (command) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ELECTRON_EVENT_CHANNEL, 'menu:command', { command });
    },
  });
}

/** Where to save a finished export (export:save): the OS save dialog over the window; null when the user closes it. */
async function saveExportDialog(suggested: { fileName: string; format: 'csv' | 'xlsx' }): Promise<string | null> {
  const options = {
    defaultPath: join(app.getPath('documents'), suggested.fileName),
    filters: [suggested.format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'Excel', extensions: ['xlsx'] }],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** electron-store over the same settings.json as browser mode; a damaged file is moved aside, not fatal. */
function openSettingsStore(): OpenedSettings {
  return openSettingsWithRecovery(
    settingsFile(app.getPath('userData')),
    () => {
      const store = new Store<Record<string, unknown>>({ name: 'settings', configFileMode: PRIVATE_FILE_MODE });
      return { get: (key) => store.get(key), set: (key, value) => store.set(key, value) };
    },
    log,
  );
}

function wireIpc(services: Services, target: RendererTarget): void {
  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
    const frame = event.senderFrame;
    // Only our own origin's top frame may call (app://bundle, or the dev server): not an iframe, not a page we were navigated to.
    if (!frame || frame.parent !== null || !target.isOwn(frame.url)) {
      log.warn(`[ipc] refused ${String(channel).slice(0, 80)} from ${frame ? frame.url.slice(0, 200) : 'a destroyed frame'}`);
      return { ok: false, error: { code: 'VALIDATION', message: 'Request refused: it did not come from the application window.' } };
    }
    const result = await services.invoke(channel, payload);
    // the menu speaks the UI's language: rebuilt when the user switches it
    if (channel === 'settings:set' && result.ok) {
      const language = (result.value as { language?: unknown }).language;
      if (language === 'ru' || language === 'en') installMenu(language);
    }
    return result;
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
        log.error(`[main] the services did not close within ${CLOSE_TIMEOUT_MS} ms; quitting anyway`);
        resolveTimeout();
      }, CLOSE_TIMEOUT_MS);
    });
    Promise.race([services.close(), timeout])
      .catch((error: unknown) => log.error('[main] closing the services failed', error))
      .finally(() => {
        clearTimeout(timer);
        closed = true;
        app.quit();
      });
  });
}
