/**
 * Request schemas of the workspace channels (./contract-workspace.ts), merged
 * into requestSchemas, and the schemas of the files presets and layouts are
 * exported to: an import is the same untrusted input as a request, so it
 * meets the same bounds (names, counts, the filter's own limits).
 */
import { z } from 'zod';
import { BUILT_IN_PRESET_IDS } from '../domain/presets.ts';
import {
  FILE_VERSION,
  LAYOUTS_FILE_FORMAT,
  MAX_IMPORT_CHARS,
  MAX_LAYOUTS,
  MAX_NAME,
  MAX_PRESETS,
  PIN_SIDES,
  PRESETS_FILE_FORMAT,
} from '../domain/layouts.ts';
import { COLUMN_IDS } from '../domain/columns.ts';
import type { WorkspaceContract } from './contract-workspace.ts';
import { column, empty, filterSchema, id, sortSchema } from './schema-parts.ts';

type WorkspaceSchemaMap = { [C in keyof WorkspaceContract]: z.ZodType<WorkspaceContract[C]['request']> };

/** A name as shown on a button: trimmed, not empty, one line. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
export const nameSchema = z
  .string()
  .max(MAX_NAME * 4)
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'the name is empty')
      .max(MAX_NAME, `a name has at most ${MAX_NAME} characters`)
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'a name is one line of text'),
  );

export const presetKeySchema = z.union([z.enum(BUILT_IN_PRESET_IDS), z.string().regex(/^user:[1-9]\d{0,14}$/, 'not a preset id')]);

const pinned = z.enum(PIN_SIDES).nullable().optional();
const width = z.number().int().min(20).max(2000).optional();

/** Columns as the app knows them (requests come from this app's own grid). */
export const layoutColumnsSchema = z
  .array(z.strictObject({ id: column, visible: z.boolean(), width, pinned }))
  .min(1)
  .max(COLUMN_IDS.length)
  .refine((cols) => new Set(cols.map((c) => c.id)).size === cols.length, { message: 'a column is listed twice' })
  .refine((cols) => cols.some((c) => c.visible), { message: 'a layout shows at least one column' });

const importText = z.strictObject({ text: z.string().min(1).max(MAX_IMPORT_CHARS, `an import file has at most ${MAX_IMPORT_CHARS} characters`) });

export const workspaceSchemas = {
  'workspace:get': empty,
  'workspace:setState': z.strictObject({
    presetId: presetKeySchema.nullable().optional(),
    defaultPresetId: presetKeySchema.nullable().optional(),
    layoutId: id.nullable().optional(),
  }),
  'presets:counts': empty,
  'presets:create': z.strictObject({ name: nameSchema, filter: filterSchema, sort: sortSchema.nullable() }),
  'presets:update': z.strictObject({ id, name: nameSchema.optional(), filter: filterSchema.optional(), sort: sortSchema.nullable().optional() }),
  'presets:delete': z.strictObject({ id }),
  'presets:reorder': z
    .strictObject({ ids: z.array(id).max(MAX_PRESETS) })
    .refine((r) => new Set(r.ids).size === r.ids.length, { message: 'an id is listed twice' }),
  'presets:import': importText,
  'layouts:create': z.strictObject({ name: nameSchema, columns: layoutColumnsSchema }),
  'layouts:update': z.strictObject({ id, name: nameSchema.optional(), columns: layoutColumnsSchema.optional() }),
  'layouts:delete': z.strictObject({ id }),
  'layouts:import': importText,
} satisfies WorkspaceSchemaMap;

/** An exported presets file. A filter naming a column this app does not know is refused: it could not mean what it meant. */
export const presetsFileSchema = z.strictObject({
  format: z.literal(PRESETS_FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  presets: z
    .array(z.strictObject({ name: nameSchema, filter: filterSchema, sort: sortSchema.nullable() }))
    .min(1, 'the file has no preset')
    .max(MAX_PRESETS, `at most ${MAX_PRESETS} presets`),
});

/**
 * An exported layouts file, maybe from another version: a column id is any
 * short text here, and the handler drops (and names) the ones it does not know.
 */
export const layoutsFileSchema = z.strictObject({
  format: z.literal(LAYOUTS_FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  layouts: z
    .array(
      z.strictObject({
        name: nameSchema,
        columns: z
          .array(z.strictObject({ id: z.string().min(1).max(64), visible: z.boolean(), width, pinned }))
          .min(1)
          .max(200),
      }),
    )
    .min(1, 'the file has no layout')
    .max(MAX_LAYOUTS, `at most ${MAX_LAYOUTS} layouts`),
});
