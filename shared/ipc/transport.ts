/**
 * The two transports' common shape. In Electron the preload exposes a
 * `BridgeApi` as `window.olsBridge`; in browser mode the renderer builds the
 * same interface over the WebSocket protocol below. renderer/src/ipc.ts is the
 * only module that touches either.
 */
import type { Channel, EventName, Events, IpcResult, RequestOf, ResponseOf } from './contract.ts';

export interface BridgeApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'olsBridge';

/** Electron: the one ipcMain channel every invoke goes through, and the one push channel. */
export const ELECTRON_INVOKE_CHANNEL = 'ols:invoke';
export const ELECTRON_EVENT_CHANNEL = 'ols:event';

/**
 * Browser mode: a loopback HTTP host serves the renderer and one WebSocket at
 * WEB_SOCKET_PATH. Every HTTP request and the socket need the per-launch token:
 * `?token=` on the first page load (the host then sets an HttpOnly cookie and
 * redirects to the clean URL), the cookie afterwards, or `Authorization: Bearer`.
 */
export const WEB_SOCKET_PATH = '/api/ws';
export const WEB_TOKEN_PARAM = 'token';
/** cookie name prefix; the host appends `_<port>` because cookies do not separate ports */
export const WEB_TOKEN_COOKIE = 'ols_token';

/** renderer → host */
export interface WireRequest {
  id: number;
  channel: string;
  request: unknown;
}
/** host → renderer: an answer to a WireRequest, or a push event */
export type WireMessage =
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
