/**
 * The Bitrix24 connector: a Backend that assembles the dialog list from a
 * portal's REST API through an inbound webhook (spec §0, §4; the wire rules
 * in wire.ts). The webhook's secret never leaves the client: not in the
 * label, the identity, an error or a log line.
 */
import type { DialogTimeline } from '../../../../shared/domain/timeline.ts';
import type { Logger } from '../../ipc/dispatch.ts';
import { BackendError, outcomeOfError, type ActionOutcome, type ActionRequest, type Backend, type ChangeBatch, type DialogChange, type ReferenceData } from '../backend.ts';
import { performAction } from './actions.ts';
import { listAll } from './client/lists.ts';
import type { Plan } from './client/leaky-bucket.ts';
import { PORTAL_CALL_LIMIT_MS, RestClient } from './client/rest-client.ts';
import { webhookFromUrl } from './client/webhook.ts';
import { lineOf, operatorOf } from './mapping/reference.ts';
import { lineSchema, userSchema } from './mapping/schemas.ts';
import { decodeCursor } from './sync/cursor.ts';
import { pull } from './sync/pull.ts';
import { RecentStatuses } from './sync/recent.ts';
import { activityOfSession, dialogsOf, rememberActivities, type ActivityIds } from './sync/sessions.ts';

export { testWebhook, NEEDED_SCOPES, type TestWebhookOptions, type TestWebhookResult } from './connect.ts';

export interface Bitrix24BackendOptions {
  /** https://<portal>/rest/<user>/<secret>/ (http only on loopback) */
  webhookUrl: string;
  /** the portal's plan, for its request limits (default standard: 2/s, burst 50) */
  plan?: Plan;
  /** wall clock, epoch ms (default Date.now) */
  now?: () => number;
  log: Logger;
  fetch?: typeof fetch;
  /** each method's time budget per 10 minutes (default the cloud's 480 s; tests use less) */
  operatingBudgetMs?: number;
}

/** config.list.get pages by PARAMS.limit/offset, without next or total (spec §5.6). */
const LINES_PAGE = 200;

export function createBitrix24Backend(options: Bitrix24BackendOptions): Backend {
  const webhook = webhookFromUrl(options.webhookUrl);
  const now = options.now ?? Date.now;
  const client = new RestClient({ webhook, plan: options.plan, log: options.log, fetch: options.fetch, now, operatingBudgetMs: options.operatingBudgetMs });
  const known: ActivityIds = new Map();
  const recent = new RecentStatuses(client, now);
  let closed = false;
  const open = (): void => {
    if (closed) throw new BackendError('CLOSED', 'the Bitrix24 connector was closed', false);
  };

  const fetchDialog = async (dialogId: number, signal?: AbortSignal): Promise<DialogChange> => {
    open();
    const activity = await activityOfSession(client, dialogId, known, signal);
    rememberActivities(known, [activity]);
    const { changes } = await dialogsOf(client, [activity], signal);
    return changes[0]!;
  };

  return {
    kind: 'bitrix24',
    label: webhook.host,
    identity: `bitrix24:${webhook.host}:${webhook.userId}`,
    // REST calls act as the webhook's user: an intercept hands the dialog to them
    selfOperatorId: webhook.userId,
    portalOrigin: new URL(webhook.base).origin,
    // a request the portal received runs to its end even when we stopped waiting (or died)
    callLimitMs: PORTAL_CALL_LIMIT_MS,

    async fetchReference(): Promise<ReferenceData> {
      open();
      const lines = [];
      for (let offset = 0; ; offset += LINES_PAGE) {
        const page = await client.call(
          'imopenlines.config.list.get',
          { PARAMS: { select: ['ID', 'LINE_NAME', 'ACTIVE'], order: { ID: 'ASC' }, limit: LINES_PAGE, offset }, OPTIONS: { QUEUE: 'Y' } },
          lineSchema.array(),
        );
        lines.push(...page);
        if (page.length < LINES_PAGE) break;
      }
      // inactive users too: a dialog from last year names the operator who has left since
      const users = await listAll(client, 'user.get', { sort: 'ID', order: 'ASC' }, userSchema);
      return { lines: lines.map(lineOf), operators: users.map(operatorOf) };
    },

    async pullChanges(cursor: string | null, limit: number): Promise<ChangeBatch> {
      open();
      return pull({ client, now, known, recent }, decodeCursor(cursor, now()), limit);
    },

    async fetchTimeline(dialogId: number): Promise<DialogTimeline> {
      const { dialog, entries } = await fetchDialog(dialogId);
      return { id: dialog.id, direction: dialog.direction, entries };
    },

    fetchDialog,

    async perform(request: ActionRequest, signal?: AbortSignal): Promise<ActionOutcome> {
      if (closed) return outcomeOfError(new BackendError('CLOSED', 'the Bitrix24 connector was closed', false));
      options.log.info(`[bitrix24] action ${request.actionId}: ${request.action.kind} on dialog ${request.action.dialogId}`);
      try {
        return await performAction(client, fetchDialog, request, signal);
      } finally {
        // the action may have pinned or re-statused a chat: the next page must not paint the old status back
        recent.forget();
      }
    },

    async close(): Promise<void> {
      closed = true;
    },
  };
}
