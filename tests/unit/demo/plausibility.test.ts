import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceData } from '../../../electron/app/backends/backend.ts';
import { STATUS_DETAIL_IDS, type StatusDetailId } from '../../../shared/domain/status.ts';
import { FIXED_NOW, Replica, demo, pullAll, testClock } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

const CYRILLIC = /[А-Яа-яЁё]/;
const LATIN_NAME = /^[A-Z][a-z]+( [A-Z][a-z]+)?$/;

describe('a default demo backfill', () => {
  const replica = new Replica();
  let reference: ReferenceData;
  let generationMs = 0;

  beforeAll(async () => {
    const { backend } = demo({ seed: 1 });
    const started = performance.now();
    await backend.pullChanges(null, 1);
    generationMs = performance.now() - started;
    await pullAll(backend, null, 1000, replica);
    reference = await backend.fetchReference();
  });

  const all = () => [...replica.dialogs.values()];
  const share = (count: number) => count / replica.dialogs.size;
  const entries = () => [...replica.dialogs.keys()].flatMap((id) => replica.entries(id));

  it('is generated quickly', () => {
    // the brief asks for well under 2 s; the bound leaves room for a slow CI machine
    expect(generationMs).toBeLessThan(3000);
  });

  it('has thousands of dialogs over a realistic channel mix', () => {
    expect(replica.dialogs.size).toBeGreaterThan(5000);
    const byChannel = new Map<string, number>();
    for (const d of all()) byChannel.set(d.channel, (byChannel.get(d.channel) ?? 0) + 1);
    expect(byChannel.size).toBeGreaterThanOrEqual(8);
    expect([...byChannel.values()].filter((n) => share(n) >= 0.02).length).toBeGreaterThanOrEqual(6);
    expect(share(byChannel.get('livechat') ?? 0)).toBeGreaterThan(0.3);
    expect(share(byChannel.get('livechat') ?? 0)).toBeLessThan(0.42);
  });

  it('has Russian and English clients, mostly Russian', () => {
    const ru = all().filter((d) => CYRILLIC.test(d.clientName)).length;
    const en = all().filter((d) => LATIN_NAME.test(d.clientName)).length;
    expect(share(ru)).toBeGreaterThan(0.7);
    expect(share(en)).toBeGreaterThan(0.05);
    expect(reference.operators.some((o) => !o.isBot && CYRILLIC.test(o.name))).toBe(true);
    expect(reference.operators.some((o) => !o.isBot && LATIN_NAME.test(o.name))).toBe(true);
  });

  it('has a believable world: 4–8 lines, 10–40 operators, bots on some lines', () => {
    expect(reference.lines.length).toBeGreaterThanOrEqual(4);
    expect(reference.lines.length).toBeLessThanOrEqual(8);
    expect(reference.operators.length).toBeGreaterThanOrEqual(10);
    expect(reference.operators.length).toBeLessThanOrEqual(40);
    const bots = new Set(reference.operators.filter((o) => o.isBot).map((o) => o.id));
    expect(bots.size).toBeGreaterThan(0);
    expect(new Set(reference.operators.map((o) => o.name)).size).toBe(reference.operators.length);
    const botMessages = entries().filter((e) => e.kind === 'message' && e.author === 'bot');
    expect(botMessages.length).toBeGreaterThan(100);
    expect(botMessages.every((e) => e.operatorId !== undefined && bots.has(e.operatorId))).toBe(true);
    expect(entries().some((e) => e.kind === 'botHandoff')).toBe(true);
  });

  it('has outgoing dialogs, transfers, skips, spam, CRM links, votes and reviews', () => {
    const es = entries();
    expect(share(all().filter((d) => d.direction === 'out').length)).toBeGreaterThan(0.04);
    expect(share(all().filter((d) => d.direction === 'out').length)).toBeLessThan(0.12);
    expect(es.some((e) => e.kind === 'transferred' && e.toOperatorId !== undefined)).toBe(true);
    expect(es.some((e) => e.kind === 'transferred' && e.toLineId !== undefined)).toBe(true);
    expect(es.some((e) => e.kind === 'skipped')).toBe(true);
    const spam = es.filter((e) => e.kind === 'spam').length;
    expect(share(spam)).toBeGreaterThan(0.015);
    expect(share(spam)).toBeLessThan(0.05);
    const crm = all().filter((d) => d.crm !== null);
    expect(share(crm.length)).toBeGreaterThan(0.3);
    expect(new Set(crm.map((d) => d.crm?.type))).toEqual(new Set(['contact', 'company', 'deal', 'lead']));
    expect(crm.every((d) => d.crm !== null && d.crm.id > 0 && d.crm.title.length > 0)).toBe(true);
    expect(es.some((e) => e.kind === 'vote' && e.rating === 'like')).toBe(true);
    expect(es.some((e) => e.kind === 'vote' && e.rating === 'dislike')).toBe(true);
    const rated = all().filter((d) => d.supervisorRating !== null);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.every((d) => Number.isInteger(d.supervisorRating) && (d.supervisorRating ?? 0) >= 1 && (d.supervisorRating ?? 9) <= 5)).toBe(true);
    expect(rated.every((d) => typeof d.supervisorComment === 'string')).toBe(true);
    for (const flag of ['pinned', 'formFilled', 'historyRequested'] as const) expect(all().some((d) => d[flag])).toBe(true);
    expect(es.some((e) => e.kind === 'message' && e.author === 'operator' && e.hidden === true)).toBe(true);
    expect(es.some((e) => e.kind === 'message' && e.author === 'system')).toBe(true);
    expect(es.every((e) => e.kind !== 'message' || (typeof e.text === 'string' && e.text.length > 0))).toBe(true);
  });

  it('gives site pages to live chats only', () => {
    const withPage = all().filter((d) => d.pageUrl !== null);
    expect(withPage.length).toBeGreaterThan(0);
    expect(withPage.every((d) => d.channel === 'livechat' && /^https:\/\//.test(d.pageUrl ?? ''))).toBe(true);
  });

  it('refers only to known lines and operators', () => {
    const lines = new Set(reference.lines.map((l) => l.id));
    const operators = new Set(reference.operators.map((o) => o.id));
    for (const d of all()) {
      expect(lines.has(d.lineId)).toBe(true);
      if (d.operatorId !== null) expect(operators.has(d.operatorId)).toBe(true);
    }
    for (const e of entries()) {
      if (e.operatorId !== undefined) expect(operators.has(e.operatorId)).toBe(true);
      if (e.toOperatorId !== undefined) expect(operators.has(e.toOperatorId)).toBe(true);
      if (e.toLineId !== undefined) expect(lines.has(e.toLineId)).toBe(true);
    }
  });

  it('spreads arrivals over the history, never in the future', () => {
    const created = all().map((d) => replica.entries(d.id)[0]?.at ?? 0);
    expect(Math.min(...created)).toBeLessThan(FIXED_NOW - 29 * 86_400_000);
    expect(Math.max(...entries().map((e) => e.at))).toBeLessThanOrEqual(FIXED_NOW);
  });

  it('keeps every timeline well-formed and within the status machine', () => {
    for (const id of replica.dialogs.keys()) {
      const { violations } = checkTimeline(replica.entries(id));
      if (violations.length > 0) throw new Error(`dialog ${id}: ${violations.join('; ')}`);
    }
  });

  it('ends the backfill with dialogs in all nine detailed statuses', () => {
    const counts = countStatuses(replica);
    for (const status of STATUS_DETAIL_IDS) expect(counts.get(status) ?? 0, status).toBeGreaterThan(0);
  });
});

function countStatuses(replica: Replica): Map<StatusDetailId, number> {
  const counts = new Map<StatusDetailId, number>();
  for (const id of replica.dialogs.keys()) {
    const { status } = checkTimeline(replica.entries(id));
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}

describe('status coverage in live mode', () => {
  it('keeps dialogs open in every status as live traffic goes on', async () => {
    const { backend, clock } = demo({ seed: 6, historyDays: 1 });
    const replica = new Replica();
    let { cursor } = await pullAll(backend, null, 10_000, replica);
    for (let minute = 1; minute <= 90; minute++) {
      for (let step = 0; step < 6; step++) {
        clock.advance(10_000);
        cursor = (await pullAll(backend, cursor, 10_000, replica)).cursor;
      }
      if (minute % 30 === 0) {
        const counts = countStatuses(replica);
        for (const status of STATUS_DETAIL_IDS) expect(counts.get(status) ?? 0, `${status} after ${minute} min`).toBeGreaterThan(0);
      }
    }
  });
});

describe('status coverage at any hour and seed', () => {
  // the backfill ends on a busy stretch, so a night-time start still shows every status
  it.each([
    [2, 0],
    [3, 6],
    [4, 18],
    [5, 23],
  ])('seed %i at %i:00 UTC', async (seed, hour) => {
    const clock = testClock(Date.UTC(2026, 10, 7, hour, 30, 0));
    const { backend } = demo({ seed, historyDays: 2, clock });
    const replica = new Replica();
    await pullAll(backend, null, 5000, replica);
    const counts = countStatuses(replica);
    for (const status of STATUS_DETAIL_IDS) expect(counts.get(status) ?? 0, status).toBeGreaterThan(0);
  });
});
