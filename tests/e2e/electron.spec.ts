/**
 * The real Electron shell: hardened window, one bridge object, rows in the grid.
 * Needs the Electron binary and a display; where either is missing the test is
 * reported as skipped, never as passed. executablePath is always given, since
 * Playwright's default (require('electron')) would try to download the binary.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../electron/tools/build.ts';
import { detectElectronBinary } from '../../electron/tools/electron-binary.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const binary = detectElectronBinary();

test.describe('Electron shell', () => {
  test.skip(!binary.usable, `Electron cannot run on this machine (${binary.usable ? '' : binary.reason}): skipped`);

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await ensureBuilt({ renderer: true, electron: true });
  });

  test.beforeEach(async () => {
    if (!binary.usable) return;
    dataDir = mkdtempSync(join(tmpdir(), 'ols-electron-e2e-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: ['.', `--user-data-dir=${dataDir}`],
      cwd: ROOT,
    });
  });

  test.afterEach(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the window is hardened and shows the demo dialogs', async () => {
    const window = await app.firstWindow();

    const surface = await window.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w['olsBridge'] as Record<string, unknown> | undefined;
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
      };
    });
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['invoke', 'on'] });

    // The preload refuses a channel outside the contract without asking main.
    const unknown = await window.evaluate(() =>
      (window as unknown as { olsBridge: { invoke(c: string, r: unknown): Promise<unknown> } }).olsBridge.invoke('fs:read', {}),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

    const info = await window.evaluate(() =>
      (window as unknown as { olsBridge: { invoke(c: string, r: unknown): Promise<unknown> } }).olsBridge.invoke('app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron', dataDir } });

    await expect(window.locator('.ag-row').first()).toBeVisible({ timeout: 30_000 });
    expect(await window.locator('.ag-row').count()).toBeGreaterThan(0);
  });
});
