/**
 * Trying a webhook before it is saved: the shell hands the services a
 * WebhookTester (the Bitrix24 connector's testWebhook), and this file turns
 * its outcome into the contract's answer or an error in plain words. Nothing
 * here ever puts the webhook into a message.
 */
import {
  WEBHOOK_FAILURE_MESSAGES,
  WEBHOOK_SCOPES,
  type SourcePlan,
  type WebhookFailure,
  type WebhookScope,
  type WebhookTestResult,
} from '../../../shared/ipc/contract-sources.ts';
import type { Logger } from '../ipc/dispatch.ts';

export type { WebhookFailure };

export type WebhookProbe =
  | { ok: true; portal: string; userName: string; scopes: Record<WebhookScope, boolean> }
  | { ok: false; reason: WebhookFailure; /** detail without the secret, for the log */ detail?: string };

export type WebhookTester = (args: { webhookUrl: string; plan?: SourcePlan; log: Logger }) => Promise<WebhookProbe>;

/** Until a shell provides the connector's tester. */
export const noWebhookTester: WebhookTester = async () => ({ ok: false, reason: 'unreachable', detail: 'the Bitrix24 connector is not part of this build' });

/** the services' words for each reason (shared, so the renderer can show its own translation) */
export const FAILURE_MESSAGES = WEBHOOK_FAILURE_MESSAGES;

export function testResult(probe: Extract<WebhookProbe, { ok: true }>): WebhookTestResult {
  const scopes = Object.fromEntries(WEBHOOK_SCOPES.map((s) => [s, probe.scopes[s] === true])) as Record<WebhookScope, boolean>;
  return { portal: probe.portal, userName: probe.userName, scopes, missing: WEBHOOK_SCOPES.filter((s) => !scopes[s]) };
}
