/** Parses one WebSocket frame of the browser-mode protocol; anything malformed is refused with a reason. */
import type { WireRequest } from '../../shared/ipc/transport.ts';

export type ParsedWire = { ok: true; value: WireRequest } | { ok: false; id: number; message: string };

export function parseWireRequest(text: string): ParsedWire {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: -1, message: 'The message is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: -1, message: 'The message must be an object {id, channel, request}' };
  }
  const { id, channel, request } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return { ok: false, id: -1, message: 'The message needs a numeric id' };
  }
  if (typeof channel !== 'string') return { ok: false, id, message: 'The message needs a channel name' };
  return { ok: true, value: { id, channel, request } };
}
