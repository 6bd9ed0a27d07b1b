/**
 * kill -9 of the browser-mode host at random moments of its backfill and of
 * live sync: every restart comes up, the cache passes integrity_check every
 * time, and once the world is frozen the cache holds exactly what a cache
 * that was never killed holds (a fresh data folder given a copy of the same
 * world files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/app/db/connection.ts';
import { connectContract } from '../../support/ws-client.ts';
import { killHard, spawnWebHost, startWebHostProcess } from '../../support/web-host-process.ts';
import { tempDir } from '../../support/temp-cache.ts';
import { moments } from '../../support/kill-moments.ts';

const SEED = 3;
const KILLS = 20;

/** A fixed sequence of kill moments, so a failure replays the same way. */
function integrity(file: string): string {
  const db = openDatabase(file, { readonly: true, migrate: false });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

async function untilLive(origin: string, token: string): Promise<number> {
  const client = await connectContract(origin, token);
  try {
    for (let i = 0; i < 600; i += 1) {
      const status = await client.call('sync:now', {});
      if (status.phase === 'live') return status.dialogs;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the sync never caught up');
  } finally {
    client.close();
  }
}

const columns: Record<string, string> = {
  dialogs: '*',
  // a message's rowid is the cache's own, not the world's
  messages: 'dialog_id, seq, at, author, operator_id, hidden, text',
  dialog_events: '*',
};

function rows(db: Db, table: string, ids: number[]): unknown[] {
  const key = table === 'dialogs' ? 'id' : 'dialog_id';
  return db.prepare(`SELECT ${columns[table]} FROM ${table} WHERE ${key} BETWEEN ? AND ? ORDER BY 1, 2`).all(ids[0], ids.at(-1));
}

describe('kill -9 at random moments', () => {
  it(`restarts ${KILLS} times with an intact cache and converges to the world's state`, { timeout: 300_000 }, async () => {
    const dataDir = tempDir('ols-kill-');
    const cache = path.join(dataDir, `cache-demo-seed${SEED}.sqlite`);
    const next = moments(7);
    let killedDuringStart = 0;
    for (let i = 0; i < KILLS; i += 1) {
      const host = spawnWebHost({ dataDir, seed: SEED, historyDays: 2, speed: 30 });
      // Anywhere from the first hundred milliseconds of the start to well into live sync.
      const after = Math.floor(next.next().value * 2500);
      await new Promise((r) => setTimeout(r, after));
      if (!/Browser mode: /.test(host.output())) killedDuringStart += 1;
      expect(host.child.exitCode, `run ${i} exited on its own:\n${host.output()}`).toBeNull();
      await killHard(host.child);
      if (fs.existsSync(cache)) expect(integrity(cache), `after kill ${i} (${after} ms)`).toBe('ok');
    }
    expect(killedDuringStart).toBeGreaterThan(0);

    // The world stops moving (speed 0), and the survivor catches up.
    const survivor = await startWebHostProcess({ dataDir, seed: SEED, historyDays: 2, speed: 0 });
    const dialogs = await untilLive(survivor.origin, survivor.token);
    await survivor.stop();
    expect(integrity(cache)).toBe('ok');
    expect(dialogs).toBeGreaterThan(300);

    // A cache that was never killed: a new folder with a copy of the same world files.
    const freshDir = tempDir('ols-fresh-');
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('demo-world'))) {
      fs.copyFileSync(path.join(dataDir, file), path.join(freshDir, file));
    }
    const fresh = await startWebHostProcess({ dataDir: freshDir, seed: SEED, historyDays: 2, speed: 0 });
    await untilLive(fresh.origin, fresh.token);
    await fresh.stop();

    const a = openDatabase(cache, { readonly: true, migrate: false });
    const b = openDatabase(path.join(freshDir, `cache-demo-seed${SEED}.sqlite`), { readonly: true, migrate: false });
    try {
      const ids = (b.prepare('SELECT id FROM dialogs ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
      expect(ids.length).toBeGreaterThan(300);
      for (const table of ['dialogs', 'messages', 'dialog_events']) {
        const left = rows(a, table, ids);
        expect(left.length, table).toBe(rows(b, table, ids).length);
        expect(left, table).toEqual(rows(b, table, ids));
      }
    } finally {
      a.close();
      b.close();
    }
  });
});
