/**
 * A session whose history the portal refuses (no rights to its line) through
 * the real services: the connector lists it from its activity, the writer
 * stores the mark, and the History unavailable column filters and shows it —
 * the whole path a new column takes through the registry (issue 10 §4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services.ts';
import { call, testServices } from '../../support/temp-cache.ts';
import { startScriptedPortal, type ScriptedPortal, type ScriptedSession } from './scripted-portal.ts';

const HOUR = 3_600_000;

function sessions(): ScriptedSession[] {
  const start = Date.now() - 72 * HOUR;
  return [1, 2, 3, 4].map((id) => ({
    id, chatId: 100 + id, open: false, start: start + id * HOUR, updated: start + id * HOUR + 600_000, status: 60, pinned: false, operatorId: 11,
    messages: [
      { id: id * 10, sender: 9000 + id, at: start + id * HOUR + 60_000, text: 'hi' },
      { id: id * 10 + 1, sender: 11, at: start + id * HOUR + 120_000, text: 'hello' },
      { id: id * 10 + 2, sender: 0, at: start + id * HOUR + 600_000, text: '', cls: 'bx-messenger-content-item-ol-end' },
    ],
    ...(id === 3 ? { historyDenied: true } : {}),
  }));
}

let portal: ScriptedPortal | null = null;
let services: Services | null = null;
afterEach(async () => {
  await services?.close();
  await portal?.close();
  services = null;
  portal = null;
});

describe('a dialog whose history the portal refused', () => {
  it('is stored marked, filtered by the History unavailable column, and its metrics stay empty rather than wrong', async () => {
    portal = await startScriptedPortal(sessions());
    services = await testServices({ source: { kind: 'bitrix24', webhookUrl: portal.webhookUrl, plan: 'enterprise' } });
    // synced once by testServices; again, to read how it ended
    expect((await call(services, 'sync:now', {})).error).toBeNull();
    const sort = { column: 'id', direction: 'asc' } as const;
    const all = await call(services, 'dialogs:list', { filter: { conditions: [] }, sort, startRow: 0, endRow: 10 });
    expect(all.rows.map((r) => [r.id, r.historyUnavailable])).toEqual([[1, false], [2, false], [3, true], [4, false]]);

    const marked = await call(services, 'dialogs:list', { filter: { conditions: [{ column: 'historyUnavailable', op: 'is', value: true }] }, sort, startRow: 0, endRow: 10 });
    expect(marked.total).toBe(1);
    expect(marked.rows.map((r) => r.id)).toEqual([3]);
    const rest = await call(services, 'dialogs:list', { filter: { conditions: [{ column: 'historyUnavailable', op: 'is', value: false }] }, sort, startRow: 0, endRow: 10 });
    expect(rest.rows.map((r) => r.id)).toEqual([1, 2, 4]);

    // no messages were read for it: its answer times are unknown, not zero
    const denied = all.rows.find((r) => r.id === 3)!;
    const read = all.rows.find((r) => r.id === 1)!;
    expect(read.firstResponse).not.toBeNull();
    expect(denied.firstResponse).toBeNull();
  });
});
