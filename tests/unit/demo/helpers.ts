/** Shared set-up for the demo backend tests: a fixed clock and a consumer-side replica. */
import { expect } from 'vitest';
import type { ActionOutcome, Backend, BackendAction, ChangeBatch, DialogSnapshot } from '../../../electron/app/backends/backend.ts';
import { createDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../../electron/app/backends/demo/index.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';

/** Monday 2 November 2026, 12:00 UTC (15:00 in Moscow): a working afternoon. */
export const FIXED_NOW = Date.UTC(2026, 10, 2, 12, 0, 0);

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function testClock(start = FIXED_NOW): TestClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

export function demo(options: Partial<DemoBackendOptions> & { clock?: TestClock } = {}): { backend: DemoBackend; clock: TestClock } {
  const clock = options.clock ?? testClock();
  const backend = createDemoBackend({ seed: 1, ...options, now: clock.now });
  return { backend, clock };
}

/** What a consumer keeps: the latest snapshot and the timeline upserted by (dialog id, seq). */
export class Replica {
  readonly dialogs = new Map<number, DialogSnapshot>();
  readonly timelines = new Map<number, Map<number, TimelineEntry>>();

  apply(batch: ChangeBatch): void {
    for (const change of batch.changes) {
      this.dialogs.set(change.dialog.id, change.dialog);
      const timeline = this.timelines.get(change.dialog.id) ?? new Map<number, TimelineEntry>();
      if (change.replaceTimeline) timeline.clear();
      for (const entry of change.entries) timeline.set(entry.seq, entry);
      this.timelines.set(change.dialog.id, timeline);
    }
  }

  entries(id: number): TimelineEntry[] {
    return [...(this.timelines.get(id)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }
}

/** Pulls until nothing more is ready; returns the batches and the last cursor. */
export async function pullAll(
  backend: Backend,
  cursor: string | null,
  limit: number,
  replica?: Replica,
): Promise<{ batches: ChangeBatch[]; cursor: string }> {
  const batches: ChangeBatch[] = [];
  let next = cursor;
  for (;;) {
    const batch = await backend.pullChanges(next, limit);
    batches.push(batch);
    replica?.apply(batch);
    next = batch.cursor;
    if (!batch.hasMore) return { batches, cursor: batch.cursor };
  }
}

export async function expectBackendError(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'BackendError', code, retryable: false });
}

let nextActionId = 1;
/**
 * Performs an action as the outbox would, with a fresh action id; an outcome
 * other than done is thrown as the backend's error, so tests can expect it.
 */
export async function act(backend: Backend, action: BackendAction): Promise<ActionOutcome> {
  const outcome = await backend.perform({ actionId: `test-${nextActionId++}`, action });
  if (outcome.kind === 'rejected' || outcome.kind === 'retry') {
    throw Object.assign(new Error(outcome.message), { name: 'BackendError', code: outcome.code, kind: outcome.reason, retryable: outcome.kind === 'retry' });
  }
  return outcome;
}
