/**
 * The one window and the session policy around it. The renderer is treated as
 * untrusted: no Node, an isolated and sandboxed preload, a CSP, no navigation
 * away from our own page, no new windows, no permissions, and no DevTools in
 * a packaged build.
 */
import { BrowserWindow, session } from 'electron';
import { devContentSecurityPolicy } from '../../shared/security/csp.ts';
import { isDevToolsShortcut } from './devtools-shortcuts.ts';
import { confirmExternalLink } from './links.ts';
import { serveAppFiles } from './protocol.ts';
import type { RendererTarget } from './renderer-target.ts';

/** Session-wide rules; call once, after `ready` and before the first window loads. */
export function installSessionPolicy(target: RendererTarget): void {
  const defaultSession = session.defaultSession;
  if (target.filesRoot) serveAppFiles(target.filesRoot);
  // app:// sends its own CSP header; only Vite's dev server needs one added, and only to its own responses.
  if (target.devOrigin) {
    const csp = devContentSecurityPolicy(target.devOrigin);
    defaultSession.webRequest.onHeadersReceived((details, callback) => {
      if (!target.isOwn(details.url)) return callback({});
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
}

export interface MainWindowOptions {
  target: RendererTarget;
  preloadPath: string;
  /** app.isPackaged: a shipped build has no DevTools */
  packaged: boolean;
}

export function createMainWindow({ target, preloadPath, packaged }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    title: 'Open Lines Supervisor',
    // shown on ready-to-show, so the user never sees an empty white frame
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !packaged,
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  if (packaged) {
    contents.on('before-input-event', (event, input) => {
      if (isDevToolsShortcut(input)) event.preventDefault();
    });
  }
  contents.on('will-navigate', (event) => {
    if (target.isOwn(event.url)) return;
    event.preventDefault();
    void confirmExternalLink(window, event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!target.isOwn(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void confirmExternalLink(window, url);
    return { action: 'deny' };
  });

  void window.loadURL(target.url);
  return window;
}
