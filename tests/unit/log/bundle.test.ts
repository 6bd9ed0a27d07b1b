/**
 * The Electron main process is one esbuild bundle (electron/tools/build.ts): the
 * logger must work from a single ESM file, with no node_modules beside it and
 * no worker thread resolved by module name at run time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, logFiles, readLines } from './helpers.ts';

const LOG_MODULE = path.resolve(import.meta.dirname, '../../../electron/app/log/index.ts');

const ENTRY = `
import { createLogger, installProcessGuards } from ${JSON.stringify(LOG_MODULE)};
const log = createLogger({ dataDir: process.argv[2], env: {}, maxBytes: 1000, maxFiles: 2 });
installProcessGuards(log);
for (let i = 0; i < 50; i += 1) log.info('[bundle] entry ' + i + ' token=abc');
setTimeout(() => { throw new Error('thrown in the bundle'); }, 0);
setTimeout(() => { console.log('alive'); process.exit(0); }, 50);
`;

describe('the logger bundled like dist/electron/main.mjs', () => {
  it('rotates, redacts and guards from one file with no node_modules', async () => {
    const work = dataDir();
    fs.writeFileSync(path.join(work, 'entry.ts'), ENTRY);
    const esbuild = await import('esbuild');
    // The options of buildElectron() for main.mjs.
    await esbuild.build({
      entryPoints: [path.join(work, 'entry.ts')],
      outfile: path.join(work, 'out', 'main.mjs'),
      bundle: true,
      logLevel: 'silent',
      target: 'es2023',
      platform: 'node',
      format: 'esm',
      external: ['electron', 'better-sqlite3'],
      banner: { js: "import { createRequire as __olsCreateRequire } from 'node:module';\nconst require = __olsCreateRequire(import.meta.url);" },
    });
    // Run from a folder of its own, where nothing could be resolved by name.
    const alone = dataDir();
    fs.copyFileSync(path.join(work, 'out', 'main.mjs'), path.join(alone, 'main.mjs'));
    const data = path.join(alone, 'data');
    const child = spawnSync(process.execPath, [path.join(alone, 'main.mjs'), data], { cwd: alone, encoding: 'utf8', timeout: 20_000 });

    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('alive\n');
    expect(child.status).toBe(0);
    expect(logFiles(data)).toEqual(['ols.1.log', 'ols.2.log', 'ols.log']);
    const current = readLines(path.join(data, 'logs', 'ols.log'));
    expect(current.at(-2)?.msg).toBe('[bundle] entry 49 token=[redacted]');
    expect(current.at(-1)).toMatchObject({ level: 'error', msg: '[process] uncaught exception', err: { message: 'thrown in the bundle' } });
  });
});
