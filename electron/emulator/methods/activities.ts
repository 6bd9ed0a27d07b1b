/** `crm.activity.list` over the sessions (spec §5.10, §1.6). */
import { ok, fail, type MethodOutcome } from '../protocol/errors.ts';
import { intParam, objectParam, param, type Params } from '../protocol/params.ts';
import { activityIdOf, lastUpdatedMs, renderActivity } from '../render/activity.ts';
import type { SessionRecord } from '../state.ts';
import { endEntry } from '../status.ts';
import { PAGE_SIZE, type MethodContext } from './context.ts';

type Test = (record: SessionRecord) => boolean;

function timeOf(value: unknown): number | null {
  const ms = Date.parse(String(value));
  return Number.isFinite(ms) ? ms : null;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The filter keys Open Lines clients use; others are refused rather than silently ignored, so a client's typo shows. */
function compileFilter(filter: Record<string, unknown>): Test[] | string {
  const tests: Test[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const k = key.toUpperCase();
    const n = Number(value);
    if (k === 'PROVIDER_ID' || k === '=PROVIDER_ID') {
      if (value !== 'IMOPENLINES_SESSION') tests.push(() => false);
    } else if (k === '>ID') tests.push((r) => activityIdOf(r.snapshot.id) > n);
    else if (k === '<ID') tests.push((r) => activityIdOf(r.snapshot.id) < n);
    else if (k === '>=ID') tests.push((r) => activityIdOf(r.snapshot.id) >= n);
    else if (k === 'ID' || k === '=ID') tests.push((r) => activityIdOf(r.snapshot.id) === n);
    else if (k === 'COMPLETED') tests.push((r) => (endEntry(r) ? 'Y' : 'N') === String(value).toUpperCase());
    else if (k === '>=LAST_UPDATED' || k === '>LAST_UPDATED') {
      const t = timeOf(value);
      if (t === null) return `bad date in ${key}`;
      tests.push(k === '>=LAST_UPDATED' ? (r) => second(lastUpdatedMs(r)) >= t : (r) => second(lastUpdatedMs(r)) > t);
    } else if (k === '>=START_TIME') {
      const t = timeOf(value);
      if (t === null) return `bad date in ${key}`;
      tests.push((r) => second(r.entries[0]?.at ?? 0) >= t);
    } else return `unsupported filter field ${key}`;
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
