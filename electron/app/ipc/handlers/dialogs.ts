/** dialogs:* and reference:* — the grid's rows, one dialog, its history, and the names filters offer. */
import type { HandlerContext, HandlersOf } from './context.ts';
import { asAppErrors, orNotFound } from './errors.ts';

export function dialogHandlers(ctx: HandlerContext) {
  const { readers } = ctx.data;
  return {
    // One (filter, sort) sticks to one reader, so its count and paging caches stay warm there.
    'dialogs:list': (request) =>
      asAppErrors(readers.call('dialogsPage', [request, ctx.now()], { affinity: JSON.stringify([request.filter, request.sort]) })),
    'dialogs:get': async ({ id }) => orNotFound(await asAppErrors(readers.api.dialog(id)), `Dialog ${id}`),
    'dialogs:history': async ({ id, search }) => orNotFound(await asAppErrors(readers.api.history(id, search)), `Dialog ${id}`),
    'reference:get': () => asAppErrors(readers.api.reference()),
  } satisfies HandlersOf<'dialogs:list' | 'dialogs:get' | 'dialogs:history' | 'reference:get'>;
}
