/**
 * What `npm run export` is asked, checked before a file is touched: every
 * mistake is one line naming what is wrong (an unknown column lists the known
 * ones; a filter file that is not a DialogFilter names the first bad field).
 * Presets are resolved against the cache (built-ins by id, the user's saved
 * presets by name), so that part runs once the cache is open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COLUMN_IDS, COLUMN_REGISTRY, DEFAULT_SORT, isColumnId, type ColumnId } from '../../../shared/domain/columns.ts';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter, type BuiltInPresetId } from '../../../shared/domain/presets.ts';
import { LANGUAGES, type Language } from '../../../shared/ipc/contract.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/ipc/contract-export.ts';
import { describeIssues, filterSchema } from '../../../shared/ipc/schemas.ts';
import { knownTimeZone } from '../../../shared/ipc/schema-parts.ts';
import type { BackendConfig } from '../backends/factory.ts';
import { sourceFromOptions } from '../backends/source-options.ts';
import type { Db } from '../db/connection.ts';
import { compileFilter, FilterError } from '../db/queries/filter-sql.ts';
import { sortOrderOf } from '../db/queries/dialog-order.ts';
import { listPresets } from '../db/queries/presets.ts';
import { currentSource } from '../db/queries/workspace-state.ts';
import { defaultDataDir, osLanguage } from '../paths.ts';

export const EXPORT_USAGE = `Usage: npm run export -- --format csv|xlsx --out FILE [--data-dir DIR] [--seed N | --webhook URL | --webhook-file FILE]
         [--preset NAME | --filter FILE] [--columns a,b,c] [--sort COLUMN[:asc|desc]] [--lang ru|en] [--time-zone ZONE]

Exports every dialog the filter selects (default: all), in the order given (default: newest first), to FILE.
--preset    a built-in preset (${BUILT_IN_PRESET_IDS.filter((id) => id !== 'myActive').join(', ')}) or the name of a saved preset
--filter    a JSON file holding a DialogFilter (README: "Export"), e.g. {"conditions":[{"column":"line","op":"in","values":[1]}]}
--columns   column ids in order (default: the grid's default columns); known: ${COLUMN_IDS.filter((id) => COLUMN_REGISTRY[id].origin !== 'view').join(', ')}
--lang      headers and labels (default: the system's language); --time-zone the dates' IANA zone (default: this system's)
--seed      which demo world's cache in DIR (default 1)
--webhook   or --webhook-file, or OLS_WEBHOOK: that Bitrix24 portal's cache in DIR (fill it with npm run sync)`;

/** A filter file of a DialogFilter is small; anything larger is not one. */
const MAX_FILTER_FILE_BYTES = 1 << 20;

export interface ExportCliArgs {
  format: ExportFormat;
  out: string;
  dataDir: string;
  /** whose cache in dataDir: the demo world's or a portal's */
  source: BackendConfig;
  /** resolved once the cache is open (user presets live there) */
  selection: { preset: string } | { filter: DialogFilter } | null;
  columns: ColumnId[];
  sort: SortSpec | null;
  language: Language;
  timeZone: string;
}

type Parsed = ExportCliArgs | { help: true } | { error: string };

export const DEFAULT_EXPORT_COLUMNS: ColumnId[] = COLUMN_IDS.filter((id) => COLUMN_REGISTRY[id].defaultVisible && COLUMN_REGISTRY[id].origin !== 'view');

function parseColumns(text: string): ColumnId[] | { error: string } {
  const ids = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) return { error: '--columns names no column' };
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isColumnId(id)) return { error: `unknown column "${id}"; known: ${DEFAULT_KNOWN}` };
    if (COLUMN_REGISTRY[id].origin === 'view') return { error: `column "${id}" has no value to export` };
    if (seen.has(id)) return { error: `column "${id}" is listed twice` };
    seen.add(id);
  }
  return ids as ColumnId[];
}
const DEFAULT_KNOWN = COLUMN_IDS.filter((id) => COLUMN_REGISTRY[id].origin !== 'view').join(', ');

function parseSort(text: string): SortSpec | { error: string } {
  const [column = '', direction = 'desc', extra] = text.split(':');
  if (extra !== undefined || (direction !== 'asc' && direction !== 'desc')) return { error: `--sort takes COLUMN or COLUMN:asc|desc, got "${text}"` };
  if (!isColumnId(column) || !COLUMN_REGISTRY[column].sortable) return { error: `--sort: column "${column}" cannot be sorted` };
  return { column, direction };
}

