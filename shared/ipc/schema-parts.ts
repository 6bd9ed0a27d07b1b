/**
 * The building blocks of the request schemas (ids, the filter, the sort, SLA
 * thresholds), shared by the core schemas and each domain's schema file so
 * neither imports the other.
 */
import { z } from 'zod';
import { COLUMN_IDS } from '../domain/columns.ts';
import { DATE_PRESETS, GROUP_OPS, SORT_DIRECTIONS } from '../domain/filter.ts';
import { SLA_METRIC_IDS } from '../domain/metrics.ts';

export const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const column = z.enum(COLUMN_IDS);
export const finite = z.number().finite();

/** Bounds keep a hostile or buggy caller from asking for absurd work. */
export const MAX_BLOCK = 1000;
export const MAX_CONDITIONS = 64;
export const MAX_VALUES = 500;
export const MAX_TEXT = 500;

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

export const MAX_GROUPS = 16;

export const filterGroupSchema = z.strictObject({
  op: z.enum(GROUP_OPS),
  conditions: z.array(filterConditionSchema).max(MAX_CONDITIONS),
});

export const filterSchema = z
  .strictObject({
    conditions: z.array(filterConditionSchema).max(MAX_CONDITIONS),
    groups: z.array(filterGroupSchema).max(MAX_GROUPS).optional(),
    search: z.string().max(MAX_TEXT).optional(),
  })
  .refine((f) => f.conditions.length + (f.groups ?? []).reduce((n, g) => n + g.conditions.length, 0) <= MAX_CONDITIONS, {
    message: `at most ${MAX_CONDITIONS} conditions in all`,
  });

export const sortSchema = z.strictObject({ column, direction: z.enum(SORT_DIRECTIONS) });

export const seconds = z.number().int().min(0).max(365 * 24 * 3600);
export const slaSchema = z.strictObject(
  Object.fromEntries(SLA_METRIC_IDS.map((m) => [m, seconds])) as Record<(typeof SLA_METRIC_IDS)[number], typeof seconds>,
);

export const empty = z.strictObject({});
export const byId = z.strictObject({ id });

/** Whether this runtime knows the zone (an unknown one makes Intl throw a RangeError). */
export function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name this runtime knows (exports write local times in it). */
export const timeZoneSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_+\-/]+$/).refine(knownTimeZone, { message: 'unknown time zone' });
