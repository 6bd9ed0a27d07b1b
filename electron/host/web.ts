/**
 * Browser mode: the same IPC contract over a loopback HTTP + WebSocket host.
 * It binds 127.0.0.1 only and requires the per-launch token on every request
 * and on the socket: `?token=` once (answered with an HttpOnly cookie and a
 * redirect to the clean URL, so the token leaves the address bar), then the
 * cookie, or `Authorization: Bearer`. Host and Origin are checked too, so a
 * web page the user visits cannot reach the console through DNS rebinding.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Handlers } from '../../shared/ipc/contract.ts';
import { WEB_SOCKET_PATH, WEB_TOKEN_COOKIE, WEB_TOKEN_PARAM, type WireMessage } from '../../shared/ipc/transport.ts';
import { dispatch, type Logger } from '../app/ipc/dispatch.ts';
import type { EventListener } from '../app/services.ts';
import { parseWireRequest } from './wire.ts';

export interface WebHostOptions {
  handlers: Handlers;
  onEvent(listener: EventListener): () => void;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  /** 0 picks a free port */
  port: number;
  log?: Logger;
  /** fixed token for tests; random per launch otherwise */
  token?: string;
}

export interface WebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const MAX_MESSAGE_BYTES = 1 << 20;

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Cookies are shared across ports of one host, so the name carries the port: two hosts never clobber each other. */
const cookieName = (port: number) => `${WEB_TOKEN_COOKIE}_${port}`;

function cookieToken(header: string | undefined, port: number): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName(port)) return value.join('=');
  }
  return null;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? console;
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const authorised = (req: http.IncomingMessage, url: URL): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return (
      sameToken(url.searchParams.get(WEB_TOKEN_PARAM), token) ||
      sameToken(cookieToken(req.headers.cookie, port), token) ||
      sameToken(bearer, token)
    );
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    if (!authorised(req, url)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        .end('Unauthorized: open the address that `npm run web` printed; it carries this launch\'s token.\n');
      return;
    }
    if (url.searchParams.has(WEB_TOKEN_PARAM)) {
      url.searchParams.delete(WEB_TOKEN_PARAM);
      res
        .writeHead(303, {
          'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
          ...SECURITY_HEADERS,
        })
        .end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(staticRoot, url.pathname, res);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const originOk = origin === undefined || allowedHosts().has(origin.replace(/^http:\/\//, ''));
    if (url.pathname !== WEB_SOCKET_PATH || !allowedHosts().has(req.headers.host ?? '') || !originOk || !authorised(req, url)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  sockets.on('connection', (ws: WebSocket) => {
    ws.on('message', async (data) => {
      const parsed = parseWireRequest(data.toString());
      if (!parsed.ok) {
        send(ws, { type: 'result', id: parsed.id, result: { ok: false, error: { code: 'VALIDATION', message: parsed.message } } });
        return;
      }
      const result = await dispatch(options.handlers, parsed.value.channel, parsed.value.request, log);
      send(ws, { type: 'result', id: parsed.value.id, result });
    });
  });
  const unsubscribe = options.onEvent((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies WireMessage);
    for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${WEB_TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (relative.endsWith('/')) relative += 'index.html';
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  fs.readFile(file, (error, body) => {
    if (error) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
      return;
    }
    res
      .writeHead(200, {
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
        ...SECURITY_HEADERS,
      })
      .end(body);
  });
}
