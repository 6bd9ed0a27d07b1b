/**
 * A grid that keeps its place (issue 8.8), as a keyboard user meets it: focus
 * follows the dialog while live rows arrive at the top, the side pane is
 * reached and closed by keyboard, the rows are a few Tab presses from page
 * load, the last column is not under the scrollbar, and status names fit
 * their default columns in both languages.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, EMPTY_FILTER } from '../../shared/domain/filter.ts';
import type { WebHostProcess } from '../support/web-host-process.ts';
import type { ContractClient } from '../support/ws-client.ts';
import { expect, focusedRowId, openConsole, test, visibleRowIds } from './fixtures.ts';

// A backfill and then a settled first row before the test starts: on a loaded 2-core machine that
// alone can take most of the default 90 s.
test.describe.configure({ timeout: 180_000 });

// Read as files: the tests project does not compile the renderer's JSON.
const texts = (lang: 'ru' | 'en'): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../renderer/src/i18n/domains/grid.${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;

const grid = (page: Page) => page.getByTestId('dialog-grid');
const row = (page: Page, index: number) => grid(page).locator(`.ag-row[row-index="${index}"]:not(.ag-header-row)`);
const pane = (page: Page) => page.getByTestId('side-pane');

/**
 * The console with its rows current: the rows loaded during the backfill are
 * refreshed once it ends (hundreds arrive at once), so wait until the first row
 * is the services' newest dialog before a test puts focus anywhere.
 */
async function openSettled(page: Page, host: WebHostProcess, contract: ContractClient): Promise<void> {
  await openConsole(page, host);
  const newest = async () =>
    (await contract.call('dialogs:list', { filter: EMPTY_FILTER, sort: DEFAULT_SORT, startRow: 0, endRow: 1 })).rows[0]?.id;
  await expect.poll(async () => (await visibleRowIds(page, 1))[0] === (await newest()), { timeout: 30_000 }).toBe(true);
}

test.describe('live rows', () => {
  // a fast world: new dialogs arrive at the top every few seconds
  test.use({ hostOptions: { seed: 2, speed: 4 } });

  test('focus stays on the dialog while new ones arrive above it; Enter opens its history', async ({ page, host, contract }) => {
    await contract.call('settings:set', { language: 'en' });
    await openSettled(page, host, contract);
    const [focusedId] = await visibleRowIds(page, 1);
    await row(page, 0).locator('[col-id="client"]').click();
    expect(await focusedRowId(page)).toBe(focusedId);

    // new dialogs push ours down: it is no longer the first row
    await expect
      .poll(async () => (await visibleRowIds(page, 1))[0], { timeout: 30_000, intervals: [500] })
      .not.toBe(focusedId);
    await expect.poll(() => focusedRowId(page)).toBe(focusedId);
    const index = Number(await grid(page).locator(`.ag-row[row-id="${focusedId}"]`).getAttribute('row-index'));
    expect(index).toBeGreaterThan(0);

    await page.keyboard.press('Enter');
    await expect(pane(page)).toBeVisible();
    await expect(pane(page).getByRole('heading')).toHaveText(`Dialog No. ${focusedId}`);
    await expect(page.getByTestId('history-view')).toBeVisible();
    // the dialog whose pane is open is the selected row
    await expect(grid(page).locator(`.ag-row[row-id="${focusedId}"]`)).toHaveClass(/ag-row-selected/);
  });
});

test('a focused dialog that leaves the list hands focus to the one now in its place, and says so', async ({ page, host, contract }) => {
  await contract.call('settings:set', { language: 'en' });
  await openSettled(page, host, contract);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const firstActive = async () =>
    (await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: DEFAULT_SORT, startRow: 0, endRow: 1 })).rows[0]?.id;
  await expect.poll(async () => (await visibleRowIds(page, 1))[0] === (await firstActive()), { timeout: 30_000 }).toBe(true);
  await row(page, 2).locator('[col-id="client"]').click();
  const leaving = await focusedRowId(page);
  expect(leaving).not.toBeNull();

  // an operator finishes it: it is no longer an active dialog
  await contract.call('actions:enqueue', { target: { dialogIds: [leaving!] }, action: { kind: 'finish' } });
  await expect(grid(page).locator(`.ag-row[row-id="${leaving}"]`)).toHaveCount(0, { timeout: 60_000 });

  const announce = page.getByTestId('grid-announce');
  await expect(announce).toHaveText(new RegExp(`^Dialog No\\. ${leaving} left the view; focus is on dialog No\\. \\d+$`));
  const now = Number(/(\d+)$/.exec((await announce.textContent()) ?? '')?.[1]);
  expect(now).not.toBe(leaving);
  await expect.poll(() => focusedRowId(page)).toBe(now);
  await page.keyboard.press('Enter');
  await expect(pane(page).getByRole('heading')).toHaveText(`Dialog No. ${now}`);
});

