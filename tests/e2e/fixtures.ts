/**
 * Every test gets its own browser-mode host (a real `node electron/tools/web.ts`
 * child process) with a fresh data dir and demo backend, plus a Node client of
 * the same contract, so the UI can be checked against what the services say.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.ts';
import { connectContract, type ContractClient } from '../support/ws-client.ts';

export interface HostOptions {
  seed: number;
  speed: number;
}

export const test = base.extend<{ hostOptions: HostOptions; host: WebHostProcess; contract: ContractClient }>({
  hostOptions: [{ seed: 1, speed: 0.01 }, { option: true }],
  host: async ({ hostOptions }, use, testInfo) => {
    const host = await startWebHostProcess({ seed: hostOptions.seed, speed: hostOptions.speed });
    await use(host);
    await host.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('host-output.txt', { body: host.output(), contentType: 'text/plain' });
      // the services' own log (warnings such as a dropped socket go there, not to stdout)
      const log = path.join(host.dataDir, 'logs', 'ols.log');
      if (fs.existsSync(log)) await testInfo.attach('ols.log', { path: log, contentType: 'text/plain' });
    }
  },
  contract: async ({ host }, use) => {
    const client = await connectContract(host.origin, host.token);
    await use(client);
    client.close();
  },
});

export { expect };

/**
 * Opens the printed URL and waits for the first block of rows and for the
 * backfill to finish (it runs in the background: rows appear before it ends).
 */
export async function openConsole(page: Page, host: WebHostProcess): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('dialog-grid').locator('.ag-row').first()).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-phase', 'live', { timeout: 60_000 });
}

/** Row ids in display order (AG Grid renders rows out of DOM order; row-index is the truth). */
export async function visibleRowIds(page: Page, count: number): Promise<number[]> {
  // a row still loading is a placeholder (columns.ts loadingRowClassRules): its row-id is no dialog's
  const rows = page.locator('[data-testid="dialog-grid"] .ag-row:not(.ols-row-loading)');
  await expect(rows.first()).toBeVisible();
  const pairs = await rows.evaluateAll((elements) =>
    elements.map((el) => [Number(el.getAttribute('row-index')), Number(el.getAttribute('row-id'))] as const),
  );
  return pairs
    .filter(([index, id]) => Number.isFinite(index) && Number.isFinite(id))
    .sort((a, b) => a[0] - b[0])
    .slice(0, count)
    .map(([, id]) => id);
}

export function headerCell(page: Page, columnId: string) {
  return page.locator(`.ag-header-row-column .ag-header-cell[col-id="${columnId}"]`);
}

/** The dialog id of the row holding keyboard focus, or null when focus is not on a grid row. */
export function focusedRowId(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const rowEl = document.activeElement?.closest('[data-testid="dialog-grid"] .ag-row');
    const id = rowEl?.getAttribute('row-id');
    return id ? Number(id) : null;
  });
}
