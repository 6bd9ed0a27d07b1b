/**
 * Where the renderer comes from and which URLs count as our own page. No
 * `electron` import: the origin test guards every IPC call and navigation,
 * so it is unit-tested under Node.
 */
import { join } from 'node:path';
import { APP_ENTRY_URL, isAppOrigin } from './app-files.ts';

export interface RendererTarget {
  /** the URL the window loads */
  url: string;
  /** the built renderer folder app:// serves, or null when a dev server serves the page */
  filesRoot: string | null;
  /** a Vite dev server origin, or null for the built files */
  devOrigin: string | null;
  /** true for any URL on our own origin, false for anything else */
  isOwn(url: string): boolean;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** devUrl must only be passed in an unpackaged checkout: a packaged app never trusts the environment. */
export function rendererTarget(appPath: string, devUrl: string | undefined): RendererTarget {
  if (devUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(devUrl);
    } catch {
      // reported below
    }
    // Only a web origin can be compared by origin; anything else would widen isOwn.
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new Error(`OLS_RENDERER_URL must be an http(s) URL of the Vite dev server, not ${JSON.stringify(devUrl.slice(0, 200))}`);
    }
    const devOrigin = parsed.origin;
    return { url: parsed.href, filesRoot: null, devOrigin, isOwn: (url) => originOf(url) === devOrigin };
  }
  return { url: APP_ENTRY_URL, filesRoot: join(appPath, 'dist', 'renderer'), devOrigin: null, isOwn: isAppOrigin };
}
