/**
 * A seeded transport fuzzer against a real browser-mode host process: over
 * 10,000 raw HTTP requests and over 10,000 WebSocket frames, each batch once
 * without the token and once with it. Plans are drawn from one seeded PRNG
 * before anything is sent, so a seed replays the same bytes (only the
 * interleaving of the parallel connections differs). Set OLS_FUZZ_SEED to
 * replay a failure. After every batch the host must be alive and serving,
 * its memory bounded, and its cache intact and unchanged (`--speed 0`
 * freezes the demo world once the backfill is done).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { CHANNELS } from '../../../shared/ipc/contract.ts';
import { RSS_READABLE, startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import {
  FrameReader,
  OPCODE,
  closePayload,
  collectUntilClose,
  hostAnswers,
  rawExchange,
  statusCodes,
  upgradeRequest,
  waitFor,
  writeAll,
  writeQuietly,
  wsCall,
  wsFrame,
  wsHandshake,
  type Finish,
  type HandshakeOptions,
} from '../../support/raw-socket.ts';

const SEED = Number(process.env.OLS_FUZZ_SEED ?? 0x5eed_2024);
const TARGET = 10_000;
const MB = 1 << 20;
/** generous: a host that buffers what it cannot send, or leaks per connection, goes far past it */
const RSS_GROWTH_LIMIT = 250 * MB;
/** below the host's per-launch socket cap, so the checks between batches always get a socket */
const CONCURRENCY = 8;
const BATCH_DEADLINE_MS = 90_000;

console.log(`host fuzz seed ${SEED} (OLS_FUZZ_SEED=${SEED} replays it)`);

// ---- plans: every byte comes from the seeded PRNG ----------------------------------------------

/** mulberry32: small, fast, and the same sequence on every platform */
class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 1) out[i] = this.int(256);
    return out;
  }
  /** a string of raw bytes 0-255, one char per byte (sent as latin1) */
  latin1(n: number): string {
    return this.bytes(n).toString('latin1');
  }
}

interface Ctx {
  port: number;
  /** null: the batch without the token (it never appears in any byte sent) */
  token: string | null;
}

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PRI', 'get', 'G\x00T', 'M-SEARCH', 'BREW', 'X'.repeat(300), ''];
const VERSIONS = ['HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 x', 'HTTP/1', '', 'http/1.1', 'HTTP/1.1\x00'];

/** A request target a browser would never send. */
function oddTarget(rng: Rng, ctx: Ctx): string {
  const { port } = ctx;
  const fixed = [
    '/api/ws', '/api/ws/', '//x:99999', 'http://[', '//[::1', '//[', `http://127.0.0.1:${port}/`, 'http://evil.example/', `https://127.0.0.1:${port}/`,
    '*', `127.0.0.1:${port}`, '/%00', '/%', '/%zz', '/%E0%A4%A', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%2f..%2f..%2fetc%2fpasswd', '/../../etc/passwd',
    '/%c0%ae%c0%ae/', '/%252e%252e/', '/\\..\\..\\package.json', '/?token=', '/?token=wrong', '/?a=%ff&b', '/#frag', '', '/ /', '\x00',
    '/\x01\x02\x7f', '/é', '/\xff\xfe', '//', '///etc/passwd', '/.', '/..', 'javascript:alert(1)', 'file:///etc/passwd', '?', '/index.html?token=%00',
  ];
  switch (rng.int(5)) {
    case 0: return '/' + 'a'.repeat(rng.int(20_000));
    case 1: return '/' + Array.from({ length: rng.int(40) }, () => `%${rng.int(256).toString(16).padStart(2, '0')}`).join('');
    case 2: return '/' + rng.latin1(rng.int(30)).replace(/[ \r\n]/g, '');
    default: return rng.pick(fixed);
  }
}

