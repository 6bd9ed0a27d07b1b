import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from '../../../electron/tools/generate.ts';
import { tempDir } from '../../support/temp-cache.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'electron/tools/launch.cjs'), 'generate', ...args], { encoding: 'utf8' });

describe('npm run generate: arguments', () => {
  it('validates them with one clear line each', () => {
    const error = (...argv: string[]) => {
      const parsed = parseGenerateArgs(argv);
      return 'error' in parsed ? parsed.error : null;
    };
    expect(error()).toMatch(/--dialogs N is required/);
    expect(error('--dialogs', '12x')).toMatch(/--dialogs must be a whole number from 1000/);
    expect(error('--dialogs', '10')).toMatch(/from 1000/);
    expect(error('--dialogs', '1e9')).toMatch(/to 20000000/);
    expect(error('--dialogs', '5000', '--seed=-1')).toMatch(/--seed must be a whole number/);
    expect(error('--dialogs', '5000', '--seed', '1.5')).toMatch(/--seed must be a whole number/);
    expect(error('--dialogs', '5000', '--data-dir', ' ')).toMatch(/--data-dir must name a folder/);
    expect(error('--dialogs', '5000', '--frobnicate')).toMatch(/Unknown option '--frobnicate'/);
    expect(error('--dialogs', '5000', 'extra')).toMatch(/positional/i);
    expect(parseGenerateArgs(['--dialogs', '1_000_000', '--seed', '7', '--data-dir', 'x', '--force'])).toEqual({
      dialogs: 1_000_000,
      seed: 7,
      dataDir: path.resolve('x'),
      force: true,
    });
  });

  it('exits 1 with one line on stderr for bad arguments or an existing cache, 0 with a summary otherwise', () => {
    const bad = run('--dialogs', 'many');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['generate: --dialogs must be a whole number from 1000 to 20000000, got "many"']);

    const dir = tempDir('ols-generate-cli-');
    const ok = run('--dialogs', '1000', '--seed', '3', '--data-dir', dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Generated [\d,]+ dialogs and [\d,]+ messages for seed 3 in [\d.]+ s/);
    expect(ok.stdout).toContain(`npm run web -- --data-dir "${dir}" --seed 3`);
    expect(ok.stderr).toMatch(/generate: dialogs 100%/);
    expect(fs.readdirSync(dir).sort()).toEqual(['cache-demo-seed3.sqlite', 'demo-world-seed3.actions.jsonl', 'demo-world-seed3.json']);

    const again = run('--dialogs', '1000', '--seed', '3', '--data-dir', dir);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toMatch(/^generate: .* already holds a cache for seed 3 .*add --force to replace it$/);
  });
});
