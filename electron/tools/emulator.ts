/**
 * `npm run emulator -- [--port N] [--seed N] [--plan standard|enterprise]
 * [--dialogs N] [--history-days N] [--faults LIST] [--speed N] [--scopes a,b]
 * [--operating-budget-ms N] [--operating-window-ms N] [--operating-cost-ms N] [--report-reset-on-refusal] [--quiet]`:
 * a Bitrix24 REST portal on loopback, over a demo world. Prints the webhook
 * URL to paste into the app's Source dialog and runs until Ctrl+C.
 */
import { FAULT_KINDS, parseFaultList, startEmulator, type EmulatorOptions, type LogEntry } from '../emulator/index.ts';
import { isEntry } from './is-entry.ts';

const USAGE = `usage: npm run emulator -- [--port N] [--seed N] [--plan standard|enterprise] [--dialogs N]
       [--history-days N] [--faults LIST] [--speed N] [--scopes crm,imopenlines,im,user]
       [--operating-budget-ms N] [--operating-window-ms N] [--operating-cost-ms N] [--report-reset-on-refusal] [--quiet]
  LIST: comma-separated kind[:probability|:nextN], kinds: ${FAULT_KINDS.join(', ')}
  operating budget: a method is refused 429 OPERATION_TIME_LIMIT while its calls in the window
  (default 600000 ms) cost more than the budget (default 480000 ms); --operating-cost-ms sets one
  cost per call for every method (default 1 ms + 0.05 ms a row for data methods)`;

export type CliParse = { ok: true; options: EmulatorOptions; quiet: boolean } | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): CliParse {
  const options: EmulatorOptions = { seed: 1, plan: 'standard', port: 8024, speed: 1, dialogs: 2000 };
  let quiet = false;
  const number = (flag: string, text: string | undefined, min: number): number | string => {
    const n = Number(text);
    return text !== undefined && Number.isFinite(n) && n >= min ? n : `${flag} needs a number ≥ ${min}, got ${text ?? 'nothing'}`;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    const take = (min: number, set: (n: number) => void): string | null => {
      const n = number(flag, value, min);
      if (typeof n === 'string') return n;
      set(n);
      i++;
      return null;
    };
    let problem: string | null = null;
    if (flag === '--port') problem = take(0, (n) => (options.port = Math.trunc(n)));
    else if (flag === '--seed') problem = take(-Number.MAX_SAFE_INTEGER, (n) => (options.seed = Math.trunc(n)));
    else if (flag === '--dialogs') problem = take(0, (n) => (options.dialogs = n));
    else if (flag === '--history-days') problem = take(1, (n) => (options.historyDays = n));
    else if (flag === '--speed') problem = take(0, (n) => (options.speed = n));
    else if (flag === '--operating-budget-ms') {
      // a budget of 0 would refuse every method's second call: surely a typo, not a portal
      problem = Number(value) === 0 ? `--operating-budget-ms needs a number > 0, got ${value}` : take(0, (n) => (options.operatingBudgetMs = n));
    }
    else if (flag === '--operating-window-ms') problem = take(1000, (n) => (options.operatingWindowMs = n));
    else if (flag === '--operating-cost-ms') problem = take(0, (n) => (options.operatingCostMs = n));
    else if (flag === '--report-reset-on-refusal') options.reportResetOnRefusal = true;
    else if (flag === '--plan') {
      if (value !== 'standard' && value !== 'enterprise') problem = `--plan is standard or enterprise, got ${value ?? 'nothing'}`;
      else (options.plan = value), i++;
    } else if (flag === '--faults') {
      const parsed = parseFaultList(value ?? '');
      if (!parsed.ok || value === undefined) problem = `--faults: ${parsed.ok ? 'needs a LIST' : parsed.message}`;
      else (options.faults = parsed.faults), i++;
    } else if (flag === '--scopes') {
      if (!value) problem = '--scopes needs a comma-separated list';
      else (options.scopes = value.split(',').map((s) => s.trim()).filter(Boolean)), i++;
    } else if (flag === '--quiet') quiet = true;
    else problem = `unknown argument ${flag}`;
    if (problem) return { ok: false, message: problem };
  }
  if (options.port !== undefined && options.port > 65535) return { ok: false, message: `--port must be ≤ 65535` };
  return { ok: true, options, quiet };
}

function summary(entry: LogEntry): string {
  const faults = entry.faults ? ` [${entry.faults.join(',')}]` : '';
  return `${entry.time.slice(11, 19)} ${entry.status} ${entry.method}${entry.error ? ` ${entry.error}` : ''}${faults}`;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`emulator: ${parsed.message}\n${USAGE}`);
    process.exit(2);
  }
  const { options, quiet } = parsed;
  const emulator = await startEmulator({ ...options, ...(quiet ? {} : { onRequest: (e: LogEntry) => console.log(summary(e)) }) });
  const total = emulator.truth().length;
  console.log(`Bitrix24 emulator (seed ${options.seed}, plan ${options.plan}, ${total} sessions, speed ${options.speed})`);
  console.log(`Webhook URL: ${emulator.webhookUrl}`);
  console.log(`Control: ${emulator.url}/_emulator/stats | /log | /truth | POST /faults`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isEntry(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`emulator: ${(error as Error).message}`);
    process.exit(1);
  });
}
