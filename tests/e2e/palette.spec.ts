/**
 * The command palette in browser mode: Ctrl+K opens it from the grid, a
 * search in either language finds the command, Enter runs it on the focused
 * dialog through the usual preview, and a preset is applied from it; the ?
 * list names the shortcut.
 */
import { ACTIVE_DIALOGS_FILTER, SPAM_FILTER } from '../../shared/domain/presets.ts';
import { expect, openConsole, test } from './fixtures.ts';

test.use({ hostOptions: { seed: 4, speed: 0 } });

test('Ctrl+K: find a command in Russian from the English UI, run it on the focused row through the preview, apply a preset', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const { rows } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const target = rows[0]!;
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"] [col-id="client"]`).click();

  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('palette');
  await expect(palette).toBeVisible();
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await expect(page.getByTestId('palette-scope')).toContainText(String(target.id));
  await page.keyboard.type('спам');
  await expect(page.getByTestId('palette-spam')).toBeVisible();
  await expect(page.getByTestId('palette-audit')).toHaveCount(0);
  await testInfo.attach('palette.png', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);

  // the usual preview, for the focused dialog only; Enter confirms
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-report')).toHaveAttribute('data-done', '1', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).statusDetail).toBe('spam');

  // a preset, by its English name, with the keyboard only
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await page.keyboard.type('preset spam');
  const preset = page.getByTestId('palette-preset').and(page.locator('[data-preset="spam"]'));
  await expect(preset).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  const spam = (await contract.call('dialogs:list', { filter: SPAM_FILTER, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 })).total;
  await expect(page.getByTestId('preset-bar').locator('[data-preset="spam"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('dialog-total')).toHaveText(String(spam));

  // a view command: the audit log shows the spam just done
  await page.keyboard.press('Control+k');
  await page.keyboard.type('журнал');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('audit-row').and(page.locator(`[data-dialog="${target.id}"]`))).toHaveAttribute('data-outcome', 'done');
  await page.keyboard.press('Escape');

  // select all matching, from the palette: the selection bar counts the filter's dialogs
  await page.keyboard.press('Control+k');
  await page.keyboard.type('выбрать все');
  await expect(page.getByTestId('palette-selectAll')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-count')).toHaveAttribute('data-count', String(spam));
  await page.keyboard.press('Escape');

  // Esc closes the palette and runs nothing
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(page.getByTestId('action-dialog')).toHaveCount(0);

  // the ? list names it
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('shortcuts-help')).toContainText('Ctrl/Cmd+K');
});
