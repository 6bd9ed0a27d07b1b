/**
 * pullChanges: one page of one phase per call (see cursor.ts for the phases).
 * A page is one crm.activity.list request (≤ 50 rows, fewer when the sync asks
 * for fewer) and the batches that complete its dialogs.
 */
import type { ChangeBatch, DialogChange } from '../../backend.ts';
import { exportAfter, LIST_PAGE, listPage } from '../client/lists.ts';
import type { RestClient } from '../client/rest-client.ts';
import { wireTime } from '../mapping/dialog.ts';
import type { ActivityDto, RecentItemDto } from '../mapping/schemas.ts';
import { encodeCursor, filterTime, type BackfillCursor, type Cursor, type IncrementalCursor, type LiveCursor } from './cursor.ts';
import type { RecentStatuses } from './recent.ts';
import { ACTIVITY_FILTER, ACTIVITY_SELECT, activityOfSession, activityRow, dialogsOf, rememberActivities, type ActivityIds } from './sessions.ts';

/** How far back the first incremental cycle looks before the live phase began: clock skew and rows written meanwhile. */
const START_OVERLAP_MS = 5 * 60_000;
/** How far back each later cycle looks before the newest row it saw: a row updated in the same second after we read it. */
const CYCLE_OVERLAP_MS = 60_000;

export interface PullContext {
  client: RestClient;
  /** filled as rows go by, for fetchDialog */
  known: ActivityIds;
  /** im.recent.get, asked once for the pages of a minute rather than in every page's batch */
  recent: RecentStatuses;
  now: () => number;
  signal?: AbortSignal;
}

const idOf = (row: ActivityDto): number => row.ID;

function newestOf(rows: ActivityDto[], newest: number | null): number | null {
  let out = newest;
  for (const row of rows) {
    const at = wireTime(row.LAST_UPDATED);
    if (at !== null && (out === null || at > out)) out = at;
  }
  return out;
}

/** The dialogs of a page's rows, with the statuses im.recent.get gave lately (none asked for an empty page). */
async function dialogsOfPage(ctx: PullContext, rows: ActivityDto[], recent?: Map<number, RecentItemDto>): Promise<DialogChange[]> {
  if (rows.length === 0) return [];
  const statuses = recent ?? (await ctx.recent.get(ctx.signal));
  return (await dialogsOf(ctx.client, rows, ctx.signal, statuses)).changes;
}

function batchOf(changes: DialogChange[], cursor: Cursor, hasMore: boolean, progress: number | null): ChangeBatch {
  return { changes, cursor: encodeCursor(cursor), hasMore, progress };
}

export function pull(ctx: PullContext, cursor: Cursor, limit: number): Promise<ChangeBatch> {
  const take = Math.max(1, Math.min(LIST_PAGE, Math.floor(limit)));
  switch (cursor.phase) {
    case 'live':
      return pullLive(ctx, cursor, take);
    case 'backfill':
      return pullBackfill(ctx, cursor, take);
    case 'incremental':
      return pullIncremental(ctx, cursor, take);
  }
}

async function pullLive(ctx: PullContext, cursor: LiveCursor, take: number): Promise<ChangeBatch> {
  const filter =
    cursor.step === 'open'
      ? { ...ACTIVITY_FILTER, COMPLETED: 'N' }
      : { ...ACTIVITY_FILTER, COMPLETED: 'Y', '>=LAST_UPDATED': filterTime(cursor.since) };
  const page = await exportAfter(ctx.client, 'crm.activity.list', { filter, select: ACTIVITY_SELECT }, cursor.afterId, activityRow, idOf, ctx.signal);
  const rows = page.items.slice(0, take);
  rememberActivities(ctx.known, rows);
  const changes = await dialogsOfPage(ctx, rows);
  const newest = newestOf(rows, cursor.newest);
  const finished = page.done && rows.length === page.items.length;
  const afterId = rows.length ? rows[rows.length - 1]!.ID : cursor.afterId;
  let next: Cursor;
  if (!finished) next = { ...cursor, afterId, newest };
  else if (cursor.step === 'open') next = { ...cursor, step: 'day', afterId: 0, newest };
  else next = { v: 1, phase: 'backfill', beforeId: null, since: cursor.since, startedAt: cursor.startedAt, newest, total: null, done: 0 };
  return batchOf(changes, next, true, 0);
}

