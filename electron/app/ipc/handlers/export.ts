/**
 * The export channels (shared/ipc/contract-export.ts). An export is a job on
 * a reader worker's background lane: the reader walks the rows by keyset and
 * writes the file itself (electron/app/export/), so neither the rows nor the
 * formatting ever pass through this thread. The finished file waits in the
 * data folder's exports/ until the desktop shell saves it where the user
 * chooses (export:save) or browser mode's host serves it as a download.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobInfo } from '../../../../shared/ipc/contract.ts';
import type { ExportContract, ExportFile } from '../../../../shared/ipc/contract-export.ts';
import { compileFilter, FilterError } from '../../db/queries/filter-sql.ts';
import { sortOrderOf } from '../../db/queries/dialog-order.ts';
import { defaultLocale } from '../../export/cells.ts';
import { copyExportTo, exportFileName, exportPath, prepareExportsDir } from '../../export/files.ts';
import type { ExportArgs } from '../../export/run-export.ts';
import { AppError } from '../app-error.ts';
import type { HandlerContext, HandlersOf } from './context.ts';

/** Exports running at once; each holds a background reader while it runs. */
export const MAX_RUNNING_EXPORTS = 2;

export function exportHandlers(ctx: HandlerContext) {
  const { dataDir } = ctx.info;
  const finishedExport = (id: number): JobInfo & { result: ExportFile } => {
    const job = ctx.jobs.list().find((j) => j.id === id && j.kind === 'export');
    if (!job) throw new AppError('NOT_FOUND', `Export ${id} is not known`);
    if (job.state !== 'done' || !job.result) throw new AppError('CONFLICT', `Export ${id} has not finished (${job.state})`);
    return job as JobInfo & { result: ExportFile };
  };

  return {
    'export:start': (request) => {
      const now = ctx.now();
      // what the reader would refuse, refused here at once: a filter or sort the SQL whitelist does not take
      try {
        compileFilter(request.filter, now);
        sortOrderOf(request.sort);
      } catch (error) {
        if (error instanceof FilterError) throw new AppError('VALIDATION', error.message);
        throw error;
      }
      if (ctx.jobs.list().filter((j) => j.kind === 'export' && j.state === 'running').length >= MAX_RUNNING_EXPORTS) {
        throw new AppError('CONFLICT', `${MAX_RUNNING_EXPORTS} exports are running already; wait for one to finish or cancel it`);
      }
      const dir = prepareExportsDir(dataDir, now);
      const args: ExportArgs = {
        ...request,
        locale: request.locale ?? defaultLocale(request.language),
        file: path.join(dir, exportFileName(request.format, now, request.timeZone)),
        now,
      };
      return ctx.jobs.start(
        'export',
        (onProgress) => ctx.data.readers.job('exportView', onProgress, [args]),
        undefined,
        (file) => file,
      );
    },
    'export:save': async ({ id }) => {
      const { result } = finishedExport(id);
      if (!ctx.saveFile) {
        throw new AppError('UNAVAILABLE', 'Saving to a chosen folder is for the desktop app; in the browser the export downloads.');
      }
      const source = exportPath(dataDir, result.fileName);
      if (!source || !fs.existsSync(source)) throw new AppError('NOT_FOUND', `${result.fileName} is no longer kept; export again`);
      const target = await ctx.saveFile({ fileName: result.fileName, format: result.format });
      if (target === null) return { path: null };
      if (typeof target !== 'string' || !path.isAbsolute(target)) throw new AppError('VALIDATION', 'The save dialog gave no usable path');
      try {
        copyExportTo(source, target);
      } catch (error) {
        throw new AppError('UNAVAILABLE', `Could not save ${path.basename(target)}: ${(error as Error).message}`);
      }
      return { path: target };
    },
  } satisfies HandlersOf<keyof ExportContract>;
}
