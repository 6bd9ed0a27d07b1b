// Export through the real services (reader workers, a generated SQLite cache), read back as a user's spreadsheet would.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { cacheFileName, type Services } from '../../../electron/app/services.ts';
import type { DialogListItem } from '../../../shared/domain/dialog.ts';
import type { ColumnId } from '../../../shared/domain/columns.ts';
import type { DialogFilter, SortSpec } from '../../../shared/domain/filter.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/presets.ts';
import type { JobInfo } from '../../../shared/ipc/contract.ts';
import type { ExportRequest } from '../../../shared/ipc/contract-export.ts';
import { formatDateTime, formatDuration } from '../../../renderer/src/grid/format.ts';
import { call } from '../../support/temp-cache.ts';
import { clockSeconds, generatedDataDir, jobEnd, readCsv, rendererWords, servicesOn, wallClock } from './support.ts';

const SEED = 3;
const COLUMNS: ColumnId[] = ['id', 'status', 'statusDetail', 'channel', 'client', 'createdAt', 'lastMessageAt', 'duration', 'responseAvg', 'operator'];
const SORT: SortSpec = { column: 'createdAt', direction: 'desc' };
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const HOSTILE_NAME = '=HYPERLINK("http://evil.example";"click"); line one\r\nline "two", end';

let dataDir: string;
let services: Services;
let hostileId: number;

async function allRows(filter: DialogFilter, sort: SortSpec): Promise<{ rows: DialogListItem[]; total: number }> {
  const rows: DialogListItem[] = [];
  let total = 0;
  do {
    const page = await call(services, 'dialogs:list', { filter, sort, startRow: rows.length, endRow: rows.length + 1000 });
    total = page.total;
    rows.push(...page.rows);
    if (page.rows.length === 0) break;
  } while (rows.length < total);
  return { rows, total };
}

async function exported(request: Partial<ExportRequest> & Pick<ExportRequest, 'format' | 'language'>): Promise<{ job: JobInfo; file: string }> {
  const started = await call(services, 'export:start', {
    filter: { conditions: [] },
    sort: SORT,
    columns: COLUMNS,
    timeZone: LOCAL_ZONE,
    ...request,
  });
  expect(started).toMatchObject({ kind: 'export', state: 'running' });
  const job = await jobEnd(services, started.id);
  expect(job.state, job.error ?? '').toBe('done');
  return { job, file: path.join(dataDir, 'exports', job.result!.fileName) };
}

beforeAll(async () => {
  dataDir = await generatedDataDir(5000, SEED);
  // a client name from outside that tries everything a CSV field can break on, and a formula
  const db = openDatabase(path.join(dataDir, cacheFileName({ kind: 'demo', seed: SEED })), { migrate: false });
  hostileId = db.prepare('SELECT id FROM dialogs ORDER BY created_at DESC LIMIT 1 OFFSET 3').pluck().get() as number;
  db.prepare('UPDATE dialogs SET client_name = ? WHERE id = ?').run(HOSTILE_NAME, hostileId);
  db.close();
  services = await servicesOn(dataDir, { seed: SEED });
});

afterAll(async () => {
  await services?.close();
});

// whole exports read back row by row on a shared two-core machine: more than the default 30 s per test
vi.setConfig({ testTimeout: 180_000 });

