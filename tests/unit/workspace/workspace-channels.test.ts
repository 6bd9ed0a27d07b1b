/**
 * The workspace channels on the real services (worker threads, a real SQLite
 * file): presets and layouts are saved, renamed, reordered, switched,
 * exported and imported, survive a restart, and a hostile import file is
 * refused with an error that says why, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services.ts';
import { layoutsFile, MAX_IMPORT_CHARS, presetsFile } from '../../../shared/domain/layouts.ts';
import type { Channel, RequestOf } from '../../../shared/ipc/contract.ts';
import { call, tempDir, testServices } from '../../support/temp-cache.ts';

const dataDir = tempDir('ols-workspace-');
let services: Services;
beforeAll(async () => {
  services = await testServices({ dataDir });
});
afterAll(() => services.close());

/** The error code and message of a refused call. */
async function refusal<C extends Channel>(channel: C, request: RequestOf<C>): Promise<{ code: string; message: string }> {
  const result = await services.invoke(channel, request);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}

const waitingFilter = { conditions: [{ column: 'waitingNow' as const, op: 'empty' as const, value: false }] };
const lineFilter = { conditions: [{ column: 'line' as const, op: 'in' as const, values: [1] }] };

describe('presets', () => {
  it('are saved, renamed, reordered, chosen and deleted', async () => {
    let ws = await call(services, 'presets:create', { name: '  Line one ', filter: lineFilter, sort: { column: 'createdAt', direction: 'asc' } });
    expect(ws.presets.map((p) => p.name)).toEqual(['Line one']);
    ws = await call(services, 'presets:create', { name: 'Waiting', filter: waitingFilter, sort: null });
    const [one, two] = ws.presets;
    expect((await refusal('presets:create', { name: 'Waiting', filter: lineFilter, sort: null })).code).toBe('CONFLICT');
    ws = await call(services, 'presets:update', { id: two!.id, name: 'Clients waiting' });
    expect(ws.presets.map((p) => p.name)).toEqual(['Line one', 'Clients waiting']);
    expect(ws.presets[1]!.filter).toEqual(waitingFilter);
    ws = await call(services, 'presets:reorder', { ids: [two!.id, one!.id] });
    expect(ws.presets.map((p) => p.id)).toEqual([two!.id, one!.id]);
    expect((await refusal('presets:reorder', { ids: [two!.id] })).code).toBe('CONFLICT');
    ws = await call(services, 'workspace:setState', { presetId: `user:${one!.id}`, defaultPresetId: 'spam' });
    expect(ws.state).toMatchObject({ presetId: `user:${one!.id}`, defaultPresetId: 'spam' });
    expect((await refusal('workspace:setState', { presetId: 'user:999999' })).code).toBe('NOT_FOUND');
    // nobody is connected in the demo world: "My active dialogs" is not a preset here
    expect((await refusal('workspace:setState', { presetId: 'myActive' })).code).toBe('NOT_FOUND');
    const counts = (await call(services, 'presets:counts', {})).counts;
    expect(counts[`user:${one!.id}`]).toBe((await call(services, 'dialogs:list', { filter: lineFilter, sort: { column: 'id', direction: 'asc' }, startRow: 0, endRow: 1 })).total);
    expect(counts).not.toHaveProperty('myActive');
    ws = await call(services, 'presets:delete', { id: one!.id });
    // the remembered choice went with it
    expect(ws.state.presetId).toBeNull();
    expect(ws.presets.map((p) => p.name)).toEqual(['Clients waiting']);
  });

  it('export and re-import; a taken name gets a number', async () => {
    const before = await call(services, 'workspace:get', {});
    const text = JSON.stringify(presetsFile(before.presets));
    const { workspace, imported } = await call(services, 'presets:import', { text });
    expect(imported).toBe(1);
    expect(workspace.presets.map((p) => p.name)).toEqual(['Clients waiting', 'Clients waiting (2)']);
    expect(workspace.presets[1]!.filter).toEqual(before.presets[0]!.filter);
  });

  it('a hostile file is refused whole, saying why, and changes nothing', async () => {
    const before = await call(services, 'workspace:get', {});
    const file = (presets: unknown) => JSON.stringify({ format: 'ols-presets', version: 1, presets });
    const ok = { name: 'x', filter: { conditions: [] }, sort: null };
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"format": "ols-presets", ', /not JSON/],
      ['another format', JSON.stringify({ format: 'ols-layouts', version: 1, layouts: [] }), /format/],
      ['wrong types', file([{ name: 12, filter: 'all', sort: null }]), /presets\.0\.name/],
      ['a huge name', file([{ ...ok, name: 'n'.repeat(50_000) }]), /presets\.0\.name/],
      ['an unknown column', file([{ ...ok, filter: { conditions: [{ column: 'mood', op: 'is', value: true }] } }]), /presets\.0\.filter\.conditions\.0/],
      ['an unknown key', file([{ ...ok, script: 'alert(1)' }]), /presets\.0/],
      // too large a file before it is too many presets: either way, refused
      ['10,000 presets', file(Array.from({ length: 10_000 }, (_, i) => ({ ...ok, name: `p${i}` }))), /at most (200 presets|262144 characters)/],
      ['201 presets', file(Array.from({ length: 201 }, (_, i) => ({ ...ok, name: `p${i}` }))), /at most 200 presets/],
      ['none', file([]), /no preset/],
    ];
    for (const [what, text, reason] of cases) {
      const error = await refusal('presets:import', { text });
      expect(error.code, what).toBe('VALIDATION');
      expect(error.message, what).toMatch(reason);
    }
    // past the size a request may carry at all: refused at the boundary
    expect((await refusal('presets:import', { text: ' '.repeat(MAX_IMPORT_CHARS + 1) })).code).toBe('VALIDATION');
    // 199 more would pass the file's own limit but not the source's
    const tooMany = await refusal('presets:import', { text: file(Array.from({ length: 199 }, (_, i) => ({ ...ok, name: `p${i}` }))) });
    expect(tooMany.message).toMatch(/at most 200 in all. Nothing was imported/);
    expect(await call(services, 'workspace:get', {})).toEqual(before);
  });

  it('requests with a hostile name are refused at the boundary', async () => {
    for (const name of ['', '   ', 'a\nb', 'x'.repeat(81)]) {
      expect((await refusal('presets:create', { name, filter: lineFilter, sort: null })).code, JSON.stringify(name)).toBe('VALIDATION');
    }
  });
});

