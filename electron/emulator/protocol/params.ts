/**
 * Request parameters as Bitrix24 reads them: a JSON body, or PHP-style nested
 * form/query keys (`FILTER[>ID]=5&select[]=ID`) folded into objects.
 */
export type Params = Record<string, unknown>;

/** `a[b][]` → ['a', 'b', ''] */
function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const path = [key.slice(0, first)];
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) path.push(m[1] ?? '');
  return path;
}

function assign(target: Params, path: string[], value: string): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    let part = path[i] as string;
    if (part === '') part = String(Object.keys(node).length);
    if (last) {
      node[part] = value;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
}

/** PHP arrays with keys 0..n-1 become JSON arrays, as PHP's json_encode would see them. */
function listify(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, listify(v)] as const);
  if (entries.length > 0 && entries.every(([k], i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

export function parseQuery(text: string): Params {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(text)) assign(out, keyPath(key), value);
  return listify(out) as Params;
}

export function parseBody(contentType: string, body: string): Params | null {
  if (!body.trim()) return {};
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Params) : null;
    } catch {
      return null;
    }
  }
  return parseQuery(body);
}

/** Case-insensitive lookup: Bitrix24 reads `filter` and `FILTER` alike. */
export function param(params: Params, name: string): unknown {
  if (name in params) return params[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function objectParam(params: Params, name: string): Record<string, unknown> {
  const v = param(params, name);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function intParam(params: Params, name: string): number | null {
  const v = param(params, name);
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}
