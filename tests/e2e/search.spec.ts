/**
 * Quick search in the browser (issue 8 point 3): a word that occurs in one
 * message of the whole cache — typed in capitals with ё for е, and a Latin
 * one — leaves exactly its dialog in the grid, and the history pane marks
 * the word where it stands. The word is picked from the host's own cache
 * file (read-only), on a still world (speed 0), so nothing arrives meanwhile.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase, type Db } from '../../electron/app/db/connection.ts';
import { foldText } from '../../electron/app/db/text-fold.ts';
import { cacheFileName } from '../../electron/app/services.ts';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.ts';
import { expect, openConsole, test, visibleRowIds } from './fixtures.ts';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** A word of one message only that no other word (of a message or a client name) starts with: the search matches prefixes. */
function uniqueWord(db: Db, pattern: RegExp): { written: string; dialog: number } {
  const words = new Map<string, { messages: Set<number>; dialog: number; written: string }>();
  for (const row of db.prepare('SELECT id, dialog_id, text FROM messages WHERE text IS NOT NULL').all() as Array<{ id: number; dialog_id: number; text: string }>) {
    for (const written of row.text.match(WORD) ?? []) {
      const folded = foldText(written);
      const entry = words.get(folded) ?? { messages: new Set<number>(), dialog: row.dialog_id, written };
      entry.messages.add(row.id);
      words.set(folded, entry);
    }
  }
  const names = (db.prepare('SELECT client_name FROM dialogs').pluck().all() as string[]).flatMap((n) => foldText(n).match(WORD) ?? []);
  const all = [...words.keys()];
  for (const [folded, entry] of words) {
    if (entry.messages.size !== 1 || folded.length < 4 || !pattern.test(entry.written)) continue;
    if (all.some((w) => w !== folded && w.startsWith(folded)) || names.some((n) => n.startsWith(folded))) continue;
    return { written: entry.written, dialog: entry.dialog };
  }
  throw new Error(`no word of one message matches ${pattern}`);
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: /Quick search|Быстрый поиск/ });

let host: WebHostProcess;
test.beforeEach(async () => {
  host = await startWebHostProcess({ seed: 1, speed: 0, historyDays: 1 });
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('host-output.txt', { body: host.output(), contentType: 'text/plain' });
  await host.stop();
});

async function expectOnlyRow(page: Page, id: number): Promise<void> {
  await expect(page.getByTestId('dialog-total')).toHaveText('1');
  await expect.poll(() => visibleRowIds(page, 10)).toEqual([id]);
}

test('finds a Cyrillic word of one message typed in capitals with ё for е, and marks it in the history', async ({ page }) => {
  await openConsole(page, host);
  const db = openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { readonly: true, migrate: false });
  const { written, dialog } = (() => {
    try {
      // a word with an е to type as ё (which word is unique depends on the world, whose start is now)
      return uniqueWord(db, /^(?=[^еЕ]*[еЕ])[А-Яа-яЁё]+$/u);
    } finally {
      db.close();
    }
  })();
  expect(written).toMatch(/[еЕ]/);
  const before = await page.getByTestId('dialog-total').textContent();
  await searchBox(page).fill(written.toUpperCase().replace('Е', 'Ё'));
  await expectOnlyRow(page, dialog);
  expect(Number(before)).toBeGreaterThan(1);

  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${dialog}"] [data-testid="history-button"]`).first().click();
  const marks = page.getByTestId('history-view').getByTestId('search-mark');
  await expect(marks).toHaveCount(1);
  await expect(marks).toHaveText(written);

  // relevance keeps the one match; emptying the box brings every dialog back and the marks go
  await page.getByTestId('search-order').getByRole('button', { name: /Relevance|По релевантности/ }).click();
  await expectOnlyRow(page, dialog);
  await searchBox(page).fill('');
  await expect(page.getByTestId('dialog-total')).toHaveText(String(before));
  await expect(marks).toHaveCount(0);
});

test('finds a Latin word of one message, in another case', async ({ page }) => {
  await openConsole(page, host);
  const db = openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { readonly: true, migrate: false });
  const { written, dialog } = (() => {
    try {
      return uniqueWord(db, /^[A-Za-z]+$/);
    } finally {
      db.close();
    }
  })();
  await searchBox(page).fill(written.toUpperCase());
  await expectOnlyRow(page, dialog);
});
