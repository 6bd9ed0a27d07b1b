// `npm run export`, run as a scheduled report runs it: a separate process (launch.cjs) on a generated cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { countDialogs } from '../../../electron/app/db/queries/dialogs.ts';
import { createPreset } from '../../../electron/app/db/queries/presets.ts';
import { currentSource } from '../../../electron/app/db/queries/workspace-state.ts';
import { cacheFileName } from '../../../electron/app/services.ts';
import type { DialogFilter } from '../../../shared/domain/filter.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../../shared/domain/presets.ts';
import { tempDir } from '../../support/temp-cache.ts';
import { generatedDataDir, readCsv, rendererWords, ROOT } from './support.ts';

const SEED = 3;
let dataDir: string;
let cache: string;
const out = tempDir('ols-export-cli-out-');

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'electron/tools/launch.cjs'), 'export', '--data-dir', dataDir, '--seed', String(SEED), ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const count = (filter: DialogFilter) => {
  const db = openDatabase(cache, { readonly: true, migrate: false });
  try {
    return countDialogs(db, filter, Date.now());
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dataDir = await generatedDataDir(1500, SEED);
  cache = path.join(dataDir, cacheFileName({ kind: 'demo', seed: SEED }));
});

describe('npm run export', () => {
  it('exports what a filter file selects, with the columns asked for, and says so on stdout', () => {
    const filter: DialogFilter = { conditions: [{ column: 'duration', op: 'range', from: 60 }], groups: [{ op: 'any', conditions: [{ column: 'direction', op: 'in', values: ['in'] }, { column: 'spam', op: 'is', value: true }] }] };
    const filterFile = path.join(out, 'filter.json');
    fs.writeFileSync(filterFile, JSON.stringify(filter));
    const file = path.join(out, 'report.csv');
    const result = run('--filter', filterFile, '--columns', 'id,duration,line', '--sort', 'id:asc', '--lang', 'ru', '--format', 'csv', '--out', file);
    expect(result.code, result.stderr).toBe(0);
    const total = count(filter);
    expect(total).toBeGreaterThan(0);
    expect(result.stdout).toMatch(new RegExp(`^Exported ${total.toLocaleString('en')} dialogs to .*report\\.csv \\(CSV, [\\d.]+ MiB\\) in [\\d.]+ s\\.\\n$`));
    const rows = readCsv(file, ';');
    const words = rendererWords('ru');
    expect(rows[0]).toEqual([words['column.id'], words['column.duration'], words['column.line']]);
    expect(rows.length - 1).toBe(total);
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const row of rows.slice(1)) expect(row[1]).toMatch(/^\d+:\d\d:\d\d$/);
    expect(fs.readdirSync(out).sort()).toEqual(['filter.json', 'report.csv']);
  });

  it('takes a built-in preset by id and a saved preset by its name (XLSX)', async () => {
    const file = path.join(out, 'active.xlsx');
    const builtIn = run('--preset', 'active', '--format', 'xlsx', '--lang', 'en', '--out', file);
    expect(builtIn.code, builtIn.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]!.actualRowCount - 1).toBe(count(ACTIVE_DIALOGS_FILTER));

    const saved: DialogFilter = { conditions: [{ column: 'channel', op: 'in', values: ['telegrambot'] }] };
    const db = openDatabase(cache, { migrate: false });
    createPreset(db, currentSource(db)!, { name: 'Telegram, по id', filter: saved, sort: { column: 'id', direction: 'asc' } }, Date.now());
    db.close();
    const mine = run('--preset', 'Telegram, по id', '--format', 'csv', '--lang', 'en', '--columns', 'id,channel', '--out', path.join(out, 'telegram.csv'));
    expect(mine.code, mine.stderr).toBe(0);
    const rows = readCsv(path.join(out, 'telegram.csv'), ',').slice(1);
    expect(rows.length).toBe(count(saved));
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set([rendererWords('en')['channel.telegrambot']]));
    // the preset's own sort
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((r) => Number(r[0])).sort((a, b) => a - b));
  }, 120_000);

  it('bad input: one clear line, a non-zero exit, and nothing written', () => {
    fs.writeFileSync(path.join(out, 'broken.json'), '{"conditions": [');
    fs.writeFileSync(path.join(out, 'wrong.json'), JSON.stringify({ conditions: [{ column: 'line', op: 'contains', value: 'x' }] }));
    fs.writeFileSync(path.join(out, 'alien.json'), JSON.stringify({ conditions: [], drop: 'table' }));
    const locked = path.join(out, 'locked');
    fs.mkdirSync(locked, { mode: 0o500 });
    const before = fs.readdirSync(out).sort();
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--columns', 'id,nope'], /^export: unknown column "nope"; known: id, line, /],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--columns', 'actions'], /^export: column "actions" has no value to export$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--filter', path.join(out, 'broken.json')], /^export: --filter .*broken\.json is not JSON: /],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--filter', path.join(out, 'wrong.json')], /^export: --filter .*wrong\.json: Column "line" takes no "contains" condition$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--filter', path.join(out, 'alien.json')], /^export: --filter .*alien\.json is not a dialog filter: /],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--filter', path.join(out, 'missing.json')], /^export: --filter .*missing\.json cannot be read: ENOENT$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--preset', 'Nobody'], /^export: no preset "Nobody"; known: all, active, /],
      [['--format', 'pdf', '--out', path.join(out, 'x.pdf')], /^export: --format must be csv or xlsx, got "pdf"$/],
      [['--format', 'csv'], /^export: --out FILE is required/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--lang', 'de'], /^export: --lang must be ru or en, got "de"$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--time-zone', 'Mars/Base'], /^export: --time-zone: unknown time zone "Mars\/Base"$/],
      [['--format', 'csv', '--out', path.join(out, 'no', 'such', 'x.csv')], /^export: cannot write .*x\.csv: the folder .* does not exist$/],
      [['--format', 'csv', '--out', out], /^export: cannot write .*: it is a folder$/],
      [['--format', 'xlsx', '--out', path.join(out, 'x.xlsx'), '--sort', 'actions'], /^export: --sort: column "actions" cannot be sorted$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--preset', 'all', '--filter', path.join(out, 'wrong.json')], /^export: give --preset or --filter, not both$/],
      [['--format', 'csv', '--out', path.join(out, 'x.csv'), '--bogus'], /^export: Unknown option '--bogus'/],
    ];
    if (process.getuid?.() !== 0) cases.push([['--format', 'csv', '--out', path.join(locked, 'x.csv')], /^export: cannot write .*x\.csv: no permission to write in /]);
    for (const [args, message] of cases) {
      const result = run(...args);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 1]);
      const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('export: 0%'));
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(fs.readdirSync(out).sort()).toEqual(before);
    expect(fs.readdirSync(locked)).toEqual([]);
    // sixteen Node starts: on a loaded two-core machine that is more than the default 30 s
  }, 300_000);

  it('no cache in the folder: says where it looked', () => {
    const empty = tempDir('ols-export-empty-');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'electron/tools/launch.cjs'), 'export', '--data-dir', empty, '--format', 'csv', '--out', path.join(out, 'y.csv')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^export: no cache at .*cache-demo-seed1\.sqlite: /);
  });
});
