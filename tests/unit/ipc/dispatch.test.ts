import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/app/ipc/dispatch.ts';
import { AppError } from '../../../electron/app/ipc/app-error.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { silentLog, testServices } from '../../support/temp-cache.ts';

describe('IPC boundary', () => {
  it('refuses unknown channels and malformed requests with data, not throws', async () => {
    const s = await testServices();
    expect(await s.invoke('dialogs:drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await s.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad: Array<[string, unknown]> = [
      ['dialogs:get', { id: 'x' }],
      ['dialogs:get', { id: -1 }],
      ['dialogs:get', { id: 1, extra: true }],
      ['dialogs:list', { filter: { conditions: [] }, sort: { column: 'createdAt', direction: 'desc' }, startRow: 100, endRow: 50 }],
      ['dialogs:list', { filter: { conditions: [] }, sort: { column: 'nope', direction: 'desc' }, startRow: 0, endRow: 50 }],
      ['dialogs:list', { filter: { conditions: [{ column: 'client', op: 'like', value: '%' }] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 5 }],
      ['dialogs:list', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 100_000 }],
      ['settings:set', { language: 'de' }],
      ['settings:set', { sla: { waitFirstAnswer: -5, responseMax: 10 } }],
      ['metrics:aggregate', { filter: 'all' }],
      ['app:info', { sneaky: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await s.invoke(channel, payload);
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!result.ok) expect(result.error.message).toContain(channel);
    }
    await s.close();
  });

  it('turns a filter that does not fit a column into VALIDATION, and a missing dialog into NOT_FOUND', async () => {
    const s = await testServices();
    const list = await s.invoke('dialogs:list', {
      filter: { conditions: [{ column: 'client', op: 'range', from: 1 }] },
      sort: { column: 'id', direction: 'asc' },
      startRow: 0,
      endRow: 10,
    });
    expect(list).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.invoke('dialogs:get', { id: 999_999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await s.close();
  });

  it('hides unexpected errors behind INTERNAL and keeps AppError codes', async () => {
    const errors: unknown[] = [];
    const log = { ...silentLog, error: (...args: unknown[]) => errors.push(args) };
    const broken = {
      'sync:status': () => {
        throw new Error('secret stack detail');
      },
      'app:info': () => {
        throw new AppError('UNAVAILABLE', 'backend offline');
      },
    } as unknown as Handlers;
    const internal = await dispatch(broken, 'sync:status', {}, log);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(errors).toHaveLength(1);
    expect(await dispatch(broken, 'app:info', {}, log)).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'backend offline' } });
  });

  it('answers valid requests and round-trips settings', async () => {
    const s = await testServices();
    expect(await s.invoke('settings:set', { language: 'ru', sla: { waitFirstAnswer: 90, responseMax: 300 } })).toMatchObject({
      ok: true,
      value: { language: 'ru', sla: { waitFirstAnswer: 90, responseMax: 300 } },
    });
    expect(await s.invoke('settings:get', {})).toMatchObject({ ok: true, value: { language: 'ru' } });
    expect(await s.invoke('app:info', {})).toMatchObject({ ok: true, value: { shell: 'browser', backend: { kind: 'demo' } } });
    await s.close();
  });
});
