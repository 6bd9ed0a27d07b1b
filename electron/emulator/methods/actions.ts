/**
 * The supervisor actions (spec §5.4, §5.5, §9.2), performed on the demo world
 * through its `perform`, so their effects flow back like any other change.
 * Each targets the chat's latest session, as a portal's CHAT_ID does.
 */
import type { BackendAction } from '../../app/backends/backend.ts';
import { fail, ok, type MethodOutcome } from '../protocol/errors.ts';
import { intParam, param, type Params } from '../protocol/params.ts';
import type { SessionRecord } from '../state.ts';
import { endEntry } from '../status.ts';
import { WEBHOOK_USER_ID, type MethodContext } from './context.ts';
import { latestOfChat } from './reads.ts';

const CHAT_ID_WRONG = () => fail(400, 'CHAT_ID', 'The provided chat identifier is incorrect');

function targetChat(params: Params, ctx: MethodContext, emptyCode = 'CHAT_ID'): SessionRecord | MethodOutcome {
  const chatId = intParam(params, 'CHAT_ID');
  if (chatId === null) return fail(400, emptyCode, 'The provided chat identifier is incorrect');
  return latestOfChat(ctx, chatId) ?? CHAT_ID_WRONG();
}

const isOutcome = (v: SessionRecord | MethodOutcome): v is MethodOutcome => 'ok' in v;

/** Runs the action in the demo world; its refusal becomes a 400 with the demo's (Bitrix24-style) code. */
async function perform(ctx: MethodContext, action: BackendAction): Promise<MethodOutcome> {
  const outcome = await ctx.state.demo.perform({ actionId: `emulator-${action.kind}-${action.dialogId}-${ctx.now()}`, action });
  await ctx.state.refresh();
  if (outcome.kind === 'rejected') return fail(400, outcome.code, outcome.message);
  if (outcome.kind === 'retry') return fail(503, 'INTERNAL_SERVER_ERROR', outcome.message);
  return ok(true);
}

const ids = (r: SessionRecord) => ({ dialogId: r.snapshot.id, chatId: r.snapshot.chatId });

export async function operatorFinish(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const r = targetChat(params, ctx);
  if (isOutcome(r)) return r;
  // an unowned chat is first answered by the caller, then closed; an owned one only by its owner
  if (r.snapshot.operatorId !== null && r.snapshot.operatorId !== WEBHOOK_USER_ID) {
    return fail(400, 'ERROR_USER_NOT_OPERATOR', 'Attempt to close the dialog by a user who is not an operator');
  }
  return perform(ctx, { kind: 'finish', ...ids(r) });
}

export async function anotherFinish(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const r = targetChat(params, ctx);
  if (isOutcome(r)) return r;
  return perform(ctx, { kind: 'finish', ...ids(r) });
}

export async function spam(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const r = targetChat(params, ctx);
  if (isOutcome(r)) return r;
  return perform(ctx, { kind: 'spam', ...ids(r) });
}

export async function transfer(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const r = targetChat(params, ctx, 'CHAT_ID_EMPTY');
  if (isOutcome(r)) return r;
  const raw = param(params, 'TRANSFER_ID') ?? param(params, 'USER_ID') ?? (param(params, 'QUEUE_ID') !== undefined ? `queue${String(param(params, 'QUEUE_ID'))}` : undefined);
  if (raw === undefined || raw === '') return fail(400, 'TRANSFER_ID_EMPTY', "Queue ID or User ID can't be empty");
  const wrong = () => fail(400, 'OPERATOR_WRONG', 'You can not redirect to this operator');
  const text = String(raw);
  const queue = /^queue(\d+)$/i.exec(text);
  if (queue) {
    const lineId = Number(queue[1]);
    if (!ctx.state.lines.some((l) => l.id === lineId)) return wrong();
    return perform(ctx, { kind: 'transfer', ...ids(r), toLineId: lineId });
  }
  const userId = Number(text);
  const user = ctx.state.users.find((u) => u.id === userId);
  // self, unknown, bots (not active users to user.get) and the current holder are refused alike
  if (!Number.isInteger(userId) || !user || user.isBot || userId === WEBHOOK_USER_ID || userId === r.snapshot.operatorId) return wrong();
  return perform(ctx, { kind: 'transfer', ...ids(r), toOperatorId: userId });
}

export async function headVote(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const sessionId = intParam(params, 'SESSION_ID');
  if (sessionId === null) return fail(400, 'EMPTY_SESSION_ID', "Session ID can't be empty");
  const rating = intParam(params, 'RATING');
  const commentRaw = param(params, 'COMMENT');
  if (rating === null && (commentRaw === undefined || commentRaw === '')) {
    return fail(400, 'EMPTY_VOTE_PARAMS', 'At least one of the parameters RATING or COMMENT must be specified');
  }
  const r = ctx.state.sessions.get(sessionId);
  if (!r) return fail(400, 'ACCESS_DENIED', 'Access denied');
  // REST passes COMMENT as '' when omitted: a rating-only vote clears the comment (spec §5.5)
  const comment = commentRaw === undefined ? '' : String(commentRaw).slice(0, 10_000);
  const effective = rating ?? r.snapshot.supervisorRating;
  if (effective === null || effective < 1 || effective > 5) return fail(400, 'WRONG_RATING', 'RATING must be 1..5');
  return perform(ctx, { kind: 'vote', ...ids(r), rating: effective, comment });
}

export function pinMode(forced?: boolean) {
  return async (params: Params, ctx: MethodContext): Promise<MethodOutcome> => {
    const r = targetChat(params, ctx, 'CHAT_ID_EMPTY');
    if (isOutcome(r)) return r;
    const pinned = forced ?? String(param(params, 'ACTIVATE') ?? 'Y').toUpperCase() !== 'N';
    if (endEntry(r)) return fail(400, 'SESSION_CLOSED', 'The session is closed');
    if (r.snapshot.pinned === pinned) return ok(true);
    return perform(ctx, { kind: 'pin', ...ids(r), pinned });
  };
}

/**
 * Takes the chat over for the webhook's user. As on a portal, a chat with no
 * operator, one the caller already holds, or a closed one is answered `true`
 * with no change (Operator::interceptSession ignores Chat::intercept's
 * result); access is the only refusal, and the emulator grants it.
 */
export async function intercept(params: Params, ctx: MethodContext): Promise<MethodOutcome> {
  const r = targetChat(params, ctx, 'CHAT_ID_EMPTY');
  if (isOutcome(r)) return r;
  if (endEntry(r) || r.snapshot.operatorId === null || r.snapshot.operatorId === WEBHOOK_USER_ID) return ok(true);
  return perform(ctx, { kind: 'intercept', ...ids(r), operatorId: WEBHOOK_USER_ID });
}
