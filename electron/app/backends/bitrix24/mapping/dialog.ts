/**
 * Wire → domain for one session, by the rules in wire.ts: the activity row
 * is the session's skeleton, the history its messages and votes, dialog.get
 * and im.recent.get what only they know (pin, the portal's status code).
 * Pure functions; a field the wire does not carry stays null (or false where
 * the domain has no null), never invented.
 */
import type { CrmLink, CrmEntityType } from '../../../../../shared/domain/dialog.ts';
import type { ClientRating, TimelineEntry } from '../../../../../shared/domain/timeline.ts';
import type { DialogSnapshot } from '../../backend.ts';
import { CLASS_HIDDEN_NOTE, CLASS_SESSION_END, CRM_OWNER_TYPE, VOTE_DISLIKE, VOTE_LIKE } from '../wire.ts';
import type { ActivityDto, DialogDto, HistoryDto, MessageDto, RecentItemDto } from './schemas.ts';

/** lines.status of a session ended as spam (spec §3.1) */
export const STATUS_SPAM = 65;

export interface UserCode {
  channel: string;
  lineId: number;
  /** the connector's own chat id (spec §2), not the Bitrix24 CHAT_ID the actions need */
  connectorChatId: number;
  clientId: number;
}

/** `<channel>|<lineId>|<connector chat id>|<clientId>`, with or without CRM's `imol|` prefix; null when it is not one. */
export function parseUserCode(text: string): UserCode | null {
  const parts = text.replace(/^imol\|/, '').split('|');
  if (parts.length !== 4 || !parts[0]) return null;
  const [lineId, connectorChatId, clientId] = parts.slice(1).map(Number) as [number, number, number];
  if (![lineId, connectorChatId, clientId].every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  return { channel: parts[0], lineId, connectorChatId, clientId };
}

/** A wire time (ISO 8601 with offset, whole seconds) in epoch ms; null when empty or unreadable. */
export function wireTime(text: string): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 : null;
}

/** The pipe-joined chat entity_data_1 (spec §2), read for one session: pinned only when it names that session. */
export function pinnedFor(entityData1: string, sessionId: number): boolean | null {
  const fields = entityData1.split('|');
  if (fields.length < 6) return null;
  if (Number(fields[5]) !== sessionId) return null;
  return fields[3] === 'Y';
}

const CRM_TYPE_OF_OWNER: Readonly<Record<number, CrmEntityType>> = Object.fromEntries(
  Object.entries(CRM_OWNER_TYPE).map(([type, id]) => [id, type as CrmEntityType]),
);

/** The CRM binding. The wire has no title for it: empty, for the UI to show the type and id. */
export function crmOf(activity: ActivityDto): CrmLink | null {
  const type = CRM_TYPE_OF_OWNER[activity.OWNER_TYPE_ID];
  if (!type || !activity.OWNER_ID) return null;
  return { type, id: activity.OWNER_ID, title: '' };
}

export interface SessionWire {
  activity: ActivityDto;
  history: HistoryDto | null;
  dialog: DialogDto | null;
  /** this session's im.recent.get row (lines.id = session id), if the portal listed it */
  recent: RecentItemDto | null;
}

export function userCodeOf(activity: ActivityDto): UserCode | null {
  return Array.isArray(activity.PROVIDER_PARAMS) ? null : parseUserCode(activity.PROVIDER_PARAMS.USER_CODE);
}

/** The subject is `<client name> - <channel title>`; the name is what comes before the last " - ". */
function nameFromSubject(subject: string): string {
  const cut = subject.lastIndexOf(' - ');
  return cut > 0 ? subject.slice(0, cut) : subject;
}

