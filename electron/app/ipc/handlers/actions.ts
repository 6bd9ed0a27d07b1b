/**
 * actions:*, outbox:* and demo:control — acting on dialogs through the
 * outbox. Everything runs in the writer worker (the outbox and its
 * optimistic changes are one transaction there); this thread only forwards.
 */
import type { ActionsContract } from '../../../../shared/ipc/contract-actions.ts';
import type { HandlerContext, HandlersOf } from './context.ts';
import { asAppErrors } from './errors.ts';

export function actionsHandlers(ctx: HandlerContext) {
  const { outbox } = ctx.data;
  return {
    'actions:preview': ({ target, action }) => asAppErrors(outbox.actionsPreview(target, action, ctx.now())),
    'actions:enqueue': ({ target, action }) => asAppErrors(outbox.actionsEnqueue(target, action, ctx.now())),
    'outbox:list': (query) => asAppErrors(outbox.outboxList(query)),
    'outbox:cancel': ({ id }) => asAppErrors(outbox.outboxCancel(id, ctx.now())),
    // on the reader the grid's blocks of this (filter, sort) went to, so the range reuses their paging
    'selection:ids': (request) =>
      asAppErrors(ctx.data.readers.call('dialogIdsPage', [request, ctx.now()], { affinity: JSON.stringify([request.filter, request.sort]) })),
    'operators:load': async () => ({ operators: await asAppErrors(ctx.data.readers.call('operatorLoad', [])) }),
    'links:dialog': async ({ dialogId, target }) => {
      const { url, origin } = await asAppErrors(outbox.portalLink(dialogId, target));
      // the desktop shell opens it (shell.openExternal, after its own origin check); browser mode leaves it to the page
      if (!ctx.openExternal) return { url, opened: false };
      await ctx.openExternal(url, origin);
      return { url, opened: true };
    },
    'demo:control': (patch) => asAppErrors(outbox.demoControl(patch)),
  } satisfies HandlersOf<keyof ActionsContract>;
}