describe('export: CSV', () => {
  it('writes every matching row (not only loaded ones) in the grid order, with the grid words and formats, in Russian', async () => {
    const { rows: grid, total } = await allRows({ conditions: [] }, SORT);
    expect(total).toBeGreaterThan(4000); // more than two export blocks
    const { job, file } = await exported({ format: 'csv', language: 'ru' });
    expect(job.result).toMatchObject({ rows: total, format: 'csv', bytes: fs.statSync(file).size });
    expect(job.done).toBe(total);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const csv = readCsv(file, ';');
    const words = rendererWords('ru');
    expect(csv[0]).toEqual(COLUMNS.map((id) => words[`column.${id}`]));
    expect(csv.length - 1).toBe(total);
    for (let i = 0; i < grid.length; i += 1) {
      const item = grid[i]!;
      const [id, status, detail, channel, client, created, last, duration, responseAvg, operator] = csv[i + 1]!;
      expect(Number(id)).toBe(item.id);
      expect(status).toBe(words[`status.${item.status}`]);
      expect(detail).toBe(words[`statusDetail.${item.statusDetail}`]);
      expect(channel).toBe(words[`channel.${item.channel}`] ?? item.channel);
      expect(created).toBe(formatDateTime(item.createdAt, 'ru-RU') ?? '');
      expect(last).toBe(formatDateTime(item.lastMessageAt, 'ru-RU') ?? '');
      expect(operator).toBe(item.operator ?? '');
      for (const [text, seconds] of [
        [duration!, item.duration],
        [responseAvg!, item.responseAvg],
      ] as const) {
        if (seconds === null) {
          expect(text).toBe('');
        } else {
          // always h:mm:ss; the same time as the grid's cell, which drops a zero hour
          expect(text).toMatch(/^\d+:\d\d:\d\d$/);
          expect(clockSeconds(text)).toBe(clockSeconds(formatDuration(seconds)!));
          if (seconds >= 3600) expect(text).toBe(formatDuration(seconds));
        }
      }
      if (item.id === hostileId) {
        // quotes, separators and line breaks survive; the formula is defused with a leading apostrophe
        expect(client).toBe(`'${HOSTILE_NAME}`);
      } else {
        expect(client).toBe(item.client);
      }
    }
  });

  it('has English headers and a comma separator in English, and equals the count of a filter', async () => {
    const filter = ACTIVE_DIALOGS_FILTER;
    const sort: SortSpec = { column: 'id', direction: 'asc' };
    const { rows: grid, total } = await allRows(filter, sort);
    expect(total).toBeGreaterThan(0);
    const { file } = await exported({ format: 'csv', language: 'en', filter, sort, columns: ['id', 'statusDetail', 'createdAt'] });
    const csv = readCsv(file, ',');
    const words = rendererWords('en');
    expect(csv[0]).toEqual([words['column.id'], words['column.statusDetail'], words['column.createdAt']]);
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(grid.map((r) => r.id));
    expect(csv.slice(1).map((r) => r[2])).toEqual(grid.map((r) => formatDateTime(r.createdAt, 'en-GB') ?? ''));
  });

  it('writes dates in the zone and locale the renderer sends, not the services’', async () => {
    const { rows: grid } = await allRows({ conditions: [] }, SORT);
    const zone = LOCAL_ZONE === 'Asia/Tokyo' ? 'America/Argentina/Buenos_Aires' : 'Asia/Tokyo';
    const { file } = await exported({ format: 'csv', language: 'en', locale: 'en-US', timeZone: zone, columns: ['id', 'createdAt'] });
    const inZone = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: zone });
    const csv = readCsv(file, ',');
    for (let i = 0; i < 50; i += 1) expect(csv[i + 1]![1]).toBe(inZone.format(grid[i]!.createdAt!));
    expect(csv[1]![1]).not.toBe(formatDateTime(grid[0]!.createdAt, 'en-US'));
  });
});

