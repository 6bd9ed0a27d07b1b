/**
 * `batch` (spec §1.5): up to 50 `method?query` commands run in order, with
 * `$result[key][field]…` substituted from earlier results, `halt` stopping
 * at the first error, and the `result_*` maps (PHP's [] when empty).
 */
import type { WireBatchResult, WireError, WireTime } from '../../app/backends/bitrix24/wire.ts';
import { fail, type MethodOutcome } from './errors.ts';
import { objectParam, param, parseQuery, type Params } from './params.ts';

export const BATCH_MAX_LENGTH = 50;

export type RunOne = (method: string, params: Params) => Promise<MethodOutcome>;
/** A command's result_time entry; null: none (the portal keeps times of answered commands only). */
export type TimeOf = (method: string, startedMs: number, outcome: MethodOutcome) => WireTime | null;

function lookup(results: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = results;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function substitute(query: string, results: Record<string, unknown>): string {
  return query.replace(/\$result((?:\[[^\]]*\])+)/g, (_whole, brackets: string) => {
    const path = [...brackets.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    const value = lookup(results, path);
    return value === undefined || typeof value === 'object' ? '' : encodeURIComponent(String(value));
  });
}

const orEmpty = <T>(map: Record<string, T>): Record<string, T> | [] => (Object.keys(map).length ? map : []);

export async function runBatch(params: Params, now: () => number, runOne: RunOne, timeOf: TimeOf): Promise<MethodOutcome> {
  const cmd = objectParam(params, 'cmd');
  const cmdList = param(params, 'cmd');
  const commands: Array<[string, string]> = Array.isArray(cmdList)
    ? cmdList.map((v, i) => [String(i), String(v)])
    : Object.entries(cmd).map(([k, v]) => [k, String(v)]);
  if (commands.length > BATCH_MAX_LENGTH) return fail(400, 'ERROR_BATCH_LENGTH_EXCEEDED', `Max batch length exceeded ${BATCH_MAX_LENGTH}`);
  const haltRaw = param(params, 'halt');
  const halt = haltRaw === true || haltRaw === 1 || haltRaw === '1' || haltRaw === 'true';
  const result: Record<string, unknown> = {};
  const errors: Record<string, WireError> = {};
  const totals: Record<string, number> = {};
  const nexts: Record<string, number> = {};
  const times: Record<string, WireTime> = {};
  for (const [key, command] of commands) {
    const cut = command.indexOf('?');
    const method = (cut === -1 ? command : command.slice(0, cut)).trim();
    const query = cut === -1 ? '' : substitute(command.slice(cut + 1), result);
    const started = now();
    const outcome =
      method.toLowerCase().replace(/\.json$/, '') === 'batch'
        ? fail(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage')
        : await runOne(method, parseQuery(query));
    const time = timeOf(method, started, outcome);
    if (time) times[key] = time;
    if (outcome.ok) {
      result[key] = outcome.result;
      if (outcome.total !== undefined) totals[key] = outcome.total;
      if (outcome.next !== undefined) nexts[key] = outcome.next;
    } else {
      errors[key] = { error: outcome.error, error_description: outcome.description };
      if (halt) break;
    }
  }
  const body: WireBatchResult = { result: orEmpty(result), result_error: orEmpty(errors), result_total: orEmpty(totals), result_next: orEmpty(nexts), result_time: orEmpty(times) };
  return { ok: true, result: body };
}
