/**
 * A range of days typed in the app's language, not the browser's: in the
 * Russian UI the boxes take ДД.ММ.ГГГГ (this Chromium runs in English, whose
 * native date box would ask for mm/dd/yyyy), the grid then counts exactly
 * the dialogs created on those days, and a day that does not exist marks the
 * field invalid without filtering.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/app/db/connection.ts';
import { cacheFileName } from '../../electron/app/services.ts';
import { expect, openConsole, test } from './fixtures.ts';

test.use({ hostOptions: { seed: 1, speed: 0 } });

const total = async (page: Page) => ((await page.getByTestId('dialog-total').textContent()) ?? '').trim().replace(/\s/g, '');
const bar = (page: Page) => page.getByTestId('filter-bar');
const find = (page: Page) => bar(page).getByRole('button', { name: 'Найти', exact: true }).click();
const ru = (iso: string) => iso.split('-').reverse().join('.');

test('a day range typed as ДД.ММ.ГГГГ in the Russian UI filters exactly those days', async ({ page, host }) => {
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="ru"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await bar(page).getByRole('button', { name: 'Сбросить' }).click();

  const db = openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { readonly: true, migrate: false });
  let from: string;
  let to: string;
  let expected: number;
  try {
    // two days of the world's history, in the host's local time (the browser shares it)
    const days = db.prepare("SELECT DISTINCT date(created_at / 1000, 'unixepoch', 'localtime') AS d FROM dialogs ORDER BY d").pluck().all() as string[];
    expect(days.length).toBeGreaterThan(2);
    [from, to] = [days[0]!, days[1]!];
    const start = new Date(`${from}T00:00:00`).getTime();
    const end = new Date(`${to}T00:00:00`).getTime() + 86_400_000;
    expected = db.prepare('SELECT COUNT(*) FROM dialogs WHERE created_at >= ? AND created_at < ?').pluck().get(start, end) as number;
  } finally {
    db.close();
  }

  await bar(page).getByRole('combobox', { name: 'Добавить поле' }).selectOption({ label: 'Дата создания' });
  const field = bar(page).getByRole('group', { name: 'Поле: Дата создания' }).last();
  await field.getByRole('combobox', { name: 'Условие для поля «Дата создания»' }).selectOption('dateBetween');
  const fromBox = field.getByRole('textbox', { name: 'С даты, поле «Дата создания»' });
  const toBox = field.getByRole('textbox', { name: /^По дату/ });
  await expect(fromBox).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ');

  // a day that does not exist: marked, and the grid keeps every dialog
  const before = await total(page);
  await fromBox.fill('31.02.2026');
  await toBox.fill(ru(to));
  await find(page);
  await expect(fromBox).toHaveAttribute('aria-invalid', 'true');
  expect(await total(page)).toBe(before);

  // one-digit parts are fine; leaving the box writes the day the Russian way
  const [y, m, d] = from.split('-');
  await fromBox.fill(`${Number(d)}.${Number(m)}.${y}`);
  await fromBox.press('Tab');
  await expect(fromBox).toHaveValue(ru(from));
  await find(page);
  await expect(fromBox).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => total(page)).toBe(String(expected));
});
