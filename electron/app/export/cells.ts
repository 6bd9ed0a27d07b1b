/**
 * What each exported column writes for a dialog, following the grid's
 * formatters (renderer/src/grid/columns.ts formatterFor, cells.tsx, live.ts)
 * so a file reads like the screen: the same labels, the same running waits,
 * dates in the user's zone. Where a file needs something else it says why:
 * a missing value is an empty cell, not the grid's "—" (a spreadsheet counts
 * and filters blanks); the supervisor's rating is its number, not stars.
 */
import { COLUMN_REGISTRY, type ColumnId } from '../../../shared/domain/columns.ts';
import { isKnownChannel } from '../../../shared/domain/channels.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import type { Language } from '../../../shared/ipc/contract.ts';
import { label, type LabelKey } from './labels.ts';
import { DURATION_NUM_FMT, durationSerial, durationText, zonedDates } from './zoned-time.ts';

/** A spreadsheet cell: text, or a number shown through the column's numFmt. */
export type SheetValue = string | number | null;

export interface ExportColumn {
  id: ColumnId;
  header: string;
  /** the CSV text; '' for no value */
  text(row: DialogListItem): string;
  /** the XLSX value */
  sheet(row: DialogListItem): SheetValue;
  /** the XLSX number format of the column's numbers (dates, durations) */
  numFmt: string | null;
  /** spreadsheet column width, in characters */
  width: number;
}

export interface CellOptions {
  language: Language;
  /** BCP 47 locale of the dates */
  locale: string;
  timeZone: string;
  /** the moment running waits are measured at (the export's start) */
  now: number;
}

/** The grid's locale for a language (renderer/src/i18n localeFor, without a browser to ask). */
export const defaultLocale = (language: Language): string => (language === 'ru' ? 'ru-RU' : 'en-GB');

const secondsSince = (startMs: number, now: number): number => Math.max(0, Math.floor((now - startMs) / 1000));

type Read = (row: DialogListItem) => unknown;

export function exportColumns(ids: readonly ColumnId[], options: CellOptions): ExportColumn[] {
  const { language, now } = options;
  const t = (key: LabelKey, params?: Record<string, string | number>) => label(language, key, params);
  const dates = zonedDates(options.locale, options.timeZone);
  const labelled =
    (prefix: string, values: readonly string[]) =>
    (value: unknown): string =>
      typeof value === 'string' && values.includes(value) ? t(`${prefix}.${value}` as LabelKey) : '';
  const rating = labelled('rating', ['like', 'dislike']);
  const direction = labelled('direction', ['in', 'out']);

  return ids.map((id): ExportColumn => {
    const spec = COLUMN_REGISTRY[id];
    const header = t(`column.${id}` as LabelKey);
    const width = Math.max(8, Math.round(spec.width / 7));
    const read: Read = (row) => (row as Record<string, unknown>)[id];
    const textual = (format: (row: DialogListItem) => string): ExportColumn => ({
      id,
      header,
      text: format,
      sheet: (row) => {
        const value = format(row);
        // a line break inside a spreadsheet cell is LF (XML would turn a raw CR into one anyway)
        return value === '' ? null : value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
      },
      numFmt: null,
      width,
    });

    if (spec.type === 'date') {
      return {
        id,
        header,
        text: (row) => (typeof read(row) === 'number' ? dates.text(read(row) as number) : ''),
        sheet: (row) => (typeof read(row) === 'number' ? dates.serial(read(row) as number) : null),
        numFmt: dates.numFmt,
        width: Math.max(width, 20),
      };
    }
    if (spec.type === 'duration') {
      // the grid's live columns: a running first wait and the current wait count from the clock
      const seconds: (row: DialogListItem) => number | null =
        id === 'waitingNow'
          ? (row) => (row.waitingSince === null ? null : secondsSince(row.waitingSince, now))
          : id === 'waitFirstAnswer'
            ? (row) =>
                row.waitingSince !== null && row.operatorAnsweredAt === null && row.createdAt !== null
                  ? secondsSince(row.createdAt, now)
                  : row.waitFirstAnswer
            : (row) => read(row) as number | null;
      return {
        id,
        header,
        text: (row) => {
          const s = seconds(row);
          return typeof s === 'number' ? durationText(s) : '';
        },
        sheet: (row) => {
          const s = seconds(row);
          return typeof s === 'number' ? durationSerial(s) : null;
        },
        numFmt: DURATION_NUM_FMT,
        width,
      };
    }
    if (spec.type === 'flag') return textual((row) => (read(row) === true ? t('flag.yes') : read(row) === false ? t('flag.no') : ''));
    if (spec.type === 'rating') return textual((row) => rating(read(row)));
    if (id === 'id' || id === 'supervisorRating') {
      return {
        id,
        header,
        text: (row) => (typeof read(row) === 'number' ? String(read(row)) : ''),
        sheet: (row) => (typeof read(row) === 'number' ? (read(row) as number) : null),
        numFmt: null,
        width,
      };
    }
    switch (id) {
      case 'direction':
        return textual((row) => direction(row.direction));
      case 'channel':
        return textual((row) => (row.channel === '' ? '' : isKnownChannel(row.channel) ? t(`channel.${row.channel}`) : row.channel));
      case 'status':
        return textual((row) => t(`status.${row.status}`));
      case 'statusDetail':
        return textual((row) =>
          row.statusDetail === 'unknown' ? t('statusDetail.unknown', { code: row.statusCode }) : t(`statusDetail.${row.statusDetail}`),
        );
      case 'crm':
        // the grid cell's title: the record's type, its title and its number
        return textual((row) => (row.crm ? `${t(`crm.${row.crm.type}`)}: ${row.crm.title} (#${row.crm.id})` : ''));
      default:
        return textual((row) => {
          const value = read(row);
          return value === null || value === undefined ? '' : String(value);
        });
    }
  });
}
