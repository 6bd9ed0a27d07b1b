/**
 * The Bitrix24 connector against the emulator at the real limits (issue 10):
 * a 100 k-session portal on the standard plan (2 requests/s, a burst of 50),
 * the real services syncing it from nothing. Measured: how soon the live
 * queue is in the cache (the connector's first phase — open sessions and the
 * last 24 hours — is done when the first backfill page lands), then the
 * backfill's rate over a fixed window, beside the ceiling the limits allow
 * for the connector's request pattern and the request rate the emulator saw.
 * Whatever the bench scale: a portal's size does not follow the cache's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAN_LIMITS } from '../../app/backends/bitrix24/client/leaky-bucket.ts';
import { createServices } from '../../app/services.ts';
import { startEmulator } from '../../emulator/index.ts';
import type { SyncStatus } from '../../../shared/ipc/contract.ts';
import { quiet } from './harness.ts';
import type { ReportSection } from './report.ts';
import { fmt } from './stats.ts';

const SESSIONS = 100_000;
const PLAN = 'standard' as const;
/** the backfill is timed over this long, once the live queue is in */
const WINDOW_MS = 45_000;
/** the most the first phase may take before the section gives up */
const LIVE_TIMEOUT_MS = 180_000;
/** commands per batch request (the portal's own bound) */
const BATCH = 50;
/** rows per crm.activity.list page */
const PAGE = 50;
/** commands each session costs: its history and its chat (imopenlines.dialog.get) */
const PER_SESSION = 2;

export async function benchBitrix24(): Promise<ReportSection> {
  const emulatorStarted = performance.now();
  const emulator = await startEmulator({ port: 0, seed: 7, plan: PLAN, dialogs: SESSIONS, historyDays: 365 });
  const emulatorMs = performance.now() - emulatorStarted;
  const sessions = emulator.truth().length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-bench-b24-'));
  const settings = new Map<string, unknown>();
  const statuses: Array<{ at: number; status: SyncStatus }> = [];
  const services = createServices({
    dataDir,
    shell: 'browser',
    settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
    backend: { kind: 'bitrix24', webhookUrl: emulator.webhookUrl, plan: PLAN },
    osLanguage: 'en',
    version: 'bench',
    log: quiet,
    autoSync: true,
  });
  services.onEvent((name, payload) => {
    if (name === 'sync:status') statuses.push({ at: performance.now(), status: payload as SyncStatus });
  });
  try {
    // the portal's open sessions: no close or spam in their timeline
    const open = new Set(emulator.truth().filter((t) => !t.entries.some((e) => e.kind === 'closed' || e.kind === 'spam')).map((t) => t.dialog.id));
    const openCount = open.size;
    const started = performance.now();
    const requestsAtStart = emulator.stats().requests;
    await services.start();
    // the queue is in when every open session is in the cache; the live phase ends when the first backfill page reports its progress
    let queueAt: number | undefined;
    let liveAt: { at: number; status: SyncStatus } | undefined;
    while (!liveAt && performance.now() - started < LIVE_TIMEOUT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (queueAt === undefined) {
        for (const id of [...open]) {
          const found = await services.invoke('dialogs:get', { id });
          if (!found.ok) break;
          open.delete(id);
        }
        if (open.size === 0) queueAt = performance.now();
      }
      liveAt = statuses.find((s) => s.status.progress > 0 || s.status.phase === 'live');
    }
    if (!liveAt) throw new Error(`the live queue was not in after ${LIVE_TIMEOUT_MS / 1000} s`);
    const liveRequests = emulator.stats().requests - requestsAtStart;
    const windowStart = { at: performance.now(), requests: emulator.stats().requests, dialogs: statuses.at(-1)!.status.dialogs };
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const last = statuses.at(-1)!.status;
    const seconds = (performance.now() - windowStart.at) / 1000;
    const rate = (last.dialogs - windowStart.dialogs) / seconds;
    const requestRate = (emulator.stats().requests - windowStart.requests) / seconds;
    const { ratePerSec } = PLAN_LIMITS[PLAN];
    // per page of 50 sessions: one list request, then 100 commands in batches of 50
    const requestsPerPage = 1 + Math.ceil((PAGE * PER_SESSION) / BATCH);
    const ceiling = (ratePerSec * PAGE) / requestsPerPage;
    const left = sessions - last.dialogs;
    return {
      title: 'Bitrix24 connector against the emulator',
      note:
        `a ${sessions.toLocaleString('en')}-session portal (emulator built in ${fmt(emulatorMs / 1000)} s), ${PLAN} plan: ${ratePerSec} requests/s, a burst of ${PLAN_LIMITS[PLAN].burst}; ` +
        `the real services sync it into an empty cache. Ceiling: ${ratePerSec} requests/s ÷ ${requestsPerPage} requests per page of ${PAGE} sessions ` +
        `(one crm.activity.list, then history and chat for each session, ${BATCH} commands a batch, the batches sent together); ` +
        `im.recent.get is asked once a minute beside them, not in every page's batch`,
      rows: [
        {
          name: `time to the live queue (the portal's ${openCount} open sessions in the cache)`,
          value: queueAt === undefined ? 'not before the live phase ended' : `${fmt((queueAt - started) / 1000)} s`,
          target: '≤ 10 s',
          ok: queueAt !== undefined && queueAt - started <= 10_000,
        },
        {
          name: 'the first phase done (open sessions, then the last 24 h)',
          value: `${fmt((liveAt.at - started) / 1000)} s (${liveAt.status.dialogs.toLocaleString('en')} dialogs, ${liveRequests} requests)`,
          ok: null,
        },
        {
          name: `backfill rate over ${Math.round(seconds)} s`,
          value: `${fmt(rate)} dialogs/s = ${Math.round((rate / ceiling) * 100)} % of the ceiling (${fmt(ceiling)}/s)`,
          target: 'near the ceiling',
          ok: null,
        },
        { name: 'requests the emulator answered', value: `${fmt(requestRate)} /s (the plan allows ${ratePerSec})`, ok: null },
        { name: 'the whole history at that rate', value: rate > 0 ? `≈ ${fmt(left / rate / 3600)} h more for ${left.toLocaleString('en')} sessions` : 'no progress', ok: null },
        { name: 'requests refused by the portal (its bucket full)', value: String(emulator.stats().refused), target: '0', ok: emulator.stats().refused === 0 },
      ],
    };
  } finally {
    await services.close();
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