/** Credentials that are not the token. */
function nearMiss(rng: Rng, ctx: Ctx): Array<[string, string]> {
  const { port } = ctx;
  const lookalike = 'A'.repeat(ctx.token?.length ?? 32);
  return [rng.pick<[string, string]>([
    ['Authorization', 'Bearer '], ['Authorization', 'Bearer wrong'], ['Authorization', `Bearer ${lookalike}`], ['Authorization', 'Basic dXNlcjpwYXNz'],
    ['Authorization', `Bearer ${'x'.repeat(5000)}`], ['Cookie', `ols_token_${port}=wrong`], ['Cookie', `ols_token_${port + 1}=${lookalike}`],
    ['Cookie', ';;;=;=='.repeat(200)], ['Cookie', `ols_token_${port}`], ['Cookie', `ols_token_${port}=\x00`], ['Authorization', 'bearer\tx'],
  ])];
}

function oddBody(rng: Rng, headers: Array<[string, string]>): string {
  switch (rng.int(8)) {
    case 0: { const body = rng.latin1(rng.int(64)); headers.push(['Content-Length', String(body.length)]); return body; }
    case 1: headers.push(['Content-Length', String(rng.int(100) + 10)]); return rng.latin1(rng.int(10)); // promises more than it sends
    case 2: headers.push(['Content-Length', rng.pick(['-1', 'abc', '1e3', '99999999999999999999', ' 5'])]); return '';
    case 3: headers.push(['Content-Length', '3'], ['Content-Length', '4']); return 'abcd';
    case 4: headers.push(['Transfer-Encoding', 'chunked']); return '5\r\nhello\r\n0\r\n\r\n';
    case 5: headers.push(['Transfer-Encoding', 'chunked']); return rng.pick(['zz\r\n', 'ffffffffffffffff\r\n', '5\r\nhi\r\n']);
    case 6: headers.push(['Transfer-Encoding', 'chunked'], ['Content-Length', '5']); return '0\r\n\r\n';
    default: headers.push(['Expect', '100-continue'], ['Content-Length', '2']); return 'ok';
  }
}

const ODDITIES = 15;

/**
 * One request: well-formed, with zero to three odd parts (method, target,
 * version, Host, credentials, Origin, body framing, headers, line endings),
 * so a pipeline gets past its first request often enough to fuzz the rest.
 */
function httpMessage(rng: Rng, ctx: Ctx, last: boolean): string {
  const { port, token } = ctx;
  const odd = new Set(Array.from({ length: rng.pick([0, 0, 1, 1, 1, 2, 3]) }, () => rng.int(ODDITIES)));
  const headers: Array<[string, string]> = [];
  const method = odd.has(0)
    ? rng.chance(0.7) ? rng.pick(METHODS) : rng.latin1(rng.int(8)).replace(/[ \r\n]/g, '')
    : rng.chance(0.8) ? 'GET' : rng.pick(['HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE']);
  let path = odd.has(1) ? oddTarget(rng, ctx) : rng.pick(['/', '/', '/index.html', '/favicon.svg', '/nope.js', '/assets/']);
  const version = odd.has(2) ? rng.pick(VERSIONS) : 'HTTP/1.1';
  headers.push(['Host', odd.has(3) ? rng.pick(['evil.example', '', '127.0.0.1', `[::1]:${port}`, `127.0.0.1:${port}\x01`, 'localhost:99999', 'h'.repeat(3000)]) : rng.chance(0.8) ? `127.0.0.1:${port}` : `localhost:${port}`]);
  if (odd.has(4) || !token) {
    if (rng.chance(0.7)) headers.push(...nearMiss(rng, ctx));
  } else {
    const how = rng.int(4);
    if (how === 0) path += `${path.includes('?') ? '&' : '?'}token=${token}`;
    else headers.push(how === 1 ? ['Authorization', `Bearer ${token}`] : ['Cookie', how === 2 ? `ols_token_${port}=${token}` : `a=b; ols_token_${port}=${token}; c`]);
  }
  if (odd.has(5)) {
    if (rng.chance(0.6)) headers.push(['Origin', rng.pick([`http://localhost:${port}`, 'http://evil.example', 'null', '', `https://127.0.0.1:${port}`, rng.latin1(12)])]);
    else headers.push(['Sec-Fetch-Site', rng.pick(['cross-site', 'same-site', 'bogus', ''])]);
  } else if (rng.chance(0.3)) headers.push(['Origin', `http://127.0.0.1:${port}`], ['Sec-Fetch-Site', 'same-origin']);
  const body = odd.has(6) ? oddBody(rng, headers) : '';
  if (odd.has(7)) {
    for (let i = rng.int(5) + 1; i > 0; i -= 1) {
      const name = rng.chance(0.6) ? rng.pick(['X-A', 'Accept', 'Cookie', 'Referer', 'User-Agent', 'X-Forwarded-For', 'Forwarded', 'Authorization']) : rng.latin1(rng.int(12) + 1).replace(/[:\r\n]/g, 'x');
      headers.push([name, rng.latin1(rng.int(60)).replace(/[\r\n]/g, ' ')]);
    }
  }
  if (odd.has(8)) headers.push(['X-Big', 'a'.repeat(17 * 1024 + rng.int(30_000))]);
  if (odd.has(9)) for (let i = 0; i < 100; i += 1) headers.push([`X-Many-${i}`, String(i)]);
  if (odd.has(10)) headers.push(['X-Fold', 'a\r\n folded']);
  if (odd.has(11)) headers.push(['Host', rng.pick(['evil.example', `127.0.0.1:${port}`])]);
  if (odd.has(12)) {
    headers.push(['Upgrade', rng.pick(['websocket', 'h2c', 'WebSocket'])], ['Connection', 'Upgrade']);
    if (rng.chance(0.6)) headers.push(['Sec-WebSocket-Key', rng.pick(['dGhlIHNhbXBsZSBub25jZQ==', '', 'short'])], ['Sec-WebSocket-Version', rng.pick(['13', '8', 'x'])]);
  }
  if (odd.has(13)) headers.push(['Connection', rng.pick(['keep-alive', 'close', 'upgrade', '\x00', 'x'.repeat(200)])]);
  if (last && rng.chance(0.9)) headers.push(['Connection', 'close']);
  const eol = odd.has(14) ? '\n' : '\r\n';
  return `${method} ${path} ${version}${eol}${headers.map(([n, v]) => `${n}: ${v}${eol}`).join('')}${eol}${body}`;
}

