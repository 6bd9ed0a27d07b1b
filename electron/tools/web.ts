/**
 * `npm run web -- [--port N] [--data-dir DIR] [--no-open] [source options]`
 * Browser mode: the services under plain Node, behind the loopback host, on
 * the demo world or a Bitrix24 portal (--webhook; source-options.ts).
 * Prints one line `Browser mode: <url>`; the url carries this launch's token.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSourceSwitch } from '../app/source-switch.ts';
import { SOURCE_OPTIONS, SOURCE_USAGE } from '../app/backends/source-options.ts';
import { launchSource } from '../app/sources/launch-source.ts';
import { plainSecretBox } from '../app/sources/secret-box.ts';
import { bitrix24WebhookTester } from '../app/sources/bitrix24-tester.ts';
import { defaultDataDir, osLanguage } from '../app/paths.ts';
import { openNodeSettingsStore } from '../app/settings/store.ts';
import { ensurePrivateDir } from '../app/storage/private-files.ts';
import { createLogger, installProcessGuards } from '../app/log/index.ts';
import { startWebHost } from '../host/web.ts';
import { ensureBuilt } from './build.ts';
import { isEntry } from './is-entry.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function numberArg(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${value}"`);
  return n;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open a browser here: open the address above yourself.'));
    child.unref();
  } catch {
    console.log('Could not open a browser here: open the address above yourself.');
  }
}

export async function runBrowserMode(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      ...SOURCE_OPTIONS,
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(`Usage: npm run web -- [--port N] [--data-dir DIR] [--no-open] [source]\n${SOURCE_USAGE}`);
    return;
  }
  const port = numberArg('port', values.port, 0, 0);
  const launch = launchSource(values);
  if (launch && 'error' in launch) throw new Error(launch.error);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());

  // The e2e suite builds once up front; hosts started in parallel must not rebuild under each other.
  if (process.env.OLS_NO_BUILD !== '1') await ensureBuilt({ renderer: true, electron: false });
  ensurePrivateDir(dataDir);
  // The log goes to the data folder and the terminal; nothing a request does can end this process.
  const log = createLogger({ dataDir, console: true });
  installProcessGuards(log);
  const settings = openNodeSettingsStore(dataDir, log);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  // Browser mode has no keychain: a connected portal's webhook is kept in a 0600 file, and the UI says so.
  const services = createSourceSwitch({
    dataDir,
    shell: 'browser',
    settings: settings.store,
    notices: settings.notice ? [settings.notice] : [],
    launch,
    secretBox: plainSecretBox,
    testWebhook: bitrix24WebhookTester,
    osLanguage: osLanguage(),
    version,
    log,
  });
  const host = await startWebHost({
    invoke: services.invoke,
    onEvent: services.onEvent,
    staticDir: path.join(ROOT, 'dist', 'renderer'),
    port,
    log,
  });
  try {
    await services.start();
  } catch (error) {
    await host.close();
    await services.close();
    await log.close();
    throw error;
  }
  // Plain console on purpose: the log redacts the token, and the user needs this URL whole.
  console.log(`Browser mode: ${host.url}`);
  if (!values['no-open']) openInBrowser(host.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.close();
    await log.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (isEntry(import.meta.url)) {
  runBrowserMode(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`Browser mode could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
