/**
 * Raw TCP helpers for transport tests: requests and WebSocket frames are
 * written byte for byte, so a test controls every bit the host sees (a
 * request target no HTTP client would send, a frame with RSV bits set, a
 * length that lies). Everything connects to 127.0.0.1 only and every wait
 * has a timeout, so a misbehaving host fails a test instead of hanging it.
 */
import crypto from 'node:crypto';
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** How a connection ended from the client's point of view. */
export type Outcome = 'closed' | 'reset' | 'timeout';

export interface Exchange {
  received: Buffer;
  outcome: Outcome;
}

export function connect(port: number, timeoutMs = 5000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: LOOPBACK, port });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      socket.off('error', onError);
      socket.destroy();
      reject(new Error(`connect to ${LOOPBACK}:${port} timed out`));
    }, timeoutMs);
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/**
 * Collects what the peer sends until it closes, resets, or the time runs out
 * (then the socket is destroyed). Bytes already read into `initial` count too.
 */
export function collectUntilClose(socket: net.Socket, timeoutMs: number, initial: Buffer = Buffer.alloc(0)): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [initial];
    let outcome: Outcome = 'closed';
    const timer = setTimeout(() => {
      outcome = 'timeout';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A write after the host hung up (EPIPE) or a reset is an ending, not a test failure.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (outcome !== 'timeout') outcome = error.code === 'ECONNRESET' ? 'reset' : 'closed';
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ received: Buffer.concat(chunks), outcome });
    });
    if (socket.destroyed) {
      clearTimeout(timer);
      resolve({ received: Buffer.concat(chunks), outcome });
    }
    socket.resume();
  });
}

/** Writes ignoring errors: the host may legitimately hang up mid-write. */
export function writeQuietly(socket: net.Socket, data: Buffer | string): void {
  if (!socket.destroyed && socket.writable) socket.write(data, () => {});
}

/** How the client leaves after writing: stay ('wait'), half-close, reset (RST), or drop the socket. */
export type Finish = 'wait' | 'end' | 'rst' | 'destroy';

/** Writes the chunks, yielding between them so they arrive as separate reads, then leaves as asked. */
export async function writeAll(socket: net.Socket, chunks: Buffer[], finish: Finish = 'wait'): Promise<void> {
  for (const chunk of chunks) {
    writeQuietly(socket, chunk);
    if (chunks.length > 1) await new Promise((r) => setImmediate(r));
  }
  if (finish === 'rst') {
    if (!socket.destroyed) socket.resetAndDestroy();
  } else if (finish === 'destroy') socket.destroy();
  else if (finish === 'end') socket.end();
}

export interface ExchangeOptions {
  timeoutMs?: number;
  /**
   * With finish 'wait': half-close once the host has been quiet this long.
   * Node's HTTP server drops a request still being answered when the client
   * half-closes, so by default the client never does and relies on
   * `Connection: close`.
   */
  endWhenIdleMs?: number;
  finish?: Finish;
}

/** Sends bytes as-is (a string one byte per char, latin1) on a fresh connection and collects the reply until the host closes (or the timeout). */
export async function rawExchange(port: number, data: Buffer | string | Buffer[], options: ExchangeOptions = {}): Promise<Exchange> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const socket = await connect(port, timeoutMs);
  socket.on('error', () => {});
  const done = collectUntilClose(socket, timeoutMs);
  let idle: NodeJS.Timeout | undefined;
  const idleMs = options.endWhenIdleMs;
  const quiet = () => {
    if (idleMs === undefined) return;
    clearTimeout(idle);
    idle = setTimeout(() => socket.end(), idleMs);
  };
  socket.on('data', quiet);
  const chunks = Array.isArray(data) ? data : [typeof data === 'string' ? Buffer.from(data, 'latin1') : data];
  await writeAll(socket, chunks, options.finish ?? 'wait');
  if ((options.finish ?? 'wait') === 'wait') quiet();
  const result = await done;
  clearTimeout(idle);
  return result;
}

export interface HttpReply {
  status: number;
  /** lower-case names; repeated headers keep every value */
  headers: Record<string, string[]>;
  body: Buffer;
}

/** Parses one HTTP/1.x response head at the start of `buf`, or null when there is none. */
export function parseResponseHead(buf: Buffer): { status: number; headers: Record<string, string[]>; bodyStart: number } | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!match) return null;
  const headers: Record<string, string[]> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return { status: Number(match[1]), headers, bodyStart: end + 4 };
}

