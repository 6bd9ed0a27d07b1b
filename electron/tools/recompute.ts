/**
 * `npm run recompute -- [--data-dir DIR] [--seed N]`: recomputes every
 * dialog's statuses, dates and metrics from the cached timelines, printing
 * progress. Safe while the app runs: WAL lets the grid keep reading, and each
 * chunk is its own short transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../app/db/connection.ts';
import { defaultDataDir } from '../app/paths.ts';
import { cacheFileName } from '../app/services.ts';
import { recomputeAll } from '../app/sync/recompute.ts';
import { isEntry } from './is-entry.ts';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log('Usage: npm run recompute -- [--data-dir DIR] [--seed N]');
    return 0;
  }
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`--seed must be a whole number, got "${values.seed}"`);
    return 2;
  }
  const file = path.join(path.resolve(values['data-dir'] ?? defaultDataDir()), cacheFileName({ kind: 'demo', seed }));
  if (!fs.existsSync(file)) {
    console.error(`No cache at ${file}: start the app once (npm start / npm run web) to create it.`);
    return 1;
  }
  const db = openDatabase(file);
  try {
    let lastShown = -1;
    const result = recomputeAll(db, {
      onProgress: (done, total) => {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        if (percent !== lastShown && (percent % 10 === 0 || done === total)) {
          lastShown = percent;
          console.log(`recompute: ${done}/${total} dialogs (${percent}%)`);
        }
      },
    });
    console.log(`Recomputed ${result.dialogs} dialogs in ${result.ms} ms.`);
    return 0;
  } finally {
    db.close();
  }
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
