/**
 * The one window and the session policy around it. The renderer is treated as
 * untrusted: no Node, an isolated and sandboxed preload, a CSP, no navigation
 * away from our own page, no new windows and no permissions.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the renderer comes from, and the test every sender and navigation must pass. */
export interface RendererTarget {
  /** the URL the window loads */
  url: string;
  /** a Vite dev server origin, or null for the built files */
  devOrigin: string | null;
  /** true for our own page (any hash or query), false for anything else */
  isOwn(url: string): boolean;
}

export function rendererTarget(appPath: string, devUrl: string | undefined): RendererTarget {
  if (devUrl) {
    const devOrigin = new URL(devUrl).origin;
    return { url: devUrl, devOrigin, isOwn: (url) => originOf(url) === devOrigin };
  }
  const own = pathToFileURL(join(appPath, 'dist', 'renderer', 'index.html'));
  return { url: own.href, devOrigin: null, isOwn: (url) => sameFile(url, own) };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function originOf(url: string): string | null {
  return parse(url)?.origin ?? null;
}

function sameFile(url: string, own: URL): boolean {
  const parsed = parse(url);
  if (parsed?.protocol !== 'file:' || parsed.host !== own.host) return false;
  // Chromium and pathToFileURL may escape characters differently, and Windows drive letters vary in case.
  const path = (u: URL) => decodeURIComponent(u.pathname);
  return process.platform === 'win32' ? path(parsed).toLowerCase() === path(own).toLowerCase() : path(parsed) === path(own);
}

function contentSecurityPolicy(target: RendererTarget): string {
  // Vite's dev server: the React refresh preamble is an inline script and HMR talks over a WebSocket.
  const dev = target.devOrigin;
  return [
    "default-src 'self'",
    // AG Grid draws its icons as data: SVGs and its theme injects <style> tags.
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    dev ? `connect-src 'self' ${dev.replace(/^http/, 'ws')}` : "connect-src 'self'",
  ].join('; ');
}

/** Session-wide rules; call once, before the first window loads. */
export function installSessionPolicy(target: RendererTarget): void {
  const csp = contentSecurityPolicy(target);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function openIfWeb(url: string): void {
  // Only web links leave the app, and only into the OS browser: never file:, custom schemes or javascript:.
  const protocol = parse(url)?.protocol;
  if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
}

export function createMainWindow(target: RendererTarget, preloadPath: string): BrowserWindow {
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
    },
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.on('will-navigate', (event) => {
    if (target.isOwn(event.url)) return;
    event.preventDefault();
    openIfWeb(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!target.isOwn(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfWeb(url);
    return { action: 'deny' };
  });

  void window.loadURL(target.url);
  return window;
}
