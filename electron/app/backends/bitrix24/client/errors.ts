/**
 * Bitrix24's answers and transport failures in our error taxonomy
 * (backend.ts): what the sync retries, what the outbox settles, and words a
 * supervisor can act on. Every message passes through `redact` first.
 */
import { BackendError } from '../../backend.ts';

/** The scope a method needs (spec §1.1), named when the webhook lacks it. */
export function scopeOfMethod(method: string): string {
  const m = method.toLowerCase();
  if (m.startsWith('imopenlines.') || m.startsWith('imconnector.')) return 'imopenlines';
  if (m.startsWith('im.')) return 'im';
  if (m.startsWith('crm.')) return 'crm';
  if (m.startsWith('user.')) return 'user';
  return m.split('.')[0] ?? m;
}

const AUTH_CODES = new Set(['NO_AUTH_FOUND', 'EXPIRED_TOKEN', 'INVALID_TOKEN', 'AUTHORIZATION_ERROR']);
const FORBIDDEN_CODES = new Set(['ACCESS_DENIED', 'ACCESS_ERROR', 'INVALID_CREDENTIALS', 'USER_ACCESS_ERROR', 'OVERLOAD_LIMIT', 'ERROR_USER_NOT_OPERATOR']);
const CONFLICT_CODES = new Set(['OPERATOR_WRONG', 'SESSION_CLOSED', 'SELF_TRANSFER_FAIL']);
const NOT_FOUND_CODES = new Set(['ERROR_METHOD_NOT_FOUND', 'NOT_FOUND', 'INVALID_SESSION_ID', 'NOT_LOAD_SESSION_OR_CHAT']);

export interface ErrorContext {
  method: string;
  /** HTTP status, or null inside a batch (a sub-command has none) */
  status: number | null;
  /** how long to wait when the answer names no time (exponential, from the client) */
  backoffMs: number;
  /** epoch ms the method's time budget frees up, when the portal told us */
  operatingResetAt: number | null;
  now: number;
}

/** A Bitrix24 `{error, error_description}` answer as a BackendError; the request did reach the portal. */
export function errorFromAnswer(code: string, description: string, ctx: ErrorContext): BackendError {
  const upper = code.toUpperCase();
  const where = `${ctx.method}: `;
  if (upper === 'QUERY_LIMIT_EXCEEDED') {
    // the portal refuses before doing anything: certainly not applied
    return new BackendError(code, `${where}the portal is throttling requests (too many per second); waiting ${ctx.backoffMs} ms`, true, {
      kind: 'rateLimited',
      retryAfterMs: ctx.backoffMs,
      maybeSent: false,
    });
  }
  if (upper === 'OPERATION_TIME_LIMIT') {
    const wait = ctx.operatingResetAt !== null ? Math.max(1000, ctx.operatingResetAt - ctx.now) : 60_000;
    return new BackendError(code, `${where}the portal blocked this method for using up its time budget; waiting ${Math.round(wait / 1000)} s`, true, {
      kind: 'rateLimited',
      retryAfterMs: wait,
      maybeSent: false,
    });
  }
  if (AUTH_CODES.has(upper) || ctx.status === 401) {
    return new BackendError(code, `the webhook was revoked or expired (the portal answered ${code}); create a new inbound webhook and connect again`, false, {
      kind: 'auth',
    });
  }
  if (upper === 'INSUFFICIENT_SCOPE') {
    const scope = scopeOfMethod(ctx.method);
    return new BackendError(code, `${where}the webhook lacks the "${scope}" permission; add the ${scope} scope to the webhook in Bitrix24`, false, {
      kind: 'forbidden',
    });
  }
  const text = description ? `${where}${description} (${code})` : `${where}${code}`;
  if (FORBIDDEN_CODES.has(upper) || ctx.status === 403) return new BackendError(code, text, false, { kind: 'forbidden' });
  if (CONFLICT_CODES.has(upper)) return new BackendError(code, text, false, { kind: 'conflict' });
  if (NOT_FOUND_CODES.has(upper) || ctx.status === 404) return new BackendError(code, text, false, { kind: 'notFound' });
  if (ctx.status !== null && ctx.status >= 500) {
    // the portal failed while working on it: it may have done part of it
    return new BackendError(code, text, true, { kind: 'unavailable', maybeSent: true });
  }
  return new BackendError(code, text, false, { kind: 'invalid' });
}

/** Network error codes that mean the request never left this computer. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL']);

function causeCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** A fetch that failed without an answer. A refusal certainly sent nothing; a reset or a timeout may have. */
export function errorFromTransport(error: unknown, method: string, timedOut: boolean): BackendError {
  if (timedOut) {
    return new BackendError('TIMEOUT', `${method}: the portal did not answer in time`, true, { kind: 'unavailable', maybeSent: true });
  }
  const code = causeCode(error) ?? 'NETWORK';
  const notSent = NOT_SENT_CODES.has(code);
  const what = notSent ? 'the portal cannot be reached' : 'the connection to the portal broke before its answer';
  return new BackendError('UNAVAILABLE', `${method}: ${what} (${code})`, true, { kind: 'unavailable', maybeSent: !notSent });
}

/** The same error with the secret scrubbed from its message. */
export function redactError(error: BackendError, clean: (text: string) => string): BackendError {
  const message = clean(error.message);
  if (message === error.message) return error;
  return new BackendError(error.code, message, error.retryable, {
    kind: error.kind,
    retryAfterMs: error.retryAfterMs ?? undefined,
    maybeSent: error.maybeSent,
  });
}
