/**
 * The Source dialog end to end, in browser mode: keyboard use and the
 * unencrypted-storage warning on the demo world; then a real portal — the
 * Bitrix24 emulator on loopback — pasted, tested, connected, its rows in
 * the grid, and back to the demo with the demo's rows where they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../electron/emulator/index.ts';
import { expect, openConsole, test, visibleRowIds } from './fixtures.ts';

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

test('in Russian: the dialog, the warning and a refused webhook read in Russian', async ({ page, host, contract }) => {
  await contract.call('settings:set', { language: 'ru' });
  await openConsole(page, host);
  await page.getByRole('button', { name: /^Источник: Демо/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Источник данных' });
  await expect(dialog.getByTestId('plain-secret-warning')).toContainText('незашифрованным');
  await dialog.getByRole('textbox', { name: 'Адрес входящего вебхука' }).fill('http://example.com/rest/1/abcdef/');
  await dialog.getByRole('button', { name: 'Проверить' }).click();
  await expect(dialog.getByTestId('sources-error')).toContainText('Это не входящий вебхук Битрикс24');
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();
});


test('connect the emulator portal from the UI: Test shows the scopes, Connect fills the grid from it, back to the demo finds its rows', async ({ page, host, contract }) => {
  test.setTimeout(180_000);
  // a small frozen portal: its backfill is a few dozen requests at the enterprise rate
  const emulator = await startEmulator({ port: 0, seed: 5, plan: 'enterprise', dialogs: 60, historyDays: 2 });
  try {
    const portal = new URL(emulator.webhookUrl).host;
    const secret = new URL(emulator.webhookUrl).pathname.split('/')[3]!;
    await openConsole(page, host);
    await page.reload();
    const demoIds = await visibleRowIds(page, 8);

    await page.getByRole('button', { name: /^Source: Demo/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Data source' });
    await dialog.getByRole('textbox', { name: 'Inbound webhook URL' }).fill(emulator.webhookUrl);
    await dialog.getByRole('combobox', { name: 'Plan' }).selectOption('enterprise');
    await dialog.getByRole('button', { name: 'Test' }).click();
    const tested = dialog.getByTestId('webhook-tested');
    await expect(tested).toContainText(portal);
    for (const scope of ['imopenlines', 'im', 'crm', 'user']) {
      await expect(tested.locator(`[data-scope="${scope}"]`)).toHaveAttribute('data-ok', 'true');
    }
    await dialog.getByRole('button', { name: 'Connect' }).click();

    // the page reloads on the portal's own cache
    await expect(page.getByTestId('backend-label')).toContainText(portal, { timeout: 60_000 });
    await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'live', { timeout: 120_000 });
    const portalIds = await visibleRowIds(page, 5);
    for (const id of portalIds) expect((await contract.call('dialogs:get', { id })).id).toBe(id);
    const listed = await contract.call('sources:list', {});
    expect(listed.current).toMatchObject({ kind: 'bitrix24', id: expect.stringContaining(portal) });
    // the secret is in no answer, on no screen and in no log line
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
    const log = path.join(host.dataDir, 'logs', 'ols.log');
    if (fs.existsSync(log)) expect(fs.readFileSync(log, 'utf8')).not.toContain(secret);
    expect(fs.statSync(path.join(host.dataDir, 'sources.json')).mode & 0o777).toBe(0o600);

    await page.getByRole('button', { name: /^Source: Bitrix24/ }).click();
    await page.getByRole('dialog', { name: 'Data source' }).getByRole('button', { name: 'Use Demo #1' }).click();
    await expect(page.getByTestId('backend-label')).toContainText('Demo', { timeout: 60_000 });
    await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible();
    expect(await visibleRowIds(page, 8)).toEqual(demoIds);
    // both caches stay on disk
    const caches = fs.readdirSync(host.dataDir).filter((name) => /^cache-.*\.sqlite$/.test(name));
    expect(caches.sort()).toEqual([expect.stringMatching(/^cache-bitrix24-/), 'cache-demo-seed1.sqlite']);

    // Forget asks first; with "delete its cache" ticked the portal's file goes, the demo's stays
    await page.getByRole('button', { name: /^Source: Demo/ }).click();
    const sources = page.getByRole('dialog', { name: 'Data source' });
    await sources.getByRole('button', { name: new RegExp(`^Forget Bitrix24 ${portal.replace(/[.]/g, '\\.')}`) }).click();
    const confirm = sources.getByRole('group', { name: /^Forget Bitrix24 .*\?$/ });
    await expect(confirm.getByRole('button', { name: 'Forget, keep the cache' })).toBeVisible();
    await confirm.getByRole('checkbox', { name: /Also delete its cache/ }).check();
    await confirm.getByRole('button', { name: 'Forget and delete the cache' }).click();
    await expect(sources.getByTestId('source-item')).toHaveCount(1);
    // the portal's cache and every file beside it (-wal, -shm) are gone
    await expect.poll(() => fs.readdirSync(host.dataDir).filter((name) => name.startsWith('cache-bitrix24-'))).toEqual([]);
    expect(fs.existsSync(path.join(host.dataDir, 'cache-demo-seed1.sqlite'))).toBe(true);
    expect((await contract.call('sources:list', {})).saved.map((s) => s.kind)).toEqual(['demo']);
  } finally {
    await emulator.close();
  }
});

test('a webhook without the crm scope: Test marks it ✗ and says what to add in Bitrix24', async ({ page, host }) => {
  const emulator = await startEmulator({ port: 0, seed: 6, plan: 'standard', dialogs: 10, historyDays: 1, scopes: ['imopenlines', 'im', 'user'] });
  try {
    await openConsole(page, host);
    await page.getByRole('button', { name: /^Source: Demo/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Data source' });
    await dialog.getByRole('textbox', { name: 'Inbound webhook URL' }).fill(emulator.webhookUrl);
    await dialog.getByRole('button', { name: 'Test' }).click();
    const tested = dialog.getByTestId('webhook-tested');
    await expect(tested.locator('[data-scope="crm"]')).toHaveAttribute('data-ok', 'false');
    await expect(tested.locator('[data-scope="crm"]')).toContainText('✗ crm: missing');
    await expect(tested.locator('[data-scope="imopenlines"]')).toContainText('✓ imopenlines: works');
    await expect(tested.getByTestId('webhook-missing')).toHaveText('Add the scope crm to the webhook in Bitrix24 → Developer resources, then test again.');
  } finally {
    await emulator.close();
  }
});
