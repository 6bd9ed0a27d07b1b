/**
 * "Waiting now" is a normal column: sorted and filtered by the services (SQL,
 * by the live wait), chosen in the column chooser and saved with the column
 * state. Every order and count the UI shows is checked against the contract.
 */
import type { Page } from '@playwright/test';
import { COLUMNS, DEFAULT_SORT } from '../../shared/domain/columns.ts';
import type { FilterCondition } from '../../shared/domain/filter.ts';
import type { ContractClient } from '../support/ws-client.ts';
import { expect, headerCell, openConsole, test, visibleRowIds } from './fixtures.ts';

const WAITING_1_MIN: FilterCondition = { column: 'waitingNow', op: 'range', from: 60 };

async function sqlOrder(contract: ContractClient, direction: 'asc' | 'desc', count: number): Promise<number[]> {
  const page = await contract.call('dialogs:list', {
    filter: { conditions: [] },
    sort: { column: 'waitingNow', direction },
    startRow: 0,
    endRow: count,
  });
  return page.rows.map((r) => r.id);
}

/** The header's column ids in display order (aria-colindex is the truth, not DOM order). */
async function headerOrder(page: Page): Promise<string[]> {
  // the selection checkboxes' column (not a dialog column) is always first: left out
  const cells = page.locator('.ag-header-row-column .ag-header-cell[col-id]:not([col-id="select"])');
  const pairs = await cells.evaluateAll((elements) =>
    elements.map((el) => [Number(el.getAttribute('aria-colindex')), el.getAttribute('col-id') ?? ''] as const),
  );
  return pairs.sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}

/** "m:ss" or "h:mm:ss" → seconds; NaN for anything else ("—", blank). */
function durationSeconds(text: string): number {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p))) return Number.NaN;
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

function waitingCells(page: Page) {
  return page.locator('[data-testid="dialog-grid"] .ag-row[row-id] [col-id="waitingNow"]');
}

test('clicking "Waiting now" sorts longest wait first, then shortest, in the order SQLite gives', async ({ page, host, contract }) => {
  await openConsole(page, host);
  const label = headerCell(page, 'waitingNow').locator('.ag-header-cell-label');

  // a duration column: the first click is "longest first"
  await label.click();
  await expect(headerCell(page, 'waitingNow')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await visibleRowIds(page, 10)).join(',')).toBe((await sqlOrder(contract, 'desc', 10)).join(','));
  const ids = await visibleRowIds(page, 10);
  expect(ids).toHaveLength(10);

  // the top row is somebody waiting right now: a live, ticking timer
  const top = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${ids[0]}"] [col-id="waitingNow"]`);
  await expect(top).toHaveClass(/ols-live/);
  const before = durationSeconds((await top.textContent()) ?? '');
  expect(before).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => durationSeconds((await top.textContent()) ?? ''), { timeout: 5_000 }).toBeGreaterThan(before);

  await label.click();
  await expect(headerCell(page, 'waitingNow')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await visibleRowIds(page, 10)).join(',')).toBe((await sqlOrder(contract, 'asc', 10)).join(','));

  // the sort is saved like any other
  await expect.poll(async () => (await contract.call('settings:get', {})).sort).toEqual({ column: 'waitingNow', direction: 'asc' });
});

test('"Waiting now" can be hidden in the column chooser and stays hidden after a reload', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await expect(headerCell(page, 'waitingNow')).toBeVisible();

  await page.getByTestId('column-chooser-button').click();
  const box = page.getByTestId('column-chooser').locator('input[name="waitingNow"]');
  await expect(box).toBeChecked();
  await expect(box).toBeEnabled();
  await box.uncheck();
  await page.getByTestId('column-chooser-apply').click();
  await expect(headerCell(page, 'waitingNow')).toHaveCount(0);

  // saved with the other columns (the save is debounced)
  await expect
    .poll(async () => (await contract.call('settings:get', {})).columns?.find((c) => c.id === 'waitingNow')?.visible)
    .toBe(false);

  await page.reload();
  await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible();
  await expect(headerCell(page, 'client')).toBeVisible();
  await expect(headerCell(page, 'waitingNow')).toHaveCount(0);
  await page.getByTestId('column-chooser-button').click();
  await expect(page.getByTestId('column-chooser').locator('input[name="waitingNow"]')).not.toBeChecked();

  // and back again
  await page.getByTestId('column-chooser').locator('input[name="waitingNow"]').check();
  await page.getByTestId('column-chooser-apply').click();
  await expect(headerCell(page, 'waitingNow')).toBeVisible();
});

test('a column state saved before "Waiting now" existed loads, with the column at its default place', async ({ page, host, contract }) => {
  // an older app's settings: no waitingNow, and the user had moved "client" first
  const older = COLUMNS.filter((c) => c.id !== 'waitingNow').map((c) => ({ id: c.id, visible: c.defaultVisible, width: c.width }));
  const client = older.findIndex((c) => c.id === 'client');
  older.unshift(...older.splice(client, 1));
  await contract.call('settings:set', { columns: older });

  await openConsole(page, host);
  const order = await headerOrder(page);
  expect(order[0]).toBe('client');
  expect(order.indexOf('waitingNow')).toBe(order.indexOf('statusDetail') + 1);
  await expect(waitingCells(page).first()).toBeVisible();
});

test.describe('with traffic moving', () => {
  test.use({ hostOptions: { seed: 1, speed: 1 } });

  test('"≥ 1 min" on "Waiting now" counts what the services count for 60 s waited', async ({ page, host, contract }) => {
    await openConsole(page, host);
    const total = async (conditions: FilterCondition[]) =>
      (await contract.call('dialogs:list', { filter: { conditions }, sort: DEFAULT_SORT, startRow: 0, endRow: 1 })).total;
    const uiTotal = async (): Promise<number | null> => {
      const text = ((await page.getByTestId('dialog-total').textContent()) ?? '').trim();
      return /^\d+$/.test(text) ? Number(text) : null;
    };
    const all = await total([]);

    await page.locator('.ag-header-row-filter .ag-floating-filter[col-id="waitingNow"] input').fill('1');
    // both sides are read afresh on every poll: waits grow and new dialogs arrive
    let filtered = -1;
    await expect
      .poll(async () => {
        filtered = await total([WAITING_1_MIN]);
        return (await uiTotal()) === filtered;
      }, { message: `toolbar total equals the services' count for ${JSON.stringify(WAITING_1_MIN)}` })
      .toBe(true);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    await expect(page.getByTestId('clear-filters')).toBeVisible();

    // every row shown is somebody who has waited at least a minute
    await expect
      .poll(async () => {
        const values = (await waitingCells(page).allTextContents()).map(durationSeconds);
        return values.length > 0 && values.every((s) => s >= 60) ? 'all ≥ 1:00' : values;
      })
      .toBe('all ≥ 1:00');

    await page.getByTestId('clear-filters').click();
    await expect
      .poll(async () => (await uiTotal()) === (await total([])), { message: 'the full total is back' })
      .toBe(true);
  });
});
