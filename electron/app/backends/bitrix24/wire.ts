/**
 * The Bitrix24 REST wire format as far as the connector reads it and the
 * emulator (electron/emulator/) writes it: the shapes of ../shared/spec/bitrix24-rest.md
 * §1, §3.3, §5. Both sides import these types; neither imports the other's code,
 * so a round trip (demo world → emulator render → HTTP → connector parse →
 * domain) checks two independent implementations against one description.
 *
 * Real portals send numbers as strings ("ID":"15") and empty maps as [];
 * the connector parses leniently (zod with coercion), the emulator sends
 * strings where Bitrix24 does, so the lenient path is the one exercised.
 *
 * ── How a dialog appears on the wire (the rules both sides follow) ──
 * One domain dialog = one Open Lines session: dialog.id = SESSION_ID,
 * dialog.chatId = CHAT_ID.
 *
 * - Listing: one `crm.activity.list` row per session (PROVIDER_ID
 *   IMOPENLINES_SESSION). ID = activity id (ascending with session start),
 *   ASSOCIATED_ENTITY_ID = session id, PROVIDER_TYPE_ID = line id,
 *   PROVIDER_PARAMS.USER_CODE = `<channel>|<lineId>|<connector chat id>|<clientId>` (the third
 *   field is the connector's own chat, not CHAT_ID: CHAT_ID comes from session.history.get's
 *   chatId or dialog.get's id, asked by SESSION_ID),
 *   RESPONSIBLE_ID = operator id ("0" unassigned), COMPLETED Y/N, DIRECTION 1 in / 2 out,
 *   START_TIME = the `created` entry, END_TIME = the `closed`/`spam` entry ("" while open),
 *   LAST_UPDATED = the latest entry's time (ISO 8601 with offset, second precision),
 *   SUBJECT = `<client name> - <channel title>`, OWNER_TYPE_ID/OWNER_ID = the CRM binding
 *   (1 lead, 2 deal, 3 contact, 4 company; "0" none).
 * - Status of open sessions: `im.recent.get` ONLY_OPENLINES=Y answers the open
 *   ones with `lines.status` (§3.1 codes) and chat.entity_data_1 (PAUSE = pinned).
 * - Details: `imopenlines.dialog.get` SESSION_ID → id = CHAT_ID, owner = operator, entity_data_1
 *   (`Y|LEAD|1205|N|N|<sessionId>|<unix created>|0|0|0`), entity_data_2 (CRM ids),
 *   entity_id = USER_CODE.
 * - History: `imopenlines.session.history.get` SESSION_ID → `message` (keyed by message id,
 *   ascending with time), `users` (client has connector:true, bots bot:true),
 *   sessionVoteHead / sessionCommentHead (supervisor rating, comment).
 *   Message rules (senderid "0" = system):
 *     · client / operator / bot message: senderid = that user; an operator's hidden note
 *       has params.class = "bx-messenger-content-item-system"
 *     · system message (author system): senderid "0", no class
 *     · the close: senderid "0", params.class "bx-messenger-content-item-ol-end",
 *       params.imolVoteSid = session id, imolVoteUser 5 like / 1 dislike / 0 none,
 *       imolVoteHead = supervisor rating; its date is the `closed` (or `spam`) entry's
 *     · a client vote entry: the client's rating also rides on the ol-end message (above);
 *       while the session is open, a vote is not visible (a gap)
 * - Spam: `im.recent.get` answers every chat whose session is open or ended in the last
 *   7 days (ONLY_OPENLINES), with lines.status 65 for spam; an older spam session reads
 *   as closed. lines.status also becomes the snapshot's reportedStatusCode for those rows.
 * - Times are whole seconds on the wire (ISO 8601 with offset): projected truth floors
 *   entry times to the second. Entries get seq 0, 1, 2 … in timeline order after
 *   projection; created carries no operatorId; operator/bot messages carry senderid as
 *   operatorId; closed/spam entries carry no operatorId.
 * - Not on the wire at all (the API has no place for them, spec §10.1): the
 *   timeline kinds botHandoff, skipped, transferred, taken, closing, closedByOperator.
 *   The emulator's ground truth (electron/emulator/truth.ts) is the demo timeline
 *   *projected* onto what the wire carries, by the same rules; the README lists
 *   the metrics this leaves unknown for a real portal.
 */

