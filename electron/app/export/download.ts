/**
 * Browser mode's download of a finished export: GET /exports/<file name>,
 * reached only after the host's guard (target, Host, Origin, fetch
 * metadata, token) like every other request. The name must be one an export
 * gets (EXPORT_FILE_NAME: no slash, no dot segment, no partial file), the
 * file must be a regular file inside the data folder's exports/ once both are
 * resolved (a symlink planted there cannot lead out), and it is sent as an
 * attachment, never rendered. Every failure is an answer, never a throw.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { EXPORT_FILE_NAME } from '../../../shared/ipc/contract-export.ts';
import type { AppInfo, IpcResult } from '../../../shared/ipc/contract.ts';
import { exportsDir } from './files.ts';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type DownloadAnswer = { status: 200; file: string; size: number; name: string; contentType: string } | { status: 404 | 503 };

/** Finds the export a URL's last segment names; exported for tests. */
export async function resolveExport(dataDir: string, segment: string): Promise<DownloadAnswer> {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return { status: 404 };
  }
  if (!EXPORT_FILE_NAME.test(name)) return { status: 404 };
  try {
    const root = await fs.promises.realpath(exportsDir(dataDir));
    const real = await fs.promises.realpath(path.join(root, name));
    if (path.dirname(real) !== root) return { status: 404 };
    const stat = await fs.promises.stat(real);
    if (!stat.isFile()) return { status: 404 };
    return { status: 200, file: real, size: stat.size, name, contentType: CONTENT_TYPES[name.endsWith('.csv') ? 'csv' : 'xlsx'] };
  } catch {
    return { status: 404 };
  }
}

/**
 * Answers one download request. The data folder is asked of the services
 * (`app:info`), so the host needs no wiring beyond its invoke; before they
 * have started that is a 503.
 */
export async function serveExportDownload(
  invoke: (channel: string, request: unknown) => Promise<IpcResult<unknown>>,
  segment: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const plain = (status: number, message: string) =>
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${message}\n`);
  const info = await invoke('app:info', {});
  if (!info.ok) return void plain(503, 'The application is not ready');
  const answer = await resolveExport((info.value as AppInfo).dataDir, segment);
  if (answer.status !== 200) return void plain(answer.status, answer.status === 404 ? 'Not found' : 'Not ready');
  res.writeHead(200, {
    ...headers,
    'Content-Type': answer.contentType,
    'Content-Length': String(answer.size),
    // the name is [a-z0-9._-] only (EXPORT_FILE_NAME), so it needs no quoting beyond the quotes
    'Content-Disposition': `attachment; filename="${answer.name}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = fs.createReadStream(answer.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
