/**
 * The services' side of the IPC contract, merged from one handler map per
 * domain. `satisfies Handlers` makes a channel without a handler (or with a
 * mistyped one) a compile error. Requests arrive validated by dispatch().
 */
import type { Handlers } from '../../../../shared/ipc/contract.ts';
import { actionsHandlers } from './actions.ts';
import { appHandlers } from './app.ts';
import { auditHandlers } from './audit.ts';
import type { HandlerContext } from './context.ts';
import { dialogHandlers } from './dialogs.ts';
import { exportHandlers } from './export.ts';
import { metricHandlers } from './metrics.ts';
import { settingsHandlers } from './settings.ts';
import { sourcesHandlers } from './sources.ts';
import { syncHandlers } from './sync.ts';
import { workspaceHandlers } from './workspace.ts';

export type { HandlerContext } from './context.ts';

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...dialogHandlers(ctx),
    ...metricHandlers(ctx),
    ...settingsHandlers(ctx),
    ...syncHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...exportHandlers(ctx),
    ...actionsHandlers(ctx),
    ...sourcesHandlers(ctx),
    ...auditHandlers(ctx),
  } satisfies Handlers;
}
