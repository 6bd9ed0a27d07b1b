/** Every method the emulator speaks, lower-cased, with the scope it needs. */
import { activityList } from './activities.ts';
import { anotherFinish, headVote, intercept, operatorFinish, pinMode, spam, transfer } from './actions.ts';
import type { MethodDef } from './context.ts';
import { configList, dialogGet, historyGet, profile, recentGet, scope, serverTime, userGet } from './reads.ts';

export const METHODS: Readonly<Record<string, MethodDef>> = {
  'crm.activity.list': { scope: 'crm', run: activityList },
  'imopenlines.config.list.get': { scope: 'imopenlines', run: configList },
  'imopenlines.dialog.get': { scope: 'imopenlines', run: dialogGet },
  'imopenlines.session.history.get': { scope: 'imopenlines', run: historyGet },
  'imopenlines.operator.finish': { scope: 'imopenlines', run: operatorFinish },
  'imopenlines.operator.another.finish': { scope: 'imopenlines', run: anotherFinish },
  'imopenlines.operator.spam': { scope: 'imopenlines', run: spam },
  'imopenlines.operator.transfer': { scope: 'imopenlines', run: transfer },
  'imopenlines.session.head.vote': { scope: 'imopenlines', run: headVote },
  'imopenlines.session.mode.pin': { scope: 'imopenlines', run: pinMode() },
  'imopenlines.session.mode.unpin': { scope: 'imopenlines', run: pinMode(false) },
  'imopenlines.session.intercept': { scope: 'imopenlines', run: intercept },
  'im.recent.get': { scope: 'im', run: recentGet },
  'user.get': { scope: 'user', run: userGet },
  profile: { scope: null, run: profile },
  scope: { scope: null, run: scope },
  'server.time': { scope: null, run: serverTime },
};

export const DEFAULT_SCOPES = ['crm', 'imopenlines', 'im', 'user'] as const;
