/**
 * Supervisor actions as Bitrix24 methods (spec §5.4, §5.5). Every method
 * takes CHAT_ID except the supervisor vote, which takes SESSION_ID. A refusal
 * that may only mean "it is already so" (the session closed meanwhile, a
 * transfer to whoever already has it) is checked against a fresh copy of the
 * dialog before it is reported as a rejection.
 */
import { effectPresent } from '../../actions/effects.ts';
import { BackendError, outcomeOfError, type ActionOutcome, type ActionRequest, type BackendAction, type DialogChange } from '../backend.ts';
import type { Params, RestClient } from './client/rest-client.ts';
import { trueSchema } from './mapping/schemas.ts';

export interface ActionCall {
  method: string;
  params: Params;
}

/** The method and parameters an action is sent as. */
export function callOf(action: BackendAction): ActionCall {
  switch (action.kind) {
    case 'finish':
      // the supervisor closes a dialog another operator owns: operator.finish would refuse (ERROR_USER_NOT_OPERATOR)
      return { method: 'imopenlines.operator.another.finish', params: { CHAT_ID: action.chatId } };
    case 'spam':
      return { method: 'imopenlines.operator.spam', params: { CHAT_ID: action.chatId } };
    case 'transfer': {
      const target = action.toOperatorId !== undefined ? action.toOperatorId : action.toLineId !== undefined ? `queue${action.toLineId}` : null;
      if (target === null) throw new BackendError('TRANSFER_ID_EMPTY', 'a transfer names an operator or a line', false);
      return { method: 'imopenlines.operator.transfer', params: { CHAT_ID: action.chatId, TRANSFER_ID: target } };
    }
    case 'vote':
      // both, always: a RATING-only call overwrites COMMENT_HEAD with '' (spec §5.5)
      return { method: 'imopenlines.session.head.vote', params: { SESSION_ID: action.dialogId, RATING: action.rating, COMMENT: action.comment } };
    case 'pin':
      return { method: 'imopenlines.session.mode.pin', params: { CHAT_ID: action.chatId, ACTIVATE: action.pinned ? 'Y' : 'N' } };
    case 'intercept':
      // the caller takes over; the method has no user parameter (spec §5.4)
      return { method: 'imopenlines.session.intercept', params: { CHAT_ID: action.chatId } };
  }
}

/**
 * session.intercept answers `true` even when it changed nothing (no operator,
 * or the caller already holds it: Operator::interceptSession ignores
 * Chat::intercept's result), so its success is read back from the dialog.
 */
async function confirmIntercept(
  action: Extract<BackendAction, { kind: 'intercept' }>,
  fetchDialog: (dialogId: number, signal?: AbortSignal) => Promise<DialogChange>,
  signal?: AbortSignal,
): Promise<ActionOutcome> {
  try {
    if (effectPresent(action, await fetchDialog(action.dialogId, signal))) return { kind: 'applied' };
  } catch {
    // the portal said yes and the check could not be made: its word stands
    return { kind: 'applied' };
  }
  return { kind: 'rejected', reason: 'conflict', code: 'INTERCEPT_NO_EFFECT', message: 'The portal accepted the intercept but the dialog is not yours: nobody held it, or it closed meanwhile' };
}

/** Refusals that mean "not now, not like this" — possibly because it already is so. */
const MAYBE_ALREADY = new Set(['conflict', 'notFound', 'invalid']);

export async function performAction(
  client: RestClient,
  fetchDialog: (dialogId: number, signal?: AbortSignal) => Promise<DialogChange>,
  { action }: ActionRequest,
  signal?: AbortSignal,
): Promise<ActionOutcome> {
  let call: ActionCall;
  try {
    call = callOf(action);
  } catch (error) {
    return outcomeOfError(error);
  }
  try {
    await client.call(call.method, call.params, trueSchema, signal);
    if (action.kind === 'intercept') return await confirmIntercept(action, fetchDialog, signal);
    return { kind: 'applied' };
  } catch (error) {
    const outcome = outcomeOfError(error);
    if (outcome.kind !== 'rejected' || !MAYBE_ALREADY.has(outcome.reason)) return outcome;
    try {
      if (effectPresent(action, await fetchDialog(action.dialogId, signal))) return { kind: 'alreadyInState' };
    } catch {
      // the check failed too: the refusal stands as the portal gave it
    }
    return outcome;
  }
}
