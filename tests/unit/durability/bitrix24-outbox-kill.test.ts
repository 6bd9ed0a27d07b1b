/**
 * Exactly once against a portal, proven the hard way: the browser-mode host
 * runs on the Bitrix24 connector, pointed at the emulator, which lives in
 * this test process (it is the portal: it outlives the host). The host is
 * killed with SIGKILL at random moments while queued actions drain, and
 * restarted each time; meanwhile a share of the portal's answers are cut off
 * after the method ran (`truncate`: done, answer lost), so kills and retries
 * find actions in doubt. Bitrix24 has no idempotency keys: only the
 * connector's state check stands between a retry and a second call. In the
 * end the emulator's own request log shows every action's method run
 * exactly once, and its world holds every effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { startEmulator, type Emulator, type LogEntry, type TruthDialog } from '../../../electron/emulator/index.ts';
import type { DialogAction } from '../../../shared/domain/actions.ts';
import { connectContract, type ContractClient } from '../../support/ws-client.ts';
import { startWebHostProcess } from '../../support/web-host-process.ts';
import { tempDir } from '../../support/temp-cache.ts';
import { checkAfterKill, moments } from '../../support/kill-moments.ts';

const SEED = 9;
const KILLS = 20;
const PER_RUN = 10;
/** the methods the actions below are sent as (actions.ts callOf) */
const ACTION_METHODS = new Set(['imopenlines.session.head.vote', 'imopenlines.session.mode.pin', 'imopenlines.operator.another.finish']);

const isOpen = (t: TruthDialog) => !t.entries.some((e) => e.kind === 'closed' || e.kind === 'spam');

interface Planned {
  dialogId: number;
  action: DialogAction;
  /** picks this action's calls out of the emulator's log */
  matches(entry: LogEntry): boolean;
  /** its effect, as the portal's world holds it in the end */
  effectIn(truth: TruthDialog): boolean;
}

function vote(t: TruthDialog, run: number, j: number): Planned {
  const rating = 1 + ((run + j) % 5);
  // words no one else uses: the log and the effect check cannot confuse them
  const comment = `b24 kill test ${run}.${j}`;
  return {
    dialogId: t.dialog.id,
    action: { kind: 'vote', rating, comment },
    matches: (e) => e.method === 'imopenlines.session.head.vote' && e.params['COMMENT'] === comment,
    effectIn: (d) => d.dialog.supervisorRating === rating && d.dialog.supervisorComment === comment,
  };
}

function pin(t: TruthDialog): Planned {
  return {
    dialogId: t.dialog.id,
    action: { kind: 'pin', pinned: true },
    matches: (e) => e.method === 'imopenlines.session.mode.pin' && Number(e.params['CHAT_ID']) === t.dialog.chatId,
    effectIn: (d) => d.dialog.pinned,
  };
}

function finish(t: TruthDialog): Planned {
  return {
    dialogId: t.dialog.id,
    action: { kind: 'finish' },
    matches: (e) => e.method === 'imopenlines.operator.another.finish' && Number(e.params['CHAT_ID']) === t.dialog.chatId,
    effectIn: (d) => !isOpen(d),
  };
}

/**
 * Ten actions per run on dialogs no other run touches: one finish and one
 * pin on open dialogs while there are enough (each the latest session of its
 * chat, which is what CHAT_ID reaches), votes on the rest.
 */
function planRuns(truth: TruthDialog[]): Planned[][] {
  const latestOfChat = new Map<number, number>();
  for (const t of truth) latestOfChat.set(t.dialog.chatId, Math.max(latestOfChat.get(t.dialog.chatId) ?? 0, t.dialog.id));
  const byId = [...truth].sort((a, b) => a.dialog.id - b.dialog.id);
  const open = byId.filter((t) => isOpen(t) && !t.dialog.pinned && latestOfChat.get(t.dialog.chatId) === t.dialog.id);
  const used = new Set<number>();
  const runs: Planned[][] = [];
  for (let run = 0; run < KILLS; run += 1) {
    const planned: Planned[] = [];
    const take = (t: TruthDialog | undefined, make: (t: TruthDialog) => Planned) => {
      if (!t) return;
      used.add(t.dialog.id);
      planned.push(make(t));
    };
    take(open[2 * run], finish);
    take(open[2 * run + 1], pin);
    const votable = byId.filter((t) => !used.has(t.dialog.id) && !open.includes(t));
    for (let j = 0; planned.length < PER_RUN; j += 1) take(votable[j], (t) => vote(t, run, j));
    runs.push(planned);
  }
  return runs;
}

async function waitForLive(client: ContractClient): Promise<void> {
  let status = await client.call('sync:now', {});
  for (let i = 0; i < 1200 && status.phase !== 'live'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    status = await client.call('sync:status', {});
  }
  expect(status.phase, `the first sync went live (${JSON.stringify(status.error)})`).toBe('live');
}

