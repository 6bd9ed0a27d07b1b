/**
 * The per-method operating budget (spec §1.4), over real HTTP on loopback with
 * the emulator's clock stepped by the test: the method that goes over answers
 * 429 while others answer, plain and inside a batch, until the window frees it;
 * and the real connector, held up by it, waits and completes its pull.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, DialogChange } from '../../../electron/app/backends/backend.ts';
import { createBitrix24Backend } from '../../../electron/app/backends/bitrix24/index.ts';
import type { Emulator, EmulatorOptions } from '../../../electron/emulator/index.ts';
import { parseArgs } from '../../../electron/tools/emulator.ts';
import { call, emulator } from './helpers.ts';

const START = 1_800_000_000_000;
const LIMIT = { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' };
const silentLog = { info() {}, warn() {}, error() {} };

let running: Emulator[] = [];
let clock = START;
afterEach(async () => {
  await Promise.all(running.map((e) => e.close()));
  running = [];
});

/** A portal on the test's clock, where user.get costs 60 ms a call against a 100 ms budget: the third call is over. */
async function tinyBudget(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  clock = START;
  const emu = await emulator({ plan: 'enterprise', now: () => clock, operatingBudgetMs: 100, operatingCostMs: { 'user.get': 60 }, ...options });
  running.push(emu);
  return emu;
}

