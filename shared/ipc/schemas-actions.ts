/** Request schemas of the actions channels (./contract-actions.ts); merged into requestSchemas. */
import { z } from 'zod';
import { MAX_ACTION_DIALOGS, MAX_ACTION_IDS, OUTBOX_STATES } from '../domain/actions.ts';
import type { ActionsContract } from './contract-actions.ts';
import { DEMO_FAILURES } from './contract-actions.ts';
import { byId, filterSchema, id, sortSchema } from './schema-parts.ts';

type ActionsSchemaMap = { [C in keyof ActionsContract]: z.ZodType<ActionsContract[C]['request']> };

const MAX_COMMENT = 10_000;

export const dialogActionSchema = z.union([
  z.strictObject({ kind: z.literal('finish') }),
  z.strictObject({ kind: z.literal('spam') }),
  z.strictObject({ kind: z.literal('transfer'), toOperatorId: id }),
  z.strictObject({ kind: z.literal('transfer'), toLineId: id }),
  z.strictObject({ kind: z.literal('vote'), rating: z.number().int().min(1).max(5), comment: z.string().max(MAX_COMMENT) }),
  z.strictObject({ kind: z.literal('pin'), pinned: z.boolean() }),
  z.strictObject({ kind: z.literal('intercept') }),
]);

export const actionTargetSchema = z.union([
  z.strictObject({ dialogIds: z.array(id).min(1).max(MAX_ACTION_IDS) }),
  // excluding more than a filter may select would be a request that cannot mean anything
  z.strictObject({ filter: filterSchema, exceptIds: z.array(id).max(MAX_ACTION_DIALOGS).optional() }),
]);

const actionRequest = z.strictObject({ target: actionTargetSchema, action: dialogActionSchema });

export const actionsSchemas = {
  'actions:preview': actionRequest,
  'actions:enqueue': actionRequest,
  'outbox:list': z.strictObject({
    states: z.array(z.enum(OUTBOX_STATES)).max(OUTBOX_STATES.length).optional(),
    batchId: id.optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  'outbox:cancel': byId,
  'selection:ids': z
    .strictObject({
      filter: filterSchema,
      sort: sortSchema,
      rank: z.enum(['relevance', 'sort']).optional(),
      startRow: z.number().int().min(0),
      endRow: z.number().int().min(0),
    })
    // a range wider than an action may act on could never be used: refused before any read
    .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= MAX_ACTION_DIALOGS, {
      message: `endRow must be after startRow, at most ${MAX_ACTION_DIALOGS} rows apart`,
    }),
  'operators:load': z.strictObject({}),
  'links:dialog': z.strictObject({ dialogId: id, target: z.enum(['chat', 'crm']) }),
  'demo:control': z.strictObject({
    paused: z.boolean().optional(),
    fail: z.strictObject({ kind: z.enum(DEMO_FAILURES), count: z.number().int().min(0).max(1_000_000) }).optional(),
  }),
} satisfies ActionsSchemaMap;
