import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import { createDemoBackend } from '../../../electron/app/backends/demo/index.ts';
import { readWorld, worldFiles } from '../../../electron/app/backends/demo/world-file.ts';
import { Replica, act, pullAll, testClock, type TestClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

const SEED = 4;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ols-world-file-'));
}

function recordingLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`WARN ${m}`) };
}

function open(dir: string, clock: TestClock, log = recordingLog()): Backend {
  return createDemoBackend({ seed: SEED, historyDays: 1, worldDir: dir, now: clock.now, log });
}

async function everything(backend: Backend): Promise<Replica> {
  const replica = new Replica();
  await pullAll(backend, null, 100_000, replica);
  return replica;
}

/** A world with one action done on it; returns what it held afterwards. */
async function worldWithAnAction(dir: string, clock: TestClock) {
  const backend = open(dir, clock);
  const held = await everything(backend);
  const dialog = [...held.dialogs.values()].find((d) => ['answered', 'clientWaiting'].includes(checkTimeline(held.entries(d.id)).status));
  if (!dialog) throw new Error('no dialog to finish');
  clock.advance(1_000);
  await act(backend, { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId });
  return { backend, dialog, identity: backend.identity, after: await everything(backend) };
}

const asideFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.includes('.corrupt-'));

describe('the demo world file', () => {
  it('is private (0600) and holds the anchor, the runs and one line per action', async () => {
    const dir = tempDir();
    const clock = testClock();
    await worldWithAnAction(dir, clock);
    const files = worldFiles(dir, SEED);
    if (process.platform !== 'win32') {
      expect(fs.statSync(files.world).mode & 0o777).toBe(0o600);
      expect(fs.statSync(files.actions).mode & 0o777).toBe(0o600);
    }
    const json = JSON.parse(fs.readFileSync(files.world, 'utf8'));
    expect(json).toMatchObject({ kind: 'open-lines-supervisor/demo-world', version: 1, seed: SEED, anchor: clock.now() - 1_000, cacheOnlyBelow: 0 });
    expect(json.segments).toEqual([{ wall: json.anchor, sim: json.anchor, speed: 1, live: true }]);
    const lines = fs.readFileSync(files.actions, 'utf8').split('\n');
    expect(lines.length).toBe(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ n: 1, wall: clock.now(), action: { kind: 'finish' } });
  });

  it('survives a kill mid-append: the torn last line is cut off, the world is the one before it, the next action gets its number', async () => {
    const dir = tempDir();
    const clock = testClock();
    const { identity, after } = await worldWithAnAction(dir, clock);
    const files = worldFiles(dir, SEED);
    fs.appendFileSync(files.actions, '{"n":2,"wall":17');
    const log = recordingLog();
    const again = open(dir, clock, log);
    expect(again.identity).toBe(identity);
    expect(log.lines.some((l) => l.includes('cut a torn last line'))).toBe(true);
    const replayed = await everything(again);
    for (const id of after.dialogs.keys()) expect(replayed.entries(id)).toEqual(after.entries(id));
    const pin = [...replayed.dialogs.values()].find((d) => checkTimeline(replayed.entries(d.id)).status === 'queued');
    if (!pin) throw new Error('no queued dialog');
    await act(again, { kind: 'pin', dialogId: pin.id, chatId: pin.chatId, pinned: true });
    expect(readWorld(files, SEED).actions.map((a) => [a.n, a.action.kind])).toEqual([[1, 'finish'], [2, 'pin']]);
  });

  it('moves a damaged world file aside with a log line and starts a fresh world', async () => {
    for (const damage of [
      (text: string) => text.slice(0, text.length / 2),
      (text: string) => text.replace('"historyDays": 1', '"historyDays": "one"'),
      // hand-edited: valid JSON, but a run that does not continue the one before
      (text: string) => text.replace(/"sim": (\d+)/, (_, n: string) => `"sim": ${Number(n) + 5}`),
      () => '',
    ]) {
      const dir = tempDir();
      const clock = testClock();
      const { identity } = await worldWithAnAction(dir, clock);
      const files = worldFiles(dir, SEED);
      fs.writeFileSync(files.world, damage(fs.readFileSync(files.world, 'utf8')));
      clock.advance(60_000);
      const log = recordingLog();
      const fresh = open(dir, clock, log);
      expect(fresh.identity).not.toBe(identity);
      expect(log.lines.filter((l) => l.startsWith('WARN')).join('\n')).toMatch(/world file .* is damaged .*moved to/);
      expect(asideFiles(dir).length).toBe(2);
      // a fresh world with its own history, and no actions of the old one
      expect((await everything(fresh)).dialogs.size).toBeGreaterThan(100);
      expect(readWorld(files, SEED).actions).toEqual([]);
    }
  });

  it('treats a damaged action line (not the last) as damage too', async () => {
    const dir = tempDir();
    const clock = testClock();
    const { identity } = await worldWithAnAction(dir, clock);
    const files = worldFiles(dir, SEED);
    fs.writeFileSync(files.actions, `{"n":1,"oops":true}\n${fs.readFileSync(files.actions, 'utf8')}`);
    clock.advance(60_000);
    const log = recordingLog();
    expect(open(dir, clock, log).identity).not.toBe(identity);
    expect(log.lines.some((l) => l.includes('action line 1 does not read'))).toBe(true);
  });

  it('moves an action log without its world aside, and removes a temp file a kill left mid-rewrite', async () => {
    const dir = tempDir();
    const clock = testClock();
    const { identity } = await worldWithAnAction(dir, clock);
    const files = worldFiles(dir, SEED);
    fs.writeFileSync(`${files.world}.tmp-12345`, '{"half": ');
    expect(open(dir, clock).identity).toBe(identity);
    expect(fs.readdirSync(dir).some((name) => name.includes('.tmp-'))).toBe(false);

    fs.rmSync(files.world);
    const log = recordingLog();
    open(dir, clock, log).identity;
    expect(log.lines.some((l) => l.includes('has no world file beside it'))).toBe(true);
    expect(readWorld(files, SEED).actions).toEqual([]);
  });

  it('records where a run ended: a killed run is replayed up to its lease, then the app counts as closed', async () => {
    const dir = tempDir();
    const clock = testClock();
    const backend = open(dir, clock);
    await everything(backend);
    for (let i = 0; i < 5; i++) {
      clock.advance(40_000);
      await backend.pullChanges(null, 1);
    }
    const files = worldFiles(dir, SEED);
    const lease = JSON.parse(fs.readFileSync(files.world, 'utf8')).leaseUntil;
    // the lease always covers the last clock reading the run acted on, never more than a minute ahead
    expect(lease).toBeGreaterThanOrEqual(clock.now());
    expect(lease).toBeLessThanOrEqual(clock.now() + 60_000);
    // killed (no close); started again an hour later
    clock.advance(3_600_000);
    open(dir, clock).identity;
    const { spec } = readWorld(files, SEED);
    expect(spec.segments.map((s) => [s.wall, s.live])).toEqual([
      [spec.anchor, true],
      [lease, false],
      [clock.now(), true],
    ]);
  });
});

describe('an action the world file cannot take', () => {
  it('is refused as retryable and not applied', async () => {
    const dir = tempDir();
    const clock = testClock();
    const backend = open(dir, clock);
    const held = await everything(backend);
    const dialog = [...held.dialogs.values()].find((d) => checkTimeline(held.entries(d.id)).status === 'answered');
    if (!dialog) throw new Error('no answered dialog');
    // a log that cannot be opened for appending (a folder in its place fails even for root)
    const { actions } = worldFiles(dir, SEED);
    fs.rmSync(actions);
    fs.mkdirSync(actions);
    await expect(act(backend, { kind: 'finish', dialogId: dialog.id, chatId: dialog.chatId })).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(checkTimeline((await backend.fetchTimeline(dialog.id)).entries).status).toBe('answered');
  });
});
