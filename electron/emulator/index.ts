/**
 * The Bitrix24 REST emulator: a loopback HTTP portal whose sessions are the
 * demo world's dialogs, for the connector's tests and for trying the
 * connector without a portal. `startEmulator` is the in-process API; the CLI
 * (electron/tools/emulator.ts) wraps it.
 */
import { randomBytes } from 'node:crypto';
import type { Plan } from './protocol/bucket.ts';
import { LeakyBuckets } from './protocol/bucket.ts';
import { FaultSwitch, parseFaultList, type FaultSpec } from './protocol/faults.ts';
import { OperatingBudget, type OperatingCost } from './protocol/operating.ts';
import { WEBHOOK_USER_ID } from './methods/context.ts';
import { DEFAULT_SCOPES } from './methods/registry.ts';
import { createEmulatorServer, type LogEntry, type Stats } from './server.ts';
import { createPortalState } from './state.ts';
import { projectTruth, type TruthDialog } from './truth.ts';

export type { FaultSpec, LogEntry, OperatingCost, Plan, Stats, TruthDialog };
export { FAULT_KINDS, parseFaultList } from './protocol/faults.ts';
export { DEFAULT_OPERATING_BUDGET_MS, DEFAULT_OPERATING_WINDOW_MS } from './protocol/operating.ts';

export interface EmulatorOptions {
  /** 0 (default): any free port */
  port?: number;
  seed: number;
  plan: Plan;
  /** total dialogs of history (default 2000): sets dialogsPerDay = dialogs / historyDays */
  dialogs?: number;
  historyDays?: number;
  dialogsPerDay?: number;
  /** live traffic pace; default 0 (a frozen world, what tests want); the CLI uses 1 */
  speed?: number;
  faults?: string | FaultSpec[];
  scopes?: readonly string[];
  /** the webhook code; default random */
  secret?: string;
  /** the clock of the bucket and the world (default Date.now) */
  now?: () => number;
  /** how long a `slow` fault holds an answer (default 3000 ms) */
  slowMs?: number;
  /** a method is refused 429 OPERATION_TIME_LIMIT while its cost in the window exceeds this (default 480 000, the docs' 480 s) */
  operatingBudgetMs?: number;
  /** the operating window (default 600 000: 10 minutes) */
  operatingWindowMs?: number;
  /**
   * What a call costs: a number for every method per call, or a map from method
   * name to a per-call number or `{perCallMs, perRowMs}`; unnamed methods keep
   * the default (1 ms a call + 0.05 ms a row for data methods, 0 for profile/scope/server.time)
   */
  operatingCostMs?: number | Readonly<Record<string, number | Partial<OperatingCost>>>;
  /** also put the time block with operating_reset_at on a 429 and in a refused command's result_time, which the documented portal does not (default false) */
  reportResetOnRefusal?: boolean;
  onRequest?: (entry: LogEntry) => void;
}

export interface Emulator {
  url: string;
  /** `http://127.0.0.1:<port>/rest/1/<secret>/` */
  webhookUrl: string;
  stats(): Stats;
  log(): LogEntry[];
  truth(): TruthDialog[];
  setFaults(faults: string | FaultSpec[]): void;
  close(): Promise<void>;
}

const DEFAULT_HISTORY_DAYS = 7;
const DEFAULT_DIALOGS = 2000;
const LIVE_PULL_MS = 1000;

function faultList(faults: string | FaultSpec[] | undefined): FaultSpec[] {
  if (faults === undefined) return [];
  if (Array.isArray(faults)) return faults;
  const parsed = parseFaultList(faults);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.faults;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const now = options.now ?? Date.now;
  // checked before anything starts: a bad budget is the caller's mistake, not a half-started portal
  const operating = new OperatingBudget({ budgetMs: options.operatingBudgetMs, windowMs: options.operatingWindowMs, costMs: options.operatingCostMs }, now);
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const dialogsPerDay = options.dialogsPerDay ?? (options.dialogs ?? DEFAULT_DIALOGS) / Math.max(1, historyDays);
  const speed = options.speed ?? 0;
  const state = await createPortalState({ seed: options.seed, historyDays, dialogsPerDay, speed, now });
  const scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
  const faults = new FaultSwitch(faultList(options.faults), options.seed);
  const secret = options.secret ?? randomBytes(8).toString('hex');
  const server = createEmulatorServer({
    port: options.port ?? 0,
    secret,
    userId: WEBHOOK_USER_ID,
    context: { state, now, scopes },
    buckets: new LeakyBuckets(options.plan, now),
    operating,
    reportResetOnRefusal: options.reportResetOnRefusal ?? false,
    faults,
    slowMs: options.slowMs ?? 3000,
    truth: () => projectTruth(state, now()),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const port = await server.listen();
  const timer = speed > 0 ? setInterval(() => void state.refresh().catch(() => {}), LIVE_PULL_MS) : null;
  timer?.unref();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhookUrl: `${url}/rest/${WEBHOOK_USER_ID}/${secret}/`,
    stats: server.stats,
    log: server.log,
    truth: () => projectTruth(state, now()),
    setFaults: (f) => faults.set(faultList(f)),
    async close() {
      if (timer) clearInterval(timer);
      await server.close();
      await state.close();
    },
  };
}