interface HttpPlan {
  requests: number;
  chunks: Buffer[];
  finish: Finish;
}

function httpPlan(rng: Rng, ctx: Ctx): HttpPlan {
  // Refusals close the connection, so most connections carry one request; the rest pipeline a few.
  const requests = rng.chance(0.65) ? 1 : rng.int(5) + 2;
  const messages = Array.from({ length: requests }, (_, i) => httpMessage(rng, ctx, i === requests - 1));
  let bytes = Buffer.from(messages.join(''), 'latin1');
  let finish: Finish = 'wait';
  const mode = rng.int(10);
  if (mode === 0) {
    bytes = bytes.subarray(0, rng.int(bytes.length)); // half-sent, then hung up
    finish = rng.pick(['end', 'destroy', 'rst'] as const);
  } else if (mode === 1) finish = 'rst';
  const chunks: Buffer[] = [];
  if (rng.chance(0.2)) {
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + rng.int(Math.max(1, Math.min(bytes.length - at, 200)));
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
  } else chunks.push(bytes);
  return { requests, chunks, finish };
}

/** Random JSON of bounded size and depth: the garbage a hostile page could send over a valid socket. */
function jsonValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 6 : 9)) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.pick([0, -1, 1, 1e308, -0, 2 ** 53, 0.5, 1000, 999_999_999]);
    case 3: return rng.pick(['', 'id', 'asc', 'desc', '__proto__', 'x'.repeat(600), rng.latin1(10)]);
    case 4: return {};
    case 5: return [];
    case 6: return Array.from({ length: rng.int(4) }, () => jsonValue(rng, depth + 1));
    default: {
      const keys = ['filter', 'sort', 'startRow', 'endRow', 'id', 'conditions', 'column', 'op', 'values', 'language', 'columns', 'sla', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [rng.pick(keys), jsonValue(rng, depth + 1)]));
    }
  }
}

