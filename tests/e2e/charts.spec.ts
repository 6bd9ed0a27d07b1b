/**
 * The summary charts above the grid, in Debian's Chromium against a real
 * browser-mode host: they expand (and stay expanded after a reload), draw for
 * what the grid shows, follow a filter change and an SLA threshold, speak
 * both languages, and carry their figures as text. Every figure checked is
 * compared with what the services answer over the contract for the same
 * filter. A screenshot of each language is attached to the report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { FilterCondition } from '../../shared/domain/filter.ts';
import type { SlaThresholds } from '../../shared/ipc/contract.ts';
import { expect, openConsole, test } from './fixtures.ts';

// A still world: the figures compared must not move while the test reads them.
test.use({ hostOptions: { seed: 1, speed: 0 } });

const dictionary = (language: 'ru' | 'en'): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../../renderer/src/i18n/domains/charts.${language}.json`), 'utf8'));

const CHART_IDS = ['status', 'times', 'hours', 'days', 'operators', 'sla'] as const;
const WAIT_10_MIN: FilterCondition = { column: 'waitFirstAnswer', op: 'range', from: 600 };

async function useLanguage(page: Page, language: 'ru' | 'en'): Promise<void> {
  await page.getByTestId('lang-switch').locator(`button[data-lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** A count as the UI formats it in either language ("1,234", "1 234") → 1234. */
const count = (text: string): number => Number(text.replace(/\D/g, ''));

/** The figures of a chart's text alternative: its table's value column, in row order. */
async function tableValues(page: Page, id: string): Promise<number[]> {
  return (await page.getByTestId(`chart-${id}`).locator('[data-testid="chart-table"] tbody tr td:first-of-type').allTextContents()).map(count);
}

/** The toolbar's count of rows the grid shows, once its first block is in. */
async function gridTotal(page: Page): Promise<number> {
  const total = page.getByTestId('dialog-total');
  await expect(total).toHaveText(/^\d+$/);
  return Number(await total.textContent());
}

async function expectChartsDrawn(page: Page, language: 'ru' | 'en'): Promise<void> {
  const words = dictionary(language);
  for (const id of CHART_IDS) {
    const figure = page.getByTestId(`chart-${id}`);
    // AG Charts draws on a canvas with a size: the chart is on screen, not just in the DOM
    await expect(figure.locator('canvas').first()).toBeVisible();
    expect((await figure.locator('canvas').first().boundingBox())?.height ?? 0).toBeGreaterThan(100);
    await expect(figure.getByTestId('chart-summary')).not.toBeEmpty();
  }
  // accessible names are the titles, in the UI's language
  await expect(page.getByRole('figure', { name: words['charts.status.title'] })).toBeVisible();
  await expect(page.getByRole('figure', { name: words['charts.hours.title'] })).toBeVisible();
  await expect(page.getByRole('figure', { name: words['charts.days.title'] })).toBeVisible();
  await expect(page.getByTestId('charts-toggle')).toContainText(words['charts.title']!);
}

