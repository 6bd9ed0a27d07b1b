/**
 * The one request guard of the browser-mode host, run first for every HTTP
 * request and every WebSocket upgrade: request target, Host, Origin, fetch
 * metadata, token — in that order, and without a single throw, so no request
 * can stop the process before or inside the checks.
 *
 * Why each check:
 * - target: only origin-form (`/path?query`); `new URL()` on a target such as
 *   `//x:99999` throws, and absolute-form targets are proxy requests.
 * - Host: a page on a rebound DNS name reaches 127.0.0.1 with its own Host.
 * - Origin / Sec-Fetch-Site: cookies are per host, not per port, so a page on
 *   another 127.0.0.1 port sends our cookie; the browser tells us where the
 *   request came from, and anything but our own origin (or a typed address,
 *   `none`) is refused before the token is even looked at.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { WEB_TOKEN_COOKIE, WEB_TOKEN_PARAM } from '../../shared/ipc/transport.ts';

export interface GuardConfig {
  token: string;
  /** the port actually bound (read at check time: it is known only after listen) */
  port(): number;
}

export type GuardVerdict =
  | { ok: true; url: URL; tokenInQuery: boolean }
  | { ok: false; status: 400 | 401 | 403 | 421; message: string };

/** Cookies are shared across ports of one host, so the name carries the port: two hosts never clobber each other. */
export const cookieName = (port: number) => `${WEB_TOKEN_COOKIE}_${port}`;

const MAX_TARGET_LENGTH = 8192;

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined, port: number): string | null {
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === cookieName(port)) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The request target as a URL, or null for anything but a sane origin-form target. */
export function parseTarget(target: string | undefined): URL | null {
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_TARGET_LENGTH) return null;
  if (target[0] !== '/') return null;
  try {
    // Prefixing a fixed origin keeps the target a path whatever it contains.
    const url = new URL(`http://127.0.0.1${target}`);
    // `//host` or `/\host` (a backslash counts as a slash) would make the token redirect leave this origin.
    return url.host === '127.0.0.1' && !url.pathname.startsWith('//') ? url : null;
  } catch {
    return null;
  }
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Fetch metadata: `same-origin` for our own page, `none` for an address the user typed or a bookmark. */
function fetchSiteAllowed(site: string | string[] | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function checkRequest(req: http.IncomingMessage, config: GuardConfig): GuardVerdict {
  const url = parseTarget(req.url);
  if (!url) return { ok: false, status: 400, message: 'Bad request target' };
  const port = config.port();
  const host = req.headers.host;
  if (typeof host !== 'string' || !allowedHosts(port).has(host)) {
    return { ok: false, status: 421, message: 'Misdirected request' };
  }
  const origin = req.headers.origin;
  if (Array.isArray(origin) || !originAllowed(origin, port)) {
    return { ok: false, status: 403, message: 'Forbidden: this request came from another site' };
  }
  if (!fetchSiteAllowed(req.headers['sec-fetch-site'])) {
    return { ok: false, status: 403, message: 'Forbidden: this request came from another site' };
  }
  const queryToken = url.searchParams.get(WEB_TOKEN_PARAM);
  const authorization = req.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
  const viaQuery = sameToken(queryToken, config.token);
  if (!viaQuery && !sameToken(cookieToken(req.headers.cookie, port), config.token) && !sameToken(bearer, config.token)) {
    return {
      ok: false,
      status: 401,
      message: "Unauthorized: open the address that `npm run web` printed; it carries this launch's token.",
    };
  }
  return { ok: true, url, tokenInQuery: viaQuery };
}