/** A filter file's DialogFilter, or the reason it is not one. */
export function readFilterFile(file: string): DialogFilter | { error: string } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { error: `--filter ${file} is not a file` };
    if (stat.size > MAX_FILTER_FILE_BYTES) return { error: `--filter ${file} is too large for a filter (${stat.size} bytes)` };
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `--filter ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `--filter ${file} is not JSON: ${(error as Error).message}` };
  }
  const parsed = filterSchema.safeParse(json);
  if (!parsed.success) return { error: `--filter ${file} is not a dialog filter: ${describeIssues(parsed.error)}` };
  const filter = parsed.data as DialogFilter;
  try {
    compileFilter(filter, Date.now());
  } catch (error) {
    if (error instanceof FilterError) return { error: `--filter ${file}: ${error.message}` };
    throw error;
  }
  return filter;
}

export function parseExportArgs(argv: string[], env = process.env): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        webhook: { type: 'string' },
        'webhook-file': { type: 'string' },
        preset: { type: 'string' },
        filter: { type: 'string' },
        columns: { type: 'string' },
        sort: { type: 'string' },
        lang: { type: 'string' },
        'time-zone': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'bad arguments' };
  }
  if (values.help) return { help: true };
  const format = values.format;
  if (format === undefined) return { error: '--format csv|xlsx is required' };
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) return { error: `--format must be csv or xlsx, got "${String(format)}"` };
  const out = values.out;
  if (typeof out !== 'string' || out.trim() === '') return { error: '--out FILE is required (where to write the export)' };
  const source = sourceFromOptions(
    { seed: values.seed as string | undefined, webhook: values.webhook as string | undefined, 'webhook-file': values['webhook-file'] as string | undefined },
    env,
  );
  if ('error' in source) return source;
  const dir = values['data-dir'];
  if (dir !== undefined && String(dir).trim() === '') return { error: '--data-dir must name a folder' };
  if (values.preset !== undefined && values.filter !== undefined) return { error: 'give --preset or --filter, not both' };
  let selection: ExportCliArgs['selection'] = null;
  if (typeof values.preset === 'string') {
    if (values.preset.trim() === '') return { error: '--preset must name a preset' };
    selection = { preset: values.preset };
  } else if (typeof values.filter === 'string') {
    const filter = readFilterFile(path.resolve(values.filter));
    if ('error' in filter) return filter;
    selection = { filter };
  }
  const columns = typeof values.columns === 'string' ? parseColumns(values.columns) : DEFAULT_EXPORT_COLUMNS;
  if ('error' in columns) return columns;
  const sort = typeof values.sort === 'string' ? parseSort(values.sort) : null;
  if (sort && 'error' in sort) return sort;
  const language = values.lang ?? osLanguage(env);
  if (!(LANGUAGES as readonly unknown[]).includes(language)) return { error: `--lang must be ru or en, got "${String(language)}"` };
  const timeZone = String(values['time-zone'] ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!knownTimeZone(timeZone)) return { error: `--time-zone: unknown time zone "${timeZone}"` };
  return {
    format: format as ExportFormat,
    out: path.resolve(out),
    dataDir: path.resolve(String(dir ?? defaultDataDir())),
    source,
    selection,
    columns,
    sort,
    language: language as Language,
    timeZone,
  };
}

/**
 * The filter and sort a selection names in this cache: a built-in preset by
 * id, else a saved preset of the cache's source by its exact name.
 */
export function resolveSelection(db: Db, selection: ExportCliArgs['selection']): { filter: DialogFilter; sort: SortSpec | null } | { error: string } {
  if (selection === null) return { filter: { conditions: [] }, sort: null };
  if ('filter' in selection) return { filter: selection.filter, sort: null };
  const name = selection.preset;
  if ((BUILT_IN_PRESET_IDS as readonly string[]).includes(name)) {
    // the terminal has no connected user, so "my" dialogs are nobody's
    if (name === 'myActive') return { error: '--preset myActive needs the connected user; the terminal has none' };
    return { filter: builtInPresetFilter(name as BuiltInPresetId, { operatorId: null }), sort: null };
  }
  const source = currentSource(db);
  const saved = source === null ? [] : listPresets(db, source);
  const preset = saved.find((p) => p.name === name);
  if (!preset) {
    const names = [...BUILT_IN_PRESET_IDS.filter((id) => id !== 'myActive'), ...saved.map((p) => JSON.stringify(p.name))];
    return { error: `no preset "${name}"; known: ${names.join(', ')}` };
  }
  return { filter: preset.filter, sort: preset.sort };
}

/** The sort to use: the one asked for, the preset's own, else newest first; checked against the SQL whitelist. */
export function chosenSort(asked: SortSpec | null, preset: SortSpec | null): SortSpec {
  const sort = asked ?? preset ?? DEFAULT_SORT;
  sortOrderOf(sort);
  return sort;
}
