/**
 * The sources channels (shared/ipc/contract-sources.ts). The schema checked
 * the request's shape; the webhook's meaning is checked here by
 * parseWebhookUrl, whose messages never contain the secret. The work is the
 * source switch's (source-switch.ts), which outlives these handlers.
 */
import { WEBHOOK_FAILURE_MESSAGES, type SourcesContract } from '../../../../shared/ipc/contract-sources.ts';
import { parseWebhookUrl, type WebhookUrl } from '../../backends/webhook-url.ts';
import { AppError } from '../app-error.ts';
import type { HandlerContext, HandlersOf, SourcesControl } from './context.ts';

function webhookOf(text: string): WebhookUrl {
  const parsed = parseWebhookUrl(text);
  // the reason's own words first (the renderer translates them), then what exactly is wrong with this one
  if ('error' in parsed) throw new AppError('VALIDATION', `${WEBHOOK_FAILURE_MESSAGES.notWebhook} Here: ${parsed.error}.`);
  return parsed;
}

export function sourcesHandlers(ctx: HandlerContext) {
  const sources = (): SourcesControl => {
    if (!ctx.sources) throw new AppError('UNAVAILABLE', 'Sources cannot be changed in this tool; start the console (npm start or npm run web).');
    return ctx.sources;
  };
  return {
    'sources:list': () => sources().list(),
    'sources:test': ({ webhookUrl, plan }) => sources().test(webhookOf(webhookUrl), plan),
    'sources:connect': ({ webhookUrl, plan }) => sources().connect(webhookOf(webhookUrl), plan),
    'sources:use': ({ id }) => sources().use(id),
    'sources:forget': ({ id, deleteCache }) => sources().forget(id, deleteCache === true),
  } satisfies HandlersOf<keyof SourcesContract>;
}
