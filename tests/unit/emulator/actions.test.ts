/** The action methods change the demo world with the portal's semantics and errors; truth follows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, TruthDialog } from '../../../electron/emulator/index.ts';
import { call, emulator } from './helpers.ts';

describe('emulator actions', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await emulator({ plan: 'enterprise' });
  });
  afterAll(() => emu.close());

  const openChats = (): TruthDialog[] => emu.truth().filter((t) => t.dialog.reportedStatusCode !== null && t.dialog.reportedStatusCode < 60);
  const truthOf = (id: number) => emu.truth().find((t) => t.dialog.id === id) as TruthDialog;

  it('truth holds every dialog of the demo world, each once', async () => {
    const a = await call(emu.webhookUrl, 'crm.activity.list', { start: 0 });
    expect(emu.truth().length).toBe(a.body['total']);
    expect(new Set(emu.truth().map((t) => t.dialog.id)).size).toBe(emu.truth().length);
  });

  it('operator.finish by a non-owner is ERROR_USER_NOT_OPERATOR; another.finish closes regardless', async () => {
    const owned = openChats().find((t) => t.dialog.operatorId !== null) as TruthDialog;
    expect(owned).toBeDefined();
    const chat = owned.dialog.chatId;
    expect(await call(emu.webhookUrl, 'imopenlines.operator.finish', { CHAT_ID: chat })).toMatchObject({ status: 400, body: { error: 'ERROR_USER_NOT_OPERATOR' } });
    expect(await call(emu.webhookUrl, 'imopenlines.operator.another.finish', { CHAT_ID: chat })).toMatchObject({ status: 200, body: { result: true } });
    expect(truthOf(owned.dialog.id).entries.at(-1)?.kind).toBe('closed');
    const row = await call(emu.webhookUrl, 'crm.activity.list', { filter: { ASSOCIATED_ENTITY_ID: owned.dialog.id } });
    expect(row.body['result'][0].COMPLETED).toBe('Y');
    expect(await call(emu.webhookUrl, 'imopenlines.operator.finish', { CHAT_ID: 1 })).toMatchObject({ status: 400, body: { error: 'CHAT_ID' } });
  });

  it('spam ends the session with status 65', async () => {
    const open = openChats()[0] as TruthDialog;
    expect((await call(emu.webhookUrl, 'imopenlines.operator.spam', { CHAT_ID: open.dialog.chatId })).status).toBe(200);
    const after = truthOf(open.dialog.id);
    expect(after.dialog.reportedStatusCode).toBe(65);
    expect(after.entries.at(-1)?.kind).toBe('spam');
  });

  it('transfer: to a queue moves the line; to self, unknown or a bot is OPERATOR_WRONG; nothing is TRANSFER_ID_EMPTY', async () => {
    const open = openChats()[0] as TruthDialog;
    const chat = open.dialog.chatId;
    const lines = (await call(emu.webhookUrl, 'imopenlines.config.list.get', {})).body['result'] as Array<{ ID: string }>;
    const other = lines.find((l) => Number(l.ID) !== open.dialog.lineId) as { ID: string };
    for (const target of ['1', '999999']) {
      expect(await call(emu.webhookUrl, 'imopenlines.operator.transfer', { CHAT_ID: chat, TRANSFER_ID: target })).toMatchObject({ status: 400, body: { error: 'OPERATOR_WRONG' } });
    }
    expect(await call(emu.webhookUrl, 'imopenlines.operator.transfer', { CHAT_ID: chat })).toMatchObject({ status: 400, body: { error: 'TRANSFER_ID_EMPTY' } });
    expect((await call(emu.webhookUrl, 'imopenlines.operator.transfer', { CHAT_ID: chat, TRANSFER_ID: `queue${other.ID}` })).status).toBe(200);
    expect(truthOf(open.dialog.id).dialog.lineId).toBe(Number(other.ID));
  });

  it('head.vote needs SESSION_ID and RATING or COMMENT; a rating-only vote clears the comment', async () => {
    const any = emu.truth()[0] as TruthDialog;
    expect(await call(emu.webhookUrl, 'imopenlines.session.head.vote', { RATING: 4 })).toMatchObject({ status: 400, body: { error: 'EMPTY_SESSION_ID' } });
    expect(await call(emu.webhookUrl, 'imopenlines.session.head.vote', { SESSION_ID: any.dialog.id })).toMatchObject({ status: 400, body: { error: 'EMPTY_VOTE_PARAMS' } });
    expect((await call(emu.webhookUrl, 'imopenlines.session.head.vote', { SESSION_ID: any.dialog.id, RATING: 4, COMMENT: 'polite' })).status).toBe(200);
    expect(truthOf(any.dialog.id).dialog).toMatchObject({ supervisorRating: 4, supervisorComment: 'polite' });
    const history = await call(emu.webhookUrl, 'imopenlines.session.history.get', { SESSION_ID: any.dialog.id });
    expect(history.body['result']).toMatchObject({ sessionVoteHead: 4, sessionCommentHead: 'polite' });
    await call(emu.webhookUrl, 'imopenlines.session.head.vote', { SESSION_ID: any.dialog.id, RATING: 5 });
    expect(truthOf(any.dialog.id).dialog).toMatchObject({ supervisorRating: 5, supervisorComment: null });
  });

  it('session.mode.pin ACTIVATE Y/N pins and unpins; dialog.get shows it in entity_data_1; intercept answers true', async () => {
    const open = openChats()[0] as TruthDialog;
    const chat = open.dialog.chatId;
    expect((await call(emu.webhookUrl, 'imopenlines.session.mode.pin', { CHAT_ID: chat, ACTIVATE: 'Y' })).status).toBe(200);
    expect(truthOf(open.dialog.id).dialog.pinned).toBe(true);
    const d = await call(emu.webhookUrl, 'imopenlines.dialog.get', { DIALOG_ID: `chat${chat}` });
    expect(d.body['result'].entity_data_1.split('|')[3]).toBe('Y');
    await call(emu.webhookUrl, 'imopenlines.session.mode.pin', { CHAT_ID: chat, ACTIVATE: 'N' });
    expect(truthOf(open.dialog.id).dialog.pinned).toBe(false);
    expect(await call(emu.webhookUrl, 'imopenlines.session.intercept', { CHAT_ID: chat })).toMatchObject({ status: 200, body: { result: true } });
  });
});
