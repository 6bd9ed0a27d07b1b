/** What every method handler gets: the portal state, the caller, the clock. */
import type { PortalState } from '../state.ts';
import type { MethodOutcome } from '../protocol/errors.ts';
import type { Params } from '../protocol/params.ts';

/** The webhook's user: the portal admin, a supervisor who operates no dialog. */
export const WEBHOOK_USER_ID = 1;
/** Classic list pages (spec §1.6). */
export const PAGE_SIZE = 50;

export interface MethodContext {
  state: PortalState;
  now: () => number;
  scopes: readonly string[];
}

export interface MethodDef {
  /** the webhook scope the method needs; null: any webhook may call it */
  scope: string | null;
  run(params: Params, ctx: MethodContext): MethodOutcome | Promise<MethodOutcome>;
}
