/**
 * Rows whose block is still on its way are placeholders (a skeleton bar in
 * every cell and a "Loading…" for screen readers), never blank rows, and the
 * data replaces them once the block arrives. The grid's `dialogs:list`
 * answers are held back at the WebSocket where a test needs the loading state
 * to last; everything else passes straight through.
 */
import fs from 'node:fs';
import type { Page, WebSocketRoute } from '@playwright/test';
import { WEB_SOCKET_PATH } from '../../shared/ipc/transport.ts';
import { expect, openConsole, test } from './fixtures.ts';

const i18n = (language: 'ru' | 'en') =>
  JSON.parse(fs.readFileSync(new URL(`../../renderer/src/i18n/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const LOADING_TEXTS = [i18n('ru')['grid.rowLoading'], i18n('en')['grid.rowLoading']];

type RowKind = 'data' | 'placeholder' | 'blank';
interface Sample {
  frames: number;
  counts: Record<RowKind, number>;
  /** the rows of the last frame, in DOM order */
  last: Array<{ index: number; kind: RowKind }>;
  /** the first few blank rows seen, for the failure message */
  blanks: string[];
}

/**
 * Classifies every row of the grid as the user sees it: data (an id and some text), a
 * placeholder (the loading class, a skeleton bar drawn in each cell and the loading text for
 * screen readers; or a row painted before its cells exist, whose bars the row draws itself),
 * or neither: the blank row this file rules out. With `jumpForMs`, first jumps to a random
 * scroll position every frame for that long and classifies after each painted frame.
 */
function sampleRows(page: Page, jumpForMs: number): Promise<Sample> {
  return page.locator('.ag-body-vertical-scroll-viewport').evaluate(
    async (viewport, { texts, jumpForMs }) => {
      const sample: Sample = { frames: 0, counts: { data: 0, placeholder: 0, blank: 0 }, last: [], blanks: [] };
      const drawn = (el: Element, pseudo: string, property: 'content' | 'backgroundImage') => {
        const value = getComputedStyle(el, pseudo)[property];
        return value !== 'none' && value !== '';
      };
      const kindOf = (row: HTMLElement): RowKind => {
        const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
        if (cells.length === 0) return drawn(row, '::after', 'backgroundImage') ? 'placeholder' : 'blank';
        const text = cells.map((c) => (c.textContent ?? '').trim());
        const loading = row.classList.contains('ols-row-loading');
        if (row.hasAttribute('row-id') && !loading && text.some((t) => t !== '' && !texts.includes(t))) return 'data';
        if (!row.hasAttribute('row-id') && loading && text.some((t) => texts.includes(t)) && cells.every((c) => drawn(c, '::after', 'content'))) {
          return 'placeholder';
        }
        return 'blank';
      };
      const classify = () => {
        sample.frames += 1;
        sample.last = [];
        for (const row of document.querySelectorAll<HTMLElement>('[data-testid="dialog-grid"] .ag-row')) {
          const kind = kindOf(row);
          sample.counts[kind] += 1;
          sample.last.push({ index: Number(row.getAttribute('row-index')), kind });
          if (kind === 'blank' && sample.blanks.length < 5) sample.blanks.push(row.outerHTML.slice(0, 300));
        }
      };
      // a task posted from a frame callback runs once that frame is painted
      const afterPaint = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          requestAnimationFrame(() => channel.port2.postMessage(null));
        });
      const end = performance.now() + jumpForMs;
      let seed = 7;
      // jumping: for the time asked and at least a dozen painted frames, however slow a loaded machine paints them
      while (jumpForMs > 0 && (performance.now() < end || sample.frames < 12)) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        viewport.scrollTop = (seed / 2 ** 31) * (viewport.scrollHeight - viewport.clientHeight);
        await afterPaint();
        classify();
      }
      if (jumpForMs === 0) classify();
      return sample;
    },
    { texts: LOADING_TEXTS, jumpForMs },
  );
}

const everyRowHasData = async (page: Page) => (await sampleRows(page, 0)).last.every((r) => r.kind === 'data');

/** Holds the host's answers to `dialogs:list` while `holding` is set; `release()` delivers them. */
async function holdGridBlocks(page: Page) {
  const listIds = new Set<number>();
  const held: Array<{ route: WebSocketRoute; message: string | Buffer }> = [];
  const state = {
    holding: false,
    held: () => held.length,
    release() {
      state.holding = false;
      for (const { route, message } of held.splice(0)) route.send(message);
    },
  };
  await page.routeWebSocket(new RegExp(`${WEB_SOCKET_PATH}(\\?|$)`), (route) => {
    const server = route.connectToServer();
    route.onMessage((message) => {
      try {
        const request = JSON.parse(String(message)) as { id?: unknown; channel?: unknown };
        if (request.channel === 'dialogs:list' && typeof request.id === 'number') listIds.add(request.id);
      } catch {
        // not ours to judge: the host answers malformed frames itself
      }
      server.send(message);
    });
    server.onMessage((message) => {
      let id: unknown;
      try {
        id = (JSON.parse(String(message)) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      if (state.holding && typeof id === 'number' && listIds.has(id)) held.push({ route, message });
      else route.send(message);
    });
  });
  return state;
}

test('a row still loading is a placeholder, and the block replaces it with data', async ({ page, host }) => {
  const blocks = await holdGridBlocks(page);
  await openConsole(page, host);
  blocks.holding = true;
  // far from the first blocks, so none of the rows there is cached
  await page.locator('.ag-body-vertical-scroll-viewport').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect.poll(() => blocks.held(), { message: 'the grid asked for the blocks in view' }).toBeGreaterThan(0);

  const loading = page.locator('[data-testid="dialog-grid"] .ag-row.ols-row-loading');
  await expect(loading.first()).toBeVisible();
  const whileHeld = await sampleRows(page, 0);
  expect(whileHeld.blanks).toEqual([]);
  expect(whileHeld.counts.placeholder).toBeGreaterThan(5);
  // the skeleton bar is drawn, and it holds still for a user who asked for less motion
  const cell = loading.first().locator('[col-id="client"]');
  expect(await cell.evaluate((el) => getComputedStyle(el, '::after').animationName)).toBe('ols-skeleton');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await cell.evaluate((el) => getComputedStyle(el, '::after').animationName)).toBe('none');

  blocks.release();
  await expect(loading).toHaveCount(0);
  await expect.poll(() => everyRowHasData(page), { message: 'every row in view has its data' }).toBe(true);
});

test('fast scrolling shows placeholders or data, never a blank row', async ({ page, host }) => {
  await openConsole(page, host);
  // A random jump every frame for three seconds; the jumps land mostly on blocks not yet loaded.
  const seen = await sampleRows(page, 3000);
  expect(seen.blanks).toEqual([]);
  expect(seen.counts.blank).toBe(0);
  expect(seen.frames).toBeGreaterThan(5);
  expect(seen.counts.placeholder, 'the jumps reached rows whose blocks were still loading').toBeGreaterThan(0);

  // once the scrolling stops, the blocks arrive and every placeholder becomes data
  await expect(page.locator('[data-testid="dialog-grid"] .ag-row.ols-row-loading')).toHaveCount(0);
  await expect.poll(() => everyRowHasData(page), { message: 'every row in view has its data' }).toBe(true);
});
