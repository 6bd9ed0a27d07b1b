/**
 * What the renderer bench measures inside a page (the app's or the
 * client-side bench page's), bundled by the bench runner into one script
 * that Chromium runs before any page script (CDP, so the page's CSP does not
 * apply) as `window.olsBenchProbes`. The first-row watch starts at once;
 * the others are called by the runner. Every loop has its own deadline. The
 * result shapes are repeated in electron/tools/bench/renderer-browser.ts,
 * which cannot import DOM code; they cross as JSON.
 */
let firstDataRowMs: number | null = null;

/** ms from navigation start to the frame that first painted a grid row with an id and some text. */
export function firstDataRow(): number | null {
  return firstDataRowMs;
}

function watchFirstDataRow(): void {
  const found = () => {
    for (const cell of document.querySelectorAll('.ag-row[row-id] .ag-cell')) {
      if ((cell.textContent ?? '').trim() !== '') return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (!found()) return;
    observer.disconnect();
    // the frame callback runs just before that frame is painted
    requestAnimationFrame(() => (firstDataRowMs = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

export interface ScrollResult {
  /** the highest row index seen in view with its data */
  reached: number;
  steps: number;
  ms: number;
  timedOut: boolean;
}

/**
 * Scrolls down `stepRows` rows at a time until `rows` rows have passed through view,
 * waiting at each step until every row in view shows its data, then back to the top.
 * With steps of one block (100 rows) every block on the way is loaded (and, in the
 * infinite model, older ones dropped); the client-side model has every row already
 * and takes longer strides.
 */
export async function scrollThrough({ rows, stepRows, timeoutMs }: { rows: number; stepRows: number; timeoutMs: number }): Promise<ScrollResult> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  const viewport = document.querySelector<HTMLElement>('.ag-body-vertical-scroll-viewport');
  if (!viewport) throw new Error('no grid viewport on this page');
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const inView = () => {
    // measured each time: a banner above the grid may come or go while it scrolls
    const band = viewport.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.ag-row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > band.top + 1 && r.top < band.bottom - 1;
    });
  };
  const loaded = (row: HTMLElement) =>
    row.hasAttribute('row-id') && !row.classList.contains('ols-row-loading') && row.querySelector('.ag-cell') !== null;
  const rowHeight = document.querySelector<HTMLElement>('.ag-row')?.offsetHeight || 34;
  /** the rows in view once they all show their data, or null at the deadline */
  const settled = async (): Promise<HTMLElement[] | null> => {
    while (performance.now() < deadline) {
      await frame();
      const view = inView();
      if (view.length > 0 && view.every(loaded)) return view;
    }
    return null;
  };
  let reached = 0;
  let steps = 0;
  for (;;) {
    const view = await settled();
    if (!view) return { reached, steps, ms: performance.now() - started, timedOut: true };
    reached = Math.max(reached, ...view.map((row) => Number(row.getAttribute('row-index'))));
    const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1;
    if (reached + 1 >= rows || atBottom) break;
    viewport.scrollTop += stepRows * rowHeight;
    steps += 1;
  }
  // Back to the top: the end of a short list renders fewer rows (no buffer below it),
  // so every scale is weighed with the same rows on screen.
  viewport.scrollTop = 0;
  const top = await settled();
  return { reached, steps, ms: performance.now() - started, timedOut: top === null };
}

export interface FastScrollResult {
  frames: number;
  ms: number;
  /** row slots in view over all sampled frames, by what they showed */
  data: number;
  placeholder: number;
  blank: number;
}

/**
 * Jumps to a random scroll position every frame for `ms` and, once each frame is
 * painted, classifies what the body of the grid showed, one row height at a time:
 * a row with its data, a placeholder (the loading row's skeleton, or a row painted
 * before its cells, which draws the bars itself), or blank: a row showing neither,
 * or a stretch of the body with no row at all.
 */
export async function fastScroll({ ms, seed }: { ms: number; seed: number }): Promise<FastScrollResult> {
  const viewport = document.querySelector<HTMLElement>('.ag-body-vertical-scroll-viewport');
  if (!viewport) throw new Error('no grid viewport on this page');
  const rowHeight = document.querySelector<HTMLElement>('.ag-row')?.offsetHeight || 34;
  const result: FastScrollResult = { frames: 0, ms: 0, data: 0, placeholder: 0, blank: 0 };
  const afterPaint = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      requestAnimationFrame(() => channel.port2.postMessage(null));
    });
  const kindOf = (row: HTMLElement): 'data' | 'placeholder' | 'blank' => {
    const cells = row.querySelectorAll('.ag-cell');
    if (cells.length === 0) {
      const bars = getComputedStyle(row, '::after').backgroundImage;
      return bars && bars !== 'none' ? 'placeholder' : 'blank';
    }
    if (row.classList.contains('ols-row-loading')) return 'placeholder';
    if (!row.hasAttribute('row-id')) return 'blank';
    for (const cell of cells) if ((cell.textContent ?? '').trim() !== '') return 'data';
    return 'blank';
  };
  let state = seed;
  const started = performance.now();
  while (performance.now() - started < ms) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    viewport.scrollTop = (state / 2 ** 31) * (viewport.scrollHeight - viewport.clientHeight);
    await afterPaint();
    result.frames += 1;
    const band = viewport.getBoundingClientRect();
    const covered: Array<[number, number]> = [];
    for (const row of document.querySelectorAll<HTMLElement>('.ag-row')) {
      const r = row.getBoundingClientRect();
      const top = Math.max(r.top, band.top);
      const bottom = Math.min(r.bottom, band.bottom);
      if (bottom - top < rowHeight / 2) continue;
      result[kindOf(row)] += 1;
      covered.push([top, bottom]);
    }
    covered.sort((a, b) => a[0] - b[0]);
    let union = 0;
    let end = band.top;
    for (const [top, bottom] of covered) {
      if (bottom <= end) continue;
      union += bottom - Math.max(top, end);
      end = bottom;
    }
    // the body's height, less what rows covered, in whole rows: each one a blank row on screen
    result.blank += Math.floor((band.height - union) / rowHeight);
  }
  result.ms = performance.now() - started;
  return result;
}

watchFirstDataRow();