test.describe('keyboard', () => {
  test('Tab from page load reaches the first row in a few presses', async ({ page, host, contract }) => {
    await contract.call('settings:set', { language: 'ru' });
    await openSettled(page, host, contract);
    const [firstId] = await visibleRowIds(page, 1);
    // start as a fresh page does: nothing focused
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let presses = 0;
    for (; presses < 6 && (await focusedRowId(page)) === null; presses += 1) {
      const skip = page.getByTestId('skip-to-grid');
      if (await skip.evaluate((el) => el === document.activeElement)) {
        await expect(skip).toBeVisible();
        await expect(skip).toHaveText('Перейти к списку диалогов');
        await page.keyboard.press('Enter');
      } else {
        await page.keyboard.press('Tab');
      }
    }
    expect(await focusedRowId(page)).toBe(firstId);
    expect(presses).toBeLessThanOrEqual(6);
  });

  test('Tab and F6 reach the side pane; Esc closes it from anywhere, but an open filter first', async ({ page, host, contract }) => {
    await contract.call('settings:set', { language: 'en' });
    await openSettled(page, host, contract);
    const [id] = await visibleRowIds(page, 1);
    await row(page, 0).locator('[col-id="client"]').click();
    await page.keyboard.press('Enter');
    await expect(pane(page)).toBeVisible();
    // focus stayed in the grid; Tab leaves it for the pane, the next stop in the page
    expect(await focusedRowId(page)).toBe(id);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="side-pane"]'))).toBe(true);

    // F6: to the grid (the dialog's row) and back to the pane
    await page.keyboard.press('F6');
    await expect.poll(() => focusedRowId(page)).toBe(id);
    await page.keyboard.press('F6');
    await expect(pane(page)).toBeFocused();

    // Esc inside the pane closes it and gives focus back to the dialog's row
    await page.keyboard.press('Escape');
    await expect(pane(page)).toBeHidden();
    await expect.poll(() => focusedRowId(page)).toBe(id);

    // from the toolbar too; focus stays where the user is
    await page.keyboard.press('Enter');
    await expect(pane(page)).toBeVisible();
    const english = page.getByTestId('lang-switch').locator('button[data-lang="en"]');
    await english.focus();
    await page.keyboard.press('Escape');
    await expect(pane(page)).toBeHidden();
    await expect(english).toBeFocused();

    // an open column filter takes the first Esc, the pane the second
    await row(page, 0).locator('[col-id="client"]').click();
    await page.keyboard.press('Enter');
    await expect(pane(page)).toBeVisible();
    await page.locator('.ag-floating-filter[col-id="duration"] .ag-floating-filter-button-button').click();
    // the .ag-popup wrapper has no box of its own; its child is the filter you see
    const popup = page.locator('.ag-popup .ag-popup-child');
    await expect(popup).toBeVisible();
    await popup.locator('input').first().focus();
    await page.keyboard.press('Escape');
    await expect(popup).toBeHidden();
    await expect(pane(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(pane(page)).toBeHidden();
  });
});

test('the last column ends left of the vertical scrollbar', async ({ page, host }) => {
  await openConsole(page, host);
  const scroller = grid(page).locator('.ag-body-horizontal-scroll-viewport');
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const edges = await page.evaluate(() => {
    const root = document.querySelector('[data-testid="dialog-grid"]')!;
    const headers = [...root.querySelectorAll('.ag-header-row-column .ag-header-cell')];
    const last = headers.reduce((a, b) => (b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a));
    const bar = root.querySelector('.ag-body-vertical-scroll')!.getBoundingClientRect();
    const cells = [...root.querySelectorAll(`.ag-row:not(.ag-header-row) .ag-cell[col-id="${last.getAttribute('col-id')}"]`)];
    return {
      header: last.getBoundingClientRect().right,
      cell: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
      bar: bar.width > 0 ? bar.left : root.querySelector('.ag-root-wrapper')!.getBoundingClientRect().right,
    };
  });
  expect(edges.header).toBeLessThanOrEqual(edges.bar + 0.5);
  expect(edges.cell).toBeLessThanOrEqual(edges.bar + 0.5);
});

for (const language of ['ru', 'en'] as const) {
  test(`every status name fits its default column (${language})`, async ({ page, host, contract }) => {
    await contract.call('settings:set', { language });
    await openConsole(page, host);
    // measure every name, not just those on screen: each goes into a real badge in a real cell
    const names = Object.entries(texts(language))
      .filter(([key]) => key.startsWith('grid.statusShort.') || key.startsWith('grid.statusDetailShort.'))
      .map(([key, text]) => ({ column: key.startsWith('grid.statusShort.') ? 'status' : 'statusDetail', text: text.replace('{code}', '999') }));
    expect(names.length).toBeGreaterThan(10);
    const overflowing = await page.evaluate((list) => {
      const bad: string[] = [];
      for (const { column, text } of list) {
        const badge = document.querySelector<HTMLElement>(`[data-testid="dialog-grid"] .ag-row:not(.ag-header-row) .ag-cell[col-id="${column}"] .ols-badge`);
        if (!badge) return [`no ${column} badge`];
        const cell = badge.closest<HTMLElement>('.ag-cell')!;
        const original = badge.textContent;
        badge.textContent = text;
        const fits = badge.scrollWidth <= badge.clientWidth && badge.getBoundingClientRect().right <= cell.getBoundingClientRect().right;
        badge.textContent = original;
        if (!fits) bad.push(`${column}: ${text}`);
      }
      return bad;
    }, names);
    expect(overflowing).toEqual([]);
  });
}
