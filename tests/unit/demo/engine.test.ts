import { describe, expect, it } from 'vitest';
import { computeDialog } from '../../../electron/app/metrics/engine.ts';
import { STATUS_DETAIL_IDS, type StatusDetailId } from '../../../shared/domain/status.ts';
import { Replica, demo, pullAll } from './helpers.ts';
import { checkTimeline } from './status-checker.ts';

describe('the metrics engine over a demo backfill', () => {
  it('finds all nine detailed statuses and agrees with the independent checker', async () => {
    const { backend } = demo({ seed: 1 });
    const replica = new Replica();
    await pullAll(backend, null, 2000, replica);
    const counts = new Map<StatusDetailId, number>();
    const disagreements: string[] = [];
    for (const snapshot of replica.dialogs.values()) {
      const entries = replica.entries(snapshot.id);
      const computed = computeDialog({ id: snapshot.id, direction: snapshot.direction, entries });
      counts.set(computed.statusDetail, (counts.get(computed.statusDetail) ?? 0) + 1);
      const expected = checkTimeline(entries).status;
      if (computed.statusDetail !== expected) disagreements.push(`${snapshot.id}: engine ${computed.statusDetail}, checker ${expected}`);
    }
    for (const status of STATUS_DETAIL_IDS) expect(counts.get(status) ?? 0, status).toBeGreaterThan(0);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
