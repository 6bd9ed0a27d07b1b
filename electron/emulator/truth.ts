/**
 * Ground truth: every session's domain dialog *projected* onto what the wire
 * carries, by the rules at the top of electron/app/backends/bitrix24/wire.ts.
 * Written from those rules alone, not from the render code, so that a bug in
 * either shows as a difference in the round trip.
 *
 * The projection, exactly:
 * - entries: the kinds of KINDS_NOT_ON_THE_WIRE are dropped, and so is every
 *   client `vote` while the session is open; once it has ended, the last
 *   client vote rides on the close and is placed just before it, at its time.
 *   The close is `spam` only while the chat's recent row says 65 (the chat's
 *   latest session, open or ended in the last 7 days); otherwise `closed`.
 *   created / closed / spam / system messages carry no operatorId; operator
 *   and bot messages keep theirs; `hidden` stays on operator notes only.
 *   Times are floored to the second, entries stably sorted by time, and
 *   numbered seq 0, 1, 2 ….
 * - snapshot: pageUrl null, formFilled / historyRequested false (no wire
 *   field); crm only for lead/deal/contact/company, with an empty title;
 *   operatorId null when 0; a comment '' reads as null, a rating 0 as null;
 *   pinned and reportedStatusCode only for the chat's latest session (its
 *   entity_data_1 and recent row name that session alone), the status code
 *   only while the chat is in im.recent.get.
 *
 * Deviations from wire.ts: none in the rules. One reading made explicit:
 * USER_CODE carries the session's *current* line (after a transfer to a
 * queue), so the line read from it and from PROVIDER_TYPE_ID agree.
 */
import { KINDS_NOT_ON_THE_WIRE } from '../app/backends/bitrix24/wire.ts';
import type { DialogSnapshot } from '../app/backends/backend.ts';
import type { TimelineEntry } from '../../shared/domain/timeline.ts';
import type { PortalState, SessionRecord } from './state.ts';
import { RECENT_WINDOW_MS, STATUS_SPAM, statusCode } from './status.ts';

export interface TruthDialog {
  dialog: DialogSnapshot;
  entries: TimelineEntry[];
}

const HIDDEN_KINDS: ReadonlySet<string> = new Set(KINDS_NOT_ON_THE_WIRE);
const CRM_ON_WIRE: ReadonlySet<string> = new Set(['lead', 'deal', 'contact', 'company']);

type Unsequenced = Omit<TimelineEntry, 'seq'>;

function projectEntries(record: SessionRecord, endsAsSpam: boolean): TimelineEntry[] {
  const out: Unsequenced[] = [];
  const lastVote = [...record.entries].reverse().find((e) => e.kind === 'vote');
  const floor = (at: number) => Math.floor(at / 1000) * 1000;
  for (const e of record.entries) {
    if (HIDDEN_KINDS.has(e.kind) || e.kind === 'vote') continue;
    const at = floor(e.at);
    if (e.kind === 'created') out.push({ at, kind: 'created' });
    else if (e.kind === 'closed' || e.kind === 'spam') {
      if (lastVote?.rating) out.push({ at, kind: 'vote', rating: lastVote.rating });
      out.push({ at, kind: endsAsSpam ? 'spam' : 'closed' });
    } else if (e.kind === 'message') {
      const text = e.text ?? '';
      if (e.author === 'client' || e.author === 'system') out.push({ at, kind: 'message', author: e.author, text });
      else if (e.author === 'bot') out.push({ at, kind: 'message', author: 'bot', operatorId: e.operatorId ?? 0, text });
      else out.push({ at, kind: 'message', author: 'operator', ...(e.hidden ? { hidden: true } : {}), operatorId: e.operatorId ?? 0, text });
    }
  }
  return out
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .map(({ entry }, seq) => ({ seq, ...entry }));
}

export function projectTruth(state: PortalState, now: number): TruthDialog[] {
  const latestOfChat = new Map<number, number>();
  for (const r of state.sessions.values()) {
    latestOfChat.set(r.snapshot.chatId, Math.max(latestOfChat.get(r.snapshot.chatId) ?? 0, r.snapshot.id));
  }
  return state.sessionIds().map((id) => {
    const record = state.sessions.get(id) as SessionRecord;
    const s = record.snapshot;
    const isLatest = latestOfChat.get(s.chatId) === id;
    const end = record.entries.find((e) => e.kind === 'closed' || e.kind === 'spam');
    const inRecent = isLatest && (!end || now - end.at <= RECENT_WINDOW_MS);
    const code = inRecent ? statusCode(record) : null;
    const dialog: DialogSnapshot = {
      id: s.id,
      chatId: s.chatId,
      lineId: s.lineId,
      direction: s.direction,
      channel: s.channel,
      clientId: s.clientId,
      clientName: s.clientName,
      operatorId: s.operatorId ? s.operatorId : null,
      crm: s.crm && CRM_ON_WIRE.has(s.crm.type) && s.crm.id > 0 ? { type: s.crm.type, id: s.crm.id, title: '' } : null,
      pageUrl: null,
      formFilled: false,
      historyRequested: false,
      historyUnavailable: false,
      pinned: isLatest && s.pinned,
      supervisorRating: s.supervisorRating ? s.supervisorRating : null,
      supervisorComment: s.supervisorComment ? s.supervisorComment : null,
      reportedStatusCode: code,
    };
    return { dialog, entries: projectEntries(record, code === STATUS_SPAM) };
  });
}
