/** sync:* — the engine's state, and a pull on demand. */
import type { HandlerContext, HandlersOf } from './context.ts';

export function syncHandlers(ctx: HandlerContext) {
  return {
    'sync:status': () => ctx.sync.status,
    'sync:now': () => ctx.sync.syncNow(),
  } satisfies HandlersOf<'sync:status' | 'sync:now'>;
}
