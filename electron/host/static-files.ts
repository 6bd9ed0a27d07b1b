/**
 * The built renderer, served read-only. A path is decoded once, refused if it
 * holds a NUL, a backslash or a `..` segment, resolved with realpath (so a
 * symlink cannot lead out of the folder) and served only if it is a regular
 * file inside it. Every failure is an answer, never a throw.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

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

/** The renderer is a few MB at most: anything larger is not ours to serve. */
const MAX_FILE_BYTES = 32 << 20;

export type StaticAnswer = { status: 200; file: string; size: number; contentType: string } | { status: 400 | 404 };

/** Decodes and confines a URL path to `root`; exported for tests. */
export async function resolveStatic(root: string, pathname: string): Promise<StaticAnswer> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (/[\0\\]/.test(relative) || relative.split('/').includes('..')) return { status: 404 };
  if (relative.endsWith('/')) relative += 'index.html';
  try {
    const realRoot = await fs.promises.realpath(root);
    const real = await fs.promises.realpath(path.join(realRoot, relative));
    if (!real.startsWith(realRoot + path.sep)) return { status: 404 };
    const stat = await fs.promises.stat(real);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return { status: 404 };
    return {
      status: 200,
      file: real,
      size: stat.size,
      contentType: CONTENT_TYPES[path.extname(real)] ?? 'application/octet-stream',
    };
  } catch {
    return { status: 404 };
  }
}

export async function serveStatic(
  root: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const answer = await resolveStatic(root, pathname);
  if (answer.status !== 200) {
    plain(res, answer.status, answer.status === 400 ? 'Bad request' : 'Not found', headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': answer.contentType,
    'Content-Length': String(answer.size),
    'Cache-Control': answer.file.endsWith('.html') ? 'no-store' : 'max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A stream respects the socket's back-pressure; an error mid-way just ends this response.
  const stream = fs.createReadStream(answer.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** A short plain-text answer with the security headers; safe on a response already half-sent. */
export function plain(res: http.ServerResponse, status: number, message: string, headers: Record<string, string>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${message}\n`);
}
