/**
 * The round trip: demo world → emulator (electron/emulator/, another
 * engineer's independent implementation of wire.ts) → HTTP → this connector
 * → domain, compared with the emulator's own projection of its world.
 * Skipped until electron/emulator/index.ts exists; written against the API
 * its brief names (startEmulator → { webhookUrl, stats, log, truth, close }).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialogChange } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import { silentLog } from './loopback-portal.ts';

const EMULATOR = fileURLToPath(new URL('../../../electron/emulator/index.ts', import.meta.url));
const present = fs.existsSync(EMULATOR);

interface EmulatorHandle {
  webhookUrl: string;
  stats(): Record<string, unknown>;
  log(): Array<{ method: string; params?: Record<string, unknown> } & Record<string, unknown>>;
  truth(): Array<{ dialog: DialogChange['dialog']; entries: DialogChange['entries'] }> | Promise<Array<{ dialog: DialogChange['dialog']; entries: DialogChange['entries'] }>>;
  close(): Promise<void>;
}

describe.skipIf(!present)('round trip through the emulator', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    const mod = (await import(EMULATOR)) as { startEmulator(options: Record<string, unknown>): Promise<EmulatorHandle> };
    emulator = await mod.startEmulator({ port: 0, seed: 7, plan: 'enterprise', historyDays: 2, dialogsPerDay: 60 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('a full sync equals the emulator’s truth, dialog for dialog, with no bucket refusals', async () => {
    const backend = createBitrix24Backend({ webhookUrl: emulator.webhookUrl, plan: 'enterprise', log: silentLog });
    const synced = new Map<number, DialogChange>();
    let cursor: string | null = null;
    for (let i = 0; i < 10_000; i++) {
      const batch = await backend.pullChanges(cursor, 50);
      for (const change of batch.changes) synced.set(change.dialog.id, change);
      cursor = batch.cursor;
      if (!batch.hasMore && JSON.parse(cursor).phase === 'incremental') break;
    }
    const truth = await emulator.truth();
    expect([...synced.keys()].sort((a, b) => a - b)).toEqual(truth.map((t) => t.dialog.id).sort((a, b) => a - b));
    for (const t of truth) {
      const got = synced.get(t.dialog.id)!;
      expect({ id: t.dialog.id, dialog: got.dialog }).toEqual({ id: t.dialog.id, dialog: t.dialog });
      expect({ id: t.dialog.id, entries: got.entries }).toEqual({ id: t.dialog.id, entries: t.entries });
    }
    expect(JSON.stringify(emulator.stats())).not.toMatch(/"(refused|bucketRefusals|rateLimited)":\s*[1-9]/);
  });
});
