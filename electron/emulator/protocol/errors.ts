/** Method outcomes as data: a result (with list paging) or a Bitrix24 error with its HTTP status (spec §1.3). */
export type MethodOutcome =
  | { ok: true; result: unknown; next?: number; total?: number }
  | { ok: false; status: number; error: string; description: string };

export function ok(result: unknown, paging: { next?: number; total?: number } = {}): MethodOutcome {
  return { ok: true, result, ...paging };
}

export function fail(status: number, error: string, description: string): MethodOutcome {
  return { ok: false, status, error, description };
}

export const METHOD_NOT_FOUND = (): MethodOutcome => fail(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