function validFrame(rng: Rng, ctx: { nextId: number; channels: Map<number, string> }): Buffer[] {
  switch (rng.int(12)) {
    case 0: return [wsFrame({ opcode: OPCODE.text, payload: rng.pick(['not json', '', '{', '[]', 'null', '"s"', '{"id":"1"}', '{"id":1e400}', '['.repeat(2000)]) })];
    case 1: return [wsFrame({ opcode: OPCODE.binary, payload: rng.bytes(rng.int(200)) })];
    case 2: return [wsFrame({ opcode: rng.chance(0.5) ? OPCODE.ping : OPCODE.pong, payload: rng.bytes(rng.int(126)) })];
    case 3: {
      const text = Buffer.from(JSON.stringify({ id: ctx.nextId, channel: 'app:info', request: {} }));
      ctx.channels.set(ctx.nextId++, 'app:info');
      const cut = 1 + rng.int(text.length - 1);
      return [wsFrame({ opcode: OPCODE.text, payload: text.subarray(0, cut), fin: false }), wsFrame({ opcode: OPCODE.continuation, payload: text.subarray(cut) })];
    }
    default: {
      const channel = rng.chance(0.6) ? rng.pick(CHANNELS) : rng.pick(['', 'nope:nope', 'app:info ', 'APP:INFO', '__proto__', 'constructor', 'toString', 'dialogs:list\x00', rng.latin1(8)]);
      const id = rng.chance(0.9) ? ctx.nextId++ : rng.pick([-1, 0, 2 ** 53, 1.5]);
      if (Number.isSafeInteger(id) && id > 0) ctx.channels.set(id, channel);
      const message = rng.chance(0.95) ? { id, channel, request: jsonValue(rng) } : { channel, request: {} };
      return [wsFrame({ opcode: OPCODE.text, payload: JSON.stringify(message), mask: rng.chance(0.1) ? Buffer.alloc(4) : true })];
    }
  }
}

/** One frame the protocol forbids (or a valid close). */
function badFrame(rng: Rng): Buffer {
  switch (rng.int(12)) {
    case 0: return wsFrame({ opcode: rng.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: rng.bytes(rng.int(20)) });
    case 1: return wsFrame({ opcode: OPCODE.text, payload: '{}', rsv: 1 + rng.int(7) });
    case 2: return wsFrame({ opcode: OPCODE.text, payload: '{"id":1,"channel":"app:info","request":{}}', mask: false });
    case 3: return wsFrame({ opcode: OPCODE.text, payload: rng.bytes(rng.int(30)), declaredLength: (1 << 20) + 1 + rng.int(1 << 20) });
    case 4: return wsFrame({ opcode: OPCODE.text, payload: Buffer.from([0x22, 0xff, 0xc3, 0x28, 0x22]) });
    case 5: return wsFrame({ opcode: OPCODE.close, payload: closePayload(rng.pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535])) });
    case 6: return wsFrame({ opcode: OPCODE.close, payload: Buffer.from([0x03]) });
    case 7: return wsFrame({ opcode: OPCODE.ping, payload: 'x', fin: false });
    case 8: return wsFrame({ opcode: OPCODE.continuation, payload: 'orphan' });
    case 9: return wsFrame({ opcode: OPCODE.text, payload: rng.bytes(rng.int(40)), declaredLength: rng.int(200) }); // the length lies either way
    case 10: return Buffer.concat([Buffer.from([0x81, 0xff]), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), rng.bytes(4)]); // 2^64 - 1 bytes
    default: return rng.bytes(1 + rng.int(64));
  }
}

interface WsPlan {
  key: string;
  handshake: HandshakeOptions;
  frames: Buffer[];
  /** the frames before the closing one, as written */
  chunks: Buffer[];
  /** a polite close frame, sent once the answers are in */
  closing: Buffer | null;
  finish: 'close' | 'end' | 'rst' | 'destroy';
  /** id → channel of each JSON request, to check what came back */
  channels: Map<number, string>;
}

