/**
 * Runtime validation of every request (the renderer is untrusted, in Electron
 * and in browser mode alike). One schema per channel; the map must cover the
 * contract, so a new channel without a schema fails to compile.
 */
import { z } from 'zod';
import { COLUMN_IDS } from '../domain/columns.ts';
import { LANGUAGES, type Channel, type RequestOf } from './contract.ts';
import { byId, column, empty, filterSchema, id, MAX_BLOCK, MAX_TEXT, slaSchema, sortSchema } from './schema-parts.ts';
import { actionsSchemas } from './schemas-actions.ts';
import { auditSchemas } from './schemas-audit.ts';
import { exportSchemas } from './schemas-export.ts';
import { sourcesSchemas } from './schemas-sources.ts';
import { workspaceSchemas } from './schemas-workspace.ts';

export { filterConditionSchema, filterGroupSchema, filterSchema, slaSchema, sortSchema } from './schema-parts.ts';

const settingsPatch = z.strictObject({
  language: z.enum(LANGUAGES).nullable().optional(),
  columns: z
    .array(
      z.strictObject({
        id: column,
        visible: z.boolean(),
        width: z.number().int().min(20).max(2000).optional(),
        pinned: z.enum(['left', 'right']).nullable().optional(),
      }),
    )
    .max(COLUMN_IDS.length)
    .nullable()
    .optional(),
  sort: sortSchema.nullable().optional(),
  sla: slaSchema.optional(),
});

const listRequest = z
  .strictObject({
    filter: filterSchema,
    sort: sortSchema,
    startRow: z.number().int().min(0),
    endRow: z.number().int().min(0),
    rank: z.enum(['relevance', 'sort']).optional(),
  })
  .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= MAX_BLOCK, {
    message: `endRow must be after startRow, at most ${MAX_BLOCK} rows apart`,
  });

type SchemaMap = { [C in Channel]: z.ZodType<RequestOf<C>> };

export const requestSchemas = {
  'app:info': empty,
  'dialogs:list': listRequest,
  'dialogs:get': byId,
  'dialogs:history': z.strictObject({ id, search: z.string().max(MAX_TEXT).optional() }),
  'metrics:explain': byId,
  'metrics:aggregate': z.strictObject({ filter: filterSchema, sla: slaSchema.optional(), charts: z.boolean().optional() }),
  'metrics:recompute': empty,
  'jobs:list': empty,
  'jobs:cancel': byId,
  'reference:get': empty,
  'sync:status': empty,
  'sync:now': empty,
  'settings:get': empty,
  'settings:set': settingsPatch,
  ...workspaceSchemas,
  ...exportSchemas,
  ...actionsSchemas,
  ...sourcesSchemas,
  ...auditSchemas,
} satisfies SchemaMap;


export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

/** A readable one-line summary of a validation failure, naming the path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(request)'}: ${i.message}`)
    .join('; ');
}
