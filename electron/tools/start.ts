/**
 * `npm start`: build what is stale, then run the app in Electron, or, where
 * Electron cannot run (no binary, no display, or it dies at once), say so in one
 * line and open browser mode instead. Arguments pass through to either shell.
 */
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError, ensureBuilt } from './build.ts';
import { detectElectronBinary } from './electron-binary.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** An Electron that exits with an error within this long is taken as unable to start here. */
const EARLY_EXIT_MS = 5000;

type ElectronOutcome = { kind: 'exited'; code: number } | { kind: 'failed-early'; why: string };

function runElectron(executable: string, args: string[]): Promise<ElectronOutcome> {
  const startedAt = Date.now();
  // `.` is the app directory: Electron runs package.json "main" (dist/electron/main.mjs).
  const child = spawn(executable, ['.', ...args], { cwd: ROOT, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt).on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    const done = (outcome: ElectronOutcome) => {
      process.off('SIGINT', onInt).off('SIGTERM', onTerm);
      resolve(outcome);
    };
    child.once('error', (error) => done({ kind: 'failed-early', why: error.message }));
    child.once('exit', (code, signal) => {
      const failed = code !== 0 || (signal !== null && signal !== 'SIGINT' && signal !== 'SIGTERM');
      if (failed && Date.now() - startedAt < EARLY_EXIT_MS) {
        done({ kind: 'failed-early', why: signal ? `killed by ${signal}` : `exit code ${code}` });
      } else {
        done({ kind: 'exited', code: code ?? 1 });
      }
    });
  });
}

async function browserMode(args: string[]): Promise<void> {
  const { runBrowserMode } = await import('./web.ts');
  await runBrowserMode(args);
}

async function main(args: string[]): Promise<void> {
  const mainEntry = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main?: string }).main;
  if (mainEntry !== 'dist/electron/main.mjs') {
    throw new BuildError(`package.json "main" is ${String(mainEntry)}; Electron needs dist/electron/main.mjs.`);
  }
  const electron = detectElectronBinary();
  await ensureBuilt({ renderer: true, electron: electron.usable });
  if (!electron.usable) {
    console.log(`Electron is unavailable here (${electron.reason}); opening browser mode instead.`);
    return browserMode(args);
  }
  const outcome = await runElectron(electron.path, args);
  if (outcome.kind === 'exited') {
    process.exitCode = outcome.code;
    return;
  }
  console.log(`Electron could not start here (${outcome.why}); opening browser mode instead.`);
  return browserMode(args);
}

// launch.cjs sets argv[1] to this file, so this holds whether run directly or through it.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
