import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, DialogSnapshot } from '../../../electron/app/backends/backend.ts';
import { createDemoBackend, type DemoBackendOptions } from '../../../electron/app/backends/demo/index.ts';
import { planDialog } from '../../../electron/app/backends/demo/script.ts';
import { createArrivals } from '../../../electron/app/backends/demo/timebase.ts';
import { MAX_DIALOG_LIFE } from '../../../electron/app/backends/demo/window.ts';
import { createWorld } from '../../../electron/app/backends/demo/world.ts';
import { readWorld, worldFiles } from '../../../electron/app/backends/demo/world-file.ts';
import { Replica, act, pullAll, testClock, type TestClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ols-world-'));
}

function recordingLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`WARN ${m}`) };
}

function open(dir: string, clock: TestClock, options: Partial<DemoBackendOptions> = {}, log = recordingLog()): Backend {
  return createDemoBackend({ seed: 3, historyDays: 1, ...options, worldDir: dir, now: clock.now, log });
}

/** Everything the backend holds, as a consumer starting from nothing would see it. */
async function everything(backend: Backend): Promise<Replica> {
  const replica = new Replica();
  await pullAll(backend, null, 100_000, replica);
  return replica;
}

function expectSameWorld(a: Replica, b: Replica): void {
  expect([...b.dialogs.keys()]).toEqual([...a.dialogs.keys()]);
  for (const id of a.dialogs.keys()) {
    expect(b.dialogs.get(id)).toEqual(a.dialogs.get(id));
    expect(b.entries(id)).toEqual(a.entries(id));
  }
}

/** A dialog in a status an action can change, found in what the consumer holds. */
function pick(replica: Replica, statuses: string[], skip: Set<number>, also: (d: DialogSnapshot) => boolean = () => true): DialogSnapshot {
  for (const [id, dialog] of replica.dialogs) {
    if (!skip.has(id) && also(dialog) && statuses.includes(checkTimeline(replica.entries(id)).status)) {
      skip.add(id);
      return dialog;
    }
  }
  throw new Error(`no dialog in ${statuses.join('/')}`);
}

