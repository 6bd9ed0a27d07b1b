/** A session's `imopenlines.session.history.get` answer (wire.ts "History", spec §5.2). */
import {
  CLASS_HIDDEN_NOTE,
  CLASS_SESSION_END,
  VOTE_DISLIKE,
  VOTE_LIKE,
  type WireHistory,
  type WireHistoryUser,
  type WireMessage,
} from '../../app/backends/bitrix24/wire.ts';
import type { Operator } from '../../../shared/domain/dialog.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';
import type { SessionRecord } from '../state.ts';
import { wireTime } from './time.ts';

/** Message ids: unique portal-wide and ascending with the timeline (a session has far fewer than this many entries). */
const MESSAGES_PER_SESSION = 10_000;

function messageId(sessionId: number, seq: number): string {
  return String(sessionId * MESSAGES_PER_SESSION + seq);
}

function lastClientVote(entries: readonly TimelineEntry[]): number {
  const vote = entries.findLast((e) => e.kind === 'vote');
  return vote?.rating === 'like' ? VOTE_LIKE : vote?.rating === 'dislike' ? VOTE_DISLIKE : 0;
}

export function renderMessages(record: SessionRecord): WireMessage[] {
  const s = record.snapshot;
  const chat = String(s.chatId);
  const out: WireMessage[] = [];
  const message = (entry: TimelineEntry, senderid: number, params: WireMessage['params']): WireMessage => ({
    id: messageId(s.id, entry.seq),
    chatid: chat,
    senderid: String(senderid),
    recipientid: `chat${chat}`,
    date: wireTime(entry.at),
    text: entry.text ?? '',
    textlegacy: entry.text ?? '',
    params,
  });
  for (const entry of record.entries) {
    if (entry.kind === 'message') {
      if (entry.author === 'client') out.push(message(entry, s.clientId, []));
      else if (entry.author === 'system') out.push(message(entry, 0, []));
      else out.push(message(entry, entry.operatorId ?? 0, entry.hidden ? { class: CLASS_HIDDEN_NOTE } : []));
    } else if (entry.kind === 'closed' || entry.kind === 'spam') {
      out.push(
        message({ ...entry, text: '' }, 0, {
          class: CLASS_SESSION_END,
          imolVoteSid: s.id,
          imolVoteUser: lastClientVote(record.entries),
          imolVoteHead: s.supervisorRating ?? 0,
        }),
      );
    }
  }
  return out;
}

function splitName(name: string): { firstName: string; lastName: string } {
  const cut = name.indexOf(' ');
  return cut > 0 ? { firstName: name.slice(0, cut), lastName: name.slice(cut + 1) } : { firstName: name, lastName: '' };
}

export function renderHistory(record: SessionRecord, staff: ReadonlyMap<number, Operator>): WireHistory {
  const s = record.snapshot;
  const messages = renderMessages(record);
  const users: Record<string, WireHistoryUser> = {};
  const addUser = (id: number, name: string, bot: boolean, connector: boolean): void => {
    users[String(id)] = { id: String(id), name, ...splitName(name), bot, connector, externalAuthId: connector ? 'imconnector' : bot ? 'bot' : 'socservices' };
  };
  addUser(s.clientId, s.clientName, false, true);
  for (const m of messages) {
    const id = Number(m.senderid);
    if (id === 0 || users[m.senderid]) continue;
    const person = staff.get(id);
    addUser(id, person?.name ?? `User ${id}`, person?.isBot ?? false, false);
  }
  return {
    chatId: s.chatId,
    canJoin: 'Y',
    canVoteHead: 'Y',
    sessionId: s.id,
    sessionVoteHead: s.supervisorRating ?? 0,
    sessionCommentHead: s.supervisorComment,
    userId: `chat${s.chatId}`,
    message: messages.length ? Object.fromEntries(messages.map((m) => [m.id, m])) : [],
    usersMessage: { [`chat${s.chatId}`]: messages.map((m) => m.id) },
    users,
  };
}
