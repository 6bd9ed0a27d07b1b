/** A chat as `imopenlines.dialog.get` and `im.recent.get` show it (wire.ts "Status", "Details"). */
import type { WireDialog, WireRecentItem } from '../../app/backends/bitrix24/wire.ts';
import type { PortalState, SessionRecord } from '../state.ts';
import { endEntry, RECENT_WINDOW_MS, statusCode } from '../status.ts';
import { userCodeOf } from './activity.ts';
import { unixSeconds, wireTime } from './time.ts';

const CRM_WORD = { lead: 'LEAD', deal: 'DEAL', contact: 'CONTACT', company: 'COMPANY' } as const;

function crmPair(record: SessionRecord): { word: string; id: number } | null {
  const crm = record.snapshot.crm;
  if (!crm || !(crm.type in CRM_WORD)) return null;
  return { word: CRM_WORD[crm.type as keyof typeof CRM_WORD], id: crm.id };
}

function createdAt(record: SessionRecord): number {
  return record.entries[0]?.at ?? 0;
}

/** `CRM|TYPE|ID|PAUSE|WAIT_ACTION|SESSION_ID|unix DATE_CREATE|LINE_ID|0|0` (spec §2) */
export function entityData1(record: SessionRecord): string {
  const crm = crmPair(record);
  const waitAction = statusCode(record) === 50 ? 'Y' : 'N';
  return [crm ? 'Y' : 'N', crm?.word ?? 'NONE', crm?.id ?? 0, record.snapshot.pinned ? 'Y' : 'N', waitAction, record.snapshot.id, unixSeconds(createdAt(record)), 0, 0, 0].join('|');
}

function entityData2(record: SessionRecord): string {
  const crm = crmPair(record);
  const id = (word: string) => (crm?.word === word ? crm.id : 0);
  return `LEAD|${id('LEAD')}|COMPANY|${id('COMPANY')}|CONTACT|${id('CONTACT')}|DEAL|${id('DEAL')}`;
}

function title(record: SessionRecord): string {
  return `${record.snapshot.clientName} - ${record.snapshot.channel}`;
}

/** The chat as dialog.get answers it: the chat's latest session speaks for it. */
export function renderDialog(latest: SessionRecord, messageCount: number): WireDialog {
  const s = latest.snapshot;
  return {
    id: s.chatId,
    name: title(latest),
    owner: s.operatorId ?? 0,
    type: 'lines',
    entity_type: 'LINES',
    entity_id: userCodeOf(latest),
    entity_data_1: entityData1(latest),
    entity_data_2: entityData2(latest),
    entity_data_3: 'N',
    date_create: wireTime(createdAt(latest)),
    dialog_id: `chat${s.chatId}`,
    message_count: messageCount,
  };
}

/** The chats im.recent.get ONLY_OPENLINES=Y lists: latest session open, or ended in the last 7 days. */
export function recentSessions(state: PortalState, now: number): SessionRecord[] {
  const latestOfChat = new Map<number, SessionRecord>();
  for (const record of state.sessions.values()) {
    const prev = latestOfChat.get(record.snapshot.chatId);
    if (!prev || prev.snapshot.id < record.snapshot.id) latestOfChat.set(record.snapshot.chatId, record);
  }
  return [...latestOfChat.values()]
    .filter((r) => {
      const end = endEntry(r);
      return !end || now - end.at <= RECENT_WINDOW_MS;
    })
    .sort((a, b) => b.snapshot.id - a.snapshot.id);
}

export function renderRecent(record: SessionRecord): WireRecentItem {
  const s = record.snapshot;
  return {
    id: `chat${s.chatId}`,
    chat_id: s.chatId,
    type: 'chat',
    title: title(record),
    chat: { id: s.chatId, entity_type: 'LINES', entity_id: userCodeOf(record), entity_data_1: entityData1(record), owner: s.operatorId ?? 0 },
    lines: { id: s.id, status: statusCode(record), date_create: wireTime(createdAt(record)) },
    date_update: wireTime(record.entries.at(-1)?.at ?? 0),
  };
}
