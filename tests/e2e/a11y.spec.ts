/**
 * Every control has an accessible name, in Russian and in English: each
 * button, input, select and combobox on the page, with the side pane open (its
 * history and its explanation), a column filter open and the column chooser
 * open. In Russian the names are Russian, and AG Grid's own texts too (its
 * locale package has no Russian; renderer/src/grid/ag-locale-ru.ts is ours).
 */
import type { Page } from '@playwright/test';
import { expect, openConsole, test } from './fixtures.ts';

/** The roles of controls a user operates: each needs a name to be found and understood. */
const CONTROL_ROLES = ['button', 'textbox', 'combobox', 'checkbox', 'radio', 'tab', 'switch', 'spinbutton', 'listbox', 'searchbox', 'slider'];

/** Names that are the same in every language: the language switch's own codes (№, the number column, counts as Russian). */
const LANGUAGE_NEUTRAL = /^(RU|EN)$/;

interface Audit {
  /** controls (their snapshot line and the line above, for context) whose accessible name is empty */
  unnamed: string[];
  /** in Russian: names without a Russian word */
  notRussian: string[];
  /** how many controls were checked */
  checked: number;
}

/**
 * One aria snapshot of the page (Playwright's own accessible names and
 * visibility, one call rather than one per control, which a busy machine
 * cannot afford for a few hundred cells), read line by line: `- role "name"`,
 * YAML-quoted as `- 'role "name"'` when the name holds a colon.
 */
async function audit(page: Page, language: 'ru' | 'en'): Promise<Audit> {
  const lines = (await page.locator('body').ariaSnapshot()).split('\n');
  const pattern = new RegExp(`^\\s*- '?(${CONTROL_ROLES.join('|')})\\b(?: "((?:[^"\\\\]|\\\\.)*)")?`);
  const result: Audit = { unnamed: [], notRussian: [], checked: 0 };
  lines.forEach((line, index) => {
    const match = pattern.exec(line);
    if (!match) return;
    result.checked += 1;
    const name = (match[2] ?? '').replace(/\\"/g, '"').replace(/''/g, "'").trim();
    if (name === '') result.unnamed.push(`${lines[index - 1]?.trim() ?? ''} / ${line.trim()}`);
    else if (language === 'ru' && !/[а-яё№]/i.test(name) && !LANGUAGE_NEUTRAL.test(name)) result.notRussian.push(line.trim());
  });
  return result;
}

async function expectNamed(page: Page, language: 'ru' | 'en', where: string): Promise<void> {
  const { unnamed, notRussian, checked } = await audit(page, language);
  expect(checked, `${where}: controls found`).toBeGreaterThan(0);
  expect(unnamed, `${where}: controls without an accessible name`).toEqual([]);
  expect(notRussian, `${where}: names that are not Russian`).toEqual([]);
}

for (const language of ['ru', 'en'] as const) {
  test(`every control has an accessible name (${language})`, async ({ page, host, contract }) => {
    await contract.call('settings:set', { language });
    await openConsole(page, host);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectNamed(page, language, 'the list');

    // the side pane: history, then the explanation of a metric
    await page.locator('[data-testid="dialog-grid"] .ag-row[row-index="0"]:not(.ag-header-row) [col-id="client"]').click();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('history-view')).toBeVisible();
    await expectNamed(page, language, 'history pane');
    await page.getByTestId('pane-tab-explain').click();
    await expect(page.getByTestId('explain-value')).toBeVisible();
    await expectNamed(page, language, 'explanation pane');

    // an AG Grid column filter: its option picker, inputs and buttons
    await page.locator('.ag-floating-filter[col-id="duration"] .ag-floating-filter-button-button').click();
    const popup = page.locator('.ag-popup .ag-popup-child');
    await expect(popup).toBeVisible();
    await expectNamed(page, language, 'column filter');
    await page.keyboard.press('Escape');
    await expect(popup).toBeHidden();

    // the column chooser
    await page.getByTestId('column-chooser-button').click();
    await expect(page.getByTestId('column-chooser')).toBeVisible();
    await expectNamed(page, language, 'column chooser');
  });
}

test('the Russian UI shows AG Grid\'s own texts in Russian; the English one in English', async ({ page, host, contract }) => {
  const filterTexts = async (): Promise<string[]> => {
    await page.locator('.ag-floating-filter[col-id="createdAt"] .ag-floating-filter-button-button').click();
    const popup = page.locator('.ag-popup .ag-popup-child');
    await expect(popup).toBeVisible();
    // open the condition picker too: its options are AG Grid's texts
    await popup.locator('.ag-picker-field-wrapper').first().click();
    await expect(page.locator('.ag-select-list-item').first()).toBeVisible();
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      for (const root of document.querySelectorAll('.ag-popup')) {
        for (const el of root.querySelectorAll('*')) {
          for (const attr of ['aria-label', 'placeholder', 'title']) {
            const value = el.getAttribute(attr);
            if (value) out.push(value);
          }
          for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) out.push(node.textContent.trim());
        }
      }
      return out;
    });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    return texts;
  };

  await contract.call('settings:set', { language: 'ru' });
  await openConsole(page, host);
  // a text only AG Grid's locale gives (none of the app's own wording): the hint read out on a selected row
  await page.locator('[data-testid="dialog-grid"] .ag-row[row-index="0"]:not(.ag-header-row) [col-id="client"]').click();
  await expect(page.locator('[data-testid="dialog-grid"] .ag-aria-description-container')).toHaveText(/^Нажмите пробел, чтобы (выделить строку|снять выделение строки)/);
  const russian = await filterTexts();
  expect(russian.length).toBeGreaterThan(3);
  // every label in the filter is Russian: no English word left (the date format mask is dd.mm.гггг)
  expect(russian.filter((text) => /[a-z]{2,}/i.test(text))).toEqual([]);
  expect(russian).toContain('Сегодня');
  // the data source beside the Russian "Демо" badge carries no English words either
  await expect(page.getByTestId('backend-label')).toContainText('Демо');
  await expect(page.getByTestId('backend-label')).not.toHaveText(/[a-z]{2,}/i);

  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('[data-testid="dialog-grid"] .ag-row[row-index="0"]:not(.ag-header-row) [col-id="client"]').click();
  await expect(page.locator('[data-testid="dialog-grid"] .ag-aria-description-container')).toHaveText(/^Press SPACE to (select|deselect) this row/);
  const english = await filterTexts();
  expect(english).toContain('Today');
  expect(english.filter((text) => /[а-яё]/i.test(text))).toEqual([]);
});
