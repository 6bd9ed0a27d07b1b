/**
 * Which data source a launch uses, from its command-line options — one
 * reading for `npm run web`, `npm run sync`, `npm run export` and the Electron
 * shell, so a nightly report is `sync` then `export` with the same options.
 *
 * A portal is named by its inbound webhook URL. The URL holds the secret, and
 * a command line is visible to every local user (`ps`) and kept in shell
 * history, so besides `--webhook URL` the URL can come from a file readable
 * only by its owner (`--webhook-file FILE`) or from the environment
 * (`OLS_WEBHOOK`). Every mistake is one line that never repeats the secret.
 */
import fs from 'node:fs';
import type { BackendConfig, Bitrix24Plan } from './factory.ts';
import { BITRIX24_PLANS, parseWebhookUrl } from './factory.ts';

/** The options every launcher accepts, for node:util parseArgs. */
export const SOURCE_OPTIONS = {
  seed: { type: 'string' },
  speed: { type: 'string' },
  'history-days': { type: 'string' },
  webhook: { type: 'string' },
  'webhook-file': { type: 'string' },
  plan: { type: 'string' },
} as const;

export const SOURCE_USAGE = `Source (default: the demo contact centre, seed 1):
  --seed N --speed X --history-days N    the demo world: which one, how fast it lives, how much history
  --webhook URL                          a Bitrix24 portal: its inbound webhook https://<portal>/rest/<user>/<secret>/
  --webhook-file FILE                    the same URL read from FILE (safer: not in ps or shell history); or set OLS_WEBHOOK
  --plan standard|enterprise             the portal's plan, for its request limits (default standard: 2 requests/s)`;

export type SourceValues = Partial<Record<keyof typeof SOURCE_OPTIONS, string>>;

function numberOption(name: string, value: string | undefined, fallback: number, min: number): number | { error: string } {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) return { error: `--${name} must be a number ≥ ${min}, got "${value}"` };
  return n;
}

/** The webhook URL from the options or the environment; an error names the place, never the secret. */
function webhookText(values: SourceValues, env: NodeJS.ProcessEnv): string | null | { error: string } {
  if (values.webhook !== undefined && values['webhook-file'] !== undefined) return { error: 'give --webhook or --webhook-file, not both' };
  if (values.webhook !== undefined) return values.webhook;
  const file = values['webhook-file'];
  if (file !== undefined) {
    let text: string;
    try {
      // a webhook URL is one short line; anything large is not one
      if (fs.statSync(file).size > 4096) return { error: `--webhook-file ${file} is not a webhook URL (too large)` };
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return { error: `cannot read --webhook-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
    const line = text.split(/\r?\n/).map((s) => s.trim()).find((s) => s !== '');
    return line ?? { error: `--webhook-file ${file} is empty` };
  }
  const fromEnv = env.OLS_WEBHOOK?.trim();
  return fromEnv ? fromEnv : null;
}

/** The source the options name, or one line saying what is wrong with them. */
export function sourceFromOptions(values: SourceValues, env: NodeJS.ProcessEnv = process.env): BackendConfig | { error: string } {
  const webhook = webhookText(values, env);
  if (webhook !== null && typeof webhook === 'object') return webhook;
  if (webhook !== null) {
    for (const demoOnly of ['seed', 'speed', 'history-days'] as const) {
      if (values[demoOnly] !== undefined) return { error: `--${demoOnly} is for the demo world; it means nothing with a webhook` };
    }
    const parsed = parseWebhookUrl(webhook);
    if ('error' in parsed) return parsed;
    const plan = values.plan ?? 'standard';
    if (!(BITRIX24_PLANS as readonly string[]).includes(plan)) return { error: `--plan must be ${BITRIX24_PLANS.join(' or ')}, got "${plan}"` };
    return { kind: 'bitrix24', webhookUrl: parsed.url, plan: plan as Bitrix24Plan };
  }
  if (values.plan !== undefined) return { error: '--plan is for a Bitrix24 portal: give --webhook too' };
  const seed = numberOption('seed', values.seed, 1, 0);
  if (typeof seed === 'object') return seed;
  if (!Number.isInteger(seed)) return { error: `--seed must be a whole number, got "${values.seed}"` };
  const speed = numberOption('speed', values.speed, 1, 0);
  if (typeof speed === 'object') return speed;
  const historyDays = numberOption('history-days', values['history-days'], 30, 0);
  if (typeof historyDays === 'object') return historyDays;
  return { kind: 'demo', seed, speed, historyDays };
}