export function snapshotOf(wire: SessionWire): DialogSnapshot {
  const { activity, history, dialog, recent } = wire;
  const sessionId = activity.ASSOCIATED_ENTITY_ID;
  const code = userCodeOf(activity);
  const clientId = code?.clientId ?? 0;
  const clientUser = history?.users[String(clientId)];
  const pinned = (recent?.chat ? pinnedFor(recent.chat.entity_data_1, sessionId) : null) ?? (dialog ? pinnedFor(dialog.entity_data_1, sessionId) : null);
  const vote = history?.sessionVoteHead ?? 0;
  const comment = history?.sessionCommentHead ?? '';
  return {
    id: sessionId,
    // CHAT_ID from the session's own answers; USER_CODE's chat is the connector's (spec §2)
    chatId: history?.chatId || dialog?.id || recent?.chat_id || 0,
    lineId: code?.lineId || activity.PROVIDER_TYPE_ID,
    direction: activity.DIRECTION === 2 ? 'out' : 'in',
    channel: code?.channel ?? '',
    clientId,
    clientName: clientUser?.name || nameFromSubject(activity.SUBJECT),
    operatorId: activity.RESPONSIBLE_ID > 0 ? activity.RESPONSIBLE_ID : null,
    crm: crmOf(activity),
    pageUrl: null,
    formFilled: false,
    historyRequested: false,
    pinned: pinned ?? false,
    // dialogsOf gives null when the portal refused session.history.get for this session (not found, no rights)
    historyUnavailable: history === null,
    supervisorRating: vote > 0 ? vote : null,
    supervisorComment: comment ? comment : null,
    reportedStatusCode: recent?.lines ? recent.lines.status : null,
  };
}

type Unsequenced = Omit<TimelineEntry, 'seq'>;

function classOf(message: MessageDto): string | null {
  const value = message.params?.['class'] ?? message.params?.['CLASS'];
  return typeof value === 'string' ? value : null;
}

function clientVote(message: MessageDto): ClientRating | null {
  const vote = Number(message.params?.['imolVoteUser'] ?? 0);
  return vote === VOTE_LIKE ? 'like' : vote === VOTE_DISLIKE ? 'dislike' : null;
}

/** The message as a timeline entry, or the entries of the close (vote, then closed/spam). */
function entriesOfMessage(message: MessageDto, history: HistoryDto, endKind: 'closed' | 'spam'): Unsequenced[] {
  const at = wireTime(message.date);
  if (at === null) return [];
  const cls = classOf(message);
  if (message.senderid === 0) {
    if (cls === CLASS_SESSION_END) {
      const rating = clientVote(message);
      return [...(rating ? [{ at, kind: 'vote' as const, rating }] : []), { at, kind: endKind }];
    }
    return [{ at, kind: 'message', author: 'system', text: message.text }];
  }
  const user = history.users[String(message.senderid)];
  if (user?.connector) return [{ at, kind: 'message', author: 'client', text: message.text }];
  if (user?.bot) return [{ at, kind: 'message', author: 'bot', operatorId: message.senderid, text: message.text }];
  const hidden = cls === CLASS_HIDDEN_NOTE;
  return [{ at, kind: 'message', author: 'operator', ...(hidden ? { hidden: true } : {}), operatorId: message.senderid, text: message.text }];
}

/** The whole timeline the wire shows for the session, seq 0, 1, 2 … in time order. */
export function timelineOf(wire: SessionWire): TimelineEntry[] {
  const { activity, history, recent } = wire;
  const endKind = recent?.lines?.status === STATUS_SPAM ? 'spam' : 'closed';
  const created = wireTime(activity.START_TIME);
  const entries: Unsequenced[] = created === null ? [] : [{ at: created, kind: 'created' }];
  let ended = false;
  if (history) {
    const messages = Object.values(history.message).sort((a, b) => a.id - b.id);
    for (const message of messages) {
      const more = entriesOfMessage(message, history, endKind);
      if (more.some((e) => e.kind === endKind)) ended = true;
      entries.push(...more);
    }
  }
  // no close message in the history (or no history): the activity's end still says it ended
  const end = wireTime(activity.END_TIME);
  if (!ended && activity.COMPLETED === 'Y' && end !== null) entries.push({ at: end, kind: endKind });
  // stable: entries that share a second keep their wire order
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .map(({ entry }, seq) => ({ seq, ...entry }));
}
