/**
 * The workspace channels (shared/ipc/contract-workspace.ts): saved presets and
 * named layouts. Reads go to a reader, changes to the writer; an import file
 * is parsed and checked here, whole, before anything is written, so a hostile
 * or broken file changes nothing.
 */
import type { z } from 'zod';
import { isColumnId } from '../../../../shared/domain/columns.ts';
import type { LayoutColumn } from '../../../../shared/domain/layouts.ts';
import type { WorkspaceContract } from '../../../../shared/ipc/contract-workspace.ts';
import { describeIssues } from '../../../../shared/ipc/schemas.ts';
import { layoutsFileSchema, presetsFileSchema } from '../../../../shared/ipc/schemas-workspace.ts';
import { AppError } from '../app-error.ts';
import type { HandlerContext, HandlersOf } from './context.ts';
import { asAppErrors } from './errors.ts';

/** A workspace rule broken in the writer (WorkspaceError) is the AppError of its code. */
async function workspaceErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await asAppErrors(work);
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    if (e.name === 'WorkspaceError' && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND' || e.code === 'VALIDATION' || e.code === 'UNAVAILABLE')) {
      throw new AppError(e.code, e.message ?? 'The workspace refused the change');
    }
    throw error;
  }
}

/** The file's JSON, checked against its schema; every failure names what is wrong and changes nothing. */
function parseFile<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `This is not a ${what} file: it is not JSON (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('VALIDATION', `This is not a valid ${what} file: ${describeIssues(parsed.error)}. Nothing was imported.`);
  return parsed.data;
}

/**
 * A layout from another version keeps the columns this app knows (duplicates
 * once), and names the ones it dropped; one with no known visible column is
 * refused, since it could only show an empty grid.
 */
export function knownColumns(
  layouts: z.infer<typeof layoutsFileSchema>['layouts'],
): { layouts: Array<{ name: string; columns: LayoutColumn[] }>; dropped: string[] } {
  const dropped = new Set<string>();
  const out = layouts.map((layout) => {
    const seen = new Set<string>();
    const columns: LayoutColumn[] = [];
    for (const column of layout.columns) {
      if (!isColumnId(column.id)) {
        dropped.add(column.id);
        continue;
      }
      if (seen.has(column.id)) continue;
      seen.add(column.id);
      columns.push({ ...column, id: column.id });
    }
    if (!columns.some((c) => c.visible)) {
      throw new AppError('VALIDATION', `The layout “${layout.name}” shows no column this app knows. Nothing was imported.`);
    }
    return { name: layout.name, columns };
  });
  return { layouts: out, dropped: [...dropped] };
}

export function workspaceHandlers(ctx: HandlerContext) {
  const { readers, write } = ctx.data;
  // Neither source the app has (the demo world, or a webhook without a user) names a connected
  // user, so "My active dialogs" stays hidden; a connector that knows its user passes its operator id.
  const operatorId: number | null = null;
  return {
    'workspace:get': () => workspaceErrors(readers.api.workspace(operatorId)),
    'workspace:setState': (patch) => workspaceErrors(write.workspaceSetState(operatorId, patch)),
    // background lane: many counts must never stand in front of the grid's next block
    'presets:counts': async () => ({
      counts: await workspaceErrors(readers.call('presetCounts', [operatorId, ctx.now()], { lane: 'background' })),
    }),
    'presets:create': (preset) => workspaceErrors(write.presetCreate(operatorId, preset, ctx.now())),
    'presets:update': (patch) => workspaceErrors(write.presetUpdate(operatorId, patch, ctx.now())),
    'presets:delete': ({ id }) => workspaceErrors(write.presetDelete(operatorId, id)),
    'presets:reorder': ({ ids }) => workspaceErrors(write.presetReorder(operatorId, ids)),
    'presets:import': ({ text }) => {
      const file = parseFile(text, presetsFileSchema, 'presets');
      return workspaceErrors(write.presetImport(operatorId, file.presets, ctx.now()));
    },
    'layouts:create': (layout) => workspaceErrors(write.layoutCreate(operatorId, layout, ctx.now())),
    'layouts:update': (patch) => workspaceErrors(write.layoutUpdate(operatorId, patch, ctx.now())),
    'layouts:delete': ({ id }) => workspaceErrors(write.layoutDelete(operatorId, id)),
    'layouts:import': async ({ text }) => {
      const { layouts, dropped } = knownColumns(parseFile(text, layoutsFileSchema, 'layouts').layouts);
      const result = await workspaceErrors(write.layoutImport(operatorId, layouts, ctx.now()));
      return { ...result, dropped };
    },
  } satisfies HandlersOf<keyof WorkspaceContract>;
}
