/**
 * The preset bar against a real browser-mode host: every preset shows the
 * count the services give for its filter; the current filter is saved as a
 * preset, renamed, switched to, exported, deleted and imported again; a
 * hostile file is refused and changes nothing; after a restart the preset
 * and the choice are still there.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, type DialogFilter, type FilterCondition } from '../../shared/domain/filter.ts';
import { BUILT_IN_PRESET_IDS, builtInPresetFilter } from '../../shared/domain/presets.ts';
import { startWebHostProcess } from '../support/web-host-process.ts';
import { connectContract, type ContractClient } from '../support/ws-client.ts';
import { expect, openConsole, test } from './fixtures.ts';

// a stored metric: the count moves only when dialogs change (and the grid reloads), not with the clock
const LONG_DIALOG: FilterCondition = { column: 'duration', op: 'range', from: 60 };
const LONG_WAITS: DialogFilter = { conditions: [...ACTIVE_DIALOGS_FILTER.conditions, LONG_DIALOG] };

const preset = (page: Page, key: string) => page.getByTestId('preset-bar').locator(`[data-preset="${key}"]`);

async function servicesCount(contract: ContractClient, filter: DialogFilter): Promise<number> {
  return (await contract.call('dialogs:list', { filter, sort: DEFAULT_SORT, startRow: 0, endRow: 1 })).total;
}

/** A preset's badge equals the services' count of its filter (both read afresh: demo traffic goes on). */
async function expectCount(page: Page, contract: ContractClient, key: string, filter: DialogFilter): Promise<number> {
  let services = -1;
  await expect
    .poll(
      async () => {
        services = await servicesCount(contract, filter);
        return Number(await preset(page, key).getByTestId('preset-count').getAttribute('data-count')) === services;
      },
      { message: `the count on ${key} equals the services' count` },
    )
    .toBe(true);
  return services;
}

async function expectTotal(page: Page, contract: ContractClient, filter: DialogFilter): Promise<void> {
  await expect
    .poll(async () => (await page.getByTestId('dialog-total').textContent()) === String(await servicesCount(contract, filter)), {
      message: `the grid's total is the services' count of ${JSON.stringify(filter)}`,
    })
    .toBe(true);
}

test('every preset shows its live count; save, rename, switch, export, re-import; restart keeps them', async ({ page, host, contract }, testInfo) => {
  // two hosts start and backfill in this one test (before and after the restart)
  test.setTimeout(180_000);
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // the demo world has no connected user: no "My active dialogs"
  await expect(preset(page, 'all')).toBeVisible();
  await expect(preset(page, 'myActive')).toHaveCount(0);
  for (const id of BUILT_IN_PRESET_IDS.filter((i) => i !== 'myActive')) {
    await expectCount(page, contract, id, builtInPresetFilter(id, { operatorId: null }));
  }
  // the artifact: the bar with every count in, kept beside the test's other output
  const shot = testInfo.outputPath('preset-bar.png');
  await page.getByTestId('preset-bar').screenshot({ path: shot });
  await testInfo.attach('preset-bar.png', { path: shot, contentType: 'image/png' });

  // Active, narrowed by a column filter, saved as a preset
  await preset(page, 'active').click();
  await expect(preset(page, 'active')).toHaveAttribute('aria-pressed', 'true');
  await expectTotal(page, contract, ACTIVE_DIALOGS_FILTER);
  await page.locator('.ag-header-row-filter .ag-floating-filter[col-id="duration"] input').fill('1');
  await expectTotal(page, contract, LONG_WAITS);
  await page.getByTestId('preset-save-button').click();
  await page.getByTestId('preset-save-name').fill('Long dialogs');
  await page.getByTestId('preset-save-confirm').click();
  const saved = page.getByTestId('preset-bar').locator('[data-preset^="user:"]');
  await expect(saved).toHaveCount(1);
  const key = (await saved.getAttribute('data-preset'))!;
  await expect(saved).toContainText('Long dialogs');
  await expect(saved).toHaveAttribute('aria-pressed', 'true');
  const stored = (await contract.call('workspace:get', {})).presets;
  expect(stored.map((p) => p.filter)).toEqual([LONG_WAITS]);
  await expectCount(page, contract, key, LONG_WAITS);

  // rename
  await page.getByTestId('preset-manage-button').click();
  const rename = page.getByTestId('preset-manage').getByRole('textbox', { name: 'Long dialogs' });
  await rename.fill('Active, over a minute');
  await rename.press('Enter');
  await expect(preset(page, key)).toContainText('Active, over a minute');

  // export, delete, import the file again
  const download = page.waitForEvent('download');
  await page.getByTestId('preset-export').click();
  const file = await (await download).path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; presets: Array<{ name: string; filter: DialogFilter }> };
  expect(exported.format).toBe('ols-presets');
  expect(exported.presets.map((p) => p.name)).toEqual(['Active, over a minute']);
  await page.getByTestId('preset-manage').getByRole('button', { name: 'Delete preset “Active, over a minute”' }).click();
  await expect(saved).toHaveCount(0);
  await page.getByTestId('preset-import-file').setInputFiles(file);
  await expect(page.getByTestId('workspace-notice')).toContainText('Presets imported: 1');
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('Active, over a minute');
  expect((await contract.call('workspace:get', {})).presets.map((p) => p.filter)).toEqual([LONG_WAITS]);

  // a hostile file: refused, saying why, and nothing changes
  const before = await contract.call('workspace:get', {});
  const hostile = { format: 'ols-presets', version: 1, presets: Array.from({ length: 201 }, (_, i) => ({ name: `p${i}`, filter: { conditions: [] }, sort: null })) };
  await page.getByTestId('preset-import-file').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
  await expect(page.getByTestId('workspace-notice')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('workspace-notice')).toContainText('at most 200 presets');
  await page.getByTestId('preset-import-file').setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "ols-presets", "presets": [{"name": 5') });
  await expect(page.getByTestId('workspace-notice')).toContainText('not JSON');
  expect(await contract.call('workspace:get', {})).toEqual(before);
  await page.keyboard.press('Escape');

  // switch: All, then the saved preset again
  const newKey = (await saved.getAttribute('data-preset'))!;
  await preset(page, 'all').click();
  await expectTotal(page, contract, { conditions: [] });
  await preset(page, newKey).click();
  await expect(preset(page, newKey)).toHaveAttribute('aria-pressed', 'true');
  await expectTotal(page, contract, LONG_WAITS);
  await expect.poll(async () => (await contract.call('workspace:get', {})).state.presetId).toBe(newKey);

  // restart: the preset, its count and the choice are still there
  const dataDir = host.dataDir;
  await host.stop();
  const again = await startWebHostProcess({ seed: 1, speed: 0.01, dataDir });
  try {
    await openConsole(page, again);
    await expect(preset(page, newKey)).toContainText('Active, over a minute');
    await expect(preset(page, newKey)).toHaveAttribute('aria-pressed', 'true');
    const restarted = await connectContract(again.origin, again.token);
    try {
      await expectCount(page, restarted, newKey, LONG_WAITS);
      await expectTotal(page, restarted, LONG_WAITS);
    } finally {
      restarted.close();
    }

    // a default beats the last choice: the console opens with Spam from now on
    await page.getByTestId('preset-manage-button').click();
    await page.getByTestId('preset-default').selectOption('spam');
    await expect(preset(page, 'spam')).toHaveAttribute('aria-label', /opens by default/);
    await page.reload();
    await expect(preset(page, 'spam')).toHaveAttribute('aria-pressed', 'true');
    await expect(preset(page, newKey)).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await again.stop();
  }
});
