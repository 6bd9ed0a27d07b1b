/** Request schemas of the export channels (./contract-export.ts); merged into requestSchemas. */
import { z } from 'zod';
import { COLUMN_IDS, COLUMN_REGISTRY } from '../domain/columns.ts';
import { LANGUAGES } from './contract.ts';
import { EXPORT_FORMATS, type ExportContract } from './contract-export.ts';
import { byId, column, filterSchema, sortSchema, timeZoneSchema } from './schema-parts.ts';

type ExportSchemaMap = { [C in keyof ExportContract]: z.ZodType<ExportContract[C]['request']> };

function knownLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const exportColumns = z
  .array(column)
  .min(1)
  .max(COLUMN_IDS.length)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'a column may be listed once' })
  .refine((ids) => ids.every((id) => COLUMN_REGISTRY[id].origin !== 'view'), { message: 'the actions column has no value to export' });

export const exportRequestSchema = z.strictObject({
  filter: filterSchema,
  sort: sortSchema,
  columns: exportColumns,
  language: z.enum(LANGUAGES),
  format: z.enum(EXPORT_FORMATS),
  // IANA names are short ASCII ("America/Argentina/Buenos_Aires", "Etc/GMT+10")
  timeZone: timeZoneSchema,
  locale: z
    .string()
    .min(2)
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)
    .refine(knownLocale, { message: 'unknown locale' })
    .optional(),
});

export const exportSchemas = {
  'export:start': exportRequestSchema,
  'export:save': byId,
} satisfies ExportSchemaMap;
