/**
 * Why a thin client and not the official SDK (@bitrix24/b24jssdk 2.2): the
 * SDK pulls in axios, luxon and qs-esm for what is one POST of JSON per call;
 * its `B24Hook.fromWebhookUrl` refuses http, so it cannot be pointed at the
 * loopback emulator our tests run against; its limiters read `Date.now()`
 * directly (no injectable clock, so "never exceeds the plan" cannot be tested
 * without waiting) and it retries inside the call, which hides from the outbox
 * whether a request may already have reached the portal — the one fact
 * exactly-once actions depend on. What we need from it (envelope, batch,
 * leaky bucket, operating limit, redaction) is a few hundred lines here, on
 * the platform's fetch, with every failure mapped to our BackendError.
 */
import { z } from 'zod';
import { BackendError } from '../../backend.ts';
import type { Logger } from '../../../ipc/dispatch.ts';
import { errorFromAnswer, errorFromTransport, redactError } from './errors.ts';
import { LeakyBucket, realClock, type BucketClock, type Plan } from './leaky-bucket.ts';
import { redact, type Webhook } from './webhook.ts';

export interface RestClientOptions {
  webhook: Webhook;
  plan?: Plan;
  log: Logger;
  fetch?: typeof fetch;
  /** wall clock (epoch ms), for operating_reset_at */
  now?: () => number;
  /** the bucket's clock (tests drive it) */
  clock?: BucketClock;
  /** one call's limit; the cloud's own is 60 s (spec §1.4) */
  timeoutMs?: number;
  /** each method's time budget per 10 minutes (spec §1.4: 480 s on the cloud; tests use less) */
  operatingBudgetMs?: number;
}

/** A successful answer: the result and the list paging fields. */
export interface RestAnswer {
  result: unknown;
  next: number | null;
  total: number | null;
}

const numberish = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

const timeSchema = z.looseObject({ operating_reset_at: numberish.optional(), operating: numberish.optional() }).optional();

const successSchema = z.looseObject({
  result: z.unknown(),
  next: numberish.optional(),
  total: numberish.optional(),
  time: timeSchema,
});

const errorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().nullish(),
  time: timeSchema,
});

export type Params = Record<string, unknown>;

const MAX_BACKOFF_MS = 30_000;

/** The cloud portal's own limit on one request (spec §1.4): a call it received can still run until then. */
export const PORTAL_CALL_LIMIT_MS = 60_000;
/** Each method's time budget per 10 minutes on the cloud (spec §1.4, `time.operating`). */
export const OPERATING_BUDGET_MS = 480_000;
/**
 * The share of a method's budget past which we stop calling it until its
 * `operating_reset_at`: the portal answers the call that crosses the budget
 * and then blocks the method for the rest of the window, and on a refusal it
 * does not say until when (its 429 carries no time) — waiting a little early
 * costs seconds, a block costs up to 10 minutes of that method.
 */
const OPERATING_HOLD_SHARE = 0.9;

/** What an answer's `time` (or a batch command's result_time) says of its method's budget. */
export interface OperatingTime {
  operating?: number | undefined;
  operating_reset_at?: number | undefined;
}

export class RestClient {
  readonly webhook: Webhook;
  readonly bucket: LeakyBucket;
  readonly #log: Logger;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  /** per method: when its time budget frees up (429 OPERATION_TIME_LIMIT) */
  readonly #operatingResetAt = new Map<string, number>();
  /** per method: the budget used in the window (ms) and when its oldest part frees, as the last answer said */
  readonly #operating = new Map<string, { usedMs: number; resetAt: number }>();
  readonly #operatingBudgetMs: number;
  /** 503s in a row: the backoff doubles with each */
  #refusals = 0;

  constructor(options: RestClientOptions) {
    this.webhook = options.webhook;
    this.bucket = new LeakyBucket(options.plan ?? 'standard', options.clock ?? realClock);
    this.#log = options.log;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? PORTAL_CALL_LIMIT_MS;
    this.#operatingBudgetMs = options.operatingBudgetMs ?? OPERATING_BUDGET_MS;
  }

  /** Records what an answer said of its method's time budget (every answer carries it; a batch, per command). */
  noteOperating(method: string, time: OperatingTime | undefined): void {
    if (time?.operating === undefined || time.operating_reset_at === undefined) return;
    this.#operating.set(method, { usedMs: time.operating * 1000, resetAt: time.operating_reset_at * 1000 });
  }