/** The first response in a raw exchange (the rest of the bytes are its body), or null. */
export function firstReply(received: Buffer): HttpReply | null {
  const head = parseResponseHead(received);
  if (!head) return null;
  const length = Number(head.headers['content-length']?.[0] ?? NaN);
  const body = received.subarray(head.bodyStart, Number.isFinite(length) ? head.bodyStart + length : undefined);
  return { status: head.status, headers: head.headers, body };
}

/** Every status code that starts a line, for streams of pipelined replies whose bodies are small text. */
export function statusCodes(received: Buffer): number[] {
  return [...received.toString('latin1').matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

/** A request head built from parts, written exactly as given (no normalising of target or header values). */
export function rawRequest(method: string, target: string, headers: ReadonlyArray<readonly [string, string]>, body = ''): string {
  return `${method} ${target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${body}`;
}

// ---- WebSocket ---------------------------------------------------------------------------------

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  /** default true */
  fin?: boolean;
  /** the three reserved bits, 0..7 */
  rsv?: number;
  /** true (default) masks with a random key; a Buffer is the key; false sends an unmasked frame */
  mask?: boolean | Buffer;
  /** the length written in the header, when it should lie about the payload */
  declaredLength?: number;
}

/** One frame exactly as specified, including frames the protocol forbids. */
export function wsFrame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const length = spec.declaredLength ?? payload.length;
  const key = spec.mask === false ? null : Buffer.isBuffer(spec.mask) ? spec.mask : crypto.randomBytes(4);
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 7) << 4) | (spec.opcode & 0x0f)];
  const maskBit = key ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 0x10000) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  const body = Buffer.from(payload);
  if (key) for (let i = 0; i < body.length; i += 1) body[i]! ^= key[i & 3]!;
  return Buffer.concat([Buffer.from(head), key ?? Buffer.alloc(0), body]);
}

/** A close frame's payload: a two-byte code and an optional reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

/** Incremental parser of the frames a server sends (RFC 6455; masked frames are unmasked too). */
export class FrameReader {
  #chunks: Buffer[] = [];
  #length = 0;
  /** bytes needed before the next frame can be whole; chunks are joined only then, so big frames stay linear */
  #need = 2;

  push(chunk: Buffer): Frame[] {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#length < this.#need) return [];
    let buf = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const frames: Frame[] = [];
    for (;;) {
      const size = frameSize(buf);
      if (size === null || buf.length < size.total) {
        this.#need = size?.total ?? headerBytesNeeded(buf);
        break;
      }
      const payload = Buffer.from(buf.subarray(size.payloadStart, size.total));
      if (size.maskStart >= 0) for (let i = 0; i < payload.length; i += 1) payload[i]! ^= buf[size.maskStart + (i & 3)]!;
      frames.push({ fin: (buf[0]! & 0x80) !== 0, opcode: buf[0]! & 0x0f, payload });
      buf = buf.subarray(size.total);
    }
    this.#chunks = buf.length ? [buf] : [];
    this.#length = buf.length;
    return frames;
  }
}

/** A frame's layout from its header, or null when the header itself is not complete yet. */
function frameSize(buf: Buffer): { payloadStart: number; maskStart: number; total: number } | null {
  if (buf.length < 2) return null;
  const masked = (buf[1]! & 0x80) !== 0;
  let length = buf[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskStart = masked ? offset : -1;
  if (masked) offset += 4;
  return { payloadStart: offset, maskStart, total: offset + length };
}

function headerBytesNeeded(buf: Buffer): number {
  return buf.length < 2 ? 2 : buf.length + 1;
}

/** All whole frames in a byte stream. */
export function parseFrames(bytes: Buffer): Frame[] {
  return new FrameReader().push(bytes);
}

/** The code in the first close frame, or null when the peer sent none. */
export function closeCode(frames: Frame[]): number | null {
  const close = frames.find((f) => f.opcode === OPCODE.close);
  if (!close) return null;
  return close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005;
}

export interface HandshakeOptions {
  /** sent as `?token=` when given */
  token?: string;
  path?: string;
  /** default `127.0.0.1:<port>` */
  host?: string;
  /** default the host's own origin; null sends no Origin header */
  origin?: string | null;
  extraHeaders?: ReadonlyArray<readonly [string, string]>;
  timeoutMs?: number;
}

export interface Handshake {
  socket: net.Socket;
  status: number;
  headers: Record<string, string[]>;
  /** bytes after the response head: the first frames, if any */
  rest: Buffer;
}

/** The upgrade request a browser would send, as raw bytes. */
export function upgradeRequest(port: number, key: string, options: HandshakeOptions = {}): string {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  const origin = options.origin === undefined ? `http://${LOOPBACK}:${port}` : options.origin;
  const headers: Array<readonly [string, string]> = [
    ['Host', options.host ?? `${LOOPBACK}:${port}`],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', key],
    ['Sec-WebSocket-Version', '13'],
  ];
  if (origin !== null) headers.push(['Origin', origin]);
  headers.push(...(options.extraHeaders ?? []));
  return rawRequest('GET', `${options.path ?? '/api/ws'}${query}`, headers);
}

/**
 * Does the opening handshake by hand and waits for the response head.
 * A 101 is checked against Sec-WebSocket-Accept, so a host that answers
 * 101 without doing the handshake properly cannot pass for a WebSocket.
 */
export async function wsHandshake(port: number, options: HandshakeOptions = {}): Promise<Handshake> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const socket = await connect(port, timeoutMs);
  const key = crypto.randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error('no handshake response in time')), timeoutMs);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const head = parseResponseHead(received);
      if (!head) return;
      cleanup();
      socket.pause();
      if (head.status === 101) {
        const accept = crypto.createHash('sha1').update(key + WS_GUID).digest('base64');
        if (head.headers['sec-websocket-accept']?.[0] !== accept) {
          socket.destroy();
          reject(new Error('101 without a valid Sec-WebSocket-Accept'));
          return;
        }
      }
      resolve({ socket, status: head.status, headers: head.headers, rest: received.subarray(head.bodyStart) });
    };
    const onClose = () => fail(new Error(`connection closed before a handshake response (${received.length} bytes)`));
    const onError = (error: Error) => fail(error);
    function cleanup() {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
    }
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onError);
    socket.write(Buffer.from(upgradeRequest(port, key, options), 'latin1'));
  });
}

