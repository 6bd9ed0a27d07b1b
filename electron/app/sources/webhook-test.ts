/**
 * Trying a webhook before it is saved: the shell hands the services a
 * WebhookTester (the Bitrix24 connector's testWebhook), and this file turns
 * its outcome into the contract's answer or an error in plain words. Nothing
 * here ever puts the webhook into a message.
 */
import { WEBHOOK_SCOPES, type SourcePlan, type WebhookScope, type WebhookTestResult } from '../../../shared/ipc/contract-sources.ts';
import type { Logger } from '../ipc/dispatch.ts';

/** Why a webhook did not work, as the user can act on it. */
export const WEBHOOK_FAILURES = ['unreachable', 'revoked', 'noRights', 'notWebhook'] as const;
export type WebhookFailure = (typeof WEBHOOK_FAILURES)[number];

export type WebhookProbe =
  | { ok: true; portal: string; userName: string; scopes: Record<WebhookScope, boolean> }
  | { ok: false; reason: WebhookFailure; /** detail without the secret, for the log */ detail?: string };

export type WebhookTester = (args: { webhookUrl: string; plan?: SourcePlan; log: Logger }) => Promise<WebhookProbe>;

/** Until a shell provides the connector's tester. */
export const noWebhookTester: WebhookTester = async () => ({ ok: false, reason: 'unreachable', detail: 'the Bitrix24 connector is not part of this build' });

export const FAILURE_MESSAGES: Record<WebhookFailure, string> = {
  notWebhook: 'This is not a Bitrix24 inbound webhook. In Bitrix24 open Developer resources → Other → Inbound webhook and copy its URL.',
  unreachable: 'The portal could not be reached. Check the address and the network, then try again.',
  revoked: 'The portal refused this webhook: it was deleted, revoked or has expired. Create a new inbound webhook in Bitrix24 → Developer resources.',
  noRights: 'The webhook works, but its user may not read open lines. Ask a portal administrator for access to Open Lines, or create the webhook as such a user.',
};

export function testResult(probe: Extract<WebhookProbe, { ok: true }>): WebhookTestResult {
  const scopes = Object.fromEntries(WEBHOOK_SCOPES.map((s) => [s, probe.scopes[s] === true])) as Record<WebhookScope, boolean>;
  return { portal: probe.portal, userName: probe.userName, scopes, missing: WEBHOOK_SCOPES.filter((s) => !scopes[s]) };
}
