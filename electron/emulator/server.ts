/**
 * The HTTP face: `/rest/{uid}/{code}/{method}[.json]` with the webhook secret
 * checked, the leaky bucket, scopes, the per-method operating budget, faults,
 * and the control endpoints under `/_emulator/` (stats, log, faults, truth),
 * which are outside the bucket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBatch } from './protocol/batch.ts';
import { LeakyBuckets } from './protocol/bucket.ts';
import { timeBlock } from './protocol/envelope.ts';
import { fail, METHOD_NOT_FOUND, type MethodOutcome } from './protocol/errors.ts';
import { FaultSwitch, parseFaultList, swapTypes, type FaultKind, type FaultSpec } from './protocol/faults.ts';
import { OPERATION_TIME_LIMIT_DESCRIPTION, type OperatingBudget } from './protocol/operating.ts';
import { parseBody, parseQuery, type Params } from './protocol/params.ts';
import type { MethodContext } from './methods/context.ts';
import { METHODS } from './methods/registry.ts';

export interface LogEntry {
  time: string;
  method: string;
  params: Params;
  status: number;
  error?: string;
  faults?: FaultKind[];
}

export interface Stats {
  requests: number;
  refused: number;
  perMethod: Record<string, number>;
  peakBucketLevel: number;
  faultsFired: number;
  /** calls (plain or in a batch) refused 429 for their method's operating budget */
  operatingRefused: number;
}

export interface ServerOptions {
  port: number;
  secret: string;
  userId: number;
  context: MethodContext;
  buckets: LeakyBuckets;
  operating: OperatingBudget;
  /** put the time block on a 429 and in a refused command's result_time (operating.ts) */
  reportResetOnRefusal: boolean;
  faults: FaultSwitch;
  slowMs: number;
  truth: () => unknown;
  onRequest?: (entry: LogEntry) => void;
}

const MAX_BODY = 4 * 1024 * 1024;
const MAX_LOG = 5000;

/** The secret never reaches the log. */
function redact(params: Params): Params {
  const copy: Params = { ...params };
  for (const key of ['auth', 'access_token']) if (key in copy) copy[key] = '***';
  return copy;
}

