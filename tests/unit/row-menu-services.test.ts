/**
 * The row menu's and transfer picker's channels through the real services
 * (reader and writer workers over a demo cache): operators:load equals the
 * grid's own count of each operator's active dialogs; links:dialog is
 * refused in plain words where the source has no web pages; bad requests are
 * refused at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../electron/app/services.ts';
import { ACTIVE_DIALOGS_FILTER } from '../../shared/domain/filter.ts';
import { call, tempDir, testServices } from '../support/temp-cache.ts';

let services: Services;
beforeAll(async () => {
  services = await testServices({ seed: 6, historyDays: 2, dataDir: tempDir('ols-rowmenu-') });
});
afterAll(() => services.close());

describe('row menu channels', () => {
  it('operators:load gives each operator the count the grid shows for their active dialogs', async () => {
    const { operators } = await call(services, 'operators:load', {});
    expect(operators.length).toBeGreaterThan(1);
    for (const { operatorId, active } of operators) {
      const { total } = await call(services, 'dialogs:list', {
        filter: { ...ACTIVE_DIALOGS_FILTER, conditions: [...ACTIVE_DIALOGS_FILTER.conditions, { column: 'operator', op: 'in', values: [operatorId] }] },
        sort: { column: 'id', direction: 'asc' },
        startRow: 0,
        endRow: 1,
      });
      expect(active, `operator ${operatorId}`).toBe(total);
    }
  });

  it('links:dialog on the demo is UNAVAILABLE (no web pages); malformed requests are VALIDATION', async () => {
    const { rows } = await call(services, 'dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 });
    expect(await services.invoke('links:dialog', { dialogId: rows[0]!.id, target: 'chat' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await services.invoke('links:dialog', { dialogId: rows[0]!.id, target: 'javascript' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await services.invoke('operators:load', { all: true } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
