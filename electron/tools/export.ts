/**
 * `npm run export -- --format csv|xlsx --out FILE [--data-dir DIR] [--seed N | --webhook URL]
 *   [--preset NAME | --filter FILE] [--columns a,b,c] [--sort COL[:dir]] [--lang ru|en] [--time-zone ZONE]`
 * The app's export from a terminal, for scheduled reports: the same code
 * (electron/app/export/run-export.ts) on this process's own read-only
 * connection, safe while the app runs (WAL). The file appears under FILE
 * only when it is complete; a mistake, a failure or Ctrl+C leaves nothing
 * behind and exits non-zero with one line on stderr. Progress goes to
 * stderr, a one-line summary to stdout. The npm script runs Node with
 * --max-semi-space-size=8: exceljs makes garbage fast, and V8's default young
 * generation let a 100 k-row XLSX export peak at 350 MiB instead of 240.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../app/db/connection.ts';
import { FilterError } from '../app/db/queries/filter-sql.ts';
import { defaultLocale } from '../app/export/cells.ts';
import { chosenSort, EXPORT_USAGE, parseExportArgs, resolveSelection } from '../app/export/cli-args.ts';
import { runExport } from '../app/export/run-export.ts';
import { cacheFileName } from '../app/services.ts';
import { isEntry } from './is-entry.ts';

/** A report reads the rows once, in order: a small page cache serves it as well as the app's 64 MiB. */
const CLI_CACHE_KIB = 16 * 1024;

function progress(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  let drawnAt = 0;
  let lastTenth = -1;
  return (done, total) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    if (stream.isTTY) {
      const now = performance.now();
      if (done < total && now - drawnAt < 100) return;
      drawnAt = now;
      const filled = Math.round(share * 30);
      stream.write(`\rexport [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}\x1b[K`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    stream.write(`export: ${tenth * 10}% (${done.toLocaleString('en')}/${total.toLocaleString('en')})\n`);
  };
}

/** One line for a file-system error: what, where, why. */
function fsMessage(error: NodeJS.ErrnoException, out: string): string {
  const where = path.dirname(out);
  switch (error.code) {
    case 'ENOENT':
      return `cannot write ${out}: the folder ${where} does not exist`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot write ${out}: no permission to write in ${where}`;
    case 'EISDIR':
      return `cannot write ${out}: it is a folder`;
    case 'ENOSPC':
      return `cannot write ${out}: the disk is full`;
    default:
      return `cannot write ${out}: ${error.message}`;
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseExportArgs(argv);
  if ('help' in args) {
    console.log(EXPORT_USAGE);
    return 0;
  }
  const fail = (message: string) => {
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.error(`export: ${message}`);
    return 1;
  };
  if ('error' in args) return fail(args.error);
  if (fs.statSync(args.out, { throwIfNoEntry: false })?.isDirectory()) return fail(`cannot write ${args.out}: it is a folder`);
  const file = path.join(args.dataDir, cacheFileName(args.source));
  if (!fs.existsSync(file)) {
    return fail(
      args.source.kind === 'bitrix24'
        ? `no cache at ${file}: fill it first with npm run sync -- --once and the same webhook`
        : `no cache at ${file}: start the app once (npm start / npm run web) or npm run generate`,
    );
  }

  let db;
  try {
    db = openDatabase(file, { readonly: true, migrate: false });
  } catch (error) {
    return fail(`cannot open the cache ${file}: ${(error as Error).message}`);
  }
  const ctx = { cancelled: false, progress: progress(process.stderr) };
  // Ctrl+C (or a scheduler's stop) cancels between blocks, so the partial file is removed before the exit
  const stop = () => (ctx.cancelled = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    db.pragma(`cache_size = -${CLI_CACHE_KIB}`);
    const selection = resolveSelection(db, args.selection);
    if ('error' in selection) return fail(selection.error);
    const sort = chosenSort(args.sort, selection.sort);
    const started = performance.now();
    const result = await runExport(db, ctx, {
      filter: selection.filter,
      sort,
      columns: args.columns,
      language: args.language,
      format: args.format,
      timeZone: args.timeZone,
      locale: defaultLocale(args.language),
      file: args.out,
      now: Date.now(),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Exported ${result.rows.toLocaleString('en')} dialogs to ${args.out} (${args.format.toUpperCase()}, ${(result.bytes / 2 ** 20).toFixed(1)} MiB) in ${seconds.toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.name === 'JobCancelled') return fail('stopped; nothing was written');
    if (error instanceof FilterError) return fail(error.message);
    if (typeof e.code === 'string' && e.syscall) return fail(fsMessage(e, args.out));
    return fail(e.message);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    db.close();
  }
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
