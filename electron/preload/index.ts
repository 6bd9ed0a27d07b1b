/**
 * The sandboxed preload: exposes exactly one object, `window.olsBridge`, with
 * `invoke` and `on`. ipcRenderer itself never reaches the page, and neither do
 * IPC event objects (their `sender` is ipcRenderer). Channel and event names are
 * checked here against the shared lists so a typo fails fast without a round
 * trip; main still validates the sender and every request.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_NAMES, type IpcResult } from '../../shared/ipc/contract.ts';
import { BRIDGE_GLOBAL, ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type BridgeApi } from '../../shared/ipc/transport.ts';

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENT_NAMES);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One IPC listener for all events, fanned out here, so subscribing from the page never adds IPC listeners.
ipcRenderer.on(ELECTRON_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`[bridge] a ${name} listener failed`, error);
    }
  }
});

function failure(code: 'UNKNOWN_CHANNEL' | 'INTERNAL', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

const api: BridgeApi = {
  invoke(channel, request) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve(failure('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 80)}`));
    }
    // Main answers with IpcResult data; a rejection means the IPC itself broke (e.g. no handler yet).
    return ipcRenderer
      .invoke(ELECTRON_INVOKE_CHANNEL, channel, request)
      .catch(() => failure('INTERNAL', `${channel}: the application did not answer.`));
  },
  on(event, listener) {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = listener as (payload: unknown) => void;
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
