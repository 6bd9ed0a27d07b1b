/**
 * The Bitrix24 connector's webhook test, as the sources domain calls it.
 * Until the connector is part of the build this says so as "unreachable".
 */
import { noWebhookTester, type WebhookTester } from './webhook-test.ts';

export const bitrix24WebhookTester: WebhookTester = noWebhookTester;
