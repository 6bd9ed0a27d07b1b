import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../electron/host/web.ts';
import type { Services } from '../../../electron/app/services.ts';
import { silentLog, tempDir, testServices } from '../../support/temp-cache.ts';

let services: Services;
let host: WebHost;
const staticDir = tempDir('ols-static-');

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>ols</title>');
  services = await testServices();
  host = await startWebHost({ invoke: services.invoke, onEvent: services.onEvent, staticDir, port: 0, log: silentLog });
});

afterAll(async () => {
  await host.close();
  await services.close();
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}${pathname}`, { headers, redirect: 'manual' });

function socket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { type: string };
      if (parsed.type !== 'result') return;
      ws.off('message', onMessage);
      resolve(parsed);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode host', () => {
  it('binds to loopback only and prints a tokened URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/', { Cookie: `ols_token_${host.port}=wrong` })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and a clean URL, then serves with it', async () => {
    const first = await get(`/?token=${host.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { Cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>ols</title>');
    expect((await get('/', { Authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    // fetch() may not set Host, so this goes through node:http as a rebinding attacker's page would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'evil.example', Authorization: `Bearer ${host.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await get('/..%2f..%2fetc%2fpasswd', { Authorization: `Bearer ${host.token}` });
    expect(res.status).toBe(404);
  });

  it('refuses the socket without the token or from a foreign origin', async () => {
    const wsUrl = `ws://127.0.0.1:${host.port}/api/ws`;
    await expect(socket(wsUrl)).rejects.toThrow(/401/);
    await expect(socket(`${wsUrl}?token=wrong`)).rejects.toThrow(/401/);
    await expect(socket(`${wsUrl}?token=${host.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('carries the contract over the socket, with VALIDATION for bad payloads', async () => {
    const ws = await socket(`ws://127.0.0.1:${host.port}/api/ws?token=${host.token}`, { Origin: host.origin });
    expect(await call(ws, { id: 1, channel: 'app:info', request: {} })).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { shell: 'browser' } },
    });
    expect(await call(ws, { id: 2, channel: 'dialogs:get', request: { id: 'one' } })).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'VALIDATION' } },
    });
    expect(await call(ws, 'not json')).toMatchObject({ id: -1, result: { ok: false, error: { code: 'VALIDATION' } } });
    expect(await call(ws, { id: 3, channel: 'nope:nope', request: {} })).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
    });
    ws.close();
  });
});
