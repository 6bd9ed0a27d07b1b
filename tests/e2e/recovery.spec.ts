import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { expect, openConsole } from './fixtures.ts';
import { startWebHostProcess } from '../support/web-host-process.ts';

const test = base;

test('a damaged settings file and a damaged cache are moved aside, the console starts and says so', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-e2e-recovery-'));
  fs.writeFileSync(path.join(dataDir, 'settings.json'), '{"language": "ru", "columns": [');
  fs.writeFileSync(path.join(dataDir, 'cache-demo-seed1.sqlite'), 'garbage, not SQLite '.repeat(500));
  const host = await startWebHostProcess({ seed: 1, speed: 0.01, historyDays: 2, dataDir });
  try {
    await openConsole(page, host);
    const notices = page.getByTestId('startup-notice');
    await expect(notices).toHaveCount(2);
    await expect(notices.filter({ hasText: 'settings file could not be read' })).toBeVisible();
    await expect(notices.filter({ hasText: 'cache was damaged' })).toContainText('.corrupt-');
    // Nothing was deleted: both damaged files are still there, renamed.
    const kept = fs.readdirSync(dataDir).filter((f) => f.includes('.corrupt-') && !/-(wal|shm|journal)$/.test(f));
    expect(kept.sort()).toEqual([expect.stringMatching(/^cache-demo-seed1\.sqlite\.corrupt-/), expect.stringMatching(/^settings\.json\.corrupt-/)]);
    await notices.first().getByRole('button', { name: 'Dismiss this message' }).click();
    await expect(notices).toHaveCount(1);
  } finally {
    await host.stop();
  }
});