export interface WireTime {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at?: number;
  operating?: number;
}

export interface WireSuccess<T> {
  result: T;
  next?: number;
  total?: number;
  time: WireTime;
}

export interface WireError {
  error: string;
  error_description: string;
}

export interface WireBatchResult {
  result: Record<string, unknown> | [];
  result_error: Record<string, WireError> | [];
  result_total: Record<string, number> | [];
  result_next: Record<string, number> | [];
  result_time: Record<string, WireTime> | [];
}

/** `crm.activity.list` row, Open Lines usage (spec §3.3, §5.10). Numbers as strings. */
export interface WireActivity {
  ID: string;
  OWNER_TYPE_ID: string;
  OWNER_ID: string;
  TYPE_ID: string;
  PROVIDER_ID: 'IMOPENLINES_SESSION';
  PROVIDER_TYPE_ID: string;
  ASSOCIATED_ENTITY_ID: string;
  ORIGIN_ID: string;
  SUBJECT: string;
  COMPLETED: 'Y' | 'N';
  DIRECTION: '1' | '2';
  RESPONSIBLE_ID: string;
  AUTHOR_ID: string;
  START_TIME: string;
  END_TIME: string;
  LAST_UPDATED: string;
  PROVIDER_PARAMS: { USER_CODE: string };
}

/** `imopenlines.config.list.get` line (spec §5.6), with OPTIONS.QUEUE=Y. */
export interface WireLine {
  ID: string;
  LINE_NAME: string;
  ACTIVE: 'Y' | 'N';
  QUEUE?: Array<number | string>;
}

/** `user.get` row (spec §5.11). Bots and connector users are not listed. */
export interface WireUser {
  ID: string;
  ACTIVE: boolean;
  NAME: string;
  LAST_NAME: string;
  WORK_POSITION?: string;
  IS_ONLINE?: 'Y' | 'N';
}

/** `im.recent.get` item, Open Lines rows only (spec §5.9). */
export interface WireRecentItem {
  id: string;
  chat_id: number;
  type: 'chat';
  title: string;
  chat: { id: number; entity_type: 'LINES'; entity_id: string; entity_data_1: string; owner: number };
  lines: { id: number; status: number; date_create: string };
  date_update: string;
}

/** `imopenlines.dialog.get` result (spec §5.1), trimmed to what the connector reads. */
export interface WireDialog {
  id: number;
  name: string;
  owner: number;
  type: 'lines';
  entity_type: 'LINES';
  entity_id: string;
  entity_data_1: string;
  entity_data_2: string;
  entity_data_3: string;
  date_create: string;
  dialog_id: string;
  message_count: number;
}

export interface WireMessage {
  id: string;
  chatid: string;
  senderid: string;
  recipientid: string;
  date: string;
  text: string;
  textlegacy: string;
  params: Record<string, unknown> | [];
}

export interface WireHistoryUser {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  bot: boolean;
  connector: boolean;
  externalAuthId: string;
}

/** `imopenlines.session.history.get` result (spec §5.2). */
export interface WireHistory {
  chatId: number;
  canJoin: 'Y' | 'N';
  canVoteHead: 'Y' | 'N';
  sessionId: number;
  sessionVoteHead: number;
  sessionCommentHead: string | null;
  userId: string;
  message: Record<string, WireMessage> | [];
  usersMessage: Record<string, string[]>;
  users: Record<string, WireHistoryUser> | [];
}

/** The params class of a session's closing system message. */
export const CLASS_SESSION_END = 'bx-messenger-content-item-ol-end';
/** The params class of an operator's hidden note. */
export const CLASS_HIDDEN_NOTE = 'bx-messenger-content-item-system';
/** imolVoteUser values (Session::VOTE_LIKE / VOTE_DISLIKE). */
export const VOTE_LIKE = 5;
export const VOTE_DISLIKE = 1;
/** crm OWNER_TYPE_ID values. */
export const CRM_OWNER_TYPE = { lead: 1, deal: 2, contact: 3, company: 4 } as const;
/** The timeline kinds no REST method shows (spec §10.1). */
export const KINDS_NOT_ON_THE_WIRE = ['botHandoff', 'skipped', 'transferred', 'taken', 'closing', 'closedByOperator'] as const;
