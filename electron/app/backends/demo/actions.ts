/**
 * Supervisor actions (spec dialog-list.md §6) on the simulated centre, with
 * the Bitrix24 error codes a real portal answers with. An action is stamped
 * at the clock's reading and rewrites the dialog's future: finishing cancels
 * its script, a transfer replaces it with the new holder's continuation.
 */
import { BackendError, type BackendAction } from '../backend.ts';
import type { TimelineEntry } from '../../../../shared/domain/timeline.ts';
import { converse, retake, wrapUp } from './conversation.ts';
import { createRng, STREAM } from './random.ts';
import type { Simulator } from './simulator.ts';
import { Story, type DialogProfile, type ScriptStep, type SnapshotPatch } from './story.ts';
import type { DialogRecord } from './store.ts';
import { systemText } from './texts.ts';
import type { LineDef } from './world.ts';

/** imopenlines.session.head.vote truncates the comment to this length. */
const MAX_COMMENT_LENGTH = 10_000;

/** Checks and performs an action at once (tests; the replay of a world file). */
export function performAction(sim: Simulator, action: BackendAction, now: { wall: number; sim: number }): void {
  prepareAction(sim, action, now)();
}

/**
 * The dialog already is as the action would leave it (pinned, or rated with
 * the same words): a portal answers success and changes nothing, so nothing
 * is logged either. Finishing a finished dialog is a refusal, not this.
 */
export function alreadyInState(sim: Simulator, action: BackendAction): boolean {
  const record = sim.store.get(action.dialogId);
  if (!record || record.snapshot.chatId !== action.chatId) return false;
  if (action.kind === 'pin') return record.snapshot.pinned === action.pinned;
  // the caller already holds it: a portal answers `true` and changes nothing
  if (action.kind === 'intercept') return !record.finished && record.snapshot.operatorId === action.operatorId;
  if (action.kind === 'vote') {
    return record.snapshot.supervisorRating === action.rating && record.snapshot.supervisorComment === action.comment.slice(0, MAX_COMMENT_LENGTH);
  }
  return false;
}

/**
 * Checks an action against the world as it stands (throwing the error a
 * portal would answer with) and returns the change, not yet made: the
 * backend records the action in the world's file first, then applies it, so
 * what the file holds is exactly what was done.
 */
export function prepareAction(sim: Simulator, action: BackendAction, now: { wall: number; sim: number }): () => void {
  const record = sim.store.get(action.dialogId);
  if (!record) throw new BackendError('NOT_FOUND', `dialog ${action.dialogId} not found`, false);
  if (record.snapshot.chatId !== action.chatId) {
    throw new BackendError('CHAT_ID', `chat ${action.chatId} is not the chat of dialog ${action.dialogId}`, false);
  }
  // a supervisor rates finished dialogs too: head.vote has no such restriction
  if (record.finished && action.kind !== 'vote') {
    throw new BackendError('SESSION_CLOSED', `dialog ${action.dialogId} is already finished`, false);
  }
  const { store, world } = sim;
  const lang = record.profile.lang;
  const apply = (change: () => void) => () => {
    store.touchByAction(record, now.wall);
    change();
  };
  switch (action.kind) {
    case 'finish':
      return apply(() => {
        store.replaceScript(record, []);
        store.apply(record, { kind: 'message', author: 'system', text: systemText(lang, 'closedBySupervisor', {}) }, undefined, now.wall);
        store.apply(record, { kind: 'closedByOperator', operatorId: world.supervisorId }, undefined, now.wall);
        store.apply(record, { kind: 'closed' }, undefined, now.wall);
      });
    case 'spam':
      return apply(() => {
        store.replaceScript(record, []);
        store.apply(record, { kind: 'message', author: 'system', text: systemText(lang, 'spam', {}) }, undefined, now.wall);
        store.apply(record, { kind: 'spam', operatorId: world.supervisorId }, undefined, now.wall);
      });
    case 'transfer': {
      const target = transferTarget(sim, record, action.toOperatorId, action.toLineId);
      return apply(() => transfer(sim, record, target, now));
    }
    case 'vote': {
      if (!Number.isInteger(action.rating) || action.rating < 1 || action.rating > 5) {
        throw new BackendError('WRONG_RATING', `a supervisor rating is 1 to 5, not ${action.rating}`, false);
      }
      const patch = { supervisorRating: action.rating, supervisorComment: action.comment.slice(0, MAX_COMMENT_LENGTH) };
      return apply(() => setByAction(sim, record, patch, now.wall));
    }
    case 'pin':
      return apply(() => setByAction(sim, record, { pinned: action.pinned }, now.wall));
    case 'intercept': {
      const from = record.snapshot.operatorId;
      // the demo acts as its supervisor only: taking a dialog over for someone else is a transfer
      if (action.operatorId !== world.supervisorId) {
        throw new BackendError('OPERATOR_WRONG', `only the supervisor (${world.supervisorId}) can intercept here, not ${action.operatorId}`, false);
      }
      // a portal answers `true` and does nothing here; the demo says so, so the outbox cannot report a change that never came
      if (from === null) throw new BackendError('NO_OPERATOR', `nobody holds dialog ${action.dialogId}: there is nothing to take over`, false);
      return apply(() => intercept(sim, record, from, now));
    }
  }
}

/**
 * The supervisor takes the dialog and carries it on: the operator's scripted
 * future goes (they no longer hold it), the supervisor's own part is planned
 * from now, like a transfer's new holder.
 */
