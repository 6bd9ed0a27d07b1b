/**
 * What the app:// protocol may serve: regular files under the built renderer
 * folder and nothing else. No `electron` import, so the confinement rules run
 * (and are tested) under plain Node; protocol.ts only plugs this in.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
/** The renderer's origin in the packaged and unpackaged (non-dev-server) shell. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** A user-visible result of a lookup: the file to send, or the status to answer with. */
export type AppFileLookup = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 };

// With nosniff, a wrong or missing type makes Chromium refuse a script or style: be explicit.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const NOT_FOUND = { ok: false, status: 404 } as const;
const BAD_REQUEST = { ok: false, status: 400 } as const;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for any URL on our own origin. Node parses `app:` as a non-special
 * scheme (origin "null"), so the origin is compared by its parts; a port or
 * credentials make it a different origin.
 */
export function isAppOrigin(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * URL path → plain file-name segments. Anything that could change meaning
 * once decoded (an encoded slash or backslash, dot segments, NUL or control
 * characters, a drive or stream colon) is a 400; an empty segment is a
 * directory, which is never listed, so 404.
 */
function decodeSegments(pathname: string): string[] | 400 | 404 {
  if (!pathname.startsWith('/')) return 400;
  if (pathname === '/') return ['index.html'];
  const segments: string[] = [];
  for (const part of pathname.slice(1).split('/')) {
    if (part === '') return 404;
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return 400;
    }
    if (segment === '.' || segment === '..' || /[\u0000-\u001f\u007f\\/:]/.test(segment)) return 400;
    segments.push(segment);
  }
  return segments;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * Finds the file a URL path names under root. Both ends go through realpath,
 * so a symlink (or junction) inside the folder cannot lead out of it; the
 * caller reads the returned real path, not the requested one.
 */
export async function lookupAppFile(root: string, pathname: string): Promise<AppFileLookup> {
  const segments = decodeSegments(pathname);
  if (segments === 400) return BAD_REQUEST;
  if (segments === 404) return NOT_FOUND;
  try {
    const realRoot = await fs.realpath(root);
    const real = await fs.realpath(path.join(realRoot, ...segments));
    if (!isInside(realRoot, real)) return NOT_FOUND;
    if (!(await fs.stat(real)).isFile()) return NOT_FOUND;
    return { ok: true, file: real, contentType: contentTypeOf(real) };
  } catch {
    // Missing, unreadable or a broken link: the same answer, so nothing outside is probed.
    return NOT_FOUND;
  }
}

/**
 * The whole app:// handler. It resolves, never rejects: Electron would turn a
 * rejection into a bare network error with nothing in our log.
 */
export async function appFileResponse(root: string, request: { method: string; url: string }, csp: string): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const answer = (status: number, extra: Record<string, string> = {}) => new Response(null, { status, headers: { ...headers, ...extra } });
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, { Allow: 'GET, HEAD' });
    const url = parseUrl(request.url);
    if (!url || !isAppOrigin(request.url)) return answer(404);
    const found = await lookupAppFile(root, url.pathname);
    if (!found.ok) return answer(found.status);
    const body = await fs.readFile(found.file).catch(() => null);
    if (!body) return answer(404);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...headers, 'Content-Type': found.contentType },
    });
  } catch (error) {
    console.error('[app://] serving failed', error);
    return answer(500);
  }
}