export function createEmulatorServer(options: ServerOptions) {
  const { context, buckets, faults, operating } = options;
  const stats: Stats = { requests: 0, refused: 0, perMethod: {}, peakBucketLevel: 0, faultsFired: 0, operatingRefused: 0 };
  const log: LogEntry[] = [];
  const record = (entry: LogEntry): void => {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    options.onRequest?.(entry);
  };

  const runOne = async (rawMethod: string, params: Params): Promise<MethodOutcome> => {
    const method = rawMethod.toLowerCase().replace(/\.json$/, '');
    stats.perMethod[method] = (stats.perMethod[method] ?? 0) + 1;
    const def = METHODS[method];
    if (!def) return METHOD_NOT_FOUND();
    if (def.scope && !context.scopes.includes(def.scope)) return fail(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token');
    // checked before the call runs and charged only when it answered, as the portal's LoadLimiter does
    if (operating.blocked(method)) {
      stats.operatingRefused++;
      const at = context.now();
      const time = options.reportResetOnRefusal ? { ...timeBlock(at, at), ...operating.report(method), operating_reset_at: operating.unblockedAt(method) } : undefined;
      return { ok: false, status: 429, error: 'OPERATION_TIME_LIMIT', description: OPERATION_TIME_LIMIT_DESCRIPTION, ...(time ? { time } : {}) };
    }
    let outcome: MethodOutcome;
    try {
      outcome = await def.run(params, context);
    } catch (error) {
      return fail(500, 'INTERNAL_SERVER_ERROR', (error as Error).message);
    }
    if (outcome.ok) operating.charge(method, outcome.result);
    return outcome;
  };

  /** The `time` of an answered call, with its method's standing in the operating window. */
  const timeOf = (rawMethod: string, startedMs: number, outcome: MethodOutcome) => {
    if (!outcome.ok) return outcome.time ?? null;
    const method = rawMethod.toLowerCase().replace(/\.json$/, '');
    return { ...timeBlock(startedMs, context.now()), ...operating.report(method) };
  };

  const send = (res: http.ServerResponse, status: number, body: unknown, fired: Set<FaultKind>): void => {
    let text = JSON.stringify(fired.has('wrongTypes') ? swapTypes(body) : body);
    // a truncated answer: the headers promise what the body does not deliver
    if (fired.has('truncate')) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text);
  };

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): Promise<void> => {
    const started = context.now();
    const match = /^\/rest\/(\d+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const methodName = match?.[3] ?? url.pathname;
    const query = parseQuery(url.search.slice(1));
    const bodyParams = req.method === 'POST' ? parseBody(String(req.headers['content-type'] ?? ''), body) : {};
    const params: Params = { ...query, ...(bodyParams ?? {}) };
    stats.requests++;
    const fired = faults.draw();
    if (fired.size) stats.faultsFired++;
    const finish = (status: number, payload: unknown, error?: string): void => {
      record({ time: new Date(started).toISOString(), method: methodName.toLowerCase(), params: redact(params), status, ...(error ? { error } : {}), ...(fired.size ? { faults: [...fired] } : {}) });
      send(res, status, payload, fired);
    };
    const error = (o: { status: number; error: string; description: string; time?: unknown }) =>
      finish(o.status, { error: o.error, error_description: o.description, ...(o.time ? { time: o.time } : {}) }, o.error);

    if (!match) return error({ status: 404, error: 'NOT_FOUND', description: 'Use /rest/{user id}/{webhook code}/{method}' });
    if (faults.revoked || match[1] !== String(options.userId) || match[2] !== options.secret) {
      return error({ status: 401, error: 'NO_AUTH_FOUND', description: 'Wrong authorization data' });
    }
    if (!buckets.admit(req.socket.remoteAddress ?? '?')) {
      stats.refused++;
      return error({ status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' });
    }
    stats.peakBucketLevel = Math.max(stats.peakBucketLevel, buckets.peak);
    if (fired.has('drop')) {
      record({ time: new Date(started).toISOString(), method: methodName.toLowerCase(), params: redact(params), status: 0, faults: [...fired] });
      req.socket.destroy();
      return;
    }
    if (fired.has('slow')) await new Promise((r) => setTimeout(r, options.slowMs));
    if (fired.has('storm503')) return error({ status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' });
    if (fired.has('limit429')) return error({ status: 429, error: 'OPERATION_TIME_LIMIT', description: 'Method is blocked due to operation time limit.' });
    if (fired.has('error500')) return error({ status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
    if (fired.has('teapot')) return error({ status: 418, error: 'I_AM_A_TEAPOT', description: 'An answer no client was written for' });
    if (bodyParams === null) return error({ status: 400, error: 'INVALID_REQUEST', description: 'The request body is not valid JSON' });

    const method = methodName.toLowerCase().replace(/\.json$/, '');
    let outcome: MethodOutcome;
    if (method === 'batch') {
      stats.perMethod['batch'] = (stats.perMethod['batch'] ?? 0) + 1;
      outcome = await runBatch(params, context.now, runOne, timeOf);
    } else outcome = await runOne(method, params);
    if (!outcome.ok) return error(outcome);
    const envelope: Record<string, unknown> = { result: outcome.result };
    if (outcome.next !== undefined) envelope['next'] = outcome.next;
    if (outcome.total !== undefined) envelope['total'] = outcome.total;
    // the batch itself is not charged (spec §1.4): its time reports its own, empty, account
    envelope['time'] = timeOf(method, started, outcome);
    finish(200, envelope);
  };

  const control = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): void => {
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    const path = url.pathname;
    if (path === '/_emulator/stats' && req.method === 'GET') return json(200, stats);
    if (path === '/_emulator/log' && req.method === 'GET') return json(200, log);
    if (path === '/_emulator/truth' && req.method === 'GET') return json(200, options.truth());
    if (path === '/_emulator/faults' && req.method === 'GET') return json(200, faults.list());
    if (path === '/_emulator/faults' && req.method === 'POST') {
      const parsed = parseFaultsBody(body);
      if (!parsed.ok) return json(400, { error: parsed.message });
      faults.set(parsed.faults);
      return json(200, faults.list());
    }
    json(404, { error: 'unknown control endpoint' });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/_emulator/')) return control(req, res, url, body);
      answer(req, res, url, body).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: String(error) }, new Set());
      });
    });
  });

  return {
    stats: (): Stats => structuredClone(stats),
    log: (): LogEntry[] => structuredClone(log),
    async listen(): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, '127.0.0.1', () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    close: (): Promise<void> =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POST /_emulator/faults: `{"faults":"storm503:0.5,drop:next2"}` or `{"faults":[{"kind":"slow","next":1}]}`; `[]` or "" switches all off. */
function parseFaultsBody(body: string): { ok: true; faults: FaultSpec[] } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  const value = (parsed as { faults?: unknown }).faults ?? '';
  if (typeof value === 'string') return parseFaultList(value);
  if (!Array.isArray(value)) return { ok: false, message: 'faults: a LIST string or an array of {kind, probability?, next?}' };
  const text = value
    .map((f: { kind?: unknown; probability?: unknown; next?: unknown }) => `${String(f.kind)}${f.next !== undefined ? `:next${Number(f.next)}` : f.probability !== undefined ? `:${Number(f.probability)}` : ''}`)
    .join(',');
  return parseFaultList(text);
}
