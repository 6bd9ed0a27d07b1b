/**
 * The Filter + search bar (spec §5, issue 8 §2) against browser mode: fields
 * added through the bar select exactly the rows a direct SQL query on the
 * cache file selects (opened read-only beside the running host), "match any"
 * is an OR, chips remove one condition each, Esc clears, header filters and
 * chips are one model, and hostile filters through the contract are refused
 * while the grid keeps answering.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase, type ReadableDB } from '../../electron/app/db/connection.ts';
import { datePresetRange } from '../../electron/app/db/queries/filter-sql.ts';
import { cacheFileName } from '../../electron/app/services.ts';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import type { DialogFilter } from '../../shared/domain/filter.ts';
import type { ContractClient } from '../support/ws-client.ts';
import type { WebHostProcess } from '../support/web-host-process.ts';
import { expect, openConsole, test, visibleRowIds } from './fixtures.ts';

// A still world: the SQL oracle reads the same rows the grid shows (live traffic would move both).
test.use({ hostOptions: { seed: 1, speed: 0 } });

const BLOCK = 100;

function openCache(host: WebHostProcess): ReadableDB {
  return openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { readonly: true, migrate: false });
}

/** The grid's own order for the default sort (newest first; ties by id), as SQL writes it. */
function sqlIds(db: ReadableDB, where: string, params: unknown[]): { total: number; first: number[] } {
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM dialogs WHERE ${where}`).get(...params) as { n: number }).n;
  const first = (
    db.prepare(`SELECT id FROM dialogs WHERE ${where} ORDER BY created_at IS NULL, created_at DESC, id DESC LIMIT ${BLOCK}`).all(...params) as Array<{ id: number }>
  ).map((r) => r.id);
  return { total, first };
}

interface Block {
  request: { filter: DialogFilter; startRow: number };
  result: { ok: boolean; value?: { rows: Array<{ id: number }>; total: number } };
}

/** Every `dialogs:list` the page sends and its answer, passed through unchanged (nothing is stubbed). */
async function recordBlocks(page: Page): Promise<Block[]> {
  const blocks: Block[] = [];
  const pending = new Map<number, Block['request']>();
  await page.routeWebSocket(/\/api\/ws/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const m = JSON.parse(String(message)) as { id: number; channel: string; request: Block['request'] };
      if (m.channel === 'dialogs:list') pending.set(m.id, m.request);
      server.send(message);
    });
    server.onMessage((message) => {
      const m = JSON.parse(String(message)) as { type: string; id: number; result: Block['result'] };
      const request = m.type === 'result' ? pending.get(m.id) : undefined;
      if (request) {
        pending.delete(m.id);
        blocks.push({ request, result: m.result });
      }
      ws.send(message);
    });
  });
  return blocks;
}

/** The newest first block the grid received for `filter`. */
async function firstBlockFor(blocks: Block[], filter: DialogFilter): Promise<{ ids: number[]; total: number }> {
  const key = JSON.stringify(filter);
  let found: Block | undefined;
  await expect
    .poll(() => {
      found = blocks.findLast((b) => b.request.startRow === 0 && JSON.stringify(b.request.filter) === key && b.result.ok);
      return found !== undefined;
    }, { message: `the grid asked for ${key}` })
    .toBe(true);
  return { ids: found!.result.value!.rows.map((r) => r.id), total: found!.result.value!.total };
}

async function uiTotal(page: Page): Promise<string> {
  return ((await page.getByTestId('dialog-total').textContent()) ?? '').trim();
}

async function expectGridShows(page: Page, blocks: Block[], filter: DialogFilter, oracle: { total: number; first: number[] }): Promise<void> {
  const block = await firstBlockFor(blocks, filter);
  expect(block.total).toBe(oracle.total);
  expect(block.ids).toEqual(oracle.first);
  await expect.poll(() => uiTotal(page)).toBe(String(oracle.total));
  if (oracle.total > 0) {
    await expect.poll(async () => (await visibleRowIds(page, 10)).join(',')).toBe(oracle.first.slice(0, 10).join(','));
  }
}

const bar = (page: Page) => page.getByTestId('filter-bar');
/** the chips' words (each chip also holds its × button) */
const chips = (page: Page) => bar(page).getByTestId('filter-chip').getByTestId('filter-chip-text');

async function useEnglish(page: Page): Promise<void> {
  await page.getByTestId('lang-switch').locator('button[data-lang="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

async function addField(page: Page, column: string) {
  await bar(page).getByRole('combobox', { name: 'Add field' }).selectOption({ label: column });
  return bar(page).getByRole('group', { name: `Field: ${column}` }).last();
}

async function pickAnyOf(page: Page, column: string, label: string): Promise<void> {
  const field = bar(page).getByRole('group', { name: `Field: ${column}` }).last();
  await field.getByRole('button', { name: new RegExp(`^Choose values for ${column}`) }).click();
  const picker = page.getByRole('dialog', { name: `Choose values for ${column}` });
  await picker.getByRole('searchbox', { name: `Search in ${column}` }).fill(label);
  await picker.getByRole('checkbox', { name: label, exact: true }).check();
  // Esc closes the picker only; the bar keeps its fields
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(field.getByRole('button', { name: new RegExp(`^Choose values for ${column}`) })).toContainText(label);
}

async function allDialogs(page: Page, db: ReadableDB): Promise<number> {
  // start from no filter whatever the default preset is
  await bar(page).getByRole('button', { name: 'Reset' }).click();
  const { total } = sqlIds(db, '1', []);
  await expect.poll(() => uiTotal(page)).toBe(String(total));
  return total;
}

test('three fields through the bar give exactly the rows SQL on the cache gives; "match any" is an OR', async ({ page, host, contract }, testInfo) => {
  const blocks = await recordBlocks(page);
  await openConsole(page, host);
  await useEnglish(page);
  const db = openCache(host);
  try {
    const all = await allDialogs(page, db);
    // the busiest line, by its name as the user reads it
    const { line_id: lineId } = db.prepare('SELECT line_id, COUNT(*) AS n FROM dialogs GROUP BY line_id ORDER BY n DESC LIMIT 1').get() as { line_id: number };
    const lineName = (await contract.call('reference:get', {})).lines.find((l) => l.id === lineId)!.name;

    await addField(page, 'Open line');
    await pickAnyOf(page, 'Open line', lineName);
    const duration = await addField(page, 'Dialog duration');
    await duration.getByRole('combobox', { name: 'Condition for Dialog duration' }).selectOption({ label: 'at least (≥)' });
    await duration.getByRole('textbox', { name: 'Minutes, for Dialog duration' }).fill('2');
    const spam = await addField(page, 'Spam');
    await spam.getByRole('combobox', { name: 'Condition for Spam' }).selectOption({ label: 'no' });
    await bar(page).getByRole('button', { name: 'Find' }).click();

    const conditions: DialogFilter['conditions'] = [
      { column: 'line', op: 'in', values: [lineId] },
      { column: 'duration', op: 'range', from: 120 },
      { column: 'spam', op: 'is', value: false },
    ];
    const allOf = sqlIds(db, 'line_id = ? AND duration >= 120 AND spam = 0', [lineId]);
    expect(allOf.total).toBeGreaterThan(0);
    expect(allOf.total).toBeLessThan(all);
    await expectGridShows(page, blocks, { conditions }, allOf);
    await expect(chips(page)).toHaveText([`Open line: ${lineName}`, 'Dialog duration ≥ 2 min', 'Spam: No']);
    await testInfo.attach('filter-bar-with-chips.png', { body: await bar(page).screenshot(), contentType: 'image/png' });

    // the same fields, any of them: one any-of group, an OR in SQL
    await bar(page).getByRole('group', { name: 'Combine the fields' }).getByRole('button', { name: 'Match any' }).click();
    await bar(page).getByRole('button', { name: 'Find' }).click();
    const anyOf = sqlIds(db, '(line_id = ? OR duration >= 120 OR spam = 0)', [lineId]);
    expect(anyOf.total).toBeGreaterThan(allOf.total);
    await expectGridShows(page, blocks, { conditions: [], groups: [{ op: 'any', conditions }] }, anyOf);
    await expect(bar(page).getByTestId('filter-chip-group')).toHaveAttribute('data-op', 'any');
    await expect(bar(page).getByTestId('filter-chip-group')).toContainText('any of:');
    await expect(chips(page)).toHaveCount(3);
    await testInfo.attach('filter-bar-match-any.png', { body: await page.screenshot(), contentType: 'image/png' });

    // and back to all of them
    await bar(page).getByRole('button', { name: 'Match all' }).click();
    await bar(page).getByRole('button', { name: 'Find' }).click();
    await expectGridShows(page, blocks, { conditions }, allOf);
  } finally {
    db.close();
  }
});

test('a chip removes one condition, and Esc clears the bar', async ({ page, host }) => {
  const blocks = await recordBlocks(page);
  await openConsole(page, host);
  await useEnglish(page);
  const db = openCache(host);
  try {
    const all = await allDialogs(page, db);
    const created = await addField(page, 'Created');
    await created.getByRole('combobox', { name: 'Period for Created' }).selectOption({ label: 'Last 7 days' });
    const duration = await addField(page, 'Dialog duration');
    await duration.getByRole('combobox', { name: 'Condition for Dialog duration' }).selectOption({ label: 'between' });
    await duration.getByRole('textbox', { name: 'From, minutes, for Dialog duration' }).fill('1');
    await duration.getByRole('textbox', { name: 'To, minutes, for Dialog duration' }).fill('10,5');
    // Enter in a box finds, like the button
    await duration.getByRole('textbox', { name: 'To, minutes, for Dialog duration' }).press('Enter');
    await expect(chips(page)).toHaveText(['Created: Last 7 days', 'Dialog duration: 1 min – 10.5 min']);
    // the services resolve the preset in this machine's time zone at query time, as here
    const last7 = datePresetRange('last7days', Date.now());
    const both = sqlIds(db, 'created_at >= ? AND created_at < ? AND duration BETWEEN 60 AND 630', last7);
    expect(both.total).toBeGreaterThan(0);
    await expectGridShows(
      page,
      blocks,
      { conditions: [{ column: 'createdAt', op: 'datePreset', preset: 'last7days' }, { column: 'duration', op: 'range', from: 60, to: 630 }] },
      both,
    );

    // × on the duration chip removes that condition only; the bar's fields follow
    await bar(page).getByRole('button', { name: 'Remove condition: Dialog duration: 1 min – 10.5 min' }).click();
    await expect(chips(page)).toHaveText(['Created: Last 7 days']);
    await expect(bar(page).getByTestId('filter-field')).toHaveCount(1);
    await expectGridShows(page, blocks, { conditions: [{ column: 'createdAt', op: 'datePreset', preset: 'last7days' }] }, sqlIds(db, 'created_at >= ? AND created_at < ?', last7));

    // Esc in the bar clears it: no chips, no fields, every dialog
    await bar(page).getByRole('combobox', { name: 'Period for Created' }).focus();
    await page.keyboard.press('Escape');
    await expect(chips(page)).toHaveCount(0);
    await expect(bar(page).getByTestId('filter-no-chips')).toBeVisible();
    await expect(bar(page).getByTestId('filter-field')).toHaveCount(0);
    await expect.poll(() => uiTotal(page)).toBe(String(all));
  } finally {
    db.close();
  }
});

function floatingFilter(page: Page, columnId: string) {
  return page.locator(`.ag-header-row-filter .ag-floating-filter[col-id="${columnId}"]`).locator('input').first();
}

test('a header column filter shows up as a chip, and a field found through the bar shows in its header', async ({ page, host }) => {
  const blocks = await recordBlocks(page);
  await openConsole(page, host);
  await useEnglish(page);
  const db = openCache(host);
  try {
    await allDialogs(page, db);
    // header → chip (and a field of the bar)
    await floatingFilter(page, 'responseAvg').fill('2');
    await expect(chips(page)).toHaveText(['Average response time ≥ 2 min']);
    await expect(bar(page).getByRole('group', { name: 'Field: Average response time' })).toBeVisible();
    await expectGridShows(page, blocks, { conditions: [{ column: 'responseAvg', op: 'range', from: 120 }] }, sqlIds(db, 'response_avg >= 120', []));

    // bar → header
    const field = await addField(page, 'Dialog duration');
    await field.getByRole('combobox', { name: 'Condition for Dialog duration' }).selectOption({ label: 'at most (≤)' });
    await field.getByRole('textbox', { name: 'Minutes, for Dialog duration' }).fill('15');
    await bar(page).getByRole('button', { name: 'Find' }).click();
    await expect(chips(page)).toHaveText(['Average response time ≥ 2 min', 'Dialog duration ≤ 15 min']);
    await expect(floatingFilter(page, 'duration')).toHaveValue(/15/);
    await expect(floatingFilter(page, 'responseAvg')).toHaveValue(/2/);
    await expectGridShows(
      page,
      blocks,
      { conditions: [{ column: 'responseAvg', op: 'range', from: 120 }, { column: 'duration', op: 'range', to: 900 }] },
      sqlIds(db, 'response_avg >= 120 AND duration <= 900', []),
    );

    // a chip removed clears its header; a header cleared removes its chip
    await bar(page).getByRole('button', { name: 'Remove condition: Average response time ≥ 2 min' }).click();
    await expect(floatingFilter(page, 'responseAvg')).toHaveValue('');
    await expect(chips(page)).toHaveText(['Dialog duration ≤ 15 min']);
    await page.getByTestId('clear-filters').click();
    await expect(chips(page)).toHaveCount(0);
    await expect(floatingFilter(page, 'duration')).toHaveValue('');
  } finally {
    db.close();
  }
});

async function refusal(contract: ContractClient, filter: unknown): Promise<string> {
  try {
    await contract.call('dialogs:list', { filter: filter as DialogFilter, sort: DEFAULT_SORT, startRow: 0, endRow: 10 });
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

test('hostile filters through the contract are refused with VALIDATION, and the grid still answers', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await useEnglish(page);
  const db = openCache(host);
  try {
    const before = sqlIds(db, '1', []).total;
    const hostile: Array<[string, unknown, RegExp]> = [
      ['SQL in an id list', { conditions: [{ column: 'line', op: 'in', values: ['1) OR 1=1 --'] }] }, /line.*numeric ids/],
      ['SQL as a column', { conditions: [{ column: 'id; DROP TABLE dialogs', op: 'in', values: [1] }] }, /conditions\.0\.column/],
      ['an unknown column', { conditions: [{ column: 'password', op: 'equals', value: 'x' }] }, /conditions\.0\.column/],
      ['an operator the column does not take', { conditions: [{ column: 'spam', op: 'contains', value: "' OR 1=1" }] }, /spam.*contains/],
      ['a 100 KB string', { conditions: [{ column: 'client', op: 'contains', value: 'x'.repeat(100_000) }] }, /conditions\.0\.value/],
      ['a 100 KB quick search', { conditions: [], search: 'y'.repeat(100_000) }, /search/],
      ['a string for a number', { conditions: [{ column: 'duration', op: 'range', from: '60' }] }, /conditions\.0\.from/],
      ['a number for a flag', { conditions: [{ column: 'spam', op: 'is', value: 1 }] }, /conditions\.0\.value/],
      ['no conditions list', { groups: [] }, /conditions/],
      ['an unknown group operator', { conditions: [], groups: [{ op: 'xor', conditions: [] }] }, /groups\.0\.op/],
      ['10,000 conditions', { conditions: Array.from({ length: 10_000 }, (_, i) => ({ column: 'id', op: 'in', values: [i + 1] })) }, /conditions/],
      ['10,000 conditions in groups', { conditions: [], groups: Array.from({ length: 10 }, () => ({ op: 'any', conditions: Array.from({ length: 1000 }, () => ({ column: 'spam', op: 'is', value: true })) })) }, /groups|conditions/],
    ];
    for (const [what, filter, detail] of hostile) {
      const message = await refusal(contract, filter);
      expect(message, what).toMatch(/^VALIDATION: /);
      expect(message, what).toMatch(detail);
    }
    // SQL in a text value is only text: bound, matched literally, nothing else happens
    const page0 = await contract.call('dialogs:list', {
      filter: { conditions: [{ column: 'client', op: 'contains', value: "'; DROP TABLE dialogs; --" }] },
      sort: DEFAULT_SORT,
      startRow: 0,
      endRow: 10,
    });
    expect(page0.total).toBe(0);
    expect(sqlIds(db, '1', []).total).toBe(before);

    // the grid still answers, through the bar
    await allDialogs(page, db);
    const field = await addField(page, 'Client');
    await field.getByRole('textbox', { name: 'Value for Client' }).fill("'; DROP TABLE dialogs; --");
    await bar(page).getByRole('button', { name: 'Find' }).click();
    await expect(chips(page)).toHaveText(["Client contains “'; DROP TABLE dialogs; --”"]);
    await expect.poll(() => uiTotal(page)).toBe('0');
    await page.keyboard.press('Escape');
    await expect.poll(() => uiTotal(page)).toBe(String(before));
    await expect(page.locator('[data-testid="dialog-grid"] .ag-row[row-id]').first()).toBeVisible();
  } finally {
    db.close();
  }
});

test('every control of the bar has a name in Russian too, and an incomplete field is marked, not applied', async ({ page, host }) => {
  await openConsole(page, host);
  await page.getByTestId('lang-switch').locator('button[data-lang="ru"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(bar(page)).toHaveAttribute('aria-label', 'Фильтр и поиск');
  await bar(page).getByRole('button', { name: 'Сбросить' }).click();
  await bar(page).getByRole('combobox', { name: 'Добавить поле' }).selectOption({ label: 'Открытая линия' });
  const field = bar(page).getByRole('group', { name: 'Поле: Открытая линия' });
  await expect(field.getByRole('combobox', { name: 'Условие для поля «Открытая линия»' })).toBeFocused();
  await bar(page).getByRole('button', { name: 'Найти' }).click();
  await expect(bar(page).getByTestId('filter-message')).toContainText('Заполните или уберите отмеченные поля: Открытая линия');
  await expect(field.getByRole('button', { name: /^Выбрать значения поля «Открытая линия»/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(chips(page)).toHaveCount(0);
  // every button, box and list in the bar is named
  const unnamed = await bar(page)
    .locator('button, input, select')
    .evaluateAll((elements) =>
      elements
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.length || (el.textContent ?? '').trim();
          return !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
  expect(unnamed).toEqual([]);
  await field.getByRole('button', { name: 'Убрать поле «Открытая линия»' }).click();
  await expect(bar(page).getByTestId('filter-field')).toHaveCount(0);
});
