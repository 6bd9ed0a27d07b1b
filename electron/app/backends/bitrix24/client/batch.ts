/**
 * `batch` (spec §1.5): up to 50 commands in one request, each `method?query`
 * with PHP-style nested keys. The batch itself answers 200 even when its
 * commands fail; each command's error comes from `result_error`.
 */
import { z } from 'zod';
import type { BackendError } from '../../backend.ts';
import type { Params, RestClient } from './rest-client.ts';
import { parseResult } from './rest-client.ts';

export const BATCH_MAX = 50;

export interface BatchCommand {
  method: string;
  params: Params;
}

export type BatchOutcome = { ok: true; result: unknown; total: number | null; next: number | null } | { ok: false; error: BackendError };

/** PHP's http_build_query: filter[>ID]=5&select[0]=ID; booleans as Y/N would be the caller's choice, here 1/0. */
export function phpQuery(params: Params): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((v, i) => add(`${key}[${i}]`, v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'boolean' ? (value ? '1' : '0') : String(value))}`);
  };
  for (const [k, v] of Object.entries(params)) add(k, v);
  return parts.join('&');
}

// PHP sends an empty map as []
const map = <T extends z.ZodType>(value: T) => z.union([z.record(z.string(), value), z.array(z.never()).transform(() => ({}) as Record<string, z.infer<T>>)]);
const numberish = z.union([z.number(), z.string().transform(Number)]);
const batchSchema = z.looseObject({
  result: map(z.unknown()),
  result_error: map(z.looseObject({ error: z.string(), error_description: z.string().nullish() })),
  result_total: map(numberish).optional(),
  result_next: map(numberish).optional(),
  result_time: map(z.looseObject({ operating_reset_at: numberish.optional(), operating: numberish.optional() })).optional(),
});

/**
 * Runs the commands in as few batches as fit (50 each); keys are the caller's.
 * The batches go out together: the bucket still spaces their sending (its
 * takers queue), but none waits for another's answer, so a page's two batches
 * cost one round trip where the bucket has room.
 */
export async function runBatch(client: RestClient, commands: ReadonlyMap<string, BatchCommand>, signal?: AbortSignal): Promise<Map<string, BatchOutcome>> {
  const out = new Map<string, BatchOutcome>();
  const keys = [...commands.keys()];
  // a command of a blocked method would extend its block, one near its budget would start one
  const held = client.operatingHold(new Set([...commands.values()].map((c) => c.method)));
  if (held) throw held;
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_MAX) chunks.push(keys.slice(i, i + BATCH_MAX));
  const send = async (chunk: string[]): Promise<void> => {
    const cmd: Record<string, string> = {};
    for (const key of chunk) {
      const c = commands.get(key)!;
      const query = phpQuery(c.params);
      cmd[key] = query ? `${c.method}?${query}` : c.method;
    }
    const answer = await client.request('batch', { halt: 0, cmd }, signal);
    const parsed = parseResult('batch', answer.result, batchSchema);
    for (const key of chunk) {
      const method = commands.get(key)!.method;
      const failure = parsed.result_error[key];
      if (failure) {
        const reset = parsed.result_time?.[key]?.operating_reset_at;
        out.set(key, { ok: false, error: client.answerError(method, null, failure.error, failure.error_description ?? '', reset) });
      } else if (key in parsed.result) {
        client.noteOperating(method, parsed.result_time?.[key]);
        out.set(key, { ok: true, result: parsed.result[key], total: parsed.result_total?.[key] ?? null, next: parsed.result_next?.[key] ?? null });
      } else {
        out.set(key, { ok: false, error: client.answerError(method, null, 'BAD_ANSWER', 'the batch answer has neither a result nor an error for this command') });
      }
    }
  };
  // allSettled: every batch sent is waited for (none is left running behind a thrown error), then the first failure is thrown
  const settled = await Promise.allSettled(chunks.map(send));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return out;
}
