/**
 * Named column layouts against a real browser-mode host: No. and Client are
 * pinned left by default; the current columns are saved as a layout, the
 * defaults restored, the layout switched back to, renamed, exported and
 * imported again from a file naming a column this version does not have
 * (dropped and named); after a restart the layouts and the columns remain.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { startWebHostProcess } from '../support/web-host-process.ts';
import { expect, headerCell, openConsole, test } from './fixtures.ts';

/**
 * No. and Client pinned left: AG Grid 36 pins with sticky cells in one row and
 * marks the last left-pinned header; pinned columns come first, so Client
 * marked last and No. first means both are pinned.
 */
async function expectNumberAndClientPinned(page: Page): Promise<void> {
  await expect(headerCell(page, 'client')).toHaveClass(/ag-header-cell-last-left-pinned/);
  const first = await page.locator('.ag-header-row-column .ag-header-cell[col-id]:not([col-id="select"])').evaluateAll((cells) =>
    cells.map((c) => ({ id: c.getAttribute('col-id'), x: c.getBoundingClientRect().x })).sort((a, b) => a.x - b.x)[0]?.id,
  );
  expect(first).toBe('id');
}

async function layoutRow(page: Page, name: string) {
  return page.getByTestId('layouts').locator('[data-layout-row]').filter({ has: page.getByRole('textbox', { name: `Name of layout “${name}”` }) });
}

test('save a layout, reset, switch, rename, export and re-import with an unknown column; restart keeps them', async ({ page, host, contract }) => {
  // two hosts start and backfill in this one test (before and after the restart)
  test.setTimeout(180_000);
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // the defaults: No. and Client pinned left, Status shown
  await expectNumberAndClientPinned(page);
  await expect(headerCell(page, 'status')).toBeVisible();

  // hide Status and save that as a layout
  await page.getByTestId('column-chooser-button').click();
  await page.getByTestId('column-chooser').locator('input[name="status"]').uncheck();
  await page.getByTestId('column-chooser-apply').click();
  await expect(headerCell(page, 'status')).toHaveCount(0);
  await page.getByTestId('layouts-button').click();
  await page.getByTestId('layout-save-name').fill('No status');
  await page.getByTestId('layout-save-confirm').click();
  await expect(page.getByTestId('workspace-notice')).toContainText('Layout “No status” saved.');
  const saved = await layoutRow(page, 'No status');
  await expect(saved.getByTestId('layout-switch')).toHaveAttribute('aria-pressed', 'true');

  // reset to the defaults, then switch back
  await page.getByTestId('layout-reset').click();
  await expect(headerCell(page, 'status')).toBeVisible();
  await expectNumberAndClientPinned(page);
  await expect(saved.getByTestId('layout-switch')).toHaveAttribute('aria-pressed', 'false');
  await saved.getByTestId('layout-switch').click();
  await expect(headerCell(page, 'status')).toHaveCount(0);
  await expect(saved.getByTestId('layout-switch')).toHaveAttribute('aria-pressed', 'true');

  // rename
  const rename = page.getByTestId('layouts').getByRole('textbox', { name: 'Name of layout “No status”' });
  await rename.fill('Slim');
  await rename.press('Enter');
  await expect(page.getByTestId('layouts').getByRole('textbox', { name: 'Name of layout “Slim”' })).toHaveValue('Slim');

  // export, then import the file with a column from some other version added
  const download = page.waitForEvent('download');
  await page.getByTestId('layout-export').click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as {
    format: string;
    layouts: Array<{ name: string; columns: Array<{ id: string; visible: boolean; pinned?: string | null }> }>;
  };
  expect(exported.format).toBe('ols-layouts');
  expect(exported.layouts.map((l) => l.name)).toEqual(['Slim']);
  expect(exported.layouts[0]!.columns.find((c) => c.id === 'status')?.visible).toBe(false);
  expect(exported.layouts[0]!.columns.find((c) => c.id === 'id')?.pinned).toBe('left');
  exported.layouts[0]!.columns.push({ id: 'sentiment', visible: true });
  await page
    .getByTestId('layout-import-file')
    .setInputFiles({ name: 'layouts.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByTestId('workspace-notice')).toContainText('Layouts imported: 1');
  await expect(page.getByTestId('workspace-notice')).toContainText('sentiment');
  await expect(page.getByTestId('layouts').getByRole('textbox', { name: 'Name of layout “Slim (2)”' })).toBeVisible();
  const stored = await contract.call('workspace:get', {});
  expect(stored.layouts.map((l) => l.name)).toEqual(['Slim', 'Slim (2)']);
  expect(stored.layouts[1]!.columns.map((c) => c.id)).toEqual(exported.layouts[0]!.columns.map((c) => c.id).filter((id) => id !== 'sentiment'));

  // a file that is not a layouts file: refused, nothing changes
  await page.getByTestId('layout-import-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "ols-layouts", "version": 1, "layouts": "all"}') });
  await expect(page.getByTestId('workspace-notice')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('workspace-notice')).toContainText('layouts');
  expect(await contract.call('workspace:get', {})).toEqual(stored);
  await page.keyboard.press('Escape');

  // restart: the layouts, the chosen one and the columns it set are still there
  const dataDir = host.dataDir;
  // the column save is debounced: wait until the settings hold the hidden column
  await expect.poll(async () => (await contract.call('settings:get', {})).columns?.find((c) => c.id === 'status')?.visible).toBe(false);
  await host.stop();
  const again = await startWebHostProcess({ seed: 1, speed: 0.01, dataDir });
  try {
    await openConsole(page, again);
    await expect(headerCell(page, 'status')).toHaveCount(0);
    await expectNumberAndClientPinned(page);
    await page.getByTestId('layouts-button').click();
    await expect((await layoutRow(page, 'Slim')).getByTestId('layout-switch')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('layouts').locator('[data-layout-row]')).toHaveCount(2);
  } finally {
    await again.stop();
  }
});
