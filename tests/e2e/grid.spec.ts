import fs from 'node:fs';
import path from 'node:path';
import { EMPTY_FILTER } from '../../shared/domain/filter.ts';
import { STATUS_DETAIL_IDS } from '../../shared/domain/status.ts';
import { expect, headerCell, openConsole, test, visibleRowIds } from './fixtures.ts';

test('shows the demo contact centre: over 1,000 dialogs, 6+ channels, all nine statuses', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  await expect(page.getByTestId('dialog-total')).toHaveText(/^\d+$/);
  const total = Number(await page.getByTestId('dialog-total').textContent());
  expect(total).toBeGreaterThan(1000);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'live');

  const reference = await contract.call('reference:get', {});
  expect(reference.channels.length).toBeGreaterThanOrEqual(6);
  const aggregates = await contract.call('metrics:aggregate', { filter: EMPTY_FILTER });
  for (const status of STATUS_DETAIL_IDS) expect(aggregates.byStatusDetail[status], status).toBeGreaterThan(0);

  // The first rows carry real data in every default column.
  const firstRow = page.locator('[data-testid="dialog-grid"] .ag-row[row-index="0"]');
  await expect(firstRow.locator('[col-id="client"]')).not.toHaveText('');
  await expect(firstRow.locator('[col-id="statusDetail"]')).not.toHaveText('');

  const shot = path.join('tests', 'artifacts', 'grid.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  await testInfo.attach('grid', { path: shot, contentType: 'image/png' });
});

test('clicking a header re-sorts in the order SQLite gives', async ({ page, host, contract }) => {
  await openConsole(page, host);
  const sqlOrder = async (column: 'client' | 'responseAvg', direction: 'asc' | 'desc') =>
    (await contract.call('dialogs:list', { filter: EMPTY_FILTER, sort: { column, direction }, startRow: 0, endRow: 15 })).rows.map((r) => r.id);

  await headerCell(page, 'client').locator('.ag-header-cell-label').click();
  await expect(headerCell(page, 'client')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => visibleRowIds(page, 15)).toEqual(await sqlOrder('client', 'asc'));

  await headerCell(page, 'client').locator('.ag-header-cell-label').click();
  await expect(headerCell(page, 'client')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => visibleRowIds(page, 15)).toEqual(await sqlOrder('client', 'desc'));

  await headerCell(page, 'responseAvg').locator('.ag-header-cell-label').click();
  await expect(headerCell(page, 'responseAvg')).toHaveAttribute('aria-sort', /ascending|descending/);
  const direction = (await headerCell(page, 'responseAvg').getAttribute('aria-sort')) === 'ascending' ? 'asc' : 'desc';
  await expect.poll(() => visibleRowIds(page, 15)).toEqual(await sqlOrder('responseAvg', direction));
});

test.describe('live traffic', () => {
  test.use({ hostOptions: { seed: 2, speed: 4 } });

  test('a new dialog appears at the top within 15 s, without a reload', async ({ page, host }) => {
    await openConsole(page, host);
    const [firstId] = await visibleRowIds(page, 1);
    let reloads = 0;
    page.on('load', () => (reloads += 1));
    await expect
      .poll(async () => (await visibleRowIds(page, 1))[0], { timeout: 15_000, intervals: [500] })
      .toBeGreaterThan(firstId!);
    expect(reloads).toBe(0);
  });
});

test('the language switch relabels the grid in Russian and English', async ({ page, host }) => {
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(headerCell(page, 'client')).toContainText('Client');
  await expect(headerCell(page, 'operator')).toContainText('Operator');
  await page.getByTestId('lang-switch').locator('button[data-lang="ru"]').click();
  await expect(headerCell(page, 'client')).toContainText('Клиент');
  await expect(headerCell(page, 'operator')).toContainText('Сотрудник');
});
