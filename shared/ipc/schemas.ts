/**
 * Runtime validation of every request (the renderer is untrusted, in Electron
 * and in browser mode alike). One schema per channel; the map must cover the
 * contract, so a new channel without a schema fails to compile.
 */
import { z } from 'zod';
import { COLUMN_IDS } from '../domain/columns.ts';
import { DATE_PRESETS, SORT_DIRECTIONS } from '../domain/filter.ts';
import { SLA_METRIC_IDS } from '../domain/metrics.ts';
import { LANGUAGES, type Channel, type RequestOf } from './contract.ts';

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const column = z.enum(COLUMN_IDS);
const finite = z.number().finite();

/** Bounds keep a hostile or buggy caller from asking for absurd work. */
const MAX_BLOCK = 1000;
const MAX_CONDITIONS = 64;
const MAX_VALUES = 500;
const MAX_TEXT = 500;

export const filterConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({
    column,
    op: z.literal('in'),
    values: z.array(z.union([z.string().max(MAX_TEXT), finite, z.null()])).max(MAX_VALUES),
  }),
  z.strictObject({ column, op: z.literal('range'), from: finite.optional(), to: finite.optional() }),
  z.strictObject({ column, op: z.literal('datePreset'), preset: z.enum(DATE_PRESETS) }),
  z.strictObject({ column, op: z.literal('is'), value: z.boolean() }),
  z.strictObject({ column, op: z.enum(['contains', 'equals']), value: z.string().max(MAX_TEXT) }),
  z.strictObject({ column, op: z.literal('empty'), value: z.boolean() }),
]);

export const filterSchema = z.strictObject({
  conditions: z.array(filterConditionSchema).max(MAX_CONDITIONS),
  search: z.string().max(MAX_TEXT).optional(),
});

export const sortSchema = z.strictObject({ column, direction: z.enum(SORT_DIRECTIONS) });

const seconds = z.number().int().min(0).max(365 * 24 * 3600);
export const slaSchema = z.strictObject(
  Object.fromEntries(SLA_METRIC_IDS.map((m) => [m, seconds])) as Record<(typeof SLA_METRIC_IDS)[number], typeof seconds>,
);

const empty = z.strictObject({});
const byId = z.strictObject({ id });

const settingsPatch = z.strictObject({
  language: z.enum(LANGUAGES).nullable().optional(),
  columns: z
    .array(
      z.strictObject({
        id: column,
        visible: z.boolean(),
        width: z.number().int().min(20).max(2000).optional(),
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
  })
  .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= MAX_BLOCK, {
    message: `endRow must be after startRow, at most ${MAX_BLOCK} rows apart`,
  });

type SchemaMap = { [C in Channel]: z.ZodType<RequestOf<C>> };

export const requestSchemas = {
  'app:info': empty,
  'dialogs:list': listRequest,
  'dialogs:get': byId,
  'dialogs:history': byId,
  'metrics:explain': byId,
  'metrics:aggregate': z.strictObject({ filter: filterSchema, sla: slaSchema.optional() }),
  'metrics:recompute': empty,
  'reference:get': empty,
  'sync:status': empty,
  'settings:get': empty,
  'settings:set': settingsPatch,
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
