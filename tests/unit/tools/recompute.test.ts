import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { cacheFileName } from '../../../electron/app/services.ts';
import { demoBackend, FIXED_NOW, syncEngineFor, syncToEnd, tempDir } from '../../support/temp-cache.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('npm run recompute', () => {
  it('recomputes every dialog from its stored timeline and reports progress', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, cacheFileName({ kind: 'demo', seed: 9 }));
    const db = openDatabase(file);
    await syncToEnd(syncEngineFor(db, demoBackend(9, { now: FIXED_NOW }, 2)));
    const before = db.prepare('SELECT id, status_code, wait_first_answer, response_max FROM dialogs ORDER BY id').all();
    // Spoil what the engine stored, as an older engine or a bug would have.
    db.prepare('UPDATE dialogs SET status_code = 999, wait_first_answer = -1, response_max = NULL').run();
    db.close();

    const run = spawnSync(process.execPath, [path.join(ROOT, 'electron/tools/launch.cjs'), 'recompute', '--data-dir', dataDir, '--seed', '9'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/recompute: \d+\/\d+ dialogs \(100%\)/);
    expect(run.stdout).toMatch(/Recomputed \d+ dialogs in \d+ ms/);

    const after = openDatabase(file);
    expect(after.prepare('SELECT id, status_code, wait_first_answer, response_max FROM dialogs ORDER BY id').all()).toEqual(before);
    after.close();
  });

  it('says where the cache is missing instead of creating one', () => {
    const dataDir = tempDir();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'electron/tools/launch.cjs'), 'recompute', '--data-dir', dataDir], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/No cache at .*start the app once/);
  });
});
