/**
 * Column filters on metric and date columns: set through the grid's own UI,
 * applied by SQL. Every count the UI shows is checked against what the
 * services report for the same conditions over the contract.
 */
import type { Page } from '@playwright/test';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import { ACTIVE_DIALOGS_FILTER, type FilterCondition } from '../../shared/domain/filter.ts';
import type { ContractClient } from '../support/ws-client.ts';
import { expect, openConsole, test } from './fixtures.ts';

const WAIT_10_MIN: FilterCondition = { column: 'waitFirstAnswer', op: 'range', from: 600 };
const CREATED_TODAY: FilterCondition = { column: 'createdAt', op: 'datePreset', preset: 'today' };

function floatingFilter(page: Page, columnId: string) {
  return page.locator(`.ag-header-row-filter .ag-floating-filter[col-id="${columnId}"]`);
}

/** The toolbar's count, or null while it is blank (a new filter's first block is on its way). */
async function uiTotal(page: Page): Promise<number | null> {
  const text = ((await page.getByTestId('dialog-total').textContent()) ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

async function servicesTotal(contract: ContractClient, conditions: FilterCondition[]): Promise<number> {
  const page = await contract.call('dialogs:list', { filter: { conditions }, sort: DEFAULT_SORT, startRow: 0, endRow: 1 });
  return page.total;
}

/**
 * Demo traffic keeps arriving, so both sides are read afresh on every poll:
 * the UI total must equal what the services count for the same conditions.
 */
async function expectTotalMatches(page: Page, contract: ContractClient, conditions: FilterCondition[]): Promise<number> {
  let services = -1;
  await expect
    .poll(async () => {
      services = await servicesTotal(contract, conditions);
      return (await uiTotal(page)) === services;
    }, { message: `toolbar total equals the services' count for ${JSON.stringify(conditions)}` })
    .toBe(true);
  return services;
}

/** "m:ss" or "h:mm:ss" → seconds; NaN for anything else ("—", blank). */
function durationSeconds(text: string): number {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p))) return Number.NaN;
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

