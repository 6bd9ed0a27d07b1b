import path from 'node:path';
import { COLUMN_IDS } from '../../shared/domain/columns.ts';
import { METRIC_IDS } from '../../shared/domain/metrics.ts';
import { openDatabase } from '../../electron/app/db/connection.ts';
import { readTimelineEntries } from '../../electron/app/db/queries/timeline.ts';
import { computeDialog } from '../../electron/app/metrics/engine.ts';
import { cacheFileName } from '../../electron/app/services.ts';
import { formatDuration } from '../../renderer/src/grid/format.ts';
import { expect, openConsole, test, visibleRowIds } from './fixtures.ts';

// A still world: the cells are compared with the engine's output for the stored timelines, and
// live traffic would keep re-rendering the rows the test is reading (nothing here is about it).
test.use({ hostOptions: { seed: 1, speed: 0 } });

test('metric cells in the grid equal the engine output for the same timelines', async ({ page, host, contract }) => {
  // Show every column, so all nine metric cells are in the DOM.
  await contract.call('settings:set', { columns: COLUMN_IDS.map((id) => ({ id, visible: true })) });
  await openConsole(page, host);
  // The backfill's last rows reach the grid a moment after the sync says "live" (its refresh is
  // throttled): wait until the grid's first row is the services' newest dialog, or the rows read
  // below are replaced under the test (seen on CI).
  const newest = await contract.call('dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  await expect(page.getByTestId('dialog-total')).toHaveText(String(newest.total));
  await expect(page.locator('[data-testid="dialog-grid"] .ag-row[row-index="0"]').first()).toHaveAttribute('row-id', String(newest.rows[0]!.id));
  const ids = await visibleRowIds(page, 12);
  expect(ids.length).toBeGreaterThan(5);

  const db = openDatabase(path.join(host.dataDir, cacheFileName({ kind: 'demo', seed: 1 })), { migrate: false });
  let compared = 0;
  try {
    for (const id of ids) {
      const row = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"]`);
      const direction = (await contract.call('dialogs:get', { id })).direction;
      const computed = computeDialog({ id, direction, entries: readTimelineEntries(db, id) });
      for (const metric of METRIC_IDS) {
        const text = ((await row.locator(`[col-id="${metric}"]`).textContent()) ?? '').trim();
        const value = computed.metrics[metric];
        if (value === null) {
          // A wait still running shows its live timer instead of "—".
          if (metric === 'waitFirstAnswer' && computed.waitingSince !== null) continue;
          expect(text, `dialog ${id} ${metric}`).toBe('—');
        } else {
          expect(text, `dialog ${id} ${metric}`).toBe(formatDuration(value));
        }
        compared += 1;
      }
    }
  } finally {
    db.close();
  }
  expect(compared).toBeGreaterThan(40);
});

test('clicking a metric cell shows why it has its value', async ({ page, host, contract }) => {
  await openConsole(page, host);
  await page.getByTestId('preset-bar').locator('[data-preset="all"]').click();
  // The rows of the previous preset are replaced a moment after the click: wait for the new total.
  const all = await contract.call('dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 0, endRow: 1 });
  await expect(page.getByTestId('dialog-total')).toHaveText(String(all.total));
  // Only rows inside the viewport: a row in AG Grid's render buffer below it is scrolled to by the
  // click, and the rows rendered around it change under the test (seen on a loaded CI machine).
  const ids = await visibleRowIds(page, 8);
  let id = ids[0]!;
  for (const candidate of ids) {
    if ((await contract.call('dialogs:get', { id: candidate })).firstResponse !== null) {
      id = candidate;
      break;
    }
  }
  const cell = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"] [col-id="firstResponse"]`);
  const cellText = ((await cell.textContent()) ?? '').trim();
  await cell.click();
  const view = page.getByTestId('explain-view');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-metric', 'firstResponse');
  await expect(view.getByTestId('explain-value')).toContainText(cellText === '' ? '—' : cellText);
  await expect(view.getByTestId('explain-rule')).not.toHaveText('');

  // Enter on a focused metric cell opens the same view for that metric.
  await page.getByTestId('pane-close').click();
  const other = page.locator(`[data-testid="dialog-grid"] .ag-row[row-id="${id}"] [col-id="duration"]`);
  await other.click();
  await expect(view).toHaveAttribute('data-metric', 'duration');
  await page.getByTestId('pane-close').click();
  await other.press('Enter');
  await expect(page.getByTestId('explain-view')).toHaveAttribute('data-metric', 'duration');
});
