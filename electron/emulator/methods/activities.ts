/** `crm.activity.list` over the sessions (spec §5.10, §1.6). */
import { ok, fail, type MethodOutcome } from '../protocol/errors.ts';
import { intParam, objectParam, param, type Params } from '../protocol/params.ts';
import { renderActivity } from '../render/activity.ts';
import type { SessionRecord } from '../state.ts';
import { PAGE_SIZE, type MethodContext } from './context.ts';

type Test = (record: SessionRecord) => boolean;

function timeOf(value: unknown): number | null {
  const ms = Date.parse(String(value));
  return Number.isFinite(ms) ? ms : null;
}

/** How each filterable field compares: as a number, an instant (whole seconds), or text. */
const FIELD_KIND: Readonly<Record<string, 'number' | 'time' | 'text'>> = {
  ID: 'number',
  ASSOCIATED_ENTITY_ID: 'number',
  PROVIDER_TYPE_ID: 'number',
  RESPONSIBLE_ID: 'number',
  OWNER_ID: 'number',
  OWNER_TYPE_ID: 'number',
  LAST_UPDATED: 'time',
  START_TIME: 'time',
  END_TIME: 'time',
  COMPLETED: 'text',
  PROVIDER_ID: 'text',
  DIRECTION: 'text',
};

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '!=': (a, b) => a !== b,
  '!': (a, b) => a !== b,
  '=': (a, b) => a === b,
  '': (a, b) => a === b,
};

/** Filters by the listed fields with the usual prefixes; an unknown field is refused, so a client's typo shows. */
function compileFilter(filter: Record<string, unknown>): Test[] | string {
  const tests: Test[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const m = /^(>=|<=|!=|>|<|=|!)?(.+)$/.exec(key.toUpperCase());
    const op = m?.[1] ?? '';
    const field = m?.[2] ?? '';
    const kind = FIELD_KIND[field];
    const compare = COMPARE[op];
    if (!kind || !compare) return `unsupported filter field ${key}`;
    if (kind === 'text') {
      const want = String(value).toUpperCase();
      tests.push((r) => {
        const got = String(renderActivity(r)[field as keyof ReturnType<typeof renderActivity>]).toUpperCase();
        return op === '!=' || op === '!' ? got !== want : got === want;
      });
      continue;
    }
    const target = kind === 'time' ? timeOf(value) : Number(value);
    if (target === null || !Number.isFinite(target)) return `bad value in ${key}`;
    tests.push((r) => {
      const row = renderActivity(r);
      const raw = row[field as keyof typeof row];
      const got = kind === 'time' ? (raw ? timeOf(raw) : null) : Number(raw);
      return got !== null && compare(got, target);
    });
  }
  return tests;
}

export function activityList(params: Params, ctx: MethodContext): MethodOutcome {
  const tests = compileFilter(objectParam(params, 'filter'));
  if (typeof tests === 'string') return fail(400, 'ERROR_ARGUMENT', tests);
  const order = objectParam(params, 'order');
  const desc = Object.entries(order).some(([k, v]) => k.toUpperCase() === 'ID' && String(v).toUpperCase() === 'DESC');
  const ids = ctx.state.sessionIds();
  if (desc) ids.reverse();
  const rows: SessionRecord[] = [];
  for (const id of ids) {
    const record = ctx.state.sessions.get(id) as SessionRecord;
    if (tests.every((t) => t(record))) rows.push(record);
  }
  const selectRaw = param(params, 'select');
  const select = Array.isArray(selectRaw) ? selectRaw.map(String) : [];
  const pick = (row: ReturnType<typeof renderActivity>) => {
    if (select.length === 0 || select.includes('*')) return row;
    return Object.fromEntries(Object.entries(row).filter(([k]) => k === 'ID' || select.includes(k)));
  };
  const start = intParam(params, 'start') ?? 0;
  if (start === -1) return ok(rows.slice(0, PAGE_SIZE).map((r) => pick(renderActivity(r))), { total: 0 });
  const from = Math.max(0, start);
  const page = rows.slice(from, from + PAGE_SIZE).map((r) => pick(renderActivity(r)));
  const more = from + PAGE_SIZE < rows.length;
  return ok(page, { total: rows.length, ...(more ? { next: from + PAGE_SIZE } : {}) });
}
