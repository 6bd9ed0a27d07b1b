/** settings:* — the user's choices, validated on the way in (schema) and out (readSettings). */
import type { Settings } from '../../../../shared/ipc/contract.ts';
import { readSettings, writeSettings } from '../../settings/store.ts';
import type { HandlerContext, HandlersOf } from './context.ts';

export function settingsHandlers(ctx: HandlerContext) {
  return {
    'settings:get': () => readSettings(ctx.settings),
    'settings:set': (patch) => writeSettings(ctx.settings, patch as Partial<Settings>),
  } satisfies HandlersOf<'settings:get' | 'settings:set'>;
}
