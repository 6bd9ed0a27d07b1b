/** A session as its `crm.activity.list` row (wire.ts "Listing", spec §3.3). */
import { CRM_OWNER_TYPE, type WireActivity } from '../../app/backends/bitrix24/wire.ts';
import type { SessionRecord } from '../state.ts';
import { endEntry } from '../status.ts';
import { wireTime } from './time.ts';

/** Activity ids live in their own range, ascending with the session ids (which ascend with start). */
export const ACTIVITY_ID_BASE = 500_000;

export function activityIdOf(sessionId: number): number {
  return ACTIVITY_ID_BASE + sessionId;
}

/**
 * The connector's own chat id, as USER_CODE carries it (spec §2): on a real
 * portal it is not the Bitrix24 CHAT_ID, so here it is never equal to it either,
 * and a client that took it for CHAT_ID would address the wrong chat.
 */
export function connectorChatIdOf(chatId: number): number {
  return chatId * 7 + 3;
}

export function userCodeOf(record: SessionRecord): string {
  const s = record.snapshot;
  return `${s.channel}|${s.lineId}|${connectorChatIdOf(s.chatId)}|${s.clientId}`;
}

const CHANNEL_TITLES: Readonly<Record<string, string>> = {
  livechat: 'Live Chat',
  telegrambot: 'Telegram',
  vkgroup: 'VK',
  wz_whatsapp: 'WhatsApp (Wazzup)',
  whatsappbytwilio: 'WhatsApp',
  viber: 'Viber',
  avito: 'Avito',
  email: 'E-mail',
  facebook: 'Facebook',
  imessage: 'Apple Messages',
  olx: 'OLX',
};

export function lastUpdatedMs(record: SessionRecord): number {
  const last = record.entries.at(-1)?.at ?? 0;
  return Math.max(last, record.touchedAt);
}

export function renderActivity(record: SessionRecord): WireActivity {
  const s = record.snapshot;
  const created = record.entries.find((e) => e.kind === 'created');
  const end = endEntry(record);
  const ownerType = s.crm && s.crm.type in CRM_OWNER_TYPE ? CRM_OWNER_TYPE[s.crm.type as keyof typeof CRM_OWNER_TYPE] : 0;
  const operator = String(s.operatorId ?? 0);
  return {
    ID: String(activityIdOf(s.id)),
    OWNER_TYPE_ID: String(ownerType),
    OWNER_ID: ownerType ? String(s.crm?.id ?? 0) : '0',
    TYPE_ID: '6',
    PROVIDER_ID: 'IMOPENLINES_SESSION',
    PROVIDER_TYPE_ID: String(s.lineId),
    ASSOCIATED_ENTITY_ID: String(s.id),
    ORIGIN_ID: `IMOL_${s.id}`,
    SUBJECT: `${s.clientName} - ${CHANNEL_TITLES[s.channel] ?? s.channel}`,
    COMPLETED: end ? 'Y' : 'N',
    DIRECTION: s.direction === 'out' ? '2' : '1',
    RESPONSIBLE_ID: operator,
    AUTHOR_ID: operator,
    START_TIME: wireTime(created?.at ?? record.entries[0]?.at ?? 0),
    END_TIME: end ? wireTime(end.at) : '',
    LAST_UPDATED: wireTime(lastUpdatedMs(record)),
    PROVIDER_PARAMS: { USER_CODE: userCodeOf(record) },
  };
}
