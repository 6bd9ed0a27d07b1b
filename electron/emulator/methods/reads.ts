/** The read methods other than the activity list (spec §5.1, §5.2, §5.6, §5.9, §5.11) and the basic ones. */
import { fail, ok, type MethodOutcome } from '../protocol/errors.ts';
import { intParam, objectParam, param, type Params } from '../protocol/params.ts';
import { recentSessions, renderDialog, renderRecent } from '../render/chat.ts';
import { renderHistory, renderMessages } from '../render/history.ts';
import { listedUsers, renderLine, renderUser } from '../render/reference.ts';
import { wireTime } from '../render/time.ts';
import type { SessionRecord } from '../state.ts';
import { PAGE_SIZE, WEBHOOK_USER_ID, type MethodContext } from './context.ts';

const ACCESS_ERROR = () => fail(400, 'ACCESS_ERROR', 'You do not have access to the specified dialog');

/** The chat's latest session, which its dialog.get, recent row and actions speak for. */
export function latestOfChat(ctx: MethodContext, chatId: number | null): SessionRecord | null {
  if (chatId === null) return null;
  return ctx.state.sessionsOfChat(chatId).at(-1) ?? null;
}

export function dialogGet(params: Params, ctx: MethodContext): MethodOutcome {
  let chatId = intParam(params, 'CHAT_ID');
  if (chatId === null) {
    const dialogId = param(params, 'DIALOG_ID');
    const m = typeof dialogId === 'string' ? /^chat(\d+)$/.exec(dialogId) : null;
    if (m) chatId = Number(m[1]);
  }
  if (chatId === null) {
    const sessionId = intParam(params, 'SESSION_ID');
    chatId = sessionId === null ? null : (ctx.state.sessions.get(sessionId)?.snapshot.chatId ?? null);
  }
  const latest = latestOfChat(ctx, chatId);
  if (!latest) return ACCESS_ERROR();
  const count = ctx.state.sessionsOfChat(latest.snapshot.chatId).reduce((n, r) => n + renderMessages(r).length, 0);
  return ok(renderDialog(latest, count));
}

export function historyGet(params: Params, ctx: MethodContext): MethodOutcome {
  const sessionId = intParam(params, 'SESSION_ID');
  const chatId = intParam(params, 'CHAT_ID');
  if (sessionId === null && chatId === null) return fail(400, 'MISSING_REQUIRED_PARAM', 'Session ID or Chat ID must be provided');
  const record = sessionId !== null ? ctx.state.sessions.get(sessionId) : latestOfChat(ctx, chatId);
  if (!record) return fail(400, 'ACCESS_DENIED', 'Access denied');
  const staff = new Map(ctx.state.users.map((u) => [u.id, u]));
  return ok(renderHistory(record, staff));
}

export function recentGet(params: Params, ctx: MethodContext): MethodOutcome {
  // the caller's recent list holds only Open Lines chats here, so SKIP_OPENLINES=Y leaves nothing
  if (String(param(params, 'SKIP_OPENLINES') ?? 'N').toUpperCase() === 'Y') return ok([]);
  return ok(recentSessions(ctx.state, ctx.now()).map(renderRecent));
}

export function configList(params: Params, ctx: MethodContext): MethodOutcome {
  const paging = objectParam(params, 'PARAMS');
  const options = objectParam(params, 'OPTIONS');
  const limit = Number(paging['limit'] ?? 50);
  const offset = Number(paging['offset'] ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return fail(400, 'INVALID_FORMAT', 'limit must be 1..200');
  if (!Number.isInteger(offset) || offset < 0) return fail(400, 'INVALID_FORMAT', 'offset must be ≥ 0');
  const withQueue = String(options['QUEUE'] ?? 'N').toUpperCase() === 'Y';
  return ok(ctx.state.lines.slice(offset, offset + limit).map((l) => renderLine(l, withQueue)));
}

export function userGet(params: Params, ctx: MethodContext): MethodOutcome {
  const filter = objectParam(params, 'FILTER');
  const wanted = intParam(filter, 'ID') ?? intParam(params, 'ID');
  const users = listedUsers(ctx.state.users).filter((u) => wanted === null || u.id === wanted);
  const start = intParam(params, 'start') ?? 0;
  const rows = (start === -1 ? users.slice(0, PAGE_SIZE) : users.slice(Math.max(0, start), Math.max(0, start) + PAGE_SIZE)).map((u) =>
    renderUser(u, WEBHOOK_USER_ID),
  );
  if (start === -1) return ok(rows, { total: 0 });
  const more = start + PAGE_SIZE < users.length;
  return ok(rows, { total: users.length, ...(more ? { next: start + PAGE_SIZE } : {}) });
}

export function profile(_params: Params, ctx: MethodContext): MethodOutcome {
  const me = ctx.state.users.find((u) => u.id === WEBHOOK_USER_ID);
  const user = renderUser(me ?? { id: WEBHOOK_USER_ID, name: 'Admin', isBot: false }, WEBHOOK_USER_ID);
  return ok({ ID: user.ID, ADMIN: true, NAME: user.NAME, LAST_NAME: user.LAST_NAME, PERSONAL_GENDER: '', TIME_ZONE: 'Europe/Moscow' });
}

export function scope(_params: Params, ctx: MethodContext): MethodOutcome {
  return ok([...ctx.scopes]);
}

export function serverTime(_params: Params, ctx: MethodContext): MethodOutcome {
  return ok(wireTime(ctx.now()));
}