  /**
   * A rateLimited error, sent nothing, when one of `methods` may not be called
   * now: the portal blocked it (429 OPERATION_TIME_LIMIT, until its reset), or
   * it has used most of its budget and the part that frees first is not free
   * yet; null when all may be called. Checked for a plain call and for every
   * command of a batch alike. The sync waits `retryAfterMs`.
   */
  operatingHold(methods: Iterable<string>): BackendError | null {
    const now = this.#now();
    for (const method of methods) {
      const blockedUntil = this.#operatingResetAt.get(method);
      if (blockedUntil !== undefined && blockedUntil > now) {
        // calling a method the portal blocked only extends the block (spec §1.4): refuse here, sent nothing
        return this.answerError(method, 429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
      }
      const known = this.#operating.get(method);
      if (!known || known.resetAt <= now || known.usedMs < this.#operatingBudgetMs * OPERATING_HOLD_SHARE) continue;
      const wait = Math.max(1000, known.resetAt - now);
      return new BackendError(
        'OPERATION_TIME_NEAR_LIMIT',
        `${method}: used ${Math.round(known.usedMs / 1000)} s of its ${Math.round(this.#operatingBudgetMs / 1000)} s per 10 minutes on the portal; waiting ${Math.round(wait / 1000)} s rather than have the portal block it`,
        true,
        { kind: 'rateLimited', retryAfterMs: wait, maybeSent: false },
      );
    }
    return null;
  }

  /** The text with the webhook's secret replaced by ***. */
  redact(text: string): string {
    return redact(text, this.webhook.secret);
  }

  /** The method's result, checked against `schema`; every failure is a BackendError. */
  async call<T>(method: string, params: Params, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return parseResult(method, (await this.request(method, params, signal)).result, schema);
  }

  /** One POST of JSON to <webhook><method>; the answer's envelope, or a BackendError. */
  async request(method: string, params: Params, signal?: AbortSignal): Promise<RestAnswer> {
    try {
      return await this.#request(method, params, signal);
    } catch (error) {
      const e = redactError(error instanceof BackendError ? error : errorFromTransport(error, method, false), (t) => this.redact(t));
      this.#log.warn(`[bitrix24] ${method} failed (${e.code}, ${e.kind}): ${e.message}`);
      throw e;
    }
  }

  /** How long to wait after a 503 now; also used for a batch sub-command's 503. */
  backoffMs(): number {
    return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.#refusals, 5));
  }

  /** The error a Bitrix24 answer `{error, error_description}` stands for, with the client's own state applied. */
  answerError(method: string, status: number | null, code: string, description: string, operatingResetAt?: number): BackendError {
    // only the time limit blocks a method; another error's time is no block (a NOT_FOUND must not stop history.get)
    if (operatingResetAt !== undefined && code.toUpperCase() === 'OPERATION_TIME_LIMIT') this.#operatingResetAt.set(method, operatingResetAt * 1000);
    const isRefusal = code.toUpperCase() === 'QUERY_LIMIT_EXCEEDED';
    if (isRefusal) this.bucket.refused();
    const error = errorFromAnswer(code, description, {
      method,
      status,
      backoffMs: this.backoffMs(),
      operatingResetAt: this.#operatingResetAt.get(method) ?? null,
      now: this.#now(),
    });
    if (isRefusal) this.#refusals += 1;
    return error;
  }

  async #request(method: string, params: Params, signal?: AbortSignal): Promise<RestAnswer> {
    const held = this.operatingHold([method]);
    if (held) throw held;
    await this.bucket.take(signal);
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.webhook.base}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(params),
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      throw errorFromTransport(error, method, combined.aborted);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (!response.ok) {
        throw new BackendError(`HTTP_${response.status}`, `${method}: the portal answered HTTP ${response.status} without a Bitrix24 error`, response.status >= 500, {
          kind: response.status >= 500 ? 'unavailable' : 'invalid',
          maybeSent: true,
        });
      }
      // an answer cut off mid-way: the call ran, we do not know its result
      throw new BackendError('BAD_ANSWER', `${method}: the portal's answer was cut off or is not JSON (${text.length} bytes)`, true, {
        kind: 'unavailable',
        maybeSent: true,
      });
    }
    const failure = errorSchema.safeParse(body);
    if (failure.success) {
      const { error, error_description, time } = failure.data;
      throw this.answerError(method, response.status, error, error_description ?? '', time?.operating_reset_at);
    }
    const success = successSchema.safeParse(body);
    if (!response.ok || !success.success || !('result' in (body as object))) {
      throw new BackendError('BAD_ANSWER', `${method}: the portal answered HTTP ${response.status} in a shape that is not Bitrix24's`, false, {
        kind: 'invalid',
        maybeSent: true,
      });
    }
    this.#refusals = 0;
    this.noteOperating(method, success.data.time);
    const reset = success.data.time?.operating_reset_at;
    if (reset !== undefined && this.#operatingResetAt.has(method) && reset * 1000 <= this.#now()) this.#operatingResetAt.delete(method);
    return { result: success.data.result, next: success.data.next ?? null, total: success.data.total ?? null };
  }
}

/** A result checked against its schema; a mismatch names the first wrong field. */
export function parseResult<T>(method: string, result: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(result);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length ? issue.path.join('.') : 'result';
  throw new BackendError('BAD_ANSWER', `${method}: the portal's answer has an unexpected ${path} (${issue?.message ?? 'wrong type'})`, false, {
    kind: 'invalid',
    maybeSent: true,
  });
}
