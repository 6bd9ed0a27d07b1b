import { describe, expect, it } from 'vitest';
import { parseUserCode, pinnedFor, snapshotOf, timelineOf, type SessionWire } from '../../../electron/app/backends/bitrix24/mapping/dialog.ts';
import { activitySchema, dialogSchema, historySchema, recentItemSchema, lineSchema, userSchema } from '../../../electron/app/backends/bitrix24/mapping/schemas.ts';
import { lineOf, operatorOf } from '../../../electron/app/backends/bitrix24/mapping/reference.ts';
import { decodeCursor, encodeCursor, firstCursor } from '../../../electron/app/backends/bitrix24/sync/cursor.ts';
import { callOf } from '../../../electron/app/backends/bitrix24/actions.ts';

// wire fixtures as a portal sends them (spec §3.3, §5.1, §5.2, §5.9): numbers as strings, empty maps as []
const activity = {
  ID: '5521', OWNER_TYPE_ID: '1', OWNER_ID: '1205', TYPE_ID: '6', PROVIDER_ID: 'IMOPENLINES_SESSION', PROVIDER_TYPE_ID: '22',
  ASSOCIATED_ENTITY_ID: '321', ORIGIN_ID: 'IMOL_321', SUBJECT: 'John Smith - Live Chat', COMPLETED: 'Y', DIRECTION: '1',
  RESPONSIBLE_ID: '103', AUTHOR_ID: '103', START_TIME: '2026-03-11T12:08:52+01:00', END_TIME: '2026-03-11T13:20:00+01:00',
  LAST_UPDATED: '2026-03-11T13:20:00+01:00', PROVIDER_PARAMS: { USER_CODE: 'livechat|22|1763|587' },
};
const history = {
  chatId: 1763, canJoin: 'Y', canVoteHead: 'Y', sessionId: 321, sessionVoteHead: '4', sessionCommentHead: 'polite', userId: 'chat1763',
  message: {
    '85833': { id: '85833', chatid: '1763', senderid: '0', recipientid: 'chat1763', date: '2026-03-11T12:09:25+01:00', text: 'A new lead has been created', textlegacy: '', params: [] },
    '85840': { id: '85840', chatid: '1763', senderid: '587', recipientid: 'chat1763', date: '2026-03-11T12:10:00+01:00', text: 'Hello?', textlegacy: '', params: [] },
    '85851': { id: '85851', chatid: '1763', senderid: '103', recipientid: 'chat1763', date: '2026-03-11T12:12:46+01:00', text: 'Open the task card', textlegacy: '', params: { connectorMid: ['85853'] } },
    '85852': { id: '85852', chatid: '1763', senderid: '103', recipientid: 'chat1763', date: '2026-03-11T12:12:50+01:00', text: 'note to self', textlegacy: '', params: { class: 'bx-messenger-content-item-system' } },
    '85860': { id: '85860', chatid: '1763', senderid: '0', recipientid: 'chat1763', date: '2026-03-11T13:20:00+01:00', text: 'closed', textlegacy: '', params: { class: 'bx-messenger-content-item-ol-end', imolVoteSid: '321', imolVoteUser: '5', imolVoteHead: '4' } },
  },
  usersMessage: { chat1763: ['85833', '85840', '85851', '85852', '85860'] },
  users: {
    '103': { id: '103', name: 'Samantha Johnson', firstName: 'Samantha', lastName: 'Johnson', bot: false, connector: false, externalAuthId: 'socservices' },
    '587': { id: '587', name: 'John Smith', firstName: 'John', lastName: 'Smith', bot: false, connector: true, externalAuthId: 'imconnector' },
  },
};
const dialog = { id: 1763, name: 'John Smith - Live Chat', owner: '103', type: 'lines', entity_type: 'LINES', entity_id: 'livechat|22|1763|587', entity_data_1: 'Y|LEAD|1205|Y|N|321|1773223732|0|0|0', entity_data_2: '', entity_data_3: '', date_create: '', dialog_id: 'chat1763', message_count: 5 };

function wire(overrides: Partial<{ activity: object; history: object | null; recent: object | null }> = {}): SessionWire {
  return {
    activity: activitySchema.parse({ ...activity, ...overrides.activity }),
    history: overrides.history === null ? null : historySchema.parse(overrides.history ?? history),
    dialog: dialogSchema.parse(dialog),
    recent: overrides.recent ? recentItemSchema.parse(overrides.recent) : null,
  };
}

const at = (iso: string) => Date.parse(iso);

