/**
 * `npm run sync -- [--data-dir DIR] [--once] [source options]`
 * The sync without a UI, into the same cache the app reads (one writer: do
 * not run it beside the app on the same data folder). `--once` pulls until
 * caught up — the whole backfill on a first run, what changed since on the
 * next — and exits; without it, it keeps syncing until Ctrl+C. Progress goes
 * to stderr (counts, rate, ETA), one summary line to stdout, and the exit
 * status says what happened, so a nightly report is `sync --once` then `export`:
 *   0  caught up           1  the sync failed (the message says why; the cache is consistent)
 *   2  bad arguments       3  the portal refused the webhook (revoked, expired, missing scope or rights)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SyncStatus } from '../../shared/ipc/contract.ts';
import { SOURCE_OPTIONS, SOURCE_USAGE, sourceFromOptions } from '../app/backends/source-options.ts';
import { createLogger, installProcessGuards } from '../app/log/index.ts';
import { defaultDataDir, osLanguage } from '../app/paths.ts';
import { createServices } from '../app/services.ts';
import { openNodeSettingsStore } from '../app/settings/store.ts';
import { ensurePrivateDir } from '../app/storage/private-files.ts';
import { isEntry } from './is-entry.ts';
import { addPaceSample, syncPace, type PaceSample } from '../../shared/domain/sync-pace.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = `Usage: npm run sync -- [--data-dir DIR] [--once] [source]\n${SOURCE_USAGE}`;
/** Error kinds that only the user can mend (a new webhook, a scope, rights): exit 3, no point retrying. */
const REFUSED_KINDS: ReadonlySet<string> = new Set(['auth', 'forbidden']);

/** "1,234 dialogs, 42%, 18/s, ETA 3 min": the rate over the last minute of statuses. */
export function progressLine(status: SyncStatus, samples: readonly PaceSample[]): string {
  const parts = [`${status.dialogs.toLocaleString('en')} dialogs`];
  if (status.phase === 'backfill') parts.push(`${Math.floor(status.progress * 100)}%`);
  const { perSecond: rate, secondsLeft: remaining } = syncPace(status, samples);
  if (rate !== null) {
    parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)}/s`);
    if (remaining !== null) parts.push(`ETA ${remaining < 90 ? `${Math.ceil(remaining)} s` : `${Math.ceil(remaining / 60)} min`}`);
  }
  return `sync: ${status.phase}, ${parts.join(', ')}${status.error ? ` — ${status.error.message}` : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, once: { type: 'boolean', default: false }, help: { type: 'boolean', default: false }, ...SOURCE_OPTIONS },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`sync: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const backend = sourceFromOptions(values);
  if ('error' in backend) {
    console.error(`sync: ${backend.error}`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  ensurePrivateDir(dataDir);
  // the log file in the data folder; the terminal hears progress lines only
  const log = createLogger({ dataDir, console: false });
  installProcessGuards(log);
  const settings = openNodeSettingsStore(dataDir, log);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const once = values.once ?? false;
  const services = createServices({ dataDir, shell: 'browser', settings: settings.store, backend, osLanguage: osLanguage(), version, log, autoSync: !once, readers: 1 });

  let samples: PaceSample[] = [];
  let drawnAt = 0;
  const draw = (status: SyncStatus, force = false) => {
    const at = Date.now();
    samples = addPaceSample(samples, { at, dialogs: status.dialogs });
    if (!force && at - drawnAt < 1000) return;
    drawnAt = at;
    process.stderr.write(`${progressLine(status, samples)}\n`);
  };
  services.onEvent((event, payload) => {
    if (event === 'sync:status') draw(payload as SyncStatus);
  });

  let stopping = false;
  const finish = async (code: number) => {
    stopping = true;
    await services.close();
    await log.close();
    return code;
  };
  try {
    await services.start();
  } catch (error) {
    console.error(`sync: cannot open the cache: ${(error as Error).message}`);
    return finish(1);
  }
  if (once) {
    const answer = await services.invoke('sync:now', {});
    if (!answer.ok) {
      console.error(`sync: ${answer.error.message}`);
      return finish(1);
    }
    const status = answer.value as SyncStatus;
    draw(status, true);
    if (status.error) {
      console.error(`sync: stopped: ${status.error.message}`);
      return finish(status.error.kind !== undefined && REFUSED_KINDS.has(status.error.kind) ? 3 : 1);
    }
    console.log(`Synced ${status.dialogs.toLocaleString('en')} dialogs into ${dataDir}.`);
    return finish(0);
  }
  // keeps syncing; Ctrl+C or a scheduler's stop ends it cleanly
  return new Promise<number>((resolve) => {
    const stop = () => {
      if (!stopping) void finish(0).then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
