/**
 * The per-dialog ≡ menu and the transfer picker in browser mode against the
 * demo backend: the menu opens from the keyboard on the row's ≡ cell, moves
 * with the arrows, closes with Esc back onto the row; pin / unpin and
 * intercept go through the preview and the outbox and the contract client
 * sees them; a finished dialog's menu disables what cannot apply and says
 * why; the picker filters as you type, marks the current operator, and
 * shows each operator's load as the services count it.
 */
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/presets.ts';
import type { DialogListItem } from '../../shared/domain/dialog.ts';
import type { Page } from '@playwright/test';
import type { ContractClient } from '../support/ws-client.ts';
import { expect, openConsole, test } from './fixtures.ts';

test.use({ hostOptions: { seed: 2, speed: 0 } });
// each test waits for a full backfill and then for the outbox to reach the demo: on a shared two-core
// machine that alone came near the default 90 s, so the timeout (not any assertion) is tripled
test.beforeEach(() => test.slow());

const SUPERVISOR = 1;
const ITEMS = ['history', 'open', 'close', 'spam', 'pin', 'intercept', 'transfer', 'rate'] as const;

const actionsCell = (page: Page, id: number) => page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"] .ag-cell[col-id="actions"]`);
const menu = (page: Page) => page.getByTestId('row-menu');

/** Focuses the row's ≡ cell as the grid's arrow keys would, and opens the menu with `key`. */
async function openByKeyboard(page: Page, id: number, key: 'Enter' | ' ' = 'Enter'): Promise<void> {
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"] .ag-cell[col-id="client"]`).click();
  // from the client cell to the ≡ cell with the arrows, as a keyboard user does
  for (let i = 0; i < 60 && !(await actionsCell(page, id).evaluate((el) => el.classList.contains('ag-cell-focus'))); i++) await page.keyboard.press('ArrowRight');
  await expect(actionsCell(page, id)).toBeFocused();
  await page.keyboard.press(key);
  await expect(menu(page)).toBeVisible();
  await expect(page.getByTestId('row-menu-history')).toBeFocused();
}

async function choose(page: Page, item: (typeof ITEMS)[number]): Promise<void> {
  for (let i = 0; i < ITEMS.indexOf(item); i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId(`row-menu-${item}`)).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Confirms the preview with Enter and waits until the outbox has sent it. */
async function confirmAndSettle(page: Page): Promise<void> {
  await expect(page.getByTestId('action-preview')).toHaveAttribute('data-accepted', '1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-report')).toHaveAttribute('data-waiting', '0', { timeout: 60_000 });
  await expect(page.getByTestId('action-report')).toHaveAttribute('data-done', '1');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-dialog')).toHaveCount(0);
}

/** An active dialog a person (not a bot, not the supervisor) holds, among the newest: its row is on screen. */
async function heldActive(contract: ContractClient): Promise<DialogListItem> {
  const bots = new Set((await contract.call('reference:get', {})).operators.filter((o) => o.isBot).map((o) => o.id));
  const { rows } = await contract.call('dialogs:list', { filter: ACTIVE_DIALOGS_FILTER, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 20 });
  const row = rows.find((r) => r.operatorId !== null && r.operatorId !== SUPERVISOR && !bots.has(r.operatorId) && r.statusDetail !== 'closing');
  if (!row) throw new Error('no active dialog held by a person among the newest 20');
  return row;
}

test('the ≡ menu by keyboard: arrows move, Esc returns to the row; pin and unpin reach the services', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const target = await heldActive(contract);
  await expect(page.getByRole('button', { name: `Actions for dialog No. ${target.id}` }).or(page.getByRole('button', { name: `Действия с диалогом №${target.id}` }))).toHaveCount(1);

  await openByKeyboard(page, target.id);
  await expect(menu(page)).toHaveAttribute('data-dialog-id', String(target.id));
  await expect(menu(page).getByRole('menuitem')).toHaveCount(ITEMS.length);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('row-menu-rate')).toBeFocused();
  await page.keyboard.press('Home');
  await testInfo.attach('row-menu.png', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);
  await expect(actionsCell(page, target.id)).toBeFocused();

  // pin (Enter opens), then unpin (Space opens): each through the preview and the outbox
  await page.keyboard.press('Enter');
  await expect(menu(page)).toBeVisible();
  await choose(page, 'pin');
  await confirmAndSettle(page);
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).pinned).toBe(!target.pinned);

  await openByKeyboard(page, target.id, ' ');
  await expect(page.getByTestId('row-menu-pin')).toHaveText(target.pinned ? /Pin|Закрепить/ : /Unpin|Открепить/);
  await choose(page, 'pin');
  await confirmAndSettle(page);
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).pinned).toBe(target.pinned);
});