function intercept(sim: Simulator, record: DialogRecord, from: number, now: { wall: number; sim: number }): void {
  const { world, store } = sim;
  const lang = record.profile.lang;
  const by = world.supervisorId;
  const names = { by: world.operatorById.get(by)?.name ?? '', from: world.operatorById.get(from)?.name ?? '' };
  const wasClosing = inClosingMode(record.entries);
  store.apply(record, { kind: 'message', author: 'system', text: systemText(lang, 'intercepted', names) }, undefined, now.wall);
  store.apply(record, { kind: 'taken', operatorId: by }, { operatorId: by }, now.wall);
  const profile: DialogProfile = { ...record.profile, rng: createRng(sim.seed, STREAM.action, record.snapshot.id, record.entries.length) };
  const story = new Story(now.sim);
  story.holder = by;
  story.everTaken = true;
  if (wasClosing) {
    // the client was already asked for a rating: the supervisor only closes it
    story.wait(profile.rng.int(30, 600) * 1000).closedByOperator(by).closed();
  } else {
    converse(story, profile, profile.rng.weighted([[0, 50], [1, 35], [2, 15]] as const));
    wrapUp(story, profile);
  }
  store.replaceScript(record, story.steps);
}

/** Applies a snapshot change and drops scripted changes of the same fields: the supervisor's word is final. */
function setByAction(sim: Simulator, record: DialogRecord, patch: SnapshotPatch, wall: number): void {
  const keys = Object.keys(patch);
  const future: ScriptStep[] = [];
  for (const step of record.steps.slice(record.nextStep)) {
    if (!step.patch) {
      future.push(step);
      continue;
    }
    const rest = Object.fromEntries(Object.entries(step.patch).filter(([key]) => !keys.includes(key))) as SnapshotPatch;
    const hasRest = Object.keys(rest).length > 0;
    if (step.entry || hasRest) future.push({ at: step.at, ...(step.entry ? { entry: step.entry } : {}), ...(hasRest ? { patch: rest } : {}) });
  }
  sim.store.replaceScript(record, future);
  sim.store.apply(record, undefined, patch, wall);
}

interface TransferTarget {
  line: LineDef;
  operatorId: number | undefined;
}

/** Who may receive the dialog; Bitrix24 refuses unknown users, bots, the caller itself, and the operator who already holds it. */
function transferTarget(sim: Simulator, record: DialogRecord, toOperatorId: number | undefined, toLineId: number | undefined): TransferTarget {
  const { world } = sim;
  if ((toOperatorId === undefined) === (toLineId === undefined)) {
    throw new BackendError('TRANSFER_ID_EMPTY', 'name exactly one target: an operator or a line', false);
  }
  const currentLine = world.lineById.get(record.snapshot.lineId);
  const targetLine = toLineId === undefined ? currentLine : world.lineById.get(toLineId);
  if (!targetLine || !currentLine) throw new BackendError('OPERATOR_WRONG', `there is no open line ${toLineId}`, false);
  if (toOperatorId !== undefined) {
    const target = world.operatorById.get(toOperatorId);
    if (!target || target.isBot || toOperatorId === world.supervisorId || toOperatorId === record.snapshot.operatorId) {
      throw new BackendError('OPERATOR_WRONG', `you cannot redirect to operator ${toOperatorId}`, false);
    }
  }
  return { line: targetLine, operatorId: toOperatorId };
}

function transfer(sim: Simulator, record: DialogRecord, target: TransferTarget, now: { wall: number; sim: number }): void {
  const { world, store } = sim;
  const { line: targetLine, operatorId: toOperatorId } = target;
  const lang = record.profile.lang;
  const wasClosing = inClosingMode(record.entries);
  const profile: DialogProfile = {
    ...record.profile,
    line: targetLine,
    rng: createRng(sim.seed, STREAM.action, record.snapshot.id, record.entries.length),
  };
  record.profile.line = targetLine;

  if (toOperatorId !== undefined) {
    const toName = world.operatorById.get(toOperatorId)?.name ?? '';
    store.apply(record, { kind: 'message', author: 'system', text: systemText(lang, 'transferOperator', { to: toName }) }, undefined, now.wall);
    store.apply(record, { kind: 'transferred', toOperatorId }, { operatorId: toOperatorId }, now.wall);
  } else {
    store.apply(record, { kind: 'message', author: 'system', text: systemText(lang, 'transferLine', { line: targetLine.name }) }, undefined, now.wall);
    store.apply(record, { kind: 'transferred', toLineId: targetLine.id }, { operatorId: null, lineId: targetLine.id }, now.wall);
  }

  // the new holder's part, planned from now in simulated time
  const story = new Story(now.sim);
  story.everTaken = true;
  const taker = toOperatorId ?? profile.rng.pick(targetLine.operatorIds);
  retake(story, profile, taker, wasClosing);
  if (!wasClosing) {
    converse(story, profile, profile.rng.weighted([[0, 50], [1, 35], [2, 15]] as const));
    wrapUp(story, profile);
  }
  store.replaceScript(record, story.steps);
}

/**
 * In closing mode when the last status-changing entry is `closing`; votes,
 * system messages and an operator's close request come after it and change nothing.
 */
function inClosingMode(entries: readonly TimelineEntry[]): boolean {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as TimelineEntry;
    if (entry.kind === 'vote' || entry.kind === 'closedByOperator') continue;
    if (entry.kind === 'message' && (entry.author === 'system' || entry.author === 'bot' || entry.hidden === true)) continue;
    return entry.kind === 'closing';
  }
  return false;
}
