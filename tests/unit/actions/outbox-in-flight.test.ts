/**
 * A call the client stopped waiting for can still be running at the portal:
 * Bitrix24 finishes a request whose client has gone, up to its own time
 * limit. An action in doubt whose effect is not there yet must not be sent
 * again while its earlier call may still land, or it is done twice. Real
 * parts: the emulator on loopback (its `slow` fault holds a call, then runs
 * it), the Bitrix24 connector, a real SQLite cache synced from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../../electron/app/actions/outbox-sender.ts';
import { enqueueActions } from '../../../electron/app/actions/enqueue.ts';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import { sourceKey } from '../../../electron/app/data/writer-outbox.ts';
import type { WritableDB } from '../../../electron/app/db/connection.ts';
import { applyChanges } from '../../../electron/app/sync/apply-changes.ts';
import { startEmulator, type Emulator, type LogEntry } from '../../../electron/emulator/index.ts';
import { openTempDb, silentLog, syncEngineFor, syncToEnd } from '../../support/temp-cache.ts';

/** how long the portal holds the first call before running it; far longer than the client waits */
const HOLD_MS = 3000;

describe('the outbox with a call still running at the portal', () => {
  let emulator: Emulator;
  let backend: Backend;
  let db: WritableDB;
  const requests: LogEntry[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 12, plan: 'enterprise', dialogs: 20, historyDays: 1, speed: 0, slowMs: HOLD_MS, onRequest: (e) => requests.push(e) });
    backend = createBitrix24Backend({ webhookUrl: emulator.webhookUrl, plan: 'enterprise', log: silentLog });
    db = openTempDb().db;
    await syncToEnd(syncEngineFor(db, backend));
  }, 60_000);
  afterAll(async () => {
    db?.close();
    await backend?.close();
    await emulator?.close();
  });

  it('the Bitrix24 connector names the portal time limit as how long a call may still run', () => {
    expect(backend.callLimitMs).toBe(60_000);
  });

  it('checks again instead of sending while the timed-out call may still land, then settles it without a second call', async () => {
    const dialogId = emulator.truth()[0]!.dialog.id;
    const comment = 'held by the portal';
    const source = sourceKey(db);
    expect(enqueueActions(db, source, [dialogId], { kind: 'vote', rating: 2, comment }, Date.now()).accepted).toBe(1);
    // the first call is held, then run; the sender gives up on it long before (in doubt, not done yet)
    emulator.setFaults([{ kind: 'slow', next: 1 }]);
    const sender = new OutboxSender({
      db,
      backend,
      source,
      log: silentLog,
      applyFresh: (change) => applyChanges(db, [change], null, silentLog),
      onChanged: () => {},
      timeoutMs: 200,
      // the portal's limit, scaled to the emulator's hold
      inDoubtGraceMs: HOLD_MS + 2000,
    });
    const votes = () => requests.filter((e) => e.method === 'imopenlines.session.head.vote' && e.params['COMMENT'] === comment);
    const state = () => db.prepare('SELECT state, outcome FROM outbox WHERE dialog_id = ?').get(dialogId) as { state: string; outcome: string | null };
    sender.start();
    try {
      for (let i = 0; i < 300 && state().state !== 'done'; i += 1) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sender.stop();
    }
    // the held call has landed (it is logged once it ran), so a second call would be in the log too
    for (let i = 0; i < 200 && !votes().some((e) => e.faults?.includes('slow')); i += 1) await new Promise((r) => setTimeout(r, 50));
    // the held call was the one that did it: the retry found it done
    expect(state()).toEqual({ state: 'done', outcome: 'alreadyInState' });
    expect(votes().map((e) => ({ status: e.status, faults: e.faults ?? [] }))).toEqual([{ status: 200, faults: ['slow'] }]);
    const truth = emulator.truth().find((t) => t.dialog.id === dialogId)!;
    expect(truth.dialog).toMatchObject({ supervisorRating: 2, supervisorComment: comment });
  });
});
