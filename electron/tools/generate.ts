/**
 * `npm run generate -- --dialogs N [--seed S] [--data-dir DIR] [--force]`:
 * builds a cache of about N dialogs that is a demo world's own history (a
 * year of it for a large N), with messages and engine-computed metrics, and
 * the world file that lets `npm run web -- --data-dir DIR --seed S` open it
 * and continue the world live on top. A progress bar goes to stderr, the
 * summary to stdout. Refuses to replace an existing cache without --force.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCache, GenerateRefused, type GenerateProgress } from '../app/generate/generate.ts';
import { MIN_GENERATED_DIALOGS } from '../app/generate/plan.ts';
import { defaultDataDir } from '../app/paths.ts';
import { cacheFileName } from '../app/services.ts';
import { isEntry } from './is-entry.ts';

const MAX_DIALOGS = 20_000_000;

const USAGE = `Usage: npm run generate -- --dialogs N [--seed S] [--data-dir DIR] [--force]

Builds a cache of about N dialogs (${MIN_GENERATED_DIALOGS.toLocaleString('en')}..${MAX_DIALOGS.toLocaleString('en')}) for the demo world of seed S
(default 1) in DIR (default: the app's data folder). Open it with
  npm run web -- --data-dir DIR --seed S
--force replaces a cache the folder already holds for that seed.`;

export interface GenerateArgs {
  dialogs: number;
  seed: number;
  dataDir: string;
  force: boolean;
}

/** The arguments, or the one line that says what is wrong with them. */
export function parseGenerateArgs(argv: string[]): GenerateArgs | { help: true } | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dialogs: { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'bad arguments' };
  }
  if (values.help) return { help: true };
  if (values.dialogs === undefined) return { error: '--dialogs N is required (how many dialogs to generate)' };
  const dialogs = Number(String(values.dialogs).replaceAll('_', ''));
  if (!Number.isInteger(dialogs) || dialogs < MIN_GENERATED_DIALOGS || dialogs > MAX_DIALOGS) {
    return { error: `--dialogs must be a whole number from ${MIN_GENERATED_DIALOGS} to ${MAX_DIALOGS}, got "${values.dialogs}"` };
  }
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) return { error: `--seed must be a whole number ≥ 0, got "${values.seed}"` };
  const dir = values['data-dir'];
  if (dir !== undefined && String(dir).trim() === '') return { error: '--data-dir must name a folder' };
  return { dialogs, seed, dataDir: path.resolve(String(dir ?? defaultDataDir())), force: values.force === true };
}

const PHASES: Record<GenerateProgress['phase'], string> = {
  plan: 'planning the world',
  dialogs: 'dialogs',
  indexes: 'indexes',
  statistics: 'statistics',
  flush: 'writing to disk',
};

/** A bar on a terminal (redrawn at most ten times a second), a line per tenth otherwise. */
function progressBar(stream: NodeJS.WriteStream): (p: GenerateProgress) => void {
  const started = performance.now();
  let phaseStarted = started;
  let phase = '';
  let drawnAt = 0;
  let lastTenth = -1;
  return (p) => {
    const now = performance.now();
    if (p.phase !== phase) {
      if (stream.isTTY && phase) stream.write('\n');
      phase = p.phase;
      phaseStarted = now;
      lastTenth = -1;
    }
    const share = p.total > 0 ? p.done / p.total : 1;
    const finished = p.done >= p.total;
    if (stream.isTTY) {
      if (!finished && now - drawnAt < 100) return;
      drawnAt = now;
      const width = 30;
      const filled = Math.round(share * width);
      const seconds = (now - phaseStarted) / 1000;
      const rate = p.phase === 'dialogs' && seconds > 0 ? ` ${Math.round(p.done / seconds).toLocaleString('en')}/s` : '';
      const eta = p.phase === 'dialogs' && p.done > 0 && !finished ? ` ~${Math.ceil((seconds / p.done) * (p.total - p.done))} s left` : '';
      stream.write(
        `\r${PHASES[p.phase].padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ` +
          `${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}${rate}${eta}\x1b[K`,
      );
      return;
    }
    // off a terminal: each phase once, the dialogs every tenth
    const tenth = p.phase === 'dialogs' ? Math.floor(share * 10) : 0;
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    stream.write(`generate: ${PHASES[p.phase]} ${tenth * 10}% (${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')})\n`);
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function main(argv: string[]): Promise<number> {
  const args = parseGenerateArgs(argv);
  if ('help' in args) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in args) {
    console.error(`generate: ${args.error}`);
    return 1;
  }
  const file = path.join(args.dataDir, cacheFileName({ kind: 'demo', seed: args.seed }));
  const bar = progressBar(process.stderr);
  try {
    const result = await generateCache({
      dataDir: args.dataDir,
      cacheFile: file,
      seed: args.seed,
      dialogs: args.dialogs,
      force: args.force,
      onProgress: bar,
      log: { info: () => {}, warn: (m: string) => console.error(m), error: (m: string) => console.error(m) },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const seconds = result.ms.total / 1000;
    const phase = (name: keyof typeof result.ms, label: string) =>
      `${label} ${(result.ms[name] / 1000).toFixed(1)} s (CPU ${(result.cpuMs[name] / 1000).toFixed(1)} s)`;
    console.log(
      `Generated ${result.dialogs.toLocaleString('en')} dialogs and ${result.messages.toLocaleString('en')} messages for seed ${args.seed} ` +
        `in ${seconds.toFixed(1)} s: ${Math.round(result.dialogs / seconds).toLocaleString('en')} dialogs/s. ` +
        `${phase('dialogs', 'Dialogs')}, ${phase('indexes', 'indexes')}, ${phase('statistics', 'statistics')}, ${phase('flush', 'to disk')}; ` +
        `${result.file} (${mib(result.bytes)}).`,
    );
    console.log(`Open it: npm run web -- --data-dir ${JSON.stringify(args.dataDir)} --seed ${args.seed}`);
    return 0;
  } catch (error) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.error(`generate: ${error instanceof GenerateRefused ? error.message : `failed: ${(error as Error).message}`}`);
    return 1;
  }
}

if (isEntry(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