describe('the outbox under kill -9, against a Bitrix24 portal', () => {
  let emulator: Emulator;
  /** every request the portal answered, in order (its own log keeps only the last 5000) */
  const requests: LogEntry[] = [];
  beforeAll(async () => {
    // a small frozen portal at the enterprise rate: its backfill is a few batches, and 21 starts stay inside its bucket
    emulator = await startEmulator({ port: 0, seed: SEED, plan: 'enterprise', dialogs: 240, historyDays: 2, speed: 0, onRequest: (e) => requests.push(e) });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it(`runs every action's method exactly once across ${KILLS} kills while answers are lost`, { timeout: 420_000 }, async () => {
    const runs = planRuns(emulator.truth());
    const planned = runs.flat();
    expect(planned.length).toBe(KILLS * PER_RUN);
    expect(new Set(planned.map((p) => p.dialogId)).size).toBe(planned.length);
    expect(planned.filter((p) => p.action.kind === 'finish').length).toBeGreaterThan(0);
    expect(planned.filter((p) => p.action.kind === 'pin').length).toBeGreaterThan(0);

    const dataDir = tempDir('ols-b24-outbox-kill-');
    const hostOptions = { dataDir, webhook: emulator.webhookUrl, plan: 'enterprise' } as const;
    const next = moments(13);
    let cacheFile = '';
    /** runs whose kill left actions unsettled: the test proves nothing unless kills land mid-drain */
    let interrupted = 0;
    for (let run = 0; run < KILLS; run += 1) {
      emulator.setFaults([]);
      const host = await startWebHostProcess(hostOptions);
      cacheFile = host.cacheFile;
      const client = await connectContract(host.origin, host.token);
      try {
        if (run === 0) await waitForLive(client);
        // from here a third of the portal's answers are cut off after the method ran (in doubt, done), and
        // a tenth of the requests die before it runs (in doubt, not done): reads and actions alike
        emulator.setFaults([
          { kind: 'truncate', probability: 0.3 },
          { kind: 'drop', probability: 0.1 },
        ]);
        for (const p of runs[run]!) {
          const result = await client.call('actions:enqueue', { target: { dialogIds: [p.dialogId] }, action: p.action });
          expect(result.accepted, `run ${run}: ${p.action.kind} on ${p.dialogId} accepted (${JSON.stringify(result.skipped)})`).toBe(1);
        }
      } finally {
        client.close();
      }
      // a truncated answer puts its action in doubt for about a second (the first backoff): kills land before and after
      await new Promise((r) => setTimeout(r, Math.floor(next.next().value * 1500)));
      await host.kill();
      if (checkAfterKill(cacheFile, `after kill ${run}`)) interrupted += 1;
    }
    expect(interrupted).toBeGreaterThan(0);

    // the survivor drains what is left, with the portal answering whole again
    emulator.setFaults([]);
    const survivor = await startWebHostProcess(hostOptions);
    const client = await connectContract(survivor.origin, survivor.token);
    try {
      let counts = (await client.call('outbox:list', { limit: 1 })).counts;
      for (let i = 0; i < 1200 && counts.pending + counts.sending > 0; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        counts = (await client.call('outbox:list', { limit: 1 })).counts;
      }
      expect(counts).toMatchObject({ pending: 0, sending: 0, failed: 0, done: planned.length });
    } finally {
      client.close();
      await survivor.stop();
    }

    const db = openDatabase(cacheFile, { readonly: true, migrate: false });
    try {
      // some were settled by the check, not by a second call: the path that keeps them from running twice
      expect(db.prepare("SELECT COUNT(*) FROM outbox WHERE outcome = 'alreadyInState'").pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    const actionCalls = requests.filter((e) => ACTION_METHODS.has(e.method));
    // the case exactly-once is about really happened: methods ran and their answers were cut off
    expect(actionCalls.filter((e) => e.status === 200 && e.faults?.includes('truncate')).length).toBeGreaterThan(0);
    // and the other doubt: calls that never ran, so the check found nothing and the action went again
    expect(planned.filter((p) => actionCalls.some((e) => p.matches(e) && e.status === 0)).length).toBeGreaterThan(0);
    // a call the portal ran (answered 200, or refused after looking at the session: 4xx) counts; one the
    // bucket turned away (503) did nothing. Each action ran once: none lost, none twice, none refused
    const ran = (e: LogEntry) => e.status === 200 || (e.status >= 400 && e.status < 500);
    const wrong = planned
      .map((p) => ({ dialogId: p.dialogId, kind: p.action.kind, calls: actionCalls.filter((e) => p.matches(e) && ran(e)).map((e) => `${e.status}${e.faults ? ` ${e.faults.join('+')}` : ''}`) }))
      .filter((p) => p.calls.length !== 1 || p.calls[0]!.split(' ')[0] !== '200');
    expect(wrong).toEqual([]);
    // nothing reached the portal that the plan did not send
    expect(actionCalls.filter((e) => ran(e) && !planned.some((p) => p.matches(e)))).toEqual([]);

    const truth = new Map(emulator.truth().map((t) => [t.dialog.id, t]));
    expect(planned.filter((p) => !p.effectIn(truth.get(p.dialogId)!)).map((p) => `${p.action.kind} on ${p.dialogId}`)).toEqual([]);
  });
});