describe('layouts', () => {
  const columns = [
    { id: 'id' as const, visible: true, pinned: 'left' as const },
    { id: 'client' as const, visible: true, width: 240, pinned: null },
    { id: 'status' as const, visible: false },
  ];

  it('are saved, renamed, switched to and deleted', async () => {
    let ws = await call(services, 'layouts:create', { name: 'Compact', columns });
    const id = ws.layouts[0]!.id;
    expect(ws.layouts[0]!.columns).toEqual(columns);
    ws = await call(services, 'layouts:update', { id, name: 'Narrow' });
    ws = await call(services, 'workspace:setState', { layoutId: id });
    expect(ws.state.layoutId).toBe(id);
    expect(ws.layouts.map((l) => l.name)).toEqual(['Narrow']);
    expect((await refusal('layouts:create', { name: 'Bad', columns: [{ id: 'id', visible: false }] })).code).toBe('VALIDATION');
    const other = (await call(services, 'layouts:create', { name: 'Gone soon', columns })).layouts[1]!.id;
    ws = await call(services, 'layouts:delete', { id: other });
    expect(ws.layouts.map((l) => l.name)).toEqual(['Narrow']);
  });

  it('import keeps the columns this app knows and names the ones it dropped', async () => {
    const before = await call(services, 'workspace:get', {});
    const file = layoutsFile(before.layouts);
    const foreign = { ...file, layouts: [{ name: 'Narrow', columns: [...columns, { id: 'sentiment', visible: true }, { id: 'mood', visible: false }] }] };
    const result = await call(services, 'layouts:import', { text: JSON.stringify(foreign) });
    expect(result.dropped).toEqual(['sentiment', 'mood']);
    expect(result.workspace.layouts.map((l) => l.name)).toEqual(['Narrow', 'Narrow (2)']);
    expect(result.workspace.layouts[1]!.columns).toEqual(columns);
    const onlyUnknown = { ...file, layouts: [{ name: 'Alien', columns: [{ id: 'sentiment', visible: true }] }] };
    const error = await refusal('layouts:import', { text: JSON.stringify(onlyUnknown) });
    expect(error.message).toMatch(/no column this app knows/);
    const huge = { ...file, layouts: [{ name: 'x', columns: [{ id: 'c'.repeat(10_000), visible: true }] }] };
    expect((await refusal('layouts:import', { text: JSON.stringify(huge) })).message).toMatch(/layouts\.0\.columns\.0\.id/);
    expect((await call(services, 'workspace:get', {})).layouts).toHaveLength(2);
  });
});

describe('after a restart', () => {
  it('presets, layouts and the remembered choices are all still there', async () => {
    const before = await call(services, 'workspace:get', {});
    expect(before.presets.length).toBeGreaterThan(0);
    expect(before.state.layoutId).not.toBeNull();
    await services.close();
    services = await testServices({ dataDir });
    expect(await call(services, 'workspace:get', {})).toEqual(before);
  });
});
