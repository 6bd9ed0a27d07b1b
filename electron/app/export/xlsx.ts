/**
 * XLSX through exceljs' streaming WorkbookWriter: each row is committed as
 * it is added, so the sheet's XML goes to the zip and the file as it is made
 * and memory holds about one block whatever the size. Strings are inline (no
 * shared-strings table, which would grow with every distinct client name);
 * deflate runs at level 1, which costs a few per cent of size and saves
 * most of the compression time. The header row is bold and frozen.
 *
 * exceljs is loaded on the first XLSX export only: every reader thread would
 * otherwise pay its load time and memory at start.
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type fs from 'node:fs';
import type { ExportColumn, SheetValue } from './cells.ts';
import { destroyStream, drained, openPrivateStream, type Sink } from './sink.ts';

type ExcelJs = typeof import('exceljs');

let loaded: Promise<ExcelJs> | null = null;
async function excel(): Promise<ExcelJs> {
  // a CommonJS package: its exports arrive as the namespace's default
  loaded ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJs }).default ?? m));
  return loaded;
}

/** A sheet name may not hold : \ / ? * [ ] and is at most 31 characters. */
export const sheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

/** Uncompressed sheet XML that may wait for the zip's deflate before rows stop being made. */
const ZIP_BACKLOG_BYTES = 4 << 20;

/**
 * Waits while the sheet's XML piles up in front of the zip's deflate stream.
 * exceljs writes the sheet into the zip without back-pressure, and deflate
 * runs on the thread pool, one chunk per event-loop turn: unchecked, a fast
 * producer buffered nearly the whole sheet (85 MB of XML per 100 k rows).
 * The deflate stream is reached through exceljs' StreamBuf (`pipes`), which
 * exists once the zip has opened the sheet's entry; until then a short pause
 * lets it.
 */
async function zipCaughtUp(sheet: unknown): Promise<void> {
  for (let waited = 0; ; waited += 1) {
    const pipes = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes;
    const deflate = pipes?.[0] as { writableLength?: unknown } | undefined;
    if (typeof deflate?.writableLength !== 'number') {
      if (waited >= 20) return;
    } else if (deflate.writableLength <= ZIP_BACKLOG_BYTES) {
      return;
    }
    await delay(2);
  }
}

export async function openXlsxSink(file: string, columns: readonly ExportColumn[], title: string): Promise<Sink> {
  const ExcelJS = await excel();
  const stream: fs.WriteStream = await openPrivateStream(file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Open Lines Supervisor';
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  // One style object per column, shared by all its cells: exceljs recognises a style object it has seen
  // (a WeakMap) and otherwise serialises every cell's style to find its id, which was most of the time.
  const styles = columns.map((c) => (c.numFmt ? { numFmt: c.numFmt } : {}));
  sheet.columns = columns.map((c) => ({ key: c.id, width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  const bold = { font: { bold: true } };
  header.eachCell((cell) => (cell.style = bold));
  header.commit();

  const blank = {};
  const values: SheetValue[] = new Array<SheetValue>(columns.length);
  return {
    async write(rows) {
      for (const item of rows) {
        for (let i = 0; i < columns.length; i += 1) values[i] = columns[i]!.sheet(item);
        const row = sheet.addRow(values);
        // an empty cell gets no number format, so it is not written at all
        for (let i = 0; i < columns.length; i += 1) row.getCell(i + 1).style = values[i] === null ? blank : styles[i]!;
        row.commit();
      }
      await zipCaughtUp(sheet);
      await drained(stream);
    },
    async finish() {
      sheet.commit();
      // resolves once the zip is finalised and the file stream has finished
      await workbook.commit();
      // and the file is closed before it is renamed (Windows refuses to rename an open file)
      if (!stream.closed) await once(stream, 'close');
      if (stream.errored) throw stream.errored;
      return stream.bytesWritten;
    },
    async abort() {
      await destroyStream(stream);
    },
  };
}