async function useLanguage(page: Page, language: 'ru' | 'en'): Promise<void> {
  await page.getByTestId('lang-switch').locator(`button[data-lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Opens a column's filter popup from its floating filter and picks an option by its label. */
async function chooseFilterOption(page: Page, columnId: string, label: string): Promise<void> {
  await floatingFilter(page, columnId).locator('.ag-floating-filter-button-button').click();
  const popup = page.locator('.ag-filter');
  await popup.locator('.ag-filter-select .ag-picker-field-wrapper').click();
  await page.locator('.ag-select-list .ag-list-item', { hasText: label }).click();
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);
}

test('"≥ 10 minutes" on the wait for an operator filters in SQL, with a preset and in the Summary', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await useLanguage(page, 'en');
  const all = await expectTotalMatches(page, contract, []);

  await floatingFilter(page, 'waitFirstAnswer').locator('input').fill('10');
  const filtered = await expectTotalMatches(page, contract, [WAIT_10_MIN]);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);

  // every row the grid renders (all from filtered blocks: the cache was purged) is at least 10:00
  const cells = page.locator('[data-testid="dialog-grid"] .ag-row[row-id] [col-id="waitFirstAnswer"]');
  await expect
    .poll(async () => {
      const values = (await cells.allTextContents()).map(durationSeconds);
      return values.length > 0 && values.every((s) => s >= 600) ? 'all ≥ 10:00' : values;
    })
    .toBe('all ≥ 10:00');
  await expect(page.getByTestId('clear-filters')).toBeVisible();

  // a preset replaces the filter (the column filter with it); a column filter then narrows the preset
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  await expectTotalMatches(page, contract, ACTIVE_DIALOGS_FILTER.conditions);
  await floatingFilter(page, 'waitFirstAnswer').locator('input').fill('10');
  await expectTotalMatches(page, contract, [...ACTIVE_DIALOGS_FILTER.conditions, WAIT_10_MIN]);

  // the Summary counts the same dialogs as the grid. A waiting client can cross the 10-minute line
  // between the Summary's reading and the services' count (no event marks it); the Summary reads
  // itself again every 15 s for that, so the two meet within one such refresh
  await page.getByTestId('summary-toggle').click();
  await expect
    .poll(
      async () => {
        const summary = Number(await page.getByTestId('summary-total').getAttribute('data-total'));
        return summary === (await servicesTotal(contract, [...ACTIVE_DIALOGS_FILTER.conditions, WAIT_10_MIN]));
      },
      { timeout: 40_000 },
    )
    .toBe(true);
});

test('the "Today" preset on Created counts what the services count for today, in both languages', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await useLanguage(page, 'en');
  await chooseFilterOption(page, 'createdAt', 'Today');
  await expect(floatingFilter(page, 'createdAt').locator('input').first()).toHaveValue('Today');
  const today = await expectTotalMatches(page, contract, [CREATED_TODAY]);
  expect(today).toBeGreaterThan(0);

  // the grid is rebuilt for a new language: the filter must survive it
  await useLanguage(page, 'ru');
  await expect(floatingFilter(page, 'createdAt').locator('input').first()).toHaveValue('Сегодня');
  await expectTotalMatches(page, contract, [CREATED_TODAY]);
});

test('"Between" two days covers both whole local days', async ({ page, host, contract }) => {
  const day = (offset: number): Date => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() + offset);
    return d;
  };
  const ymd = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await openConsole(page, host);
  await useLanguage(page, 'en');

  // "Between" is the date filter's default option: fill its two days
  await floatingFilter(page, 'createdAt').locator('.ag-floating-filter-button-button').click();
  const popup = page.locator('.ag-filter');
  await expect(popup.locator('.ag-filter-select')).toContainText('Between');
  await popup.locator('.ag-filter-from input').fill(ymd(day(-1)));
  await popup.locator('.ag-filter-to input').fill(ymd(day(0)));
  await page.keyboard.press('Escape');

  // from yesterday 00:00:00.000 to today 23:59:59.999, local time
  const range: FilterCondition = { column: 'createdAt', op: 'range', from: day(-1).getTime(), to: day(1).getTime() - 1 };
  await expectTotalMatches(page, contract, [range]);
  await expect
    .poll(async () => {
      const [yesterday, today] = await Promise.all([
        servicesTotal(contract, [{ column: 'createdAt', op: 'datePreset', preset: 'yesterday' }]),
        servicesTotal(contract, [CREATED_TODAY]),
      ]);
      return (await uiTotal(page)) === yesterday + today;
    }, { message: 'yesterday + today, both whole days' })
    .toBe(true);
});

test('clearing a filter restores the full total', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await useLanguage(page, 'ru');
  await expectTotalMatches(page, contract, []);

  // a Russian decimal comma: 2,5 minutes = 150 seconds
  const input = floatingFilter(page, 'responseAvg').locator('input');
  await input.fill('2,5');
  await expectTotalMatches(page, contract, [{ column: 'responseAvg', op: 'range', from: 150 }]);
  await input.fill('');
  await expectTotalMatches(page, contract, []);
  await expect(page.getByTestId('clear-filters')).toHaveCount(0);

  // two filters at once, cleared together from the toolbar (the typed one is applied
  // first: a filter box still inside its typing pause is reset by another filter's change)
  await input.fill('2,5');
  await expectTotalMatches(page, contract, [{ column: 'responseAvg', op: 'range', from: 150 }]);
  await chooseFilterOption(page, 'createdAt', 'Сегодня');
  await expectTotalMatches(page, contract, [CREATED_TODAY, { column: 'responseAvg', op: 'range', from: 150 }]);
  await page.getByTestId('clear-filters').click();
  await expectTotalMatches(page, contract, []);
  await expect(input).toHaveValue('');
});

test('a filter the services reject shows a readable error and the grid recovers', async ({ page, host, contract }) => {
  // Stand in for a services-side rejection (the UI cannot build an invalid
  // filter): answer list requests filtered on responseMax with VALIDATION.
  const rejection = 'dialogs:list: the column "responseMax" cannot be filtered';
  await page.routeWebSocket(/\/api\/ws/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; channel: string; request?: { filter?: unknown } };
      if (request.channel === 'dialogs:list' && JSON.stringify(request.request?.filter).includes('"responseMax"')) {
        ws.send(JSON.stringify({ type: 'result', id: request.id, result: { ok: false, error: { code: 'VALIDATION', message: rejection } } }));
      } else server.send(message);
    });
  });
  await openConsole(page, host);
  await useLanguage(page, 'en');

  await floatingFilter(page, 'responseMax').locator('input').fill('5');
  const error = page.getByTestId('grid-error');
  await expect(error).toContainText('This filter could not be applied');
  await expect(error).toContainText(rejection);
  await expect(page.getByTestId('dialog-total')).toHaveText('');

  await error.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(error).toHaveCount(0);
  await expectTotalMatches(page, contract, []);
  await expect(page.locator('[data-testid="dialog-grid"] .ag-row[row-id]').first()).toBeVisible();
});
