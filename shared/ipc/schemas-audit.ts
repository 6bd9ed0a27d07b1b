/** Request schemas of the audit channels (./contract-audit.ts); merged into requestSchemas. */
import { z } from 'zod';
import { LANGUAGES } from './contract.ts';
import { AUDIT_KINDS, AUDIT_OUTCOMES, type AuditContract } from './contract-audit.ts';
import { id, timeZoneSchema } from './schema-parts.ts';

type AuditSchemaMap = { [C in keyof AuditContract]: z.ZodType<AuditContract[C]['request']> };

const epochMs = z.number().int().min(0).max(8.64e15);

export const auditFilterSchema = z
  .strictObject({
    from: epochMs.optional(),
    to: epochMs.optional(),
    kinds: z.array(z.enum(AUDIT_KINDS)).max(AUDIT_KINDS.length).optional(),
    outcomes: z.array(z.enum(AUDIT_OUTCOMES)).max(AUDIT_OUTCOMES.length).optional(),
    dialogId: id.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { message: '`from` must not be after `to`', path: ['from'] });

export const auditSchemas = {
  'audit:list': z.strictObject({
    filter: auditFilterSchema,
    offset: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'audit:export': z.strictObject({
    filter: auditFilterSchema,
    language: z.enum(LANGUAGES),
    timeZone: timeZoneSchema,
  }),
  'outbox:cancelBatch': z.strictObject({ batchId: id }),
} satisfies AuditSchemaMap;