function wsPlan(rng: Rng, ctx: Ctx): WsPlan {
  const { port, token } = ctx;
  let handshake: HandshakeOptions;
  if (token) {
    const how = rng.int(3);
    const origin = rng.pick([`http://127.0.0.1:${port}`, `http://localhost:${port}`, null] as const);
    handshake =
      how === 0
        ? { token, origin }
        : { origin, extraHeaders: [how === 1 ? ['Authorization', `Bearer ${token}`] : ['Cookie', `ols_token_${port}=${token}`]] };
  } else {
    handshake = rng.pick<HandshakeOptions>([
      {},
      { token: 'wrong' },
      { token: 'A'.repeat(32) },
      { extraHeaders: [['Authorization', 'Bearer wrong']] },
      { extraHeaders: [['Cookie', `ols_token_${port + 1}=x`]] },
      { token: 'wrong', origin: 'http://evil.example' },
      { host: 'evil.example' },
      { path: '//[::1' },
    ]);
  }
  const session = { nextId: 1, channels: new Map<number, string>() };
  const frames: Buffer[] = [];
  for (let i = rng.int(30) + 1; i > 0; i -= 1) frames.push(...validFrame(rng, session));
  if (rng.chance(0.4)) frames.push(badFrame(rng));
  if (rng.chance(0.005)) frames.push(wsFrame({ opcode: OPCODE.text, payload: Buffer.alloc((1 << 20) + 1 + rng.int(1000), 0x20) }));
  const finish = rng.pick(['close', 'close', 'end', 'rst', 'destroy'] as const);
  const bytes = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  if (rng.chance(0.2)) {
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + rng.int(Math.max(1, Math.min(bytes.length - at, 300)));
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
  } else chunks.push(bytes);
  const closing = finish === 'close' ? wsFrame({ opcode: OPCODE.close, payload: closePayload(1000) }) : null;
  if (closing) frames.push(closing);
  return { key: rng.bytes(16).toString('base64'), handshake, frames, chunks, closing, finish, channels: session.channels };
}

// ---- the batches ---------------------------------------------------------------------------------

let host: WebHostProcess;
let baselineRss = 0;
let baselineCounts: Record<string, number> = {};

function cacheState(file: string): { integrity: string; counts: Record<string, number> } {
  const db = openDatabase(file, { readonly: true, migrate: false });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const counts = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
    return { integrity, counts };
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  host = await startWebHostProcess({ seed: 21, speed: 0, historyDays: 1 });
  const live = await waitFor(async () => {
    const status = (await wsCall(host.port, host.token, 'sync:status', {})) as { value?: { phase?: string } };
    return status.value?.phase === 'live';
  }, 30_000, 200);
  expect(live, 'the backfill finished before fuzzing').toBe(true);
  baselineCounts = cacheState(host.cacheFile).counts;
  expect(baselineCounts.dialogs, 'the cache holds dialogs to protect').toBeGreaterThan(0);
  baselineRss = RSS_READABLE ? host.rssBytes() : 0;
}, 60_000);

afterEach(async () => {
  await host.stop();
});

const histogram = (values: number[]) =>
  Object.entries(values.reduce<Record<number, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {}))
    .map(([k, n]) => `${k}×${n}`)
    .join(' ');

const growth = (peakRss: number) => (RSS_READABLE ? `peak RSS +${Math.round((peakRss - baselineRss) / MB)} MB` : 'RSS not readable here');

/**
 * Runs plans over CONCURRENCY connections at once, sampling the host's RSS.
 * Stops early once the host is gone; a client-side failure is recorded, not thrown.
 */