describe('emulator operating budget', () => {
  it('a method over its budget answers 429 (the documented shape, no time) while another answers; the window frees it', async () => {
    const emu = await tinyBudget();
    const first = await call(emu.webhookUrl, 'user.get');
    expect(first.status).toBe(200);
    expect(first.body['time']).toMatchObject({ operating: 0.06, operating_reset_at: START / 1000 + 600 });
    clock += 1000;
    const second = await call(emu.webhookUrl, 'user.get');
    // the oldest charge still sets the reset: that is when a part of the budget comes back
    expect(second.body['time']).toMatchObject({ operating: 0.12, operating_reset_at: START / 1000 + 600 });

    const refused = await call(emu.webhookUrl, 'user.get');
    expect(refused).toEqual({ status: 429, body: LIMIT });
    const reset = second.body['time'].operating_reset_at as number;
    expect(reset * 1000).toBeGreaterThan(clock);
    // only that method is blocked; the others keep their own account
    const other = await call(emu.webhookUrl, 'crm.activity.list', { filter: { PROVIDER_ID: 'IMOPENLINES_SESSION' }, start: -1 });
    expect(other.status).toBe(200);
    expect(other.body['time'].operating).toBeGreaterThan(0);
    expect(other.body['time'].operating).toBeLessThan(0.06);

    clock = reset * 1000 - 1000;
    expect((await call(emu.webhookUrl, 'user.get')).status).toBe(429);
    clock = reset * 1000;
    const again = await call(emu.webhookUrl, 'user.get');
    expect(again.status).toBe(200);
    // the refusals cost nothing: the second call's 60 ms and this one's
    expect(again.body['time']).toMatchObject({ operating: 0.12, operating_reset_at: START / 1000 + 601 });
    expect(emu.stats().operatingRefused).toBe(2);
  });

  it('inside a batch the refused command is in result_error, with no result_time (as the docs show); the batch is 200 and not charged', async () => {
    const emu = await tinyBudget();
    const cmd = { a: 'user.get', b: 'user.get', c: 'user.get', s: 'server.time' };
    const answer = await call(emu.webhookUrl, 'batch', { halt: 0, cmd });
    expect(answer.status).toBe(200);
    const body = answer.body['result'];
    expect(Object.keys(body.result).sort()).toEqual(['a', 'b', 's']);
    expect(body.result_error).toEqual({ c: LIMIT });
    expect(Object.keys(body.result_time).sort()).toEqual(['a', 'b', 's']);
    expect(body.result_time.b).toMatchObject({ operating: 0.12, operating_reset_at: START / 1000 + 600 });
    expect(body.result_time.s).toMatchObject({ operating: 0 });
    expect(answer.body['time']).toMatchObject({ operating: 0 });

    clock += 600_000;
    const later = await call(emu.webhookUrl, 'batch', { halt: 0, cmd: { c: 'user.get' } });
    expect(later.body['result'].result_error).toEqual([]);
    expect(later.body['result'].result_time.c).toMatchObject({ operating: 0.06, operating_reset_at: START / 1000 + 1200 });
  });

  it('reportResetOnRefusal: the 429 and the refused command carry time with the moment the block lifts', async () => {
    const emu = await tinyBudget({ reportResetOnRefusal: true });
    await call(emu.webhookUrl, 'user.get');
    clock += 30_000;
    await call(emu.webhookUrl, 'user.get');
    const refused = await call(emu.webhookUrl, 'user.get');
    expect(refused).toMatchObject({ status: 429, body: { ...LIMIT, time: { operating: 0.12, operating_reset_at: START / 1000 + 600 } } });
    const batch = await call(emu.webhookUrl, 'batch', { cmd: { c: 'user.get' } });
    expect(batch.body['result'].result_error).toEqual({ c: LIMIT });
    expect(batch.body['result'].result_time.c).toMatchObject({ operating_reset_at: START / 1000 + 600 });
  });

  it('a bad option is refused before the portal starts, with the option named; the CLI takes the flags', async () => {
    await expect(emulator({ operatingBudgetMs: 0 })).rejects.toThrow(/operatingBudgetMs must be a number > 0/);
    await expect(emulator({ operatingBudgetMs: Number.NaN })).rejects.toThrow(/operatingBudgetMs/);
    await expect(emulator({ operatingWindowMs: 10 })).rejects.toThrow(/operatingWindowMs must be a number ≥ 1000/);
    await expect(emulator({ operatingCostMs: -1 })).rejects.toThrow(/operatingCostMs must be a number ≥ 0/);
    await expect(emulator({ operatingCostMs: { 'no.such.method': 5 } })).rejects.toThrow(/unknown method "no.such.method"/);
    await expect(emulator({ operatingCostMs: { 'user.get': { perRowMs: -2 } } })).rejects.toThrow(/operatingCostMs\["user.get"\]/);

    expect(parseArgs(['--operating-budget-ms', '5000', '--operating-window-ms', '60000', '--operating-cost-ms', '2', '--report-reset-on-refusal'])).toMatchObject({
      ok: true,
      options: { operatingBudgetMs: 5000, operatingWindowMs: 60000, operatingCostMs: 2, reportResetOnRefusal: true },
    });
    for (const [argv, message] of [
      [['--operating-budget-ms', '0'], /--operating-budget-ms needs a number > 0/],
      [['--operating-budget-ms', 'lots'], /--operating-budget-ms needs a number/],
      [['--operating-window-ms', '5'], /--operating-window-ms needs a number ≥ 1000/],
      [['--operating-cost-ms', '-1'], /--operating-cost-ms needs a number ≥ 0/],
    ] as const) {
      const parsed = parseArgs(argv);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });

  it('the default budget is not hit by a sync: history costs 1 ms a call plus 0.05 ms a message', async () => {
    clock = START;
    const emu = await emulator({ plan: 'enterprise', now: () => clock });
    running.push(emu);
    const rows = await call(emu.webhookUrl, 'crm.activity.list', { filter: { PROVIDER_ID: 'IMOPENLINES_SESSION' }, start: -1 });
    const session = rows.body['result'][0].ASSOCIATED_ENTITY_ID as string;
    const history = await call(emu.webhookUrl, 'imopenlines.session.history.get', { SESSION_ID: session });
    const messages = Object.keys(history.body['result'].message).length;
    expect(messages).toBeGreaterThan(0);
    expect(history.body['time'].operating).toBeCloseTo((1 + 0.05 * messages) / 1000, 9);
  });
});

describe('the connector against the operating budget', () => {
  /**
   * Histories cost 10 ms against a 5 s budget: 500 a window, fewer than the
   * sync reads (a page fits: 50), so the pulls run into the limit at least once.
   * Each refusal is the sync's to wait out (retryAfterMs): the clock, both
   * sides' clock, jumps by it.
   */
  async function syncThroughLimit(
    options: Partial<EmulatorOptions>,
    clientBudgetMs?: number,
  ): Promise<{ emu: Emulator; waits: number[]; codes: Set<string>; refusalsInARow: number; synced: Map<number, DialogChange> }> {
    clock = START;
    const emu = await emulator({ plan: 'enterprise', historyDays: 1, dialogs: 40, now: () => clock, operatingBudgetMs: 5000, operatingCostMs: { 'imopenlines.session.history.get': 10 }, ...options });
    running.push(emu);
    const backend: Backend = createBitrix24Backend({ webhookUrl: emu.webhookUrl, plan: 'enterprise', now: () => clock, log: silentLog, operatingBudgetMs: clientBudgetMs });
    const codes = new Set<string>();
    const synced = new Map<number, DialogChange>();
    const waits: number[] = [];
    let inARow = 0;
    let refusalsInARow = 0;
    let cursor: string | null = null;
    try {
      for (let i = 0; i < 500; i++) {
        let page: Awaited<ReturnType<Backend['pullChanges']>>;
        try {
          page = await backend.pullChanges(cursor, 50);
        } catch (error) {
          expect(error).toMatchObject({ code: expect.stringMatching(/^OPERATION_TIME_/), kind: 'rateLimited', retryable: true, maybeSent: false });
          codes.add((error as { code: string }).code);
          const wait = (error as { retryAfterMs: number }).retryAfterMs;
          waits.push(wait);
          refusalsInARow = Math.max(refusalsInARow, ++inARow);
          clock += wait;
          continue;
        }
        inARow = 0;
        for (const change of page.changes) synced.set(change.dialog.id, change);
        cursor = page.cursor;
        if (!page.hasMore && JSON.parse(cursor).phase === 'incremental') break;
      }
    } finally {
      await backend.close();
    }
    return { emu, waits, codes, refusalsInARow, synced };
  }

  it('on the documented shapes (no reset on the 429) it waits its 60 s fallback until the window frees, and completes the sync', async () => {
    const { emu, waits, synced } = await syncThroughLimit({});
    expect(waits.length).toBeGreaterThan(0);
    expect(emu.stats().operatingRefused).toBeGreaterThan(0);
    // the portal told it nothing about when: it can only try again every minute
    expect(new Set(waits)).toEqual(new Set([60_000]));
    expect([...synced.keys()].sort((a, b) => a - b)).toEqual(emu.truth().map((t) => t.dialog.id).sort((a, b) => a - b));
    expect(emu.stats().refused).toBe(0);
  }, 60_000);

  it('reading time.operating on every answer, it stops calling a method near its budget until the reset: the portal never blocks it', async () => {
    // the client knows the portal's budget (5 s here, 480 s on the cloud)
    const { emu, waits, codes, synced } = await syncThroughLimit({}, 5000);
    expect(waits.length).toBeGreaterThan(0);
    expect(codes).toEqual(new Set(['OPERATION_TIME_NEAR_LIMIT']));
    expect(emu.stats().operatingRefused).toBe(0);
    // each hold lasts until the oldest charge leaves the window, never the blind 60 s
    expect(waits.every((w) => w !== 60_000 && w <= 600_000)).toBe(true);
    expect([...synced.keys()].sort((a, b) => a - b)).toEqual(emu.truth().map((t) => t.dialog.id).sort((a, b) => a - b));
  }, 60_000);

  it('when the 429 names operating_reset_at, it waits exactly until then: one wait per block, then the pull completes', async () => {
    const { emu, waits, refusalsInARow, synced } = await syncThroughLimit({ reportResetOnRefusal: true });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w > 60_000 && w <= 600_000)).toBe(true);
    // waiting until operating_reset_at is enough: the retry is never refused straight away
    expect(refusalsInARow).toBe(1);
    expect([...synced.keys()].sort((a, b) => a - b)).toEqual(emu.truth().map((t) => t.dialog.id).sort((a, b) => a - b));
  }, 60_000);
});
