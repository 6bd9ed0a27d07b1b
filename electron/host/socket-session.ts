/**
 * One browser-mode WebSocket: requests in, results and events out, with
 * back-pressure in both directions so no client can grow the host's memory:
 * - at most maxInFlight requests are answered at once; the rest wait in a
 *   queue (one socket read can hold hundreds of small requests), and while
 *   anything waits the socket is not read, so TCP pushes back on the client;
 * - a client that does not read its replies: past highWater buffered bytes no
 *   new request is started and the socket is not read until the buffer drains
 *   below lowWater; past hardLimit (events keep arriving for it) the
 *   connection is dropped, and so is one that queues more than maxQueued;
 * - a reply larger than MAX_REPLY_BYTES is replaced by an error;
 * - a peer that stops answering pings is dropped.
 * Every socket and WebSocket error ends that connection only.
 */
import type { WebSocket } from 'ws';
import type { IpcResult } from '../../shared/ipc/contract.ts';
import type { WireMessage } from '../../shared/ipc/transport.ts';
import type { Logger } from '../app/ipc/dispatch.ts';
import { parseWireRequest } from './wire.ts';

export type Invoke = (channel: string, request: unknown) => Promise<IpcResult<unknown>>;

export const SOCKET_LIMITS = {
  maxInFlight: 16,
  maxQueued: 1024,
  highWater: 4 << 20,
  lowWater: 1 << 20,
  hardLimit: 64 << 20,
  maxReplyBytes: 16 << 20,
  pingEveryMs: 30_000,
} as const;

export interface SocketSession {
  /** queue a push event (dropped connection if the client stopped reading long ago) */
  push(serialisedEvent: string): void;
  /** ping, and drop the peer if the previous ping got no pong */
  heartbeat(): void;
}

export function openSocketSession(ws: WebSocket, invoke: Invoke, log: Logger): SocketSession {
  let inFlight = 0;
  let pausedForBuffer = false;
  let alive = true;
  const queue: Array<{ id: number; channel: string; request: unknown }> = [];

  const drop = (why: string) => {
    log.warn(`[web] dropping a socket: ${why}`);
    ws.terminate();
  };
  const updateFlow = () => {
    if (ws.readyState !== ws.OPEN) return;
    const buffered = ws.bufferedAmount;
    if (buffered > SOCKET_LIMITS.hardLimit) return drop(`${buffered} bytes unread`);
    if (buffered > SOCKET_LIMITS.highWater) pausedForBuffer = true;
    else if (buffered < SOCKET_LIMITS.lowWater) pausedForBuffer = false;
    pump();
    const shouldPause = pausedForBuffer || queue.length > 0 || inFlight >= SOCKET_LIMITS.maxInFlight;
    if (shouldPause && !ws.isPaused) ws.pause();
    else if (!shouldPause && ws.isPaused) ws.resume();
  };
  // Starts queued requests while there is room and the client keeps up with its replies.
  const pump = () => {
    while (queue.length > 0 && inFlight < SOCKET_LIMITS.maxInFlight && !pausedForBuffer && ws.readyState === ws.OPEN) {
      const next = queue.shift()!;
      inFlight += 1;
      invoke(next.channel, next.request)
        .catch((error: unknown): IpcResult<unknown> => {
          log.error('[web] a request failed outside the dispatcher', error);
          return { ok: false, error: { code: 'INTERNAL', message: 'Internal error; details are in the application log.' } };
        })
        .then((result) => {
          inFlight -= 1;
          reply(next.id, result);
        });
    }
  };
  // The send callback fires once the bytes left the buffer: the moment to reconsider reading.
  const send = (text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(text, () => updateFlow());
    updateFlow();
  };
  const reply = (id: number, result: IpcResult<unknown>) => {
    let text = JSON.stringify({ type: 'result', id, result } satisfies WireMessage);
    if (text.length > SOCKET_LIMITS.maxReplyBytes) {
      text = JSON.stringify({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'TOO_LARGE', message: 'The answer is too large to send; ask for less at once.' } },
      } satisfies WireMessage);
    }
    send(text);
  };

  ws.on('error', (error: Error & { code?: string }) => {
    // ws closes the connection itself after a protocol error (1002, 1007, 1009…); nothing more to do.
    log.warn(`[web] socket error ${error.code ?? ''}: ${error.message}`);
  });
  ws.on('pong', () => (alive = true));
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      reply(-1, { ok: false, error: { code: 'VALIDATION', message: 'Binary messages are not part of the protocol' } });
      return;
    }
    const parsed = parseWireRequest(String(data));
    if (!parsed.ok) {
      reply(parsed.id, { ok: false, error: { code: 'VALIDATION', message: parsed.message } });
      return;
    }
    if (queue.length >= SOCKET_LIMITS.maxQueued) return drop(`${queue.length} requests queued`);
    queue.push(parsed.value);
    updateFlow();
  });

  return {
    push(text) {
      send(text);
    },
    heartbeat() {
      if (ws.readyState !== ws.OPEN) return;
      // While we hold reading back because *we* are busy (requests queued or in flight), the
      // peer's pong sits unread in the socket: its silence says nothing (seen on a loaded CI
      // machine: a live console dropped). A peer that stops reading our replies still misses pongs.
      if (ws.isPaused && !pausedForBuffer) {
        alive = true;
        return;
      }
      if (!alive) return drop('no pong');
      alive = false;
      ws.ping();
    },
  };
}
