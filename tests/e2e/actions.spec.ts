/**
 * Acting on dialogs in browser mode against the demo backend: finish every
 * dialog a preset selects (preview, confirm, report), each reaching the
 * backend once; offline (the demo paused) actions queue, one is cancelled in
 * the queue, and the rest drain exactly once when the backend is back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ACTIVE_DIALOGS_FILTER, WAITING_FOR_ANSWER_FILTER } from '../../shared/domain/presets.ts';
import { expect, focusedRowId, openConsole, test } from './fixtures.ts';

test.use({ hostOptions: { seed: 2, speed: 0 } });

function loggedActions(dataDir: string): number {
  const file = fs.readdirSync(dataDir).find((f) => f.endsWith('.actions.jsonl'));
  return file ? fs.readFileSync(path.join(dataDir, file), 'utf8').split('\n').filter(Boolean).length : 0;
}

const count = async (contract: { call: (c: 'dialogs:list', r: never) => Promise<{ total: number }> }, filter: unknown) =>
  (await contract.call('dialogs:list', { filter, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 } as never)).total;

test('finish every dialog a preset selects: preview, confirm, a report, each sent once', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  const active = await count(contract as never, ACTIVE_DIALOGS_FILTER);
  expect(active).toBeGreaterThan(0);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  await expect(page.getByTestId('dialog-total')).toHaveText(String(active));

  await page.getByTestId('action-finish').click();
  const dialog = page.getByTestId('action-dialog');
  await expect(dialog).toHaveAttribute('data-phase', 'confirm');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', String(active));
  await testInfo.attach('action-preview.png', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByTestId('action-confirm').click();
  await expect(dialog).not.toHaveAttribute('data-phase', 'confirm', { timeout: 60_000 });
  if ((await dialog.getAttribute('data-phase')) === 'error') throw new Error(`enqueue failed: ${await page.getByTestId('action-error').textContent()}`);
  await expect(dialog).toHaveAttribute('data-phase', 'report');
  const report = page.getByTestId('action-report');
  await expect(report).toHaveAttribute('data-waiting', '0', { timeout: 60_000 });
  await expect(report).toHaveAttribute('data-done', String(active));
  await testInfo.attach('action-report.png', { body: await page.screenshot(), contentType: 'image/png' });
  expect(loggedActions(host.dataDir)).toBe(active);

  await page.getByTestId('action-close').click();
  await expect(dialog).toHaveCount(0);
  // the rows left the Active preset: nothing active is left
  await expect(page.getByTestId('dialog-total')).toHaveText('0');
  expect(await count(contract as never, ACTIVE_DIALOGS_FILTER)).toBe(0);
});

test('offline: actions queue, one is cancelled, the rest drain exactly once when the backend is back', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  const waiting = await count(contract as never, WAITING_FOR_ANSWER_FILTER);
  test.skip(waiting < 2, 'the demo world has fewer than two clients waiting right now');
  await page.getByTestId('preset-bar').locator('[data-preset="waiting"]').click();
  await expect(page.getByTestId('dialog-total')).toHaveText(String(waiting));

  await page.getByTestId('demo-menu-button').click();
  await page.getByTestId('demo-pause').check();
  await page.keyboard.press('Escape');

  await page.getByTestId('action-spam').click();
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', String(waiting));
  await page.getByTestId('action-confirm').click();
  await page.getByTestId('action-close').click();

  const queue = page.getByTestId('outbox-button');
  await expect(queue).toHaveAttribute('data-offline', 'true', { timeout: 30_000 });
  await expect(queue).toHaveAttribute('data-waiting', String(waiting));
  await queue.click();
  await expect(page.getByTestId('outbox-offline')).toBeVisible();
  const pending = page.getByTestId('outbox-entry').and(page.locator('[data-state="pending"]'));
  await expect(pending).toHaveCount(waiting);
  await testInfo.attach('outbox-queue.png', { body: await page.screenshot(), contentType: 'image/png' });
  await pending.first().getByTestId('outbox-cancel').click();
  await expect(page.getByTestId('outbox-entry').and(page.locator('[data-state="cancelled"]'))).toHaveCount(1);
  expect(loggedActions(host.dataDir)).toBe(0);

  await page.getByTestId('demo-menu-button').click();
  await page.getByTestId('demo-pause').uncheck();
  await page.keyboard.press('Escape');
  await expect(queue).toHaveAttribute('data-waiting', '0', { timeout: 60_000 });
  await expect(page.getByTestId('outbox-entry').and(page.locator('[data-state="done"]'))).toHaveCount(waiting - 1);
  expect(loggedActions(host.dataDir)).toBe(waiting - 1);
});

test('keyboard only: pin, rate, transfer (to an operator, to a line), finish and spam, and ? lists the keys', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const { rows } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const target = rows[0]!;
  const cell = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"] [col-id="client"]`);
  await cell.click();
  const dialog = page.getByTestId('action-dialog');
  const settled = async () => {
    await expect(page.getByTestId('action-report')).toHaveAttribute('data-waiting', '0', { timeout: 60_000 });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  // p: pin; the preview's confirm has the focus, so Enter runs it; Esc after the report is back on the row
  await page.keyboard.press('p');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).pinned).toBe(!target.pinned);

  // r: rate 4 with a comment
  await page.keyboard.press('r');
  await expect(page.getByTestId('rate-menu')).toBeVisible();
  await page.getByTestId('rate-4').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('rate-comment').focus();
  await page.keyboard.type('checked from the keyboard');
  await page.getByTestId('rate-go').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).supervisorRating).toBe(4);

  // t: transfer to the first operator the search finds (not the one holding the dialog)
  const operators = (await contract.call('reference:get', {})).operators.filter((o) => !o.isBot && o.id !== target.operatorId && o.id !== 1);
  const to = operators[0]!;
  await page.keyboard.press('t');
  await expect(page.getByTestId('transfer-search')).toBeFocused();
  await page.keyboard.type(to.name);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('transfer-target')).toHaveValue(`operator:${to.id}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).operatorId).toBe(to.id);

  // ?: every shortcut, and Esc closes the list
  await cell.click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);

  // c: finish it; s on the next active dialog: force-finish it as spam
  await cell.click();
  await page.keyboard.press('c');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).status).toBe('finished');
  const { rows: next } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  const other = next[0]!;
  expect(other.id).not.toBe(target.id);
  const otherCell = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${other.id}"] [col-id="client"]`);
  // the finished dialog leaves the Active list and the rows below move up: click only once they have,
  // or the click lands on whichever row slid under the pointer
  await expect(page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"]`)).toHaveCount(0);
  await otherCell.click();
  await expect.poll(() => focusedRowId(page)).toBe(other.id);
  // t to another open line: the dialog moves there and waits in its queue
  const line = (await contract.call('reference:get', {})).lines.find((l) => l.id !== other.lineId)!;
  await page.keyboard.press('t');
  await expect(page.getByTestId('transfer-search')).toBeFocused();
  await page.keyboard.type(line.name);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('transfer-target')).toHaveValue(`line:${line.id}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: other.id })).lineId).toBe(line.id);
  expect((await contract.call('dialogs:get', { id: other.id })).statusDetail).toBe('queued');
  await otherCell.click();
  await page.keyboard.press('s');
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await settled();
  await expect.poll(async () => (await contract.call('dialogs:get', { id: other.id })).spam).toBe(true);
});
