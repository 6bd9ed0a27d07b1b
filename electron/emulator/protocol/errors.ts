/** Method outcomes as data: a result (with list paging) or a Bitrix24 error with its HTTP status (spec §1.3). */
import type { WireTime } from '../../app/backends/bitrix24/wire.ts';

export type MethodOutcome =
  | { ok: true; result: unknown; next?: number; total?: number }
  /** `time`: only on a refusal that reports when it lifts (an opt-in beyond the documented shape, see operating.ts) */
  | { ok: false; status: number; error: string; description: string; time?: WireTime };

export function ok(result: unknown, paging: { next?: number; total?: number } = {}): MethodOutcome {
  return { ok: true, result, ...paging };
}

export function fail(status: number, error: string, description: string): MethodOutcome {
  return { ok: false, status, error, description };
}

export const METHOD_NOT_FOUND = (): MethodOutcome => fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
