/**
 * metrics:* — explanations, the summary and the recompute job. A summary the
 * rollups answer (canUseRollups: built-in presets, creation-date ranges,
 * line, operator, status) costs milliseconds at a million dialogs and is
 * answered on the interactive lane at once. Any other summary is a scan of
 * its rows: it runs on the background lane and is latest-wins, a newer
 * request replacing one still waiting (which answers SUPERSEDED), so a user
 * changing the filter quickly never queues stale work.
 */
import type { Aggregates, RequestOf } from '../../../../shared/ipc/contract.ts';
import { canUseRollups } from '../../db/queries/rollup-plan.ts';
import { readSettings } from '../../settings/store.ts';
import { LatestWins } from '../../jobs/latest-wins.ts';
import { AppError } from '../app-error.ts';
import type { HandlerContext, HandlersOf } from './context.ts';
import { asAppErrors, orNotFound } from './errors.ts';

export function metricHandlers(ctx: HandlerContext) {
  const { readers } = ctx.data;
  const scans = new LatestWins();
  const aggregate = (request: RequestOf<'metrics:aggregate'>): Promise<Aggregates> => {
    const sla = request.sla ?? readSettings(ctx.settings).sla;
    const ask = (lane: 'interactive' | 'background') =>
      // one reader while it is free: its page cache holds the rollup cells and its statement cache their queries
      asAppErrors(readers.call('aggregate', [request.filter, sla, ctx.now(), request.charts === true], { lane, affinity: 'summary' }));
    return canUseRollups(request.filter, sla) ? ask('interactive') : scans.run(() => ask('background'));
  };

  return {
    'metrics:explain': async ({ id }) => orNotFound(await asAppErrors(readers.api.explain(id)), `Dialog ${id}`),
    'metrics:aggregate': aggregate,
    'metrics:recompute': () =>
      ctx.jobs.running('recompute') ??
      ctx.jobs.start(
        'recompute',
        (onProgress) => ctx.data.jobs.recompute(onProgress, { onlyStale: false }),
        () => ctx.emitChanged(),
      ),
    'jobs:list': () => ctx.jobs.list(),
    'jobs:cancel': ({ id }) => {
      const job = ctx.jobs.cancel(id);
      if (!job) throw new AppError('NOT_FOUND', `Job ${id} is not known`);
      return job;
    },
  } satisfies HandlersOf<'metrics:explain' | 'metrics:aggregate' | 'metrics:recompute' | 'jobs:list' | 'jobs:cancel'>;
}
