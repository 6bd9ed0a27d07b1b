/**
 * Builds what is stale: the renderer (Vite) into dist/renderer, and the main
 * process (ESM) and sandboxed preload (one CJS file: a sandboxed preload can
 * only require `electron`) into dist/electron. Each target has a stamp file in
 * dist/; it is stale when any of its sources or package-lock.json is newer, or
 * an output is missing. `node electron/tools/build.ts [--force]` builds both.
 */
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');

export interface BuildTargets {
  renderer: boolean;
  electron: boolean;
  /** rebuild even when the stamp says fresh */
  force?: boolean;
}

/** A build failure already phrased as one line for the user. */
export class BuildError extends Error {
  override name = 'BuildError';
}

interface Target {
  name: 'renderer' | 'electron';
  sources: string[];
  outputs: string[];
  build(): Promise<void>;
}

const TARGETS: Target[] = [
  {
    name: 'renderer',
    sources: ['renderer', 'shared'],
    outputs: ['dist/renderer/index.html'],
    build: buildRenderer,
  },
  {
    name: 'electron',
    // tools/ is not bundled into the app, so editing a tool must not rebuild it
    sources: ['electron/main', 'electron/preload', 'electron/app', 'shared'],
    outputs: ['dist/electron/main.mjs', 'dist/electron/data-worker.mjs', 'dist/electron/preload.cjs'],
    build: buildElectron,
  },
];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function isFresh(target: Target): boolean {
  const stamp = join(DIST, `.stamp-${target.name}`);
  if (!existsSync(stamp) || !target.outputs.every((out) => existsSync(join(ROOT, out)))) return false;
  const inputs = [...target.sources.map((dir) => newestMtime(join(ROOT, dir))), statSync(join(ROOT, 'package-lock.json')).mtimeMs];
  return statSync(stamp).mtimeMs >= Math.max(...inputs);
}

/**
 * Builds the stale ones of the asked targets and returns the names built.
 * Throws a BuildError, one line per failed target, after trying them all.
 */
export async function ensureBuilt(targets: BuildTargets): Promise<string[]> {
  const built: string[] = [];
  const failures: string[] = [];
  for (const target of TARGETS) {
    if (!targets[target.name] || (!targets.force && isFresh(target))) continue;
    const started = performance.now();
    // Stamp with the start time: a source saved during the build stays newer than the stamp.
    const stampTime = new Date();
    try {
      await target.build();
    } catch (error) {
      // One target failing (say, the renderer mid-edit) must not hold back the other.
      if (!(error instanceof BuildError)) throw error;
      failures.push(error.message);
      continue;
    }
    mkdirSync(DIST, { recursive: true });
    const stamp = join(DIST, `.stamp-${target.name}`);
    writeFileSync(stamp, `${stampTime.toISOString()}\n`);
    // isFresh compares mtimes: the file's own would be the build's end, newer than a source
    // saved while the build ran, which would then never be built (seen with two test runs at once)
    utimesSync(stamp, stampTime, stampTime);
    const outputs = [...new Set(target.outputs.map((out) => relative(ROOT, join(ROOT, out, '..'))))];
    console.log(`Built ${target.name} → ${outputs.join(', ')} (${Math.round(performance.now() - started)} ms)`);
    built.push(target.name);
  }
  if (failures.length) throw new BuildError(failures.join('\n'));
  return built;
}

/** The first non-empty line, with paths made relative to the repository. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
  return line.replaceAll(ROOT, '');
}

async function buildRenderer(): Promise<void> {
  const configFile = join(ROOT, 'renderer', 'vite.config.ts');
  if (!existsSync(configFile)) throw new BuildError('Renderer build failed: renderer/vite.config.ts does not exist yet.');
  try {
    const { build } = await import('vite');
    // Vite prints its own multi-line report and stack; the caller gets one line instead.
    await build({ configFile, logLevel: 'silent' });
  } catch (error) {
    // Vite wraps the real errors in "Build failed with N errors:"; the first of them says what broke.
    const first = (error as { errors?: Array<{ message?: string }> }).errors?.[0];
    throw new BuildError(`Renderer build failed: ${firstLine(first?.message ?? error)}`);
  }
  if (!existsSync(join(DIST, 'renderer', 'index.html'))) {
    throw new BuildError('Renderer build failed: Vite finished but dist/renderer/index.html is missing (check build.outDir).');
  }
}

async function buildElectron(): Promise<void> {
  const esbuild = await import('esbuild');
  const common = {
    bundle: true,
    sourcemap: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    // Electron 45 runs Node 22 and a current Chromium: no syntax needs lowering.
    target: 'es2023',
  } as const;
  const nodeBundle = {
    ...common,
    platform: 'node',
    format: 'esm',
    // better-sqlite3 loads a native addon from its own package directory.
    external: ['electron', 'better-sqlite3'],
    // Bundled CommonJS dependencies call require() for Node built-ins, which ESM lacks.
    banner: { js: "import { createRequire as __olsCreateRequire } from 'node:module';\nconst require = __olsCreateRequire(import.meta.url);" },
  } satisfies import('esbuild').BuildOptions;
  try {
    await Promise.all([
      esbuild.build({ ...nodeBundle, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.mjs' }),
      // The database worker threads: a file of their own, found beside main.mjs (data/worker-client.ts).
      esbuild.build({ ...nodeBundle, entryPoints: ['electron/app/data/worker-entry.ts'], outfile: 'dist/electron/data-worker.mjs' }),
      esbuild.build({
        ...common,
        entryPoints: ['electron/preload/index.ts'],
        outfile: 'dist/electron/preload.cjs',
        // 'browser': a sandboxed preload has no Node built-ins, so importing one must fail here.
        platform: 'browser',
        format: 'cjs',
        external: ['electron'],
      }),
    ]);
  } catch (error) {
    const failure = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors?.[0];
    const where = failure?.location ? ` (${failure.location.file}:${failure.location.line})` : '';
    throw new BuildError(`Electron build failed: ${failure ? failure.text : firstLine(error)}${where}`);
  }
}

// launch.cjs sets argv[1] to this file, so this holds whether run directly or through it.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const force = process.argv.includes('--force');
  try {
    const built = await ensureBuilt({ renderer: true, electron: true, force });
    if (built.length === 0) console.log('Everything is up to date (use --force to rebuild).');
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
