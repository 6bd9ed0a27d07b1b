/** app:* — who we are and where the data lives. */
import type { HandlerContext, HandlersOf } from './context.ts';

export function appHandlers(ctx: HandlerContext) {
  return {
    'app:info': () => ctx.info,
  } satisfies HandlersOf<'app:info'>;
}
