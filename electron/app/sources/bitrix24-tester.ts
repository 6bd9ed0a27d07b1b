/**
 * The Bitrix24 connector's testWebhook, as the sources domain asks it: its
 * error kinds folded into the four reasons a user can act on. The
 * connector's message stays in the log (redacted there); the user reads ours.
 */
import { testWebhook } from '../backends/bitrix24/index.ts';
import type { WebhookFailure, WebhookTester } from './webhook-test.ts';

const REASON_OF_KIND: Record<string, WebhookFailure> = {
  auth: 'revoked',
  forbidden: 'noRights',
  // the portal answered, but not as a webhook does (a wrong path, a page that is not REST)
  invalid: 'notWebhook',
  notFound: 'notWebhook',
  unavailable: 'unreachable',
  rateLimited: 'unreachable',
  conflict: 'unreachable',
};

export const bitrix24WebhookTester: WebhookTester = async ({ webhookUrl, log }) => {
  const answer = await testWebhook({ webhookUrl, log });
  if (answer.ok) return { ok: true, portal: answer.portal, userName: answer.userName || `#${answer.userId}`, scopes: answer.scopes };
  return { ok: false, reason: REASON_OF_KIND[answer.kind] ?? 'unreachable', detail: `${answer.kind} ${answer.code}` };
};
