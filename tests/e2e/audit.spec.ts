/**
 * The audit log in browser mode against the demo backend: an action taken in
 * the UI shows in the audit view with who did it and how each dialog ended;
 * the filters narrow it; the CSV export downloads the same rows. And
 * "Cancel the rest" in a running batch's report takes back what was not
 * sent, the report and the audit both say so, and the backend gets none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/presets.ts';
import { expect, openConsole, test } from './fixtures.ts';
import { parseCsv } from '../unit/export/support.ts';

test.use({ hostOptions: { seed: 3, speed: 0 } });

function loggedActions(dataDir: string): number {
  const file = fs.readdirSync(dataDir).find((f) => f.endsWith('.actions.jsonl'));
  return file ? fs.readFileSync(path.join(dataDir, file), 'utf8').split('\n').filter(Boolean).length : 0;
}

test('an action shows in the audit log with its outcome, and exports as CSV', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  const { rows } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const target = rows[0]!;
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"] [col-id="client"]`).click();
  await page.keyboard.press('p');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.getByTestId('action-confirm').click();
  await expect(page.getByTestId('action-report')).toHaveAttribute('data-done', '1', { timeout: 60_000 });
  await page.getByTestId('action-close').click();

  await page.getByTestId('audit-open').click();
  const panel = page.getByTestId('audit-panel');
  await expect(panel).toBeVisible();
  const row = panel.getByTestId('audit-row').and(page.locator(`[data-dialog="${target.id}"]`));
  await expect(row).toHaveAttribute('data-outcome', 'done');
  await expect(row).toHaveAttribute('data-kind', 'pin');
  await expect(row).toContainText('demo #3');
  await expect(row).toContainText('Done');
  await testInfo.attach('audit-log.png', { body: await page.screenshot(), contentType: 'image/png' });

  // filters: an outcome nothing has → empty; the dialog's number → only its row
  await panel.getByTestId('audit-outcome').selectOption('failed');
  await expect(panel.getByTestId('audit-empty')).toBeVisible();
  await panel.getByTestId('audit-outcome').selectOption('');
  await panel.getByTestId('audit-dialog').fill('abc');
  await expect(panel.getByTestId('audit-invalid')).toBeVisible();
  await panel.getByTestId('audit-dialog').fill(String(target.id));
  await expect(panel.getByTestId('audit-row')).toHaveCount(1);

  const downloading = page.waitForEvent('download');
  await panel.getByTestId('audit-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = parseCsv(text.slice(1), ',');
  expect(lines[0]).toEqual(['Time', 'Who', 'Action', 'Parameters', 'Dialog', 'Outcome', 'Details', 'Settled']);
  expect(lines.slice(1)).toHaveLength(1);
  expect(lines[1]!.slice(1, 6)).toEqual(['demo #3', 'Pin', target.pinned ? 'unpin' : 'pin', String(target.id), 'Done']);

  // Esc closes it
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('“Cancel the rest” takes back what was not sent; the report and the audit say so (in Russian)', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('[data-lang="ru"]').click();
  const { rows } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const target = rows[0]!;
  await contract.call('demo:control', { paused: true });
  const before = loggedActions(host.dataDir);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"] [col-id="client"]`).click();
  await page.keyboard.press('s');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.getByTestId('action-confirm').click();
  const report = page.getByTestId('action-report');
  await expect(report).toHaveAttribute('data-waiting', '1', { timeout: 30_000 });
  // the backend is unreachable: once the sender has tried and backed off, the entry waits, not in flight
  await expect(page.getByTestId('outbox-button')).toHaveAttribute('data-offline', 'true', { timeout: 30_000 });
  await page.getByTestId('action-cancel-rest').click();
  await expect(page.getByTestId('action-report-cancelled')).toHaveAttribute('data-cancelled', '1');
  await expect(report).toHaveAttribute('data-waiting', '0');
  await expect(page.getByTestId('action-cancel-rest')).toHaveCount(0);
  await page.getByTestId('action-close').click();
  await contract.call('demo:control', { paused: false });
  expect(loggedActions(host.dataDir)).toBe(before);
  // nothing was sent: the dialog is as it was
  expect((await contract.call('dialogs:get', { id: target.id })).statusDetail).toBe(target.statusDetail);

  await page.getByTestId('audit-open').click();
  const panel = page.getByTestId('audit-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Журнал действий');
  const spam = panel.getByTestId('audit-row').and(page.locator('[data-kind="spam"]'));
  await expect(spam).toHaveAttribute('data-outcome', 'cancelled');
  await expect(spam).toContainText('Отменено');
  const cancel = panel.getByTestId('audit-row').and(page.locator('[data-kind="cancel"]'));
  await expect(cancel).toHaveAttribute('data-dialog', String(target.id));
  await expect(cancel).toContainText('Выполнено');
  await panel.getByTestId('audit-kind').selectOption('cancel');
  await expect(panel.getByTestId('audit-row')).toHaveCount(1);
});
