/**
 * The renderer's only door to the services. In Electron the preload exposes a
 * BridgeApi as `window.olsBridge`; in browser mode we build the same interface
 * over the host's WebSocket (shared/ipc/transport.ts). Everything else in the
 * renderer uses `call` and `subscribe` and never sees a transport.
 */
import type {
  Channel,
  ErrorCode,
  EventName,
  Events,
  IpcResult,
  RequestOf,
  ResponseOf,
} from '../../shared/ipc/contract.ts';
import { ERROR_CODES, EVENT_NAMES } from '../../shared/ipc/contract.ts';
import {
  BRIDGE_GLOBAL,
  WEB_SOCKET_PATH,
  WEB_TOKEN_PARAM,
  type BridgeApi,
  type WireMessage,
  type WireRequest,
} from '../../shared/ipc/transport.ts';

/** An `{ ok: false }` answer, thrown by `call` so callers can use try/catch. */
export class IpcCallError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcCallError';
    this.code = code;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

const TOKEN_STORAGE_KEY = 'ols_token';
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000] as const;
const MAX_BACKOFF_MS = 10_000;

const unavailable = (message: string): IpcResult<never> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

/**
 * A token in the URL is moved to sessionStorage and removed from the address
 * bar at once, so it does not linger in history or get copied with the URL.
 */
function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(WEB_TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete(WEB_TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

type Listener = (payload: unknown) => void;

/** BridgeApi over the browser-mode WebSocket, with reconnection. */
class SocketBridge implements BridgeApi {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: IpcResult<unknown>) => void>();
  /** requests made while the socket is still connecting */
  private readonly queued: WireRequest[] = [];
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  state: ConnectionState = 'connecting';
  readonly onState = new Set<(state: ConnectionState) => void>();
  private readonly url: string;

  constructor(token: string | null) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const query = token ? `?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
    this.url = `${scheme}://${window.location.host}${WEB_SOCKET_PATH}${query}`;
    this.connect();
  }

  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
    const socket = this.socket;
    // Between attempts there is no socket: fail now rather than hang the caller.
    if (!socket || this.state === 'closed') {
      return Promise.resolve(unavailable('Not connected to the application host'));
    }
    const message: WireRequest = { id: this.nextId++, channel, request };
    return new Promise((resolve) => {
      this.pending.set(message.id, resolve as (result: IpcResult<unknown>) => void);
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else this.queued.push(message);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Skip the backoff wait (the banner's "Reconnect now"). */
  reconnectNow(): void {
    if (this.state !== 'closed') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.onState) listener(state);
  }

  private connect(): void {
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.setState('open');
      for (const message of this.queued.splice(0)) socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    // 'error' is always followed by 'close'; handling close alone avoids doing it twice.
    socket.addEventListener('close', (event) => {
      // the close code says who ended it (1006: the connection died; 1009: a message too large…)
      if (this.socket === socket) console.warn(`[ipc] connection closed: ${event.code} ${event.reason}`);
      this.dropped(socket);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      console.warn('[ipc] unparseable message from host');
      return;
    }
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(normaliseResult(message.result));
    } else if (message.type === 'event' && (EVENT_NAMES as readonly string[]).includes(message.event)) {
      for (const listener of this.listeners.get(message.event) ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`[ipc] listener for ${message.event} failed`, error);
        }
      }
    }
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.queued.length = 0;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of failed) resolve(unavailable('Connection to the application host was lost'));
    this.setState('closed');
    const delay = BACKOFF_MS[this.attempt] ?? MAX_BACKOFF_MS;
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }
}

/** Results come from outside the renderer: never trust their shape blindly. */
function normaliseResult(result: unknown): IpcResult<unknown> {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
    if (r.ok === true) return { ok: true, value: r.value };
    const code = (ERROR_CODES as readonly unknown[]).includes(r.error?.code) ? (r.error?.code as ErrorCode) : 'INTERNAL';
    return { ok: false, error: { code, message: String(r.error?.message ?? 'Unknown error') } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Malformed answer from the host' } };
}

function electronBridge(): BridgeApi | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  return typeof candidate === 'object' && candidate !== null ? (candidate as BridgeApi) : null;
}

const preload = electronBridge();
const socketBridge = preload ? null : new SocketBridge(takeTokenFromUrl());
const bridge: BridgeApi = preload ?? (socketBridge as SocketBridge);


export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  let result: IpcResult<ResponseOf<C>>;
  try {
    result = await bridge.invoke(channel, request);
  } catch (error) {
    // The preload should never throw, but a torn-down bridge (reload) can.
    throw new IpcCallError('UNAVAILABLE', error instanceof Error ? error.message : String(error));
  }
  if (!result.ok) throw new IpcCallError(result.error.code, result.error.message);
  return result.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge.on(event, listener);
}

export function connectionState(): ConnectionState {
  return socketBridge ? socketBridge.state : 'open';
}

/** Called on every connection change (browser mode only; Electron is always connected). */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  if (!socketBridge) return () => undefined;
  socketBridge.onState.add(listener);
  return () => socketBridge.onState.delete(listener);
}

export function reconnectNow(): void {
  socketBridge?.reconnectNow();
}

/** A readable message for any error a `call` may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcCallError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
