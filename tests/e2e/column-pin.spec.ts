/**
 * Pinning a column to the left from the column chooser (⚙): the header moves
 * into the pinned area, the saved columns say so, and a reload keeps it;
 * unpinning gives it back.
 */
import type { Page } from '@playwright/test';
import { expect, headerCell, openConsole, test } from './fixtures.ts';

/** The first header ids from the left (pinned columns come first, in their saved order). */
const leftmostHeaders = (page: Page, n: number) =>
  page
    .locator('.ag-header-row-column .ag-header-cell[col-id]')
    .evaluateAll((cells, count) => cells.map((c) => ({ id: c.getAttribute('col-id'), x: c.getBoundingClientRect().x })).sort((a, b) => a.x - b.x).slice(0, count).map((c) => c.id), n);

test('a column pinned from the chooser stays pinned after a reload, and unpins', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect((await leftmostHeaders(page, 4)).filter((id) => id === 'id' || id === 'status' || id === 'client')).toEqual(['id', 'client']);
  const savedPin = async () => (await contract.call('settings:get', {})).columns?.find((c) => c.id === 'status')?.pinned ?? null;

  await page.getByTestId('column-chooser-button').click();
  const pin = page.getByRole('button', { name: 'Pin Status to the left' });
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('column-chooser-apply').click();
  // pinned columns come first, in column order: No., Status, Client (the checkbox column has no dialog id)
  const pinnedOrder = ['id', 'status', 'client'];
  await expect.poll(async () => (await leftmostHeaders(page, 4)).filter((id) => pinnedOrder.includes(id!))).toEqual(pinnedOrder);
  await expect(headerCell(page, 'client')).toHaveClass(/ag-header-cell-last-left-pinned/);
  await expect.poll(savedPin).toBe('left');

  await page.reload();
  await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible();
  await expect.poll(async () => (await leftmostHeaders(page, 4)).filter((id) => pinnedOrder.includes(id!))).toEqual(pinnedOrder);

  await page.getByTestId('column-chooser-button').click();
  await page.getByRole('button', { name: 'Pin Status to the left' }).click();
  await page.getByTestId('column-chooser-apply').click();
  await expect.poll(async () => (await leftmostHeaders(page, 4)).filter((id) => pinnedOrder.includes(id!))).toEqual(['id', 'client']);
  await expect.poll(savedPin).toBe(null);
});
