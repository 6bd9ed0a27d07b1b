/**
 * One export, start to end, on whatever thread owns the connection: a reader
 * worker for the app (the job method below), the command line's own
 * connection for `npm run export`. The file is written under a temporary
 * name beside its final one and renamed at the end, so a reader of the
 * folder never sees half a file; a failure or a cancel removes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportFile, ExportRequest } from '../../../shared/ipc/contract-export.ts';
import type { Db } from '../db/connection.ts';
import { JobCancelled, type JobContext } from '../data/protocol.ts';
import { exportColumns } from './cells.ts';
import { csvDelimiter, openCsvSink } from './csv.ts';
import { label } from './labels.ts';
import { partialName, type Sink } from './sink.ts';
import { exportRows } from './source.ts';
import { openXlsxSink } from './xlsx.ts';

/** Rows per read: large enough that per-statement costs vanish, small enough to hold nothing worth counting. */
export const EXPORT_BLOCK = 2000;

export interface ExportArgs extends Omit<ExportRequest, 'locale'> {
  locale: string;
  /** the finished file's path */
  file: string;
  /** the moment of the export: date presets and running waits are taken at it */
  now: number;
}

export async function runExport(db: Db, ctx: JobContext, args: ExportArgs): Promise<ExportFile> {
  const columns = exportColumns(args.columns, { language: args.language, locale: args.locale, timeZone: args.timeZone, now: args.now });
  const rows = exportRows(db, args.filter, args.sort, args.now, EXPORT_BLOCK);
  const part = partialName(args.file);
  let sink: Sink | null = null;
  try {
    sink =
      args.format === 'csv'
        ? await openCsvSink(part, columns, csvDelimiter(args.language))
        : await openXlsxSink(part, columns, label(args.language, 'export.sheet'));
    let done = 0;
    ctx.progress(0, rows.total);
    for (;;) {
      if (ctx.cancelled) throw new JobCancelled();
      const block = rows.next();
      if (block.length > 0) await sink.write(block);
      done += block.length;
      // rows the sync added meanwhile may take the count past the first total
      ctx.progress(done, Math.max(rows.total, done));
      if (block.length < EXPORT_BLOCK) break;
      // let calls and a cancel that arrived meanwhile be served between blocks
      await nextTurn();
    }
    if (ctx.cancelled) throw new JobCancelled();
    const bytes = await sink.finish();
    sink = null;
    fs.renameSync(part, args.file);
    return { fileName: path.basename(args.file), format: args.format, rows: done, bytes };
  } catch (error) {
    await sink?.abort().catch(() => undefined);
    fs.rmSync(part, { force: true });
    throw error;
  }
}

/** The reader workers' job methods (data/read-api.ts READ_JOBS). */
export const EXPORT_JOBS = {
  exportView(db: Db, ctx: JobContext, args: ExportArgs): Promise<ExportFile> {
    return runExport(db, ctx, args);
  },
};