describe('a demo world that lasts', () => {
  it('continues the same world after a restart: same dialogs, then new ones after them, nothing lost in between', async () => {
    const dir = tempDir();
    const clock = testClock();
    const first = open(dir, clock);
    const consumer = new Replica();
    let { cursor } = await pullAll(first, null, 500, consumer);
    const backfilled = new Map(consumer.dialogs);
    clock.advance(10 * 60_000);
    ({ cursor } = await pullAll(first, cursor, 500, consumer));
    const identity = first.identity;
    await first.close();

    // closed for two hours; the world went on at its pace meanwhile
    clock.advance(2 * HOUR);
    const second = open(dir, clock);
    expect(second.identity).toBe(identity);
    const lastBefore = Math.max(...consumer.dialogs.keys());
    const resumed = await pullAll(second, cursor, 500, consumer);
    const arrived = resumed.batches.flatMap((b) => b.changes).filter((c) => c.entries[0]?.seq === 0);
    expect(arrived.length).toBeGreaterThan(500);
    expect(arrived.every((c) => c.dialog.id > lastBefore)).toBe(true);
    // the dialogs the first run served are the same dialogs (they only went on)
    const now = await everything(second);
    for (const [id, dialog] of backfilled) {
      if (!now.dialogs.has(id)) continue;
      expect(now.dialogs.get(id)?.clientName).toBe(dialog.clientName);
      expect(now.entries(id).slice(0, consumer.entries(id).length)).toEqual(consumer.entries(id));
    }
    // the consumer that kept its cursor across the restart holds exactly the world
    for (const id of now.dialogs.keys()) {
      expect(consumer.entries(id)).toEqual(now.entries(id));
      expect(consumer.dialogs.get(id)).toEqual(now.dialogs.get(id));
    }
  });

  it('replays from its file the world that ran: runs at other speeds, frozen runs and every kind of action', async () => {
    const dir = tempDir();
    const clock = testClock();
    const consumer = new Replica();
    const acted = new Set<number>();
    let backend = open(dir, clock);
    let { cursor } = await pullAll(backend, null, 1000, consumer);
    const other = (await backend.fetchReference()).operators.find((o) => !o.isBot && o.id !== 1)?.id ?? 0;

    const actOnFour = async () => {
      clock.advance(1_000);
      const finish = pick(consumer, ['answered', 'clientWaitingAgain', 'clientWaiting'], acted);
      await act(backend, { kind: 'finish', dialogId: finish.id, chatId: finish.chatId });
      const move = pick(consumer, ['clientWaiting', 'answered', 'clientWaitingAgain', 'queued'], acted);
      const target = move.operatorId === other ? undefined : other;
      await act(backend, target ? { kind: 'transfer', dialogId: move.id, chatId: move.chatId, toOperatorId: target } : { kind: 'transfer', dialogId: move.id, chatId: move.chatId, toLineId: move.lineId });
      const done = pick(consumer, ['finished'], acted);
      await act(backend, { kind: 'vote', dialogId: done.id, chatId: done.chatId, rating: 4, comment: 'ok' });
      // not one pinned already: pinning it again changes nothing, and nothing is logged
      const pin = pick(consumer, ['queued', 'inWork', 'clientWaiting', 'answered'], acted, (d) => !d.pinned);
      await act(backend, { kind: 'pin', dialogId: pin.id, chatId: pin.chatId, pinned: true });
      ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    };

    await actOnFour();
    clock.advance(5 * 60_000);
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    await backend.close();
    // a run at speed 4
    clock.advance(30 * 60_000);
    backend = open(dir, clock, { speed: 4 });
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    clock.advance(3 * 60_000);
    await actOnFour();
    await backend.close();
    // a frozen run: nothing moves but what the supervisor does
    clock.advance(10 * 60_000);
    backend = open(dir, clock, { speed: 0 });
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    clock.advance(60 * 60_000);
    const frozen = await backend.pullChanges(cursor, 1000);
    expect(frozen.changes).toEqual([]);
    await actOnFour();
    clock.advance(7 * 60_000);
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    await backend.close();
    // speed 1 again, a while later
    clock.advance(20 * 60_000);
    backend = open(dir, clock, { speed: 1 });
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    clock.advance(2 * 60_000);
    await actOnFour();
    clock.advance(4 * 60_000);
    ({ cursor } = await pullAll(backend, cursor, 1000, consumer));
    const ran = await everything(backend);
    await backend.close();

    const { spec, actions } = readWorld(worldFiles(dir, 3), 3);
    // four runs, the app closed between them (real time, or frozen after the frozen run)
    expect(spec.segments.map((s) => [s.live, s.speed])).toEqual([
      [true, 1], [false, 1], [true, 4], [false, 1], [true, 0], [false, 0], [true, 1],
    ]);
    expect(actions.map((a) => a.action.kind)).toEqual(Array(4).fill(['finish', 'transfer', 'vote', 'pin']).flat());
    expect(actions.map((a) => a.n)).toEqual(actions.map((_, i) => i + 1));

    // the same clock reading, a fresh process: the replay gives the world that ran
    const replayed = await everything(open(dir, clock, { speed: 1 }));
    expectSameWorld(ran, replayed);
    // and the consumer, which followed every run through restarts, holds it too
    for (const id of ran.dialogs.keys()) {
      expect(consumer.entries(id)).toEqual(ran.entries(id));
      expect(consumer.dialogs.get(id)).toEqual(ran.dialogs.get(id));
    }
    for (const id of acted) {
      if (ran.dialogs.has(id)) expect(checkTimeline(ran.entries(id)).violations).toEqual([]);
    }
  });

  it('after a long time off, holds only the recent window and keeps the ids going', async () => {
    const dir = tempDir();
    const clock = testClock();
    const first = open(dir, clock, { historyDays: 3, dialogsPerDay: 2000, maxDialogs: 3000 });
    const { cursor } = await pullAll(first, null, 5000);
    const lastBefore = Math.max(...(await everything(first)).dialogs.keys());
    await first.close();
    // ninety days closed at 2,000 a day: 180,000 arrivals counted, not planned
    clock.advance(90 * DAY);
    const later = open(dir, clock, { maxDialogs: 3000 });
    const held = await everything(later);
    const ids = [...held.dialogs.keys()];
    // the last three days (capped at maxDialogs), or the last MAX_DIALOG_LIFE if that reaches further, plus the busy start
    expect(ids.length).toBeGreaterThan(2000);
    expect(ids.length).toBeLessThan(3000 + (MAX_DIALOG_LIFE / DAY) * 2000 * 1.6 + 600);
    expect(Math.min(...ids)).toBeGreaterThan(lastBefore + 85 * 2000);
    // new dialogs arrive after them, and the old cursor only brings what is new
    clock.advance(10 * 60_000);
    const resumed = await pullAll(later, cursor, 5000);
    const changes = resumed.batches.flatMap((b) => b.changes);
    expect(changes.every((c) => c.dialog.id > lastBefore)).toBe(true);
    expect(Math.max(...changes.map((c) => c.dialog.id))).toBeGreaterThan(Math.max(...ids));
  });

  it('keeps a frozen world frozen across restarts', async () => {
    const dir = tempDir();
    const clock = testClock();
    const first = open(dir, clock, { speed: 0 });
    const { cursor } = await pullAll(first, null, 5000);
    const before = await everything(first);
    clock.advance(3 * HOUR);
    const again = open(dir, clock, { speed: 0 });
    expect((await again.pullChanges(cursor, 5000)).changes).toEqual([]);
    expectSameWorld(before, await everything(again));
  });

  it('keeps its own history settings when a caller names others', async () => {
    const dir = tempDir();
    const clock = testClock();
    const first = open(dir, clock, { historyDays: 2 });
    const identity = first.identity;
    const log = recordingLog();
    const second = open(dir, clock, { historyDays: 5 }, log);
    expect(second.identity).toBe(identity);
    expect(log.lines.some((l) => l.includes('keeps its own history (2 days'))).toBe(true);
  });

  it('plans no dialog that runs longer than MAX_DIALOG_LIFE (what a resume counts on)', () => {
    const world = createWorld(11);
    const anchor = Date.UTC(2026, 10, 2, 12);
    const stream = createArrivals({ seed: 11, anchor, historyDays: 30, dialogsPerDay: 220 });
    let longest = 0;
    for (let i = 0; i < 20_000; i++) {
      const arrival = stream.next();
      const { steps } = planDialog(world, 11, i, arrival);
      longest = Math.max(longest, (steps.at(-1)?.at ?? arrival.at) - arrival.at);
    }
    expect(longest).toBeGreaterThan(6 * HOUR);
    expect(longest).toBeLessThan(MAX_DIALOG_LIFE);
  });
});