test('intercept from the ≡ menu: the supervisor becomes the operator, once', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const target = await heldActive(contract);
  // the demo's user 1, the supervisor, takes the dialog over
  await openByKeyboard(page, target.id);
  await choose(page, 'intercept');
  await confirmAndSettle(page);
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).operatorId).toBe(SUPERVISOR);
  const entries = (await contract.call('outbox:list', { limit: 10 })).entries;
  expect(entries.filter((e) => e.dialogId === target.id && e.action.kind === 'intercept')).toEqual([expect.objectContaining({ state: 'done', outcome: 'applied' })]);
  // the dialog is now the supervisor's own: its menu says so instead of offering the intercept again
  await expect(page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${target.id}"] [col-id="operator"]`)).not.toHaveText(target.operator ?? '');
  await openByKeyboard(page, target.id);
  await expect(page.getByTestId('row-menu-intercept')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('row-menu-intercept-why')).toHaveText(/The dialog is already yours|Диалог уже ваш/);
  await expect(page.getByTestId('row-menu-close')).not.toHaveAttribute('aria-disabled', 'true');
});

test('a finished dialog’s menu disables what cannot apply and says why; on the demo Open dialog is the history', async ({ page, host, contract }) => {
  await openConsole(page, host);
  const { rows } = await contract.call('dialogs:list', {
    filter: { conditions: [{ column: 'statusDetail', op: 'in', values: ['finished'] }] },
    sort: { column: 'createdAt', direction: 'desc' },
    startRow: 0,
    endRow: 1,
  });
  const finished = rows[0]!;
  await page.getByTestId('quick-search').locator('input').fill(String(finished.id));
  await expect(page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${finished.id}"]`)).toBeVisible();

  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${finished.id}"] [data-testid="row-menu-button"]`).click();
  await expect(menu(page)).toBeVisible();
  for (const item of ['close', 'spam', 'pin', 'intercept', 'transfer'] as const) {
    await expect(page.getByTestId(`row-menu-${item}`)).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByTestId(`row-menu-${item}-why`)).toHaveText(/The dialog is finished|Диалог завершён/);
  }
  for (const item of ['history', 'open', 'rate'] as const) await expect(page.getByTestId(`row-menu-${item}`)).not.toHaveAttribute('aria-disabled', 'true');

  // choosing a disabled item does nothing: no preview, the menu stays
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('row-menu-close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-dialog')).toHaveCount(0);
  await expect(menu(page)).toBeVisible();

  // Open dialog: the demo has no web pages, so it is the history pane on that dialog
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('row-menu-open')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu(page)).toHaveCount(0);
  await expect(page.getByTestId('side-pane')).toBeVisible();

});

test('transfer picker: type to filter, the current operator marked, each load as the services count it', async ({ page, host, contract }, testInfo) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="active"]').click();
  const target = await heldActive(contract);
  await openByKeyboard(page, target.id);
  await choose(page, 'transfer');
  await expect(page.getByTestId('transfer-menu')).toBeVisible();
  await expect(page.getByTestId('transfer-search')).toBeFocused();

  const current = page.getByTestId(`transfer-operator-${target.operatorId}`);
  await expect(current).toHaveAttribute('data-current', 'true');
  await expect(current).toBeDisabled();
  await expect(page.getByTestId(`transfer-line-${target.lineId}`)).toBeDisabled();

  // every operator's number equals the services' count of their active dialogs
  const options = page.locator('[data-testid^="transfer-operator-"]');
  await expect(options.first()).toHaveAttribute('data-load', /\d+/);
  const shown = await options.evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-testid')!.split('-').pop()), Number(el.getAttribute('data-load'))] as const));
  expect(shown.length).toBeGreaterThan(1);
  expect(shown.some(([, load]) => load > 0)).toBe(true);
  for (const [operatorId, load] of shown) {
    const { total } = await contract.call('dialogs:list', {
      filter: { ...ACTIVE_DIALOGS_FILTER, conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [operatorId] }] },
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: 1,
    });
    expect(load, `operator ${operatorId}`).toBe(total);
  }
  await testInfo.attach('transfer-picker.png', { body: await page.screenshot(), contentType: 'image/png' });

  // type part of another operator's name: only the matches stay; ↓ enters the list, Enter transfers
  const reference = await contract.call('reference:get', {});
  const other = reference.operators.find((o) => !o.isBot && o.id !== target.operatorId && o.id !== SUPERVISOR)!;
  const word = other.name.split(' ').at(-1)!;
  await page.keyboard.type(word);
  const matches = reference.operators.filter((o) => !o.isBot && o.name.toLocaleLowerCase().includes(word.toLocaleLowerCase()));
  await expect(options).toHaveCount(matches.length);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('transfer-target')).toBeFocused();
  const picked = await page.getByTestId('transfer-target').inputValue();
  expect(picked).toMatch(/^operator:\d+$/);
  expect(picked).not.toBe(`operator:${target.operatorId}`);
  await page.keyboard.press('Enter');
  await confirmAndSettle(page);
  await expect.poll(async () => (await contract.call('dialogs:get', { id: target.id })).operatorId).toBe(Number(picked.split(':')[1]));
});