/** Opens an authorised socket or throws. */
export async function openSocket(port: number, token: string, timeoutMs = 5000): Promise<Handshake> {
  const handshake = await wsHandshake(port, { token, timeoutMs });
  if (handshake.status !== 101) {
    handshake.socket.destroy();
    throw new Error(`upgrade refused with ${handshake.status}`);
  }
  return handshake;
}

/** Reads text frames until `match` accepts one (returned parsed), the socket ends, or the time runs out. */
export function readMessage(handshake: Handshake, match: (message: unknown) => boolean, timeoutMs = 5000): Promise<unknown> {
  const { socket } = handshake;
  const reader = new FrameReader();
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null, value?: unknown) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onClose);
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error('no matching message in time')), timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (frame.opcode !== OPCODE.text) continue;
        let message: unknown;
        try {
          message = JSON.parse(frame.payload.toString('utf8'));
        } catch {
          return finish(new Error(`the host sent a text frame that is not JSON: ${frame.payload.subarray(0, 80).toString()}`));
        }
        if (match(message)) return finish(null, message);
      }
    };
    const onClose = () => finish(new Error('socket closed before a matching message'));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
    if (handshake.rest.length) onData(handshake.rest);
    socket.resume();
  });
}

/** One contract call over a fresh raw socket: the `result` the host answers with. */
export async function wsCall(port: number, token: string, channel: string, request: unknown, timeoutMs = 5000): Promise<unknown> {
  const handshake = await openSocket(port, token, timeoutMs);
  try {
    const id = 1 + Math.floor(Math.random() * 1e9);
    handshake.socket.write(wsFrame({ opcode: OPCODE.text, payload: JSON.stringify({ id, channel, request }) }));
    const message = (await readMessage(handshake, (m) => (m as { type?: unknown; id?: unknown }).type === 'result' && (m as { id?: unknown }).id === id, timeoutMs)) as {
      result: unknown;
    };
    return message.result;
  } finally {
    handshake.socket.destroy();
  }
}

/** GET / with the token as a Bearer header: the status, or 0 when the host did not answer. */
export async function authorisedGetStatus(port: number, token: string, timeoutMs = 5000): Promise<number> {
  try {
    const { received } = await rawExchange(
      port,
      rawRequest('GET', '/', [
        ['Host', `${LOOPBACK}:${port}`],
        ['Authorization', `Bearer ${token}`],
        ['Connection', 'close'],
      ]),
      { timeoutMs },
    );
    return firstReply(received)?.status ?? 0;
  } catch {
    return 0;
  }
}

/** What a user would notice first: does the page load and does the socket answer `app:info`. */
export async function hostAnswers(port: number, token: string): Promise<{ status: number; appInfo: unknown }> {
  const status = await authorisedGetStatus(port, token);
  let appInfo: unknown;
  try {
    appInfo = await wsCall(port, token, 'app:info', {});
  } catch (error) {
    appInfo = { error: String(error) };
  }
  return { status, appInfo };
}

/** Waits until `condition` holds, checking every `stepMs`, for at most `timeoutMs`; returns whether it held. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