describe('export: XLSX', () => {
  it('is a workbook exceljs reads back: headers, every row, text as text, durations and dates as numbers with formats', async () => {
    const { rows: grid, total } = await allRows({ conditions: [] }, SORT);
    const { job, file } = await exported({ format: 'xlsx', language: 'en' });
    expect(job.result).toMatchObject({ rows: total, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe(rendererWords('en')['export.sheet']);
    const words = rendererWords('en');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((id) => words[`column.${id}`]));
    expect(sheet.actualRowCount - 1).toBe(total);
    const at = (row: number, id: ColumnId) => sheet.getRow(row).getCell(COLUMNS.indexOf(id) + 1);
    for (let i = 0; i < grid.length; i += 1) {
      const item = grid[i]!;
      const row = i + 2;
      expect(at(row, 'id').value).toBe(item.id);
      expect(at(row, 'statusDetail').value).toBe(words[`statusDetail.${item.statusDetail}`]);
      // a hostile name is plain text in a spreadsheet cell: never a formula, nothing to defuse (its CRLF is the cell's LF)
      expect(at(row, 'client').value).toBe(item.id === hostileId ? HOSTILE_NAME.replace('\r\n', '\n') : item.client);
      expect(at(row, 'client').formula).toBeUndefined();
      const created = at(row, 'createdAt');
      expect(created.value).toBeInstanceOf(Date);
      expect((created.value as Date).getTime()).toBe(wallClock(item.createdAt!, LOCAL_ZONE));
      const duration = at(row, 'duration');
      if (item.duration === null) expect(duration.value).toBeNull();
      else {
        // exceljs reads a cell with a time format back as a Date from Excel's day zero (1899-12-30)
        const value = duration.value instanceof Date ? (duration.value.getTime() - EXCEL_DAY_ZERO) / 86_400_000 : (duration.value as number);
        expect(Math.round(value * 86_400)).toBe(item.duration);
        expect(duration.numFmt).toBe('[h]:mm:ss');
      }
    }
    // the en-GB order; the file escapes each literal (dd\\/mm\\/…), which exceljs drops when reading
    expect(at(2, 'createdAt').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
  });

  it('has Russian headers in Russian', async () => {
    const { file } = await exported({ format: 'xlsx', language: 'ru', columns: ['id', 'line', 'waitFirstAnswer'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const words = rendererWords('ru');
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([words['column.id'], words['column.line'], words['column.waitFirstAnswer']]);
    expect(workbook.worksheets[0]!.name).toBe(words['export.sheet']);
  });
});

describe('export: cancel and refusals', () => {
  it('a cancelled export ends as cancelled and leaves no file, partial or whole', async () => {
    const before = fs.readdirSync(path.join(dataDir, 'exports'));
    const started = await call(services, 'export:start', { filter: { conditions: [] }, sort: SORT, columns: COLUMNS, language: 'en', format: 'xlsx', timeZone: 'UTC' });
    await call(services, 'jobs:cancel', { id: started.id });
    const job = await jobEnd(services, started.id);
    expect(job.state).toBe('cancelled');
    expect(job.result ?? null).toBeNull();
    // (older exports may have been cleared meanwhile: only a new entry would be a leftover)
    expect(fs.readdirSync(path.join(dataDir, 'exports')).filter((name) => !before.includes(name))).toEqual([]);
  });

  it('refuses hostile or broken requests with VALIDATION, and starts nothing', async () => {
    const good = { filter: { conditions: [] }, sort: SORT, columns: ['id'], language: 'en', format: 'csv', timeZone: 'UTC' };
    const jobsBefore = (await call(services, 'jobs:list', {})).length;
    const bad: unknown[] = [
      { ...good, columns: ['actions'] },
      { ...good, columns: ['id', 'id'] },
      { ...good, columns: ['id', 'nope'] },
      { ...good, columns: [] },
      { ...good, columns: Array.from({ length: 5000 }, () => 'id') },
      { ...good, format: 'pdf' },
      { ...good, language: 'de' },
      { ...good, timeZone: 'Mars/Olympus_Mons' },
      { ...good, timeZone: '../../etc/passwd' },
      { ...good, locale: 'x'.repeat(100) },
      { ...good, locale: 'en-US\u0000' },
      { ...good, file: '/tmp/owned.csv' },
      { ...good, sort: { column: 'actions', direction: 'asc' } },
      { ...good, filter: { conditions: [{ column: 'line', op: 'range', from: 1 }] } },
      { ...good, filter: { conditions: [{ column: 'client', op: 'contains', value: 'x'.repeat(10_000) }] } },
      null,
      'export everything',
    ];
    for (const request of bad) {
      const result = await services.invoke('export:start', request);
      expect(result.ok, JSON.stringify(request)?.slice(0, 120)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    expect((await call(services, 'jobs:list', {})).length).toBe(jobsBefore);
  });

  it('export:save: unknown job NOT_FOUND, browser mode UNAVAILABLE (the file downloads there)', async () => {
    const missing = await services.invoke('export:save', { id: 999_999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    const { job } = await exported({ format: 'csv', language: 'en', columns: ['id'] });
    const browser = await services.invoke('export:save', { id: job.id });
    expect(!browser.ok && browser.error.code).toBe('UNAVAILABLE');
  });
});

describe('export: saving where the user chooses (Electron)', () => {
  it('copies the finished file to the path the save dialog gives, privately; a closed dialog saves nothing; an unwritable place is an error and leaves nothing', async () => {
    const target = path.join(dataDir, 'chosen', 'report.csv');
    fs.mkdirSync(path.dirname(target));
    let answer: string | null = target;
    const asked: Array<{ fileName: string; format: string }> = [];
    const desktop = await servicesOn(dataDir, {
      seed: SEED,
      saveFile: async (suggested) => {
        asked.push(suggested);
        return answer;
      },
    });
    try {
      const started = await call(desktop, 'export:start', { filter: { conditions: [] }, sort: SORT, columns: ['id', 'client'], language: 'en', format: 'csv', timeZone: 'UTC' });
      const job = await jobEnd(desktop, started.id);
      expect(await call(desktop, 'export:save', { id: job.id })).toEqual({ path: target });
      expect(asked).toEqual([{ fileName: job.result!.fileName, format: 'csv' }]);
      expect(fs.readFileSync(target)).toEqual(fs.readFileSync(path.join(dataDir, 'exports', job.result!.fileName)));
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);

      answer = null;
      expect(await call(desktop, 'export:save', { id: job.id })).toEqual({ path: null });

      answer = path.join(dataDir, 'no-such-folder', 'report.csv');
      const failed = await desktop.invoke('export:save', { id: job.id });
      expect(!failed.ok && failed.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('report.csv') });
      expect(fs.readdirSync(path.dirname(target))).toEqual(['report.csv']);
    } finally {
      await desktop.close();
    }
  });
});
