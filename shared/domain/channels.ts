/**
 * Connector ids (Bitrix24 `SOURCE`, first segment of `USER_CODE`). The list is
 * what the UI knows how to label; a connector outside it is still stored and
 * shown by its raw id.
 */
export const KNOWN_CHANNEL_IDS = [
  'livechat',
  'telegrambot',
  'vkgroup',
  'whatsappbytwilio',
  'wz_whatsapp',
  'viber',
  'avito',
  'email',
  'facebook',
  'instagram',
  'imessage',
  'olx',
  'network',
] as const;
export type KnownChannelId = (typeof KNOWN_CHANNEL_IDS)[number];

export function isKnownChannel(id: string): id is KnownChannelId {
  return (KNOWN_CHANNEL_IDS as readonly string[]).includes(id);
}
