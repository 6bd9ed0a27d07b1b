/**
 * The sync loop backs off while the backend does not answer (pollMs × 2ⁿ,
 * up to 30 s); when the outbox gets through meanwhile, backendReachable()
 * has it try at once instead of showing "unreachable" for the rest of the
 * wait. Timers are faked so "at once" and "not yet" are exact.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../electron/app/backends/backend.ts';
import { SyncEngine } from '../../../electron/app/sync/sync-engine.ts';
import { demoBackend, openTempDb, silentLog } from '../../support/temp-cache.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** The demo, unreachable while `down` is set (or rate-limited, when `refusal` is), counting every pull. */
function flakyBackend(refusal?: { code: string; kind: string; retryAfterMs: number }): { backend: Backend; pulls: () => number; down: { value: boolean } } {
  const inner = demoBackend(3, undefined, 1);
  const down = { value: false };
  let pulls = 0;
  const backend = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'pullChanges') {
        return (...args: Parameters<Backend['pullChanges']>) => {
          pulls += 1;
          if (down.value) return Promise.reject(Object.assign(new Error(refusal ? 'wait' : 'no answer'), refusal ?? { code: 'UNAVAILABLE', kind: 'unavailable' }));
          return target.pullChanges(...args);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  }) as Backend;
  return { backend, pulls: () => pulls, down };
}

describe('backendReachable', () => {
  it('ends a backoff at once, and does nothing while the loop is not backing off', async () => {
    const { db } = openTempDb();
    const { backend, pulls, down } = flakyBackend();
    const phases: string[] = [];
    const engine = new SyncEngine({ db, backend, log: silentLog, pollMs: 1000, onStatus: (s) => phases.push(s.phase), onChanged: () => {} });
    await engine.init();
    await engine.syncNow();
    vi.useFakeTimers();
    down.value = true;
    engine.start();
    // three failed pulls: the next waits 8 s
    for (let i = 0; i < 3; i += 1) await vi.advanceTimersToNextTimerAsync();
    const failed = pulls();
    expect(phases.at(-1)).toBe('offline');
    await vi.advanceTimersByTimeAsync(4000);
    expect(pulls(), 'still backing off').toBe(failed);

    down.value = false;
    engine.backendReachable();
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(() => expect(phases.at(-1)).toBe('live'));
    expect(pulls()).toBeGreaterThan(failed);

    // caught up and polling normally: no early pull
    const settled = pulls();
    engine.backendReachable();
    await vi.advanceTimersByTimeAsync(0);
    expect(pulls()).toBe(settled);
    await engine.stop();
    db.close();
  });

  it('a backend that names its wait is not asked sooner: a rate limit of 2 minutes holds the loop 2 minutes, not its 30 s backoff', async () => {
    const { db } = openTempDb();
    const { backend, pulls, down } = flakyBackend({ code: 'OPERATION_TIME_LIMIT', kind: 'rateLimited', retryAfterMs: 120_000 });
    const errors: Array<{ kind?: string } | null> = [];
    const engine = new SyncEngine({ db, backend, log: silentLog, pollMs: 1000, onStatus: (s) => errors.push(s.error), onChanged: () => {} });
    await engine.init();
    await engine.syncNow();
    vi.useFakeTimers();
    down.value = true;
    engine.start();
    await vi.advanceTimersToNextTimerAsync();
    const refused = pulls();
    // the status carries the kind, for the CLI's exit code and the UI
    expect(errors.at(-1)).toMatchObject({ code: 'OPERATION_TIME_LIMIT', kind: 'rateLimited' });
    await vi.advanceTimersByTimeAsync(60_000);
    // the outbox getting through says nothing about a rate limit: the wait stands
    engine.backendReachable();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(pulls(), 'asked before the backend said it would answer').toBe(refused);
    down.value = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pulls()).toBeGreaterThan(refused);
    await engine.stop();
    db.close();
  });
});
