/**
 * A page of activity rows → whole dialogs: each session's history and its
 * chat's dialog.get, in as few `batch` calls as 50 commands allow, plus one
 * im.recent.get for the statuses unless the caller brings an answer (pages
 * of a sync do, recent.ts; one dialog's refresh asks afresh in its batch).
 */
import { BackendError, type DialogChange } from '../../backend.ts';
import { runBatch, type BatchCommand } from '../client/batch.ts';
import { parseResult, type RestClient } from '../client/rest-client.ts';
import { snapshotOf, timelineOf } from '../mapping/dialog.ts';
import { activitySchema, dialogSchema, historySchema, recentSchema, type ActivityDto, type RecentItemDto } from '../mapping/schemas.ts';

/** The activity fields the mapping reads (spec §4 A). */
export const ACTIVITY_SELECT = [
  'ID', 'OWNER_TYPE_ID', 'OWNER_ID', 'PROVIDER_ID', 'PROVIDER_TYPE_ID', 'ASSOCIATED_ENTITY_ID', 'SUBJECT',
  'COMPLETED', 'DIRECTION', 'RESPONSIBLE_ID', 'START_TIME', 'END_TIME', 'LAST_UPDATED', 'PROVIDER_PARAMS',
];
export const ACTIVITY_FILTER = { PROVIDER_ID: 'IMOPENLINES_SESSION' } as const;
export const activityRow = activitySchema;

export const RECENT_COMMAND: BatchCommand = { method: 'im.recent.get', params: { ONLY_OPENLINES: 'Y' } };

/** im.recent.get rows by session id (lines.id is the session, spec §5.9). */
export function recentBySession(items: RecentItemDto[]): Map<number, RecentItemDto> {
  const out = new Map<number, RecentItemDto>();
  for (const item of items) if (item.lines) out.set(item.lines.id, item);
  return out;
}

export function parseRecent(result: unknown): Map<number, RecentItemDto> {
  return recentBySession(parseResult('im.recent.get', result, recentSchema));
}

/**
 * The dialogs of these rows, fresh. A session whose history the portal refuses
 * fails the whole page (the sync retries it), except `notFound`/`forbidden`
 * for one session, which leaves that dialog with what its activity row says.
 */
export async function dialogsOf(
  client: RestClient,
  activities: ActivityDto[],
  signal?: AbortSignal,
  recentKnown?: Map<number, RecentItemDto>,
): Promise<{ changes: DialogChange[]; recent: Map<number, RecentItemDto> }> {
  const commands = new Map<string, BatchCommand>();
  if (!recentKnown) commands.set('recent', RECENT_COMMAND);
  for (const a of activities) {
    commands.set(`h${a.ASSOCIATED_ENTITY_ID}`, { method: 'imopenlines.session.history.get', params: { SESSION_ID: a.ASSOCIATED_ENTITY_ID } });
    // by session: the activity names no CHAT_ID (USER_CODE's third field is the connector's own chat id, spec §2)
    commands.set(`d${a.ASSOCIATED_ENTITY_ID}`, { method: 'imopenlines.dialog.get', params: { SESSION_ID: a.ASSOCIATED_ENTITY_ID } });
  }
  const answers = await runBatch(client, commands, signal);
  const pick = (key: string): unknown => {
    const outcome = answers.get(key);
    if (!outcome) return null;
    if (outcome.ok) return outcome.result;
    if (outcome.error.kind === 'notFound' || outcome.error.kind === 'forbidden') return null;
    throw outcome.error;
  };
  let recent = recentKnown ?? new Map<number, RecentItemDto>();
  if (!recentKnown) {
    const raw = answers.get('recent');
    if (raw && !raw.ok) throw raw.error;
    recent = parseRecent(raw?.ok ? raw.result : []);
  }
  const changes = activities.map((activity): DialogChange => {
    const historyRaw = pick(`h${activity.ASSOCIATED_ENTITY_ID}`);
    const dialogRaw = pick(`d${activity.ASSOCIATED_ENTITY_ID}`);
    const wire = {
      activity,
      history: historyRaw === null ? null : parseResult('imopenlines.session.history.get', historyRaw, historySchema),
      dialog: dialogRaw === null ? null : parseResult('imopenlines.dialog.get', dialogRaw, dialogSchema),
      recent: recent.get(activity.ASSOCIATED_ENTITY_ID) ?? null,
    };
    return { dialog: snapshotOf(wire), entries: timelineOf(wire), replaceTimeline: true };
  });
  return { changes, recent };
}

/** Session id → activity id, as pulls saw them: fetching one dialog then asks by ID, which every portal filters on. */
export type ActivityIds = Map<number, number>;

export function rememberActivities(known: ActivityIds, rows: ActivityDto[]): void {
  for (const row of rows) known.set(row.ASSOCIATED_ENTITY_ID, row.ID);
}

/** One session's activity row, by session id; notFound when the portal has none. */
export async function activityOfSession(client: RestClient, sessionId: number, known: ActivityIds, signal?: AbortSignal): Promise<ActivityDto> {
  const activityId = known.get(sessionId);
  // not seen by a pull in this run (an action in doubt after a restart): by ASSOCIATED_ENTITY_ID
  const by = activityId !== undefined ? { ID: activityId } : { ASSOCIATED_ENTITY_ID: sessionId };
  const answer = await client.request('crm.activity.list', { filter: { ...ACTIVITY_FILTER, ...by }, select: ACTIVITY_SELECT, start: -1 }, signal);
  const rows = parseResult('crm.activity.list', answer.result, activityRow.array());
  const row = rows.find((r) => r.ASSOCIATED_ENTITY_ID === sessionId);
  if (!row) throw new BackendError('NOT_FOUND', `dialog ${sessionId} is not on the portal (no Open Lines activity for that session)`, false, { kind: 'notFound' });
  return row;
}
