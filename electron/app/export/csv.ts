/**
 * CSV as spreadsheets open it: UTF-8 with a byte-order mark (without it
 * Excel reads Cyrillic as Windows-1251), CRLF line ends, fields quoted when
 * they hold the separator, a quote or a line break (RFC 4180). The separator
 * follows the language: `;` for Russian, where Excel's list separator is a
 * semicolon (a comma file opens as one column there), `,` for English.
 *
 * Client names, comments and page URLs come from outside: a field that
 * begins with = + - @ (or a tab / CR) would run as a formula when the file is
 * opened, so it gets a leading apostrophe (OWASP's advice for CSV
 * injection). No value the app itself writes (labels, dates, h:mm:ss) starts
 * with one of those.
 */
import type fs from 'node:fs';
import type { Language } from '../../../shared/ipc/contract.ts';
import type { ExportColumn } from './cells.ts';
import { destroyStream, drained, endStream, openPrivateStream, type Sink } from './sink.ts';

export const BOM = '\uFEFF';
export const csvDelimiter = (language: Language): string => (language === 'ru' ? ';' : ',');

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string, needsQuotes: RegExp): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export async function openCsvSink(file: string, columns: readonly ExportColumn[], delimiter: string): Promise<Sink> {
  const stream: fs.WriteStream = await openPrivateStream(file);
  const needsQuotes = new RegExp(`["\\r\\n${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}]`);
  const line = (cells: string[]) => cells.map((c) => csvField(c, needsQuotes)).join(delimiter) + '\r\n';
  stream.write(BOM + line(columns.map((c) => c.header)));
  return {
    async write(rows) {
      let chunk = '';
      for (const row of rows) {
        let out = '';
        for (let i = 0; i < columns.length; i += 1) {
          if (i > 0) out += delimiter;
          out += csvField(columns[i]!.text(row), needsQuotes);
        }
        chunk += out + '\r\n';
      }
      stream.write(chunk);
      await drained(stream);
    },
    finish: () => endStream(stream),
    abort: () => destroyStream(stream),
  };
}
