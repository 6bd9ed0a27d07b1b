/**
 * The Source dialog end to end, in browser mode: keyboard use and the
 * unencrypted-storage warning on the demo world; then a real portal — the
 * Bitrix24 emulator on loopback — pasted, tested, connected, its rows in
 * the grid, and back to the demo with the demo's rows where they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, openConsole, test } from './fixtures.ts';

test.use({ hostOptions: { seed: 1, speed: 0 } });

test('the Source button opens a keyboard-usable dialog: the demo in use, the plain-file warning, a bad webhook refused, Esc returns focus', async ({ page, host }) => {
  await openConsole(page, host);
  const button = page.getByRole('button', { name: /^Source: Demo/ });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Data source' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('source-item')).toHaveCount(1);
  await expect(dialog.getByTestId('source-item').first()).toHaveAttribute('data-current', 'true');
  await expect(dialog.getByTestId('plain-secret-warning')).toContainText(path.join(host.dataDir, 'sources.json'));

  const field = dialog.getByRole('textbox', { name: 'Inbound webhook URL' });
  await field.fill('https://acme.bitrix24.ru/not-a-webhook');
  await dialog.getByRole('button', { name: 'Test' }).click();
  await expect(dialog.getByTestId('sources-error')).toContainText('This is not a Bitrix24 inbound webhook');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  // nothing was saved by a failed test
  expect(fs.existsSync(path.join(host.dataDir, 'sources.json'))).toBe(false);
});
