/**
 * Browser mode: the same IPC contract over a loopback HTTP + WebSocket host.
 * It binds 127.0.0.1 only; every HTTP request and every socket upgrade passes
 * one guard first (guard.ts: target, Host, Origin, fetch metadata, token).
 * `?token=` is traded once for an HttpOnly cookie and a redirect to the clean
 * URL, so the token leaves the address bar.
 *
 * No request may stop or bloat the process: every socket has an error
 * listener, parsing never throws, timeouts end slow or idle connections,
 * connection counts are capped, and sockets push back (socket-session.ts).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.ts';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WireMessage } from '../../shared/ipc/transport.ts';
import type { Logger } from '../app/ipc/dispatch.ts';
import type { EventListener } from '../app/services.ts';
import { EXPORT_DOWNLOAD_PREFIX } from '../../shared/ipc/contract-export.ts';
import { serveExportDownload } from '../app/export/download.ts';
import { checkRequest, cookieName } from './guard.ts';
import { openSocketSession, SOCKET_LIMITS, type Invoke, type SocketSession } from './socket-session.ts';
import { plain, serveStatic } from './static-files.ts';

export interface WebHostOptions {
  /** the services' one entry point; the host only forwards */
  invoke: Invoke;
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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Another origin may not even embed our files (an <img> or <script> from a page on another port).
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Bounds on what one client can hold open. */
const LIMITS = {
  maxMessageBytes: 1 << 20,
  maxSockets: 16,
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeadersCount: 64,
} as const;

const rawReply = (status: number, reason: string) =>
  `HTTP/1.1 ${status} ${reason}\r\n` +
  Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('') +
  'Content-Length: 0\r\nConnection: close\r\n\r\n';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  421: 'Misdirected Request',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? console;
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = options.port;
  const guard = { token, port: () => port };

  const server = http.createServer(
    { maxHeaderSize: 16 * 1024, requestTimeout: LIMITS.requestTimeoutMs, headersTimeout: LIMITS.headersTimeoutMs },
    (req, res) => {
      res.on('error', () => res.destroy());
      const verdict = checkRequest(req, guard);
      if (!verdict.ok) return plain(res, verdict.status, verdict.message, SECURITY_HEADERS);
      if (verdict.tokenInQuery) {
        const url = verdict.url;
        url.searchParams.delete(WEB_TOKEN_PARAM);
        res
          .writeHead(303, {
            ...SECURITY_HEADERS,
            'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
            Location: url.pathname + url.search,
          })
          .end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return plain(res, 405, 'Method not allowed', SECURITY_HEADERS);
      }
      // a finished export, as an attachment (export/download.ts confines it to the data folder's exports/)
      if (verdict.url.pathname.startsWith(EXPORT_DOWNLOAD_PREFIX)) {
        serveExportDownload(options.invoke, verdict.url.pathname.slice(EXPORT_DOWNLOAD_PREFIX.length), req, res, SECURITY_HEADERS).catch((error: unknown) => {
          log.warn(`[web] export download failed: ${String(error)}`);
          plain(res, 500, 'Internal error', SECURITY_HEADERS);
        });
        return;
      }
      serveStatic(staticRoot, verdict.url.pathname, req, res, SECURITY_HEADERS).catch((error: unknown) => {
        log.warn(`[web] static file failed: ${String(error)}`);
        plain(res, 500, 'Internal error', SECURITY_HEADERS);
      });
    },
  );
  server.keepAliveTimeout = LIMITS.keepAliveTimeoutMs;
  server.maxHeadersCount = LIMITS.maxHeadersCount;
  server.maxConnections = LIMITS.maxConnections;
  server.on('connection', (socket) => socket.on('error', () => socket.destroy()));
  // Malformed HTTP never reaches the request handler: answer what can be answered, then close.
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    if (socket.writable && !(socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.end(rawReply(status, REASONS[status]!));
    }
    socket.destroy();
  });
  server.on('error', (error) => log.error('[web] server error', error));

  const sockets = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes, clientTracking: true });
  const sessions = new Map<WebSocket, SocketSession>();
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: number) => {
      if (socket.writable) socket.end(rawReply(status, REASONS[status] ?? 'Error'));
      socket.destroy();
    };
    const verdict = checkRequest(req, guard);
    if (!verdict.ok) return refuse(verdict.status);
    if (verdict.url.pathname !== WEB_SOCKET_PATH) return refuse(404);
    if (sessions.size >= LIMITS.maxSockets) return refuse(503);
    try {
      sockets.handleUpgrade(req, socket, head, (ws) => {
        sessions.set(ws, openSocketSession(ws, options.invoke, log));
        ws.once('close', () => sessions.delete(ws));
      });
    } catch (error) {
      log.warn(`[web] upgrade failed: ${String(error)}`);
      refuse(400);
    }
  });
  sockets.on('error', (error) => log.warn(`[web] socket server error: ${error.message}`));
  const heartbeat = setInterval(() => {
    for (const session of sessions.values()) session.heartbeat();
  }, SOCKET_LIMITS.pingEveryMs);
  heartbeat.unref();

  const unsubscribe = options.onEvent((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies WireMessage);
    for (const session of sessions.values()) session.push(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
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
        clearInterval(heartbeat);
        unsubscribe();
        for (const ws of sessions.keys()) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