async function runBatch<P>(plans: P[], run: (plan: P) => Promise<void>): Promise<{ done: number; peakRss: number; errors: string[] }> {
  let next = 0;
  let done = 0;
  let peakRss = baselineRss;
  const errors: string[] = [];
  const sample = () => {
    if (RSS_READABLE && host.alive()) {
      try {
        peakRss = Math.max(peakRss, host.rssBytes());
      } catch {
        // exited between the check and the read: the aliveness assertion reports it
      }
    }
  };
  const sampler = setInterval(sample, 100);
  const deadline = Date.now() + BATCH_DEADLINE_MS;
  const worker = async () => {
    while (next < plans.length && Date.now() < deadline && host.alive() && errors.length < 20) {
      try {
        await run(plans[next++]!);
        done += 1;
      } catch (error) {
        errors.push(String(error));
        await waitFor(() => !host.alive(), 200);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    clearInterval(sampler);
    sample();
  }
  return { done, peakRss, errors };
}

/** First the host must have lived through the batch: its output says why when it did not. */
async function expectBatchRan(done: number, planned: number, errors: string[]): Promise<void> {
  await waitFor(() => !host.alive(), 200);
  expect(host.alive(), `the host died during the batch; its output:\n${host.output().slice(-3000)}`).toBe(true);
  expect(errors, 'client-side failures (connect refused, handshake lost)').toEqual([]);
  expect(done, 'connections run').toBe(planned);
}

/** What must hold after every batch, whatever was thrown at the host. */
async function expectHostIntact(peakRss: number): Promise<void> {
  const output = `host output:\n${host.output().slice(-3000)}`;
  expect(await hostAnswers(host.port, host.token), output).toMatchObject({ status: 200, appInfo: { ok: true, value: { shell: 'browser' } } });
  if (RSS_READABLE) expect(Math.round((peakRss - baselineRss) / MB), 'peak RSS growth in MB').toBeLessThan(RSS_GROWTH_LIMIT / MB);
  const cache = cacheState(host.cacheFile);
  expect(cache.integrity).toBe('ok');
  expect(cache.counts).toEqual(baselineCounts);
}

/** A plan's bytes on a fresh connection; the client half-closes once the host goes quiet. */
const exchange = (chunks: Buffer[], finish: Finish) => rawExchange(host.port, chunks, { finish, endWhenIdleMs: 150, timeoutMs: 8000 });

interface SocketTally {
  framesSent: number;
  upgraded: number;
  results: number;
  /** handshake statuses that were not 101 (0: no answer at all) */
  refusals: number[];
  badReplies: string[];
  servedUnknownChannel: string[];
}

/** Without the token the frames ride behind an upgrade the host must refuse; not one may be taken as a socket. */
async function runRefusedSocketPlan(plan: WsPlan, tally: SocketTally): Promise<void> {
  const upgrade = Buffer.from(upgradeRequest(host.port, plan.key, plan.handshake), 'latin1');
  const { received } = await exchange([Buffer.concat([upgrade, ...plan.frames])], plan.finish === 'close' ? 'wait' : plan.finish);
  tally.framesSent += plan.frames.length;
  tally.refusals.push(...statusCodes(received));
}

/** With the token: a real handshake, the plan's frames, and a check of every frame the host sends back. */
async function runSocketPlan(plan: WsPlan, tally: SocketTally): Promise<void> {
  let handshake;
  try {
    handshake = await wsHandshake(host.port, plan.handshake);
  } catch {
    tally.refusals.push(0);
    return;
  }
  const { socket } = handshake;
  socket.on('error', () => {});
  if (handshake.status !== 101) {
    tally.refusals.push(handshake.status);
    socket.destroy();
    return;
  }
  tally.upgraded += 1;
  const reader = new FrameReader();
  let answered = 0;
  const onData = (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) {
      if (frame.opcode !== OPCODE.text) continue;
      let message: { type?: unknown; id?: unknown; result?: { ok?: unknown } };
      try {
        message = JSON.parse(frame.payload.toString('utf8')) as typeof message;
      } catch {
        tally.badReplies.push(frame.payload.subarray(0, 100).toString('utf8'));
        continue;
      }
      if (message.type === 'result') {
        tally.results += 1;
        answered += 1;
      } else if (message.type !== 'event') tally.badReplies.push(JSON.stringify(message).slice(0, 200));
      const channel = typeof message.id === 'number' ? plan.channels.get(message.id) : undefined;
      if (channel !== undefined && message.result?.ok === true && !(CHANNELS as readonly string[]).includes(channel)) {
        tally.servedUnknownChannel.push(channel);
      }
    }
  };
  socket.on('data', onData);
  const closed = collectUntilClose(socket, 8000, handshake.rest);
  if (handshake.rest.length) onData(handshake.rest);
  const abrupt = plan.finish === 'rst' || plan.finish === 'destroy';
  await writeAll(socket, plan.chunks, abrupt ? (plan.finish as 'rst' | 'destroy') : 'wait');
  tally.framesSent += plan.frames.length;
  if (!abrupt) {
    // Like a real client, wait for the answers (or the host hanging up) before leaving.
    await waitFor(() => socket.destroyed || answered >= plan.channels.size, 1000, 5);
    if (plan.closing) writeQuietly(socket, plan.closing);
    socket.end();
  }
  await closed;
}

describe(`transport fuzzer (seed ${SEED})`, () => {
  it.each([
    ['without the token', false],
    ['with the token', true],
  ] as const)('survives over 10,000 raw HTTP requests %s', async (_name, withToken) => {
    const rng = new Rng(SEED + (withToken ? 2 : 1));
    const plans: HttpPlan[] = [];
    for (let sent = 0; sent < TARGET; ) {
      const plan = httpPlan(rng, { port: host.port, token: withToken ? host.token : null });
      plans.push(plan);
      sent += plan.requests;
    }
    const statuses: number[] = [];
    let sent = 0;
    const { done, peakRss, errors } = await runBatch(plans, async (plan) => {
      const { received } = await exchange(plan.chunks, plan.finish);
      sent += plan.requests;
      statuses.push(...statusCodes(received));
    });
    console.log(`HTTP ${withToken ? 'with' : 'without'} token: ${sent} requests on ${done}/${plans.length} connections; answers ${histogram(statuses)}; ${growth(peakRss)}`);
    await expectBatchRan(done, plans.length, errors);
    expect(sent).toBeGreaterThanOrEqual(TARGET);
    expect(statuses.length, 'the host answered at least some requests').toBeGreaterThan(plans.length / 4);
    if (withToken) {
      expect(statuses.filter((s) => s >= 500 && s !== 503), 'server errors').toEqual([]);
      expect(statuses, 'the token opened the door for the well-formed requests').toContain(200);
    } else {
      // Not one request without the token may be served, redirected, or upgraded.
      expect(statuses.filter((s) => s >= 101 && s < 400), 'answers without the token').toEqual([]);
      expect(statuses).toContain(401);
    }
    await expectHostIntact(peakRss);
  }, 150_000);

  it.each([
    ['without the token', false],
    ['with the token', true],
  ] as const)('survives over 10,000 WebSocket frames %s', async (_name, withToken) => {
    const rng = new Rng(SEED + (withToken ? 4 : 3));
    const plans: WsPlan[] = [];
    for (let sent = 0; sent < TARGET; ) {
      const plan = wsPlan(rng, { port: host.port, token: withToken ? host.token : null });
      plans.push(plan);
      sent += plan.frames.length;
    }
    const tally: SocketTally = { framesSent: 0, upgraded: 0, results: 0, refusals: [], badReplies: [], servedUnknownChannel: [] };
    const { done, peakRss, errors } = await runBatch(plans, (plan) => (withToken ? runSocketPlan(plan, tally) : runRefusedSocketPlan(plan, tally)));
    const { framesSent, upgraded, results, refusals, badReplies, servedUnknownChannel } = tally;
    console.log(
      `WS ${withToken ? 'with' : 'without'} token: ${framesSent} frames on ${done}/${plans.length} connections, ${upgraded} upgraded; ` +
        `${results} results; refusals ${histogram(refusals)}; ${growth(peakRss)}`,
    );
    await expectBatchRan(done, plans.length, errors);
    expect(framesSent).toBeGreaterThanOrEqual(TARGET);
    if (withToken) {
      expect(upgraded, `upgrades accepted (refused: ${refusals.slice(0, 20).join(', ')})`).toBeGreaterThanOrEqual(plans.length * 0.9);
      expect(badReplies, 'host frames that are not results or events').toEqual([]);
      expect(servedUnknownChannel, 'unknown channels answered with ok').toEqual([]);
    } else {
      expect(refusals.filter((s) => s >= 101 && s < 400), 'upgrades or answers without the token').toEqual([]);
      expect(refusals.filter((s) => s >= 400).length, 'refusals seen').toBeGreaterThan(plans.length / 4);
    }
    await expectHostIntact(peakRss);
  }, 150_000);
});
