/** A tiny real HTTP server on loopback that answers REST calls as a test scripts it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = { status: number; body: unknown } | { raw: string; status?: number } | 'reset' | 'hang';

export interface LoopbackPortal {
  url: string;
  webhookUrl: string;
  calls: Array<{ method: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const SECRET = 'tops3cretc0de42';

export async function startLoopbackPortal(answer: (method: string, body: Record<string, unknown>) => Reply): Promise<LoopbackPortal> {
  const calls: LoopbackPortal['calls'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = decodeURIComponent((req.url ?? '').split('/').pop() ?? '').replace(/\.json$/, '');
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ method, body });
      const reply = answer(method, body);
      if (reply === 'reset') return req.socket.destroy();
      if (reply === 'hang') return;
      if ('raw' in reply) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        return res.end(reply.raw);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhookUrl: `${url}/rest/7/${SECRET}/`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TIME = { start: 1, finish: 1, duration: 0, processing: 0, date_start: '', date_finish: '' };
export const ok = (result: unknown, extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { result, time: TIME, ...extra } });
export const fail = (status: number, error: string, error_description = '', extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { error, error_description, ...extra },
});

export const silentLog = { info() {}, warn() {}, error() {} };
