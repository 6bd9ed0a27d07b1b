/**
 * What may reach the log: no secrets and no message texts. Structured fields
 * are redacted by key at any depth; every string (messages, error messages and
 * stacks included) has token-like patterns replaced. Errors become plain data
 * that keeps the stack, so a log line never holds a live object.
 */

export const REDACTED = '[redacted]';

/** Longest string kept in a log record; the rest is cut so one line cannot flood the file. */
const MAX_STRING = 8192;
const MAX_DEPTH = 6;
const MAX_ITEMS = 100;

// Keys compared lower-cased with `-`, `_`, `.` and spaces removed: `Set-Cookie`, `access_token`, `X-Auth-Token`.
const SECRET_KEY_PARTS = ['token', 'secret', 'password', 'passwd', 'cookie', 'authorization', 'webhook', 'credential', 'apikey', 'privatekey'];
// Credentials too short to match as parts, compared whole.
const SECRET_KEYS = new Set(['auth', 'authid', 'refreshid', 'pwd', 'sig', 'signature']);
// What people wrote: `text`, `body`, `MESSAGE` (Bitrix24 DTOs), and compounds such as `lastMessageText`, `supervisorComment`.
const TEXT_KEY_ENDINGS = ['text', 'body', 'message', 'messages', 'comment', 'comments', 'html'];
const NOT_TEXT_KEYS = new Set(['context']);

/** True when a field of this name must never be logged (its value is replaced whatever its type). */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_.\s]/g, '');
  if (SECRET_KEYS.has(k) || SECRET_KEY_PARTS.some((part) => k.includes(part))) return true;
  return !NOT_TEXT_KEYS.has(k) && TEXT_KEY_ENDINGS.some((ending) => k.endsWith(ending));
}

// `token=…`, `access_token=…`, `auth=…` (Bitrix24 OAuth), `client_secret=…`, `password=…` in URLs and text.
const QUERY_SECRET = /([?&;#\s"'(,]|^)([\w.-]*(?:token|secret|password|passwd)|auth|auth_id|refresh_id|api_?key|sig|signature)=([^&\s#"'<>;,)]+)/gi;
// `Bearer …` anywhere; any scheme (`Basic …`) only after an `Authorization:` header name, since "Basic" is a common word.
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(?!Bearer\b)([A-Za-z]+\s+)?[^\s"',;]+/gi;
// Bitrix24 inbound webhook: https://<portal>/rest/<user id>/<secret>/<method>. Portal and user stay; the secret goes.
const BITRIX_WEBHOOK = /(https?:\/\/[^\s/?#]+\/rest\/\d+\/)([^\s/?#]+)/gi;

/** Replaces token-like patterns in free text and caps its length. */
export function redactText(text: string): string {
  const cut = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…[+${text.length - MAX_STRING} chars]` : text;
  return cut
    .replace(BITRIX_WEBHOOK, `$1${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(AUTH_HEADER, `$1$2${REDACTED}`)
    .replace(QUERY_SECRET, `$1$2=${REDACTED}`);
}

/** An Error as plain, redacted data: type, message, stack, code, own fields, cause. */
export interface ErrorRecord {
  type: string;
  message: string;
  stack?: string;
  [field: string]: unknown;
}

/** A copy of `value` that is safe to log: plain data only, secrets and texts replaced. */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

/** An Error (or anything thrown) as a redacted record; the stack is kept, its message lines redacted. */
export function serializeError(error: unknown): ErrorRecord {
  if (error instanceof Error) return errorRecord(error, 0, new WeakSet());
  return { type: typeof error, message: redactText(describe(error)) };
}

function errorRecord(error: Error, depth: number, seen: WeakSet<object>): ErrorRecord {
  seen.add(error);
  const record: ErrorRecord = { type: error.name || error.constructor?.name || 'Error', message: redactText(String(error.message)) };
  if (typeof error.stack === 'string') record.stack = redactText(error.stack);
  for (const [key, field] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    record[key] = isSecretKey(key) ? REDACTED : walk(field, depth + 1, seen);
  }
  if (error.cause !== undefined) record.cause = walk(error.cause, depth + 1, seen);
  if (error instanceof AggregateError) record.errors = walk(error.errors, depth + 1, seen);
  seen.delete(error);
  return record;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (object instanceof Error) return depth > MAX_DEPTH ? `[${object.name}]` : errorRecord(object, depth, seen);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof URL) return redactText(object.href);
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.constructor.name} ${object.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? '[array]' : '[object]';
  seen.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const items = [...(object as Iterable<unknown>)];
      const out = items.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1, seen));
      if (items.length > MAX_ITEMS) out.push(`…[+${items.length - MAX_ITEMS} items]`);
      return out;
    }
    const entries = object instanceof Map ? [...object.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(object);
    const out: Record<string, unknown> = {};
    for (const [key, field] of entries.slice(0, MAX_ITEMS)) {
      out[redactText(key)] = isSecretKey(key) ? REDACTED : walk(field, depth + 1, seen);
    }
    if (entries.length > MAX_ITEMS) out['…'] = `[+${entries.length - MAX_ITEMS} keys]`;
    return out;
  } finally {
    // A value seen twice side by side is fine; only a value inside itself is circular.
    seen.delete(object);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(redactValue(value)) ?? String(value);
  } catch {
    return String(value);
  }
}
