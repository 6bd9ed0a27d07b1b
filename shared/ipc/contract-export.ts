/**
 * Export's slice of the IPC contract: the current view to CSV or XLSX as a
 * background job, and delivering the file (a save dialog in Electron, a
 * download in browser mode). Merged into `Contract` in ./contract.ts; its
 * request schemas live in ./schemas-export.ts and its handlers in
 * electron/app/ipc/handlers/export.ts.
 */
import type { ColumnId } from '../domain/columns.ts';
import type { DialogFilter, SortSpec } from '../domain/filter.ts';
import type { JobInfo, Language } from './contract.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to export: the view as the grid shows it. */
export interface ExportRequest {
  /** every dialog the filter selects, not only the rows the grid has loaded */
  filter: DialogFilter;
  sort: SortSpec;
  /** the visible columns in their order (the actions menu has no value and is not accepted) */
  columns: ColumnId[];
  /** headers and labels */
  language: Language;
  format: ExportFormat;
  /** IANA zone the dates are written in: the renderer's own, so they read as on screen */
  timeZone: string;
  /** BCP 47 locale of the dates (the grid's); default: the language's */
  locale?: string;
}

/** What a finished export made, kept on its JobInfo (`result`). */
export interface ExportFile {
  /** the file's name in the data folder's exports/ (also the name a download or save suggests) */
  fileName: string;
  format: ExportFormat;
  /** data rows, the header not counted */
  rows: number;
  bytes: number;
}

/**
 * Where browser mode serves a finished export (GET, behind the host's guard):
 * the prefix followed by ExportFile.fileName.
 */
export const EXPORT_DOWNLOAD_PREFIX = '/exports/';

/** The names export files get; anything else under the prefix is not served. */
export const EXPORT_FILE_NAME = /^dialogs-[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}\.(csv|xlsx)$/;

export interface ExportContract {
  /** Start exporting the view as a job (progress and the result arrive as `jobs:progress`; cancel with `jobs:cancel`). */
  'export:start': { request: ExportRequest; response: JobInfo };
  /**
   * Electron: ask where to save a finished export (the OS save dialog) and
   * copy it there. `path` is null when the user closed the dialog. Browser
   * mode answers UNAVAILABLE: the file downloads from EXPORT_DOWNLOAD_PREFIX.
   */
  'export:save': { request: { id: number }; response: { path: string | null } };
}

/** Export's channels, for allow-lists that must not pull in the schemas. */
export const EXPORT_CHANNELS = ['export:start', 'export:save'] as const satisfies ReadonlyArray<keyof ExportContract>;