async function pullBackfill(ctx: PullContext, cursor: BackfillCursor, take: number): Promise<ChangeBatch> {
  // `<LAST_UPDATED` would leave out what the live phase delivered, but not every portal (nor the
  // emulator) takes it: those rows are skipped here instead, and `total` counts them (progress a little low)
  const filter: Record<string, unknown> = { ...ACTIVITY_FILTER, COMPLETED: 'Y' };
  if (cursor.beforeId !== null) filter['<ID'] = cursor.beforeId;
  // classic paging from 0 each time: `total` then counts what is left, which gives the progress
  const page = await listPage(ctx.client, 'crm.activity.list', { filter, select: ACTIVITY_SELECT, order: { ID: 'DESC' } }, 0, activityRow, ctx.signal);
  const walked = page.items.slice(0, take);
  const rows = walked.filter((row) => (wireTime(row.LAST_UPDATED) ?? 0) < cursor.since);
  rememberActivities(ctx.known, rows);
  const changes = await dialogsOfPage(ctx, rows);
  const remaining = page.total ?? page.items.length;
  const total = cursor.total ?? remaining;
  const done = cursor.done + walked.length;
  const newest = newestOf(rows, cursor.newest);
  const finished = walked.length === 0 || (walked.length === page.items.length && page.items.length < LIST_PAGE) || remaining - walked.length <= 0;
  if (!finished) {
    const next: BackfillCursor = { ...cursor, beforeId: walked[walked.length - 1]!.ID, total, done, newest };
    return batchOf(changes, next, true, total > 0 ? Math.min(1, done / total) : 0);
  }
  const watermark = Math.max(0, Math.min(cursor.startedAt, newest ?? cursor.startedAt) - START_OVERLAP_MS);
  const next: IncrementalCursor = { v: 1, phase: 'incremental', watermark, afterId: 0, newest: watermark, seen: {}, open: {} };
  return batchOf(changes, next, true, 1);
}

function fingerprint(item: RecentItemDto): string {
  const fields = (item.chat?.entity_data_1 ?? '').split('|');
  return `${item.lines?.status ?? ''}|${fields[3] ?? ''}`;
}

async function pullIncremental(ctx: PullContext, cursor: IncrementalCursor, take: number): Promise<ChangeBatch> {
  const filter = { ...ACTIVITY_FILTER, '>=LAST_UPDATED': filterTime(cursor.watermark) };
  const firstPage = cursor.afterId === 0;
  // a cycle's first page asks im.recent.get afresh: a pin or a status change moves no activity row
  const fresh = firstPage ? await ctx.recent.get(ctx.signal, true) : null;
  const page = await exportAfter(ctx.client, 'crm.activity.list', { filter, select: ACTIVITY_SELECT }, cursor.afterId, activityRow, idOf, ctx.signal);
  const taken = page.items.slice(0, take);
  const rows = taken.filter((row) => cursor.seen[String(row.ASSOCIATED_ENTITY_ID)] !== wireTime(row.LAST_UPDATED));
  let recent: Map<number, RecentItemDto> | undefined;
  let open = cursor.open;
  if (fresh) {
    recent = fresh;
    open = {};
    const inPage = new Set(rows.map((r) => r.ASSOCIATED_ENTITY_ID));
    for (const [sessionId, item] of recent) {
      const key = String(sessionId);
      const print = fingerprint(item);
      // pinned or re-statused without a new entry (or not yet seen by a cycle: the first after the
      // backfill, which may have missed a pin meanwhile): fetch it here, as far as the page has room;
      // one left over keeps its old print and is fetched by a later cycle
      const changed = cursor.open[key] !== print && !inPage.has(sessionId);
      if (!changed) {
        open[key] = print;
        continue;
      }
      if (rows.length >= take) {
        if (cursor.open[key] !== undefined) open[key] = cursor.open[key];
        continue;
      }
      try {
        rows.push(await activityOfSession(ctx.client, sessionId, ctx.known, ctx.signal));
      } catch (error) {
        if ((error as { kind?: unknown }).kind !== 'notFound') throw error;
      }
      open[key] = print;
    }
  }
  rememberActivities(ctx.known, rows);
  const changes = await dialogsOfPage(ctx, rows, recent);
  const seen = { ...cursor.seen };
  for (const row of taken) {
    const at = wireTime(row.LAST_UPDATED);
    if (at !== null) seen[String(row.ASSOCIATED_ENTITY_ID)] = at;
  }
  const newest = newestOf(taken, cursor.newest) ?? cursor.newest;
  const finished = page.done && taken.length === page.items.length;
  if (!finished) {
    const next: IncrementalCursor = { ...cursor, afterId: taken[taken.length - 1]!.ID, newest, seen, open };
    return batchOf(changes, next, true, 1);
  }
  const watermark = Math.max(cursor.watermark, newest - CYCLE_OVERLAP_MS);
  // only rows inside the next overlap can come back
  const kept = Object.fromEntries(Object.entries(seen).filter(([, at]) => at >= watermark));
  const next: IncrementalCursor = { v: 1, phase: 'incremental', watermark, afterId: 0, newest: watermark, seen: kept, open };
  return batchOf(changes, next, false, 1);
}
