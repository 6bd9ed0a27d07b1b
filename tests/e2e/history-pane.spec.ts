/**
 * The history side pane (issue 9 §6) in a real Chromium over browser mode:
 * the entries shown are the ones `dialogs:history` answers (author kinds,
 * hidden operator messages, events inline), the pane's search marks its
 * matches (case- and ё-insensitive) and moves between them with Enter /
 * Shift+Enter, scrolling the virtual list of a 10,000-message dialog to each;
 * the pane follows the focused row; and reading leaves the dialog's row
 * exactly as it was. The world is still (speed 0), so nothing else changes it.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/app/db/connection.ts';
import { upsertTimelineEntry } from '../../electron/app/db/queries/timeline.ts';
import { foldText } from '../../electron/app/db/text-fold.ts';
import { cacheFileName } from '../../electron/app/services.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { DEFAULT_SORT } from '../../shared/domain/columns.ts';
import { EMPTY_FILTER } from '../../shared/domain/filter.ts';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.ts';
import type { ContractClient } from '../support/ws-client.ts';
import { expect, openConsole, test as base, visibleRowIds } from './fixtures.ts';

// one day of a still world: a small cache that starts fast, where nothing arrives meanwhile
const test = base.extend<{ host: WebHostProcess }>({
  host: async ({}, use, testInfo) => {
    const host = await startWebHostProcess({ seed: 1, speed: 0, historyDays: 1 });
    await use(host);
    await host.stop();
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('host-output.txt', { body: host.output(), contentType: 'text/plain' });
  },
});

/** The console open with the grid showing the newest dialog first (the backfill's last rows can land after "live"). */
async function openSettled(page: Page, host: WebHostProcess, contract: ContractClient): Promise<void> {
  await openConsole(page, host);
  const newest = async () => (await contract.call('dialogs:list', { filter: EMPTY_FILTER, sort: DEFAULT_SORT, startRow: 0, endRow: 1 })).rows[0]?.id;
  await expect.poll(async () => (await visibleRowIds(page, 1))[0] === (await newest()), { timeout: 30_000 }).toBe(true);
}

type History = ResponseOf<'dialogs:history'>;

const pane = (page: Page) => page.getByTestId('history-view');
const searchField = (page: Page) => pane(page).getByRole('searchbox', { name: /Search in the history|Поиск по истории/ });
const count = (page: Page) => pane(page).getByTestId('history-search-count');
const currentMatch = (page: Page) => pane(page).locator('[data-testid="history-match"][data-current]');

async function openHistory(page: Page, id: number): Promise<void> {
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"] [data-testid="history-button"]`).first().click();
  await expect(page.getByTestId('side-pane').getByRole('heading')).toContainText(String(id));
  await expect(pane(page).getByTestId('history-list')).toBeVisible();
}

/** What the virtual list has rendered now, in the contract's terms. */
async function rendered(page: Page) {
  return pane(page)
    .getByTestId('history-entry')
    .evaluateAll((items) =>
      items.map((li) => ({
        seq: Number(li.getAttribute('data-seq')),
        kind: li.getAttribute('data-kind'),
        author: li.getAttribute('data-author'),
        hidden: li.hasAttribute('data-hidden'),
        note: li.querySelector('[data-testid="hidden-note"]') !== null,
        text: li.querySelector('[data-testid="history-text"]')?.textContent ?? null,
      })),
    );
}

/** Every rendered entry is the contract's entry of that seq, shown as its kind says. */
async function expectRenderedMatch(page: Page, history: History): Promise<number[]> {
  const bySeq = new Map(history.entries.map((e) => [e.seq, e]));
  const shown = await rendered(page);
  expect(shown.length).toBeGreaterThan(0);
  for (const item of shown) {
    const entry = bySeq.get(item.seq);
    expect(entry, `seq ${item.seq} is in the answer`).toBeDefined();
    expect(item.kind).toBe(entry!.kind);
    expect(item.hidden).toBe(entry!.hidden);
    expect(item.note).toBe(entry!.hidden);
    if (entry!.kind === 'message') {
      expect(item.author).toBe(entry!.author);
      expect(item.text).toBe(entry!.text);
    } else {
      expect(item.author).toBeNull();
    }
  }
  return shown.map((s) => s.seq);
}

async function scrollListTo(page: Page, where: 'top' | 'bottom'): Promise<void> {
  await pane(page)
    .getByTestId('history-scroll')
    .evaluate((el, to) => el.scrollTo({ top: to === 'top' ? 0 : el.scrollHeight }), where);
}

