import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../shared/ipc/contract.ts';
import { call, testServices } from '../../support/temp-cache.ts';

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!predicate()) throw new Error(`timed out waiting for ${what}`);
}

describe('metrics:recompute', () => {
  it('runs as a job in the writer: the readers answer meanwhile, a second request joins it, progress is announced', async () => {
    // Enough days for several recompute chunks of 1,000 dialogs.
    const services = await testServices({ historyDays: 8 });
    const { dialogs } = await call(services, 'sync:status', {});
    expect(dialogs).toBeGreaterThan(2000);
    const events: JobInfo[] = [];
    services.onEvent((event, payload) => {
      if (event === 'jobs:progress') events.push(payload as JobInfo);
    });
    const job = await call(services, 'metrics:recompute', {});
    expect(job).toMatchObject({ kind: 'recompute', state: 'running' });
    expect(await call(services, 'metrics:recompute', {})).toMatchObject({ id: job.id, state: 'running' });
    // Grid reads are answered while the job runs.
    const page = await call(services, 'dialogs:list', {
      filter: { conditions: [] },
      sort: { column: 'createdAt', direction: 'desc' },
      startRow: 0,
      endRow: 50,
    });
    expect(page.rows).toHaveLength(50);
    await until(() => events.some((e) => e.id === job.id && e.state !== 'running'), 'the job to end');
    const last = events.filter((e) => e.id === job.id).at(-1)!;
    expect(last).toMatchObject({ state: 'done', done: dialogs, total: dialogs });
    expect((await call(services, 'jobs:list', {})).find((j) => j.id === job.id)?.state).toBe('done');
    await services.close();
  });

  it('stops between chunks when cancelled, and says so', async () => {
    const services = await testServices({ historyDays: 8 });
    const events: JobInfo[] = [];
    services.onEvent((event, payload) => {
      if (event === 'jobs:progress') events.push(payload as JobInfo);
    });
    const job = await call(services, 'metrics:recompute', {});
    expect((await call(services, 'jobs:cancel', { id: job.id })).id).toBe(job.id);
    await until(() => events.some((e) => e.id === job.id && e.state !== 'running'), 'the job to end');
    const last = events.filter((e) => e.id === job.id).at(-1)!;
    expect(last.state).toBe('cancelled');
    expect(last.done).toBeLessThan(last.total);
    expect((await services.invoke('jobs:cancel', { id: 999 })).ok).toBe(false);
    await services.close();
  });
});
