/**
 * The sync cursor: versioned JSON, opaque to the sync engine. It says which
 * phase the pull is in and where in it, so a restart resumes there:
 *   live        open sessions (COMPLETED=N), then those updated in the last 24 h:
 *               the supervisor's active queue is in the grid within the first pages
 *   backfill    older finished sessions, newest first (`<ID` descending), with progress
 *   incremental `>=LAST_UPDATED` from a watermark (a little overlap, deduplicated),
 *               plus im.recent.get for changes no activity row shows (pin, status)
 */
import { z } from 'zod';
import { BackendError } from '../../backend.ts';

const ms = z.number().int().nonnegative();
const id = z.number().int().nonnegative();

const liveSchema = z.strictObject({
  v: z.literal(1),
  phase: z.literal('live'),
  step: z.enum(['open', 'day']),
  afterId: id,
  /** sessions updated since then are "the last 24 hours" */
  since: ms,
  /** our clock when the cycle started, bounds the first incremental watermark */
  startedAt: ms,
  /** the newest LAST_UPDATED seen so far (the portal's clock) */
  newest: ms.nullable(),
});

const backfillSchema = z.strictObject({
  v: z.literal(1),
  phase: z.literal('backfill'),
  beforeId: id.nullable(),
  since: ms,
  startedAt: ms,
  newest: ms.nullable(),
  total: z.number().int().nonnegative().nullable(),
  done: z.number().int().nonnegative(),
});

const incrementalSchema = z.strictObject({
  v: z.literal(1),
  phase: z.literal('incremental'),
  /** rows with LAST_UPDATED at or after this are asked for */
  watermark: ms,
  afterId: id,
  /** the newest LAST_UPDATED seen in this cycle */
  newest: ms,
  /** session id → LAST_UPDATED already delivered, for rows the overlap brings back */
  seen: z.record(z.string(), ms),
  /** open session id → "status|pinned" as im.recent.get last said */
  open: z.record(z.string(), z.string()),
});

const cursorSchema = z.discriminatedUnion('phase', [liveSchema, backfillSchema, incrementalSchema]);
export type Cursor = z.infer<typeof cursorSchema>;
export type LiveCursor = z.infer<typeof liveSchema>;
export type BackfillCursor = z.infer<typeof backfillSchema>;
export type IncrementalCursor = z.infer<typeof incrementalSchema>;

export const DAY_MS = 24 * 60 * 60_000;

export function firstCursor(now: number): LiveCursor {
  return { v: 1, phase: 'live', step: 'open', afterId: 0, since: Math.floor(now - DAY_MS), startedAt: Math.floor(now), newest: null };
}

export function encodeCursor(cursor: Cursor): string {
  return JSON.stringify(cursor);
}

/** The cursor, or BAD_CURSOR (the sync then starts a new cycle from the beginning). */
export function decodeCursor(text: string | null, now: number): Cursor {
  if (text === null) return firstCursor(now);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackendError('BAD_CURSOR', 'the stored sync cursor is not JSON', false);
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new BackendError('BAD_CURSOR', `the stored sync cursor is not one this connector writes (${parsed.error.issues[0]?.message ?? 'bad shape'})`, false);
  return parsed.data;
}

/** A time as Bitrix24 filters take it: ISO 8601, whole seconds, UTC offset. */
export function filterTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}