/** Non-overlapping occurrences of a folded needle, as a plain scan counts them. */
const occurrences = (history: History, needle: string) =>
  history.entries.reduce((n, e) => n + (e.kind === 'message' && e.text ? foldText(e.text).split(needle).length - 1 : 0), 0);

/**
 * Of the rows in view, the dialog with the longest history, and what to search in it: the word (3+ letters) that
 * occurs most often, at least twice; a short dialog may have none, then its most frequent letter.
 */
async function pickDialog(page: Page, contract: ContractClient): Promise<{ id: number; history: History; word: string }> {
  let best: { id: number; history: History } | null = null;
  for (const id of await visibleRowIds(page, 15)) {
    const history = await contract.call('dialogs:history', { id });
    if (!best || history.entries.length > best.history.entries.length) best = { id, history };
  }
  const texts = best!.history.entries.flatMap((e) => (e.kind === 'message' && e.text ? [foldText(e.text)] : []));
  const mostFrequent = (pattern: RegExp) => {
    const counts = new Map<string, number>();
    for (const text of texts) for (const w of text.match(pattern) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    return [...counts].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const word = mostFrequent(/\p{L}{3,}/gu) ?? mostFrequent(/\p{L}/gu);
  expect(word, 'something to search that occurs twice in the dialog').toBeDefined();
  return { ...best!, word: word! };
}

test('shows the messages and events the contract answers, searches them and leaves the dialog unchanged', async ({ page, host, contract }) => {
  await openSettled(page, host, contract);
  const { id, history, word } = await pickDialog(page, contract);
  const before = await contract.call('dialogs:get', { id });
  // the sender's own state may tick; the queue is what an action would change
  const queued = ({ entries, counts }: ResponseOf<'outbox:list'>) => ({ entries, counts });
  const queuedBefore = queued(await contract.call('outbox:list', {}));

  await openHistory(page, id);
  await expect(pane(page).getByTestId('history-list')).toHaveAttribute('data-count', String(history.entries.length));
  const top = await expectRenderedMatch(page, history);
  expect(top[0]).toBe(history.entries[0]!.seq);
  await scrollListTo(page, 'bottom');
  await expect.poll(async () => (await rendered(page)).some((e) => e.seq === history.entries.at(-1)!.seq)).toBe(true);
  await expectRenderedMatch(page, history);
  // author kinds and events are told apart
  const kinds = new Set(history.entries.map((e) => (e.kind === 'message' ? e.author : 'event')));
  expect(kinds.has('client') && kinds.has('event')).toBe(true);

  // typed in capitals (and ё for е where it has one): every occurrence counted, the first one current
  const typed = word.toUpperCase().replace('Е', 'Ё');
  const total = occurrences(history, word);
  await searchField(page).fill(typed);
  await expect(count(page)).toHaveText(new RegExp(`^1 (of|из) ${total}$`));
  await expect(currentMatch(page)).toHaveCount(1);
  await expect(currentMatch(page)).toBeInViewport();
  expect(foldText((await currentMatch(page).textContent()) ?? '')).toBe(word);
  await expect(currentMatch(page)).toHaveAttribute('data-match', '0');

  await searchField(page).press('Enter');
  await expect(count(page)).toHaveText(new RegExp(`^2 (of|из) ${total}$`));
  await expect(currentMatch(page)).toHaveAttribute('data-match', '1');
  await expect(currentMatch(page)).toBeInViewport();
  await searchField(page).press('Shift+Enter');
  await expect(count(page)).toHaveText(new RegExp(`^1 (of|из) ${total}$`));
  await searchField(page).press('Shift+Enter');
  await expect(count(page)).toHaveText(new RegExp(`^${total} (of|из) ${total}$`));

  // nothing to find says so; Esc clears the field first and leaves the pane open
  await searchField(page).fill('щщщщщщ');
  await expect(count(page)).toHaveText(/No matches|Нет совпадений/);
  await expect(pane(page).getByTestId('history-match')).toHaveCount(0);
  await searchField(page).press('Escape');
  await expect(searchField(page)).toHaveValue('');
  await expect(pane(page)).toBeVisible();

  // reading acted on nothing: the same row, the same history, nothing queued for the backend or audited for it
  expect(await contract.call('dialogs:get', { id })).toEqual(before);
  expect(await contract.call('dialogs:history', { id })).toEqual(history);
  expect(queued(await contract.call('outbox:list', {}))).toEqual(queuedBefore);
  expect((await contract.call('audit:list', { filter: { dialogId: id } })).total).toBe(0);
});

test('a 10,000-message dialog opens at once as a virtual list, and the search jumps through it', async ({ page, host, contract }) => {
  await openSettled(page, host, contract);
  const [id] = await visibleRowIds(page, 1);
  const own = await contract.call('dialogs:history', { id: id! });
  const before = await contract.call('dialogs:get', { id: id! });
  // 10,000 more messages, written beside the host's writer as the generator would; every 20th an operator's hidden note
  const db = openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { migrate: false });
  try {
    const maxSeq = Math.max(...own.entries.map((e) => e.seq));
    const lastAt = Math.max(...own.entries.map((e) => e.at));
    const authors = ['client', 'operator', 'bot', 'system'] as const;
    db.transaction(() => {
      for (let i = 1; i <= 10_000; i += 1) {
        const author = authors[i % 4]!;
        const special = i === 9_000 ? ' КЕНГУРУ ' : i === 9_900 ? ' и снова кенгуру, ' : i === 5_000 ? ' ежик ' : ' ';
        upsertTimelineEntry(db, id!, {
          seq: maxSeq + i,
          at: lastAt + i * 1000,
          kind: 'message',
          author,
          ...(author === 'operator' ? { operatorId: 1, hidden: i % 20 === 1 } : {}),
          text: `Сообщение номер ${i}${special}по заказу`,
        });
      }
    })();
  } finally {
    db.close();
  }
  const history = await contract.call('dialogs:history', { id: id! });
  expect(history.entries).toHaveLength(own.entries.length + 10_000);

  await openHistory(page, id!);
  await expect(pane(page).getByTestId('history-list')).toHaveAttribute('data-count', String(history.entries.length));
  // only what is in view (and a few more) is in the page
  const shown = await expectRenderedMatch(page, history);
  expect(shown.length).toBeLessThan(100);

  // a word in two messages near the end
  await searchField(page).fill('Кенгуру');
  await expect(count(page)).toHaveText(/^1 (of|из) 2$/);
  await expect(currentMatch(page)).toBeInViewport();
  await expect(currentMatch(page)).toHaveText('КЕНГУРУ');
  await expect(pane(page).locator('[data-testid="history-entry"]:has([data-testid="history-match"][data-current])')).toHaveAttribute('data-seq', String(history.entries.find((e) => e.text?.includes('КЕНГУРУ'))!.seq));
  await searchField(page).press('Enter');
  await expect(count(page)).toHaveText(/^2 (of|из) 2$/);
  await expect(currentMatch(page)).toBeInViewport();
  await expect(currentMatch(page)).toHaveText('кенгуру');
  await searchField(page).press('Enter');
  await expect(count(page)).toHaveText(/^1 (of|из) 2$/);
  await expect(currentMatch(page)).toHaveText('КЕНГУРУ');
  await expectRenderedMatch(page, history);

  // ё for е, in the middle of the list
  await searchField(page).fill('ЁЖИК');
  await expect(count(page)).toHaveText(/^1 (of|из) 1$/);
  await expect(currentMatch(page)).toHaveText('ежик');
  await expect(currentMatch(page)).toBeInViewport();
  // hidden operator notes are marked where they are shown
  expect((await rendered(page)).filter((e) => e.hidden).every((e) => e.note && e.author === 'operator')).toBe(true);
  expect((await rendered(page)).some((e) => e.hidden)).toBe(true);

  expect(await contract.call('dialogs:get', { id: id! })).toEqual(before);
});

test('the pane follows the focused row, and Esc with an empty search closes it', async ({ page, host, contract }) => {
  await openSettled(page, host, contract);
  const [first, second] = await visibleRowIds(page, 2);
  await page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${first}"] [col-id="client"]`).first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('side-pane').getByRole('heading')).toContainText(String(first));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('side-pane').getByRole('heading')).toContainText(String(second));
  await expect(pane(page).getByTestId('history-list')).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('side-pane').getByRole('heading')).toContainText(String(first));

  await searchField(page).fill('а');
  await searchField(page).press('Escape');
  await expect(searchField(page)).toHaveValue('');
  await searchField(page).press('Escape');
  await expect(page.getByTestId('side-pane')).toHaveCount(0);
});
