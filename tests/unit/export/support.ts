/**
 * What the export tests share: a generated cache opened by the real services,
 * waiting for a job, a real CSV parser (quotes, doubled quotes, line breaks
 * inside fields, the BOM) and the renderer's own words for headers and labels,
 * read from its JSON so the export's copy of them is checked, not trusted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateCache } from '../../../electron/app/generate/generate.ts';
import { cacheFileName, createServices, type SaveFileHook, type Services } from '../../../electron/app/services.ts';
import type { JobInfo } from '../../../shared/ipc/contract.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A generated cache of about `dialogs` dialogs for demo world `seed`, in a fresh data folder. */
export async function generatedDataDir(dialogs: number, seed = 3): Promise<string> {
  const dataDir = tempDir('ols-export-');
  await generateCache({ dataDir, cacheFile: path.join(dataDir, cacheFileName({ kind: 'demo', seed })), seed, dialogs, log: silentLog });
  return dataDir;
}

/** The real services on a data folder, still (no live traffic, no pulls), optionally with a save dialog. */
export async function servicesOn(dataDir: string, options: { seed?: number; saveFile?: SaveFileHook } = {}): Promise<Services> {
  const settings = new Map<string, unknown>();
  const services = createServices({
    dataDir,
    shell: options.saveFile ? 'electron' : 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'demo', seed: options.seed ?? 3, speed: 0 },
    osLanguage: 'en',
    version: 'test',
    log: silentLog,
    autoSync: false,
    saveFile: options.saveFile,
  });
  await services.start();
  return services;
}

/** Waits (polling jobs:list) until the job has ended; its last JobInfo. */
export async function jobEnd(services: Services, id: number): Promise<JobInfo> {
  for (let i = 0; i < 2400; i += 1) {
    const job = (await call(services, 'jobs:list', {})).find((j) => j.id === id);
    if (job && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not end`);
}

/** RFC 4180 with a chosen separator: quoted fields may hold separators, doubled quotes and line breaks. Fails loudly on a malformed file. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== separator && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === separator) {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`a bare LF outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || row.length > 0) throw new Error('the last row has no line end');
  return rows;
}

/** A CSV export as rows of fields, after checking its byte-order mark. */
export function readCsv(file: string, separator: string): string[][] {
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('no UTF-8 byte-order mark');
  return parseCsv(bytes.subarray(3).toString('utf8'), separator);
}

/** The renderer's dictionaries, flat, main file and the export domain's file together. */
export function rendererWords(language: 'ru' | 'en'): Record<string, string> {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'renderer/src/i18n', name), 'utf8')) as Record<string, string>;
  return { ...read(`${language}.json`), ...read(`domains/export.${language}.json`) };
}

/** "1:02:03" or "2:03" → seconds. */
export function clockSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** The wall-clock parts of a moment in a zone, as the UTC fields of a Date (what a spreadsheet date holds). */
const clocks = new Map<string, Intl.DateTimeFormat>();
export function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  let format = clocks.get(timeZone);
  if (!format) clocks.set(timeZone, (format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })));
  for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}
