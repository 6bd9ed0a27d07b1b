/**
 * Exactly once, proven the hard way: the browser-mode host is killed with
 * SIGKILL at random moments while queued actions drain, and restarted each
 * time; in every run some answers are lost after the backend did the action,
 * so kills find actions in doubt. In the end every action is done, and the
 * demo world's own action log (fsync'd before the demo applies an action)
 * holds each exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/app/db/connection.ts';
import { connectContract } from '../../support/ws-client.ts';
import { startWebHostProcess } from '../../support/web-host-process.ts';
import { tempDir } from '../../support/temp-cache.ts';
import { checkAfterKill, moments } from '../../support/kill-moments.ts';

const SEED = 4;
const KILLS = 20;
const PER_RUN = 10;

function loggedActionIds(dataDir: string): string[] {
  const file = fs.readdirSync(dataDir).find((f) => f.endsWith('.actions.jsonl'));
  if (!file) return [];
  return fs
    .readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { actionId?: string }).actionId ?? '(none)');
}

describe('the outbox under kill -9', () => {
  it(`applies every action exactly once across ${KILLS} kills while it drains`, { timeout: 420_000 }, async () => {
    const dataDir = tempDir('ols-outbox-kill-');
    const next = moments(11);
    let cacheFile = '';
    let queued = 0;
    /** runs whose kill left actions unsettled: the test proves nothing unless kills land mid-drain */
    let interrupted = 0;
    for (let run = 0; run < KILLS; run += 1) {
      const host = await startWebHostProcess({ dataDir, seed: SEED, historyDays: 2, speed: 0 });
      cacheFile = host.cacheFile;
      const client = await connectContract(host.origin, host.token);
      try {
        if (run === 0) {
          for (let i = 0; i < 600 && (await client.call('sync:now', {})).phase !== 'live'; i += 1) await new Promise((r) => setTimeout(r, 100));
        }
        // ten more dialogs each run, rated with words no one else uses: the effect check cannot confuse them
        const { rows } = await client.call('dialogs:list', {
          filter: { conditions: [] },
          sort: { column: 'id', direction: 'asc' },
          startRow: run * PER_RUN,
          endRow: (run + 1) * PER_RUN,
        });
        expect(rows.length).toBe(PER_RUN);
        // three of this run's actions are done by the backend but their answers lost: they wait, in
        // doubt, for their retry when the kill comes (the case exactly-once is about)
        await client.call('demo:control', { fail: { kind: 'lostAnswer', count: 3 } });
        for (const [j, row] of rows.entries()) {
          const result = await client.call('actions:enqueue', {
            target: { dialogIds: [row.id] },
            action: { kind: 'vote', rating: 1 + ((run + j) % 5), comment: `kill test ${run}.${j}` },
          });
          expect(result.accepted).toBe(1);
          queued += 1;
        }
      } finally {
        client.close();
      }
      await new Promise((r) => setTimeout(r, Math.floor(next.next().value * 400)));
      await host.kill();
      if (checkAfterKill(cacheFile, `after kill ${run}`)) interrupted += 1;
    }

    expect(interrupted).toBeGreaterThan(0);

    // the survivor drains what is left
    const survivor = await startWebHostProcess({ dataDir, seed: SEED, historyDays: 2, speed: 0 });
    const client = await connectContract(survivor.origin, survivor.token);
    try {
      let counts = (await client.call('outbox:list', { limit: 1 })).counts;
      for (let i = 0; i < 600 && counts.pending + counts.sending > 0; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        counts = (await client.call('outbox:list', { limit: 1 })).counts;
      }
      expect(counts).toMatchObject({ pending: 0, sending: 0, failed: 0, done: queued });
    } finally {
      client.close();
      await survivor.stop();
    }

    const db = openDatabase(cacheFile, { readonly: true, migrate: false });
    let actionIds: string[] = [];
    try {
      actionIds = db.prepare("SELECT action_id FROM outbox WHERE state = 'done' ORDER BY id").pluck().all() as string[];
      // some were settled by the check, not by a second call: the path that keeps them from running twice
      expect(db.prepare("SELECT COUNT(*) FROM outbox WHERE outcome = 'alreadyInState'").pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(actionIds.length).toBe(KILLS * PER_RUN);
    const logged = loggedActionIds(dataDir);
    const times = new Map<string, number>();
    for (const id of logged) times.set(id, (times.get(id) ?? 0) + 1);
    // every action reached the world once: none lost, none twice, nothing the outbox does not know
    expect(actionIds.filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(logged.length).toBe(actionIds.length);
  });
});