describe('wire → domain mapping', () => {
  it('reads the snapshot from the activity, the history and the chat', () => {
    expect(snapshotOf(wire())).toEqual({
      id: 321, chatId: 1763, lineId: 22, direction: 'in', channel: 'livechat', clientId: 587, clientName: 'John Smith', operatorId: 103,
      crm: { type: 'lead', id: 1205, title: '' }, pageUrl: null, formFilled: false, historyRequested: false, historyUnavailable: false,
      pinned: true, supervisorRating: 4, supervisorComment: 'polite', reportedStatusCode: null,
    });
  });

  it('builds the timeline: created, system/client/operator messages, a hidden note, the client vote and the close', () => {
    const entries = timelineOf(wire());
    expect(entries.map((e) => [e.seq, e.kind, e.author ?? null, e.operatorId ?? null, e.hidden ?? false])).toEqual([
      [0, 'created', null, null, false],
      [1, 'message', 'system', null, false],
      [2, 'message', 'client', null, false],
      [3, 'message', 'operator', 103, false],
      [4, 'message', 'operator', 103, true],
      [5, 'vote', null, null, false],
      [6, 'closed', null, null, false],
    ]);
    expect(entries[0]!.at).toBe(at('2026-03-11T12:08:52+01:00'));
    expect(entries[5]).toMatchObject({ rating: 'like', at: at('2026-03-11T13:20:00+01:00') });
  });

  it('an ol-end with lines.status 65 is spam; the recent row gives the reported status', () => {
    const w = wire({ recent: { chat_id: 1763, chat: { id: 1763, entity_id: 'livechat|22|1763|587', entity_data_1: 'Y|LEAD|1205|N|N|321|0|0|0|0' }, lines: { id: '321', status: '65' } } });
    expect(timelineOf(w).at(-1)!.kind).toBe('spam');
    expect(snapshotOf(w)).toMatchObject({ reportedStatusCode: 65, pinned: false });
  });

  it('an open session with [] maps, no votes, no CRM and nobody responsible', () => {
    const w = wire({
      activity: { COMPLETED: 'N', END_TIME: '', RESPONSIBLE_ID: '0', OWNER_TYPE_ID: '0', OWNER_ID: '0', DIRECTION: '2' },
      history: { ...history, message: [], users: [], sessionVoteHead: 0, sessionCommentHead: null },
    });
    expect(timelineOf(w).map((e) => e.kind)).toEqual(['created']);
    expect(snapshotOf(w)).toMatchObject({ operatorId: null, crm: null, direction: 'out', supervisorRating: null, supervisorComment: null, clientName: 'John Smith' });
  });

  it('a closed session without history still ends at END_TIME', () => {
    expect(timelineOf(wire({ history: null })).map((e) => e.kind)).toEqual(['created', 'closed']);
  });

  it('parses USER_CODE with CRM’s imol| prefix and rejects what is not one', () => {
    expect(parseUserCode('imol|telegrambot|3|99|1000')).toEqual({ channel: 'telegrambot', lineId: 3, connectorChatId: 99, clientId: 1000 });
    expect(parseUserCode('garbage')).toBeNull();
  });

  it('reads PAUSE only when entity_data_1 names this session', () => {
    expect(pinnedFor('Y|LEAD|1|Y|N|321|0|0|0|0', 321)).toBe(true);
    expect(pinnedFor('Y|LEAD|1|Y|N|322|0|0|0|0', 321)).toBeNull();
  });

  it('lines and operators', () => {
    expect(lineOf(lineSchema.parse({ ID: '15', LINE_NAME: 'VIP', ACTIVE: 'Y', QUEUE: [101, '205'] }))).toEqual({ id: 15, name: 'VIP' });
    expect(operatorOf(userSchema.parse({ ID: '7', ACTIVE: true, NAME: 'Anna', LAST_NAME: 'K' }))).toEqual({ id: 7, name: 'Anna K', isBot: false });
  });
});

describe('cursor and action calls', () => {
  it('round-trips the cursor and refuses a foreign one as BAD_CURSOR', () => {
    const c = firstCursor(1_773_684_000_000);
    expect(decodeCursor(encodeCursor(c), 0)).toEqual(c);
    for (const bad of ['{', '{"v":2}', '"x"']) expect(() => decodeCursor(bad, 0)).toThrow(expect.objectContaining({ code: 'BAD_CURSOR' }));
  });

  it('sends each action as its Bitrix24 method', () => {
    expect(callOf({ kind: 'finish', dialogId: 1, chatId: 9 })).toEqual({ method: 'imopenlines.operator.another.finish', params: { CHAT_ID: 9 } });
    expect(callOf({ kind: 'transfer', dialogId: 1, chatId: 9, toLineId: 22 }).params).toEqual({ CHAT_ID: 9, TRANSFER_ID: 'queue22' });
    expect(callOf({ kind: 'vote', dialogId: 1, chatId: 9, rating: 5, comment: '' })).toEqual({ method: 'imopenlines.session.head.vote', params: { SESSION_ID: 1, RATING: 5, COMMENT: '' } });
    expect(callOf({ kind: 'pin', dialogId: 1, chatId: 9, pinned: false }).params).toEqual({ CHAT_ID: 9, ACTIVATE: 'N' });
  });
});
