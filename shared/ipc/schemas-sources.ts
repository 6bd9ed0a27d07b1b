/**
 * Request schemas of the sources channels (./contract-sources.ts); merged
 * into requestSchemas. The webhook's shape is checked here; what it says
 * (https, /rest/<user>/<secret>/) is checked by parseWebhookUrl in the
 * handler, whose messages never repeat the secret. No schema message here
 * quotes the value either.
 */
import { z } from 'zod';
import { SOURCE_PLANS, type SourcesContract } from './contract-sources.ts';
import { empty } from './schema-parts.ts';

type SourcesSchemaMap = { [C in keyof SourcesContract]: z.ZodType<SourcesContract[C]['request']> };

/** A webhook URL is one short line; a long one is not a webhook. */
export const MAX_WEBHOOK_LENGTH = 1024;
const webhookUrl = z.string().min(1, 'paste the webhook URL').max(MAX_WEBHOOK_LENGTH, 'this is too long for a webhook URL');
const sourceId = z.string().min(1).max(300).regex(/^(demo|bitrix24):[A-Za-z0-9.:_\-[\]]+$/, 'not a source id');
const plan = z.enum(SOURCE_PLANS);

export const sourcesSchemas = {
  'sources:list': empty,
  'sources:test': z.strictObject({ webhookUrl, plan: plan.optional() }),
  'sources:connect': z.strictObject({ webhookUrl, plan }),
  'sources:use': z.strictObject({ id: sourceId }),
  'sources:forget': z.strictObject({ id: sourceId, deleteCache: z.boolean().optional() }),
} satisfies SourcesSchemaMap;