test('the charts draw what the grid shows, follow a filter change and the SLA threshold, in both languages', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  await useLanguage(page, 'en');
  const toggle = page.getByTestId('charts-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expectChartsDrawn(page, 'en');

  // for the preset the console opened with: the same dialogs the grid counts
  const opened = await gridTotal(page);
  await expect(page.getByTestId('chart-status')).toHaveAttribute('data-total', String(opened));
  expect(opened).toBeGreaterThan(0);
  await testInfo.attach('charts-en.png', { body: await page.getByTestId('charts-panel').screenshot(), contentType: 'image/png' });

  // a filter change: the charts redraw for it, figure for figure what the services answer. The
  // world is still, but a waiting customer's wait runs on the wall clock: one may cross 10 minutes
  // while the UI asks. So the services are asked before the change and after the UI has answered;
  // when the two answers agree, nothing moved while the UI asked and its figures must be exactly
  // theirs; when they differ (rare), every count lies between them.
  const ask = (sla?: SlaThresholds) =>
    contract.call('metrics:aggregate', { filter: { conditions: [WAIT_10_MIN] }, ...(sla ? { sla } : {}), charts: true });
  const before = await ask();
  await page.locator('.ag-header-row-filter .ag-floating-filter[col-id="waitFirstAnswer"] input').fill('10');
  await expect(page.getByTestId('chart-status')).not.toHaveAttribute('data-total', String(opened));
  const shown = {
    total: Number(await page.getByTestId('chart-status').getAttribute('data-total')),
    grid: await gridTotal(page),
    hours: await tableValues(page, 'hours'),
    days: await tableValues(page, 'days'),
    times: await tableValues(page, 'times'),
  };
  const expected = await ask();
  expect(expected.total).toBeGreaterThan(0);
  expect(expected.total).toBeLessThan(opened);
  const answerOf = (a: typeof expected) => ({
    total: a.total,
    grid: a.total,
    hours: a.charts!.byHour,
    days: a.charts!.byDay.map((d) => d.count),
    times: a.charts!.bins.waitFirstAnswer,
  });
  if (JSON.stringify(answerOf(before)) === JSON.stringify(answerOf(expected))) {
    expect(shown).toEqual(answerOf(expected));
  } else {
    testInfo.annotations.push({ type: 'moved', description: 'a running wait crossed 10 min while the UI asked: bracketed' });
    // counts of "waited over 10 min" only grow while the world is still
    for (const key of ['total', 'grid'] as const) {
      expect(shown[key]).toBeGreaterThanOrEqual(answerOf(before)[key]);
      expect(shown[key]).toBeLessThanOrEqual(answerOf(expected)[key]);
    }
    shown.hours.forEach((n, hour) => {
      expect(n).toBeGreaterThanOrEqual(before.charts!.byHour[hour]!);
      expect(n).toBeLessThanOrEqual(expected.charts!.byHour[hour]!);
    });
    expect(shown.times.reduce((a, b) => a + b, 0)).toBe(shown.total);
  }
  // every dialog here waited over 10 minutes: nothing in the bins up to 5 min (600 itself is in (300, 600])
  expect(shown.times.slice(0, expected.charts!.binEdges.indexOf(600)).every((n) => n === 0)).toBe(true);

  // the SLA share follows the threshold edited in the Summary panel (bracketed the same way)
  await page.getByTestId('summary-toggle').click();
  const input = page.getByTestId('sla-input-waitFirstAnswer');
  const thresholds = { ...expected.sla, waitFirstAnswer: 1800 };
  const shareOf = (a: typeof expected): string =>
    new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })
      .format(a.byOperator[0]!.sla.waitFirstAnswer.share ?? 0)
      .replace(/\s/g, '');
  const shareBefore = shareOf(await ask(thresholds));
  await input.fill('30');
  await input.press('Enter');
  const sla = page.getByTestId('chart-sla');
  await expect(sla.locator('[data-testid="chart-table"] thead')).toContainText('30 min');
  const firstRow = sla.locator('[data-testid="chart-table"] tbody tr').first();
  await expect
    .poll(async () => {
      const text = ((await firstRow.textContent()) ?? '').replace(/\s/g, '');
      const shareAfter = shareOf(await ask(thresholds));
      return text.includes(shareBefore) || text.includes(shareAfter);
    })
    .toBe(true);
  await page.getByTestId('summary-toggle').click();

  // Russian: titles, the text alternative and the numbers in Russian — the same numbers the
  // English tables showed a moment ago (a language change asks the services nothing)
  const hoursInEnglish = await tableValues(page, 'hours');
  await useLanguage(page, 'ru');
  await expectChartsDrawn(page, 'ru');
  await expect(page.getByTestId('chart-sla').locator('[data-testid="chart-table"] thead')).toContainText('30 мин');
  expect(await tableValues(page, 'hours')).toEqual(hoursInEnglish);
  await testInfo.attach('charts-ru.png', { body: await page.getByTestId('charts-panel').screenshot(), contentType: 'image/png' });

  // remembered: a reload opens them expanded
  await page.reload();
  await expect(page.getByTestId('charts-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('chart-hours').locator('canvas').first()).toBeVisible();
  await page.getByTestId('charts-toggle').click();
  await expect(page.getByTestId('charts-grid')).toHaveCount(0);
});

test.describe('live traffic', () => {
  test.use({ hostOptions: { seed: 2, speed: 4 } });

  test('the charts follow new dialogs on their own, without a reload', async ({ page, host }) => {
    await openConsole(page, host);
    await page.getByTestId('charts-toggle').click();
    const status = page.getByTestId('chart-status');
    await expect(status.locator('canvas').first()).toBeVisible();
    const before = Number(await status.getAttribute('data-total'));
    let reloads = 0;
    page.on('load', () => (reloads += 1));
    // new dialogs arrive every few seconds; the charts reload with the summary (throttled to one per 5 s)
    await expect.poll(async () => Number(await status.getAttribute('data-total')), { timeout: 45_000, intervals: [1000] }).toBeGreaterThan(before);
    expect(reloads).toBe(0);
    // still one consistent answer: the hours and the undated add up to the total drawn
    const total = Number(await status.getAttribute('data-total'));
    const hours = (await tableValues(page, 'hours')).reduce((a, b) => a + b, 0);
    const undated = total - hours;
    expect(undated).toBeGreaterThanOrEqual(0);
    expect(Number(await page.getByTestId('chart-days').getAttribute('data-total'))).toBe(hours);
  });
});
