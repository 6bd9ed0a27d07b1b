import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { COLUMN_IDS, type ColumnId } from '../../shared/domain/columns.ts';
import { parseCsv, rendererWords } from '../unit/export/support.ts';
import { expect, openConsole, test, visibleRowIds } from './fixtures.ts';

// A still world: the file is compared with what the grid and the services say, which live traffic would move.
test.use({ hostOptions: { seed: 1, speed: 0 } });

// saved in this order; No. and Client are pinned left by default, so the screen (and the file) shows them first
const SAVED: ColumnId[] = ['statusDetail', 'id', 'createdAt', 'duration', 'client', 'line'];
const ON_SCREEN: ColumnId[] = ['id', 'client', 'statusDetail', 'createdAt', 'duration', 'line'];

test.beforeEach(async ({ contract }) => {
  await contract.call('settings:set', { columns: COLUMN_IDS.map((id) => ({ id, visible: SAVED.includes(id) })).sort((a, b) => order(a.id) - order(b.id)) });
});
const order = (id: ColumnId) => (SAVED.includes(id) ? SAVED.indexOf(id) : 100 + COLUMN_IDS.indexOf(id));

test('Export downloads every dialog of the view as CSV: visible columns in screen order, grid order, UI words', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  // the first block may have loaded before the backfill ended: a reload shows the still world from its top
  await page.reload();
  await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible();
  const firstIds = await visibleRowIds(page, 10);
  const top = await contract.call('dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 10 });
  expect(firstIds).toEqual(top.rows.map((r) => r.id));
  const { total } = await contract.call('dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });

  const exportGroup = page.getByRole('group', { name: 'Export the current view' });
  await exportGroup.getByRole('combobox', { name: 'Export format' }).selectOption('csv');
  const downloading = page.waitForEvent('download');
  await exportGroup.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await testInfo.attach('export.csv', { path: file, contentType: 'text/csv' });

  expect(download.suggestedFilename()).toMatch(/^dialogs-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d-[0-9a-f]{8}\.csv$/);
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'), ',');
  const words = rendererWords('en');
  expect(rows[0]).toEqual(ON_SCREEN.map((id) => words[`column.${id}`]));
  // every matching dialog, not the few blocks the grid has loaded
  expect(total).toBeGreaterThan(200);
  expect(rows.length - 1).toBe(total);
  expect(rows.slice(1, 1 + firstIds.length).map((r) => Number(r[0]))).toEqual(firstIds);
  await expect(page.getByTestId('export-status')).toContainText(`Exported ${total.toLocaleString('en-GB')} rows`);
  await expect(page.getByTestId('export-download')).toHaveAttribute('href', `/exports/${download.suggestedFilename()}`);
});

test('Export as XLSX in Russian: the workbook opens, its header is in Russian, and it holds every dialog', async ({ page, host, contract }, testInfo) => {
  await contract.call('settings:set', { language: 'ru' });
  await openConsole(page, host);
  const { total } = await contract.call('dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const exportGroup = page.getByRole('group', { name: 'Экспорт текущего вида' });
  await expect(exportGroup.getByRole('combobox', { name: 'Формат экспорта' })).toHaveValue('xlsx');
  const downloading = page.waitForEvent('download');
  await exportGroup.getByRole('button', { name: 'Экспорт', exact: true }).click();
  const download = await downloading;
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await testInfo.attach('export.xlsx', { path: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  const words = rendererWords('ru');
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(ON_SCREEN.map((id) => words[`column.${id}`]));
  expect(sheet.actualRowCount - 1).toBe(total);
});
