// Browser mode's download of a finished export: real HTTP on loopback, behind the host's guard.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/host/web.ts';
import type { Services } from '../../../electron/app/services.ts';
import { call, silentLog, tempDir } from '../../support/temp-cache.ts';
import { generatedDataDir, jobEnd, readCsv, servicesOn } from './support.ts';

let dataDir: string;
let services: Services;
let host: WebHost;
let fileName: string;

beforeAll(async () => {
  dataDir = await generatedDataDir(1000, 3);
  services = await servicesOn(dataDir, { seed: 3 });
  const staticDir = tempDir('ols-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ols</title>');
  host = await startWebHost({ invoke: services.invoke, onEvent: services.onEvent, staticDir, port: 0, log: silentLog });
  const started = await call(services, 'export:start', { filter: { conditions: [] }, sort: { column: 'id', direction: 'asc' }, columns: ['id', 'client'], language: 'en', format: 'csv', timeZone: 'UTC' });
  fileName = (await jobEnd(services, started.id)).result!.fileName;
});

afterAll(async () => {
  await host?.close();
  await services?.close();
});

const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${host.origin}${pathname}`, { headers, redirect: 'manual' });
const auth = () => ({ Authorization: `Bearer ${host.token}` });

describe('GET /exports/<file>', () => {
  it('serves a finished export as an attachment to the token holder', async () => {
    const response = await get(`/exports/${fileName}`, auth());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body).toEqual(fs.readFileSync(path.join(dataDir, 'exports', fileName)));
    const saved = path.join(tempDir(), 'downloaded.csv');
    fs.writeFileSync(saved, body);
    expect(readCsv(saved, ',').length).toBeGreaterThan(900);
    // with the cookie the token was traded for, as the page downloads it
    expect((await get(`/exports/${fileName}`, { Cookie: `ols_token_${host.port}=${host.token}` })).status).toBe(200);
  });

  it('refuses without the token, from another site, and for anything that is not a finished export in exports/', async () => {
    expect((await get(`/exports/${fileName}`)).status).toBe(401);
    expect((await get(`/exports/${fileName}`, { ...auth(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/exports/${fileName}`, { ...auth(), 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);

    // a partial file, a planted file, a symlink out, traversal in every spelling: all the same 404
    const dir = path.join(dataDir, 'exports');
    const part = `${fileName}.0badc0de.part`;
    fs.writeFileSync(path.join(dir, part), 'half');
    const planted = 'dialogs-2026-01-01_00-00-00-deadbeef.csv';
    fs.symlinkSync(path.join(dataDir, 'cache-demo-seed3.sqlite'), path.join(dir, planted));
    fs.mkdirSync(path.join(dir, 'dialogs-2026-01-01_00-00-00-00000000.xlsx'));
    for (const target of [
      `/exports/${part}`,
      `/exports/${planted}`,
      '/exports/dialogs-2026-01-01_00-00-00-00000000.xlsx',
      '/exports/dialogs-2026-01-01_00-00-00-ffffffff.csv',
      '/exports/../cache-demo-seed3.sqlite',
      '/exports/..%2fcache-demo-seed3.sqlite',
      '/exports/%2e%2e/settings.json',
      '/exports/',
      '/exports/%',
      `/exports/${fileName}%00`,
      `/exports/sub/${fileName}`,
      '/exports/cache-demo-seed3.sqlite',
    ]) {
      const response = await get(target, auth());
      expect([target, response.status]).toEqual([target, 404]);
    }
    const post = await fetch(`${host.origin}/exports/${fileName}`, { method: 'POST', headers: auth() });
    expect(post.status).toBe(405);
  });
});
