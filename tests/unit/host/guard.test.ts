import type http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequest, parseTarget } from '../../../electron/host/guard.ts';
import { resolveStatic } from '../../../electron/host/static-files.ts';
import { tempDir } from '../../support/temp-cache.ts';

const PORT = 4321;
const TOKEN = 'a-token-of-this-launch-0123456789';
const config = { token: TOKEN, port: () => PORT };

function request(url: string, headers: Record<string, string | string[]> = {}): http.IncomingMessage {
  return { url, headers: { host: `127.0.0.1:${PORT}`, ...headers } } as unknown as http.IncomingMessage;
}

describe('request guard', () => {
  it.each(['//x:99999', 'http://[', '//[::1', '/\\evil.example/', 'http://127.0.0.1/', '*', '', 'x'])(
    'refuses the request target %j with 400 and never throws',
    (target) => {
      expect(parseTarget(target)).toBeNull();
      expect(checkRequest(request(target, { authorization: `Bearer ${TOKEN}` }), config)).toMatchObject({ ok: false, status: 400 });
    },
  );

  it('keeps an ordinary path and query', () => {
    expect(parseTarget('/assets/a.js?x=1')?.pathname).toBe('/assets/a.js');
    expect(parseTarget('/%00')?.pathname).toBe('/%00');
  });

  it('checks Host, then Origin and fetch metadata, then the token', () => {
    const bearer = { authorization: `Bearer ${TOKEN}` };
    expect(checkRequest(request('/', { ...bearer, host: 'evil.example' }), config)).toMatchObject({ status: 421 });
    expect(checkRequest(request('/', { ...bearer, origin: 'http://127.0.0.1:9999' }), config)).toMatchObject({ status: 403 });
    expect(checkRequest(request('/', { ...bearer, 'sec-fetch-site': 'same-site' }), config)).toMatchObject({ status: 403 });
    expect(checkRequest(request('/', { ...bearer, 'sec-fetch-site': 'cross-site' }), config)).toMatchObject({ status: 403 });
    expect(checkRequest(request('/'), config)).toMatchObject({ status: 401 });
    expect(checkRequest(request('/', { cookie: `ols_token_${PORT + 1}=${TOKEN}` }), config)).toMatchObject({ status: 401 });
    expect(checkRequest(request('/', { ...bearer, origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin' }), config)).toMatchObject({
      ok: true,
      tokenInQuery: false,
    });
    expect(checkRequest(request('/', { cookie: `other=1; ols_token_${PORT}=${TOKEN}` }), config)).toMatchObject({ ok: true });
    expect(checkRequest(request(`/?token=${TOKEN}`, { 'sec-fetch-site': 'none' }), config)).toMatchObject({ ok: true, tokenInQuery: true });
  });
});

describe('static files', () => {
  const root = tempDir('ols-static-');
  const outside = tempDir('ols-outside-');
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'void 0');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
  fs.symlinkSync(outside, path.join(root, 'linkdir'));

  it('serves files inside the folder', async () => {
    expect(await resolveStatic(root, '/')).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(await resolveStatic(root, '/assets/app.js')).toMatchObject({ status: 200 });
  });

  it.each(['/%00', '/index.html%00.js', '/..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cx', '/link.txt', '/linkdir/secret.txt', '/assets', '/nope'])(
    'refuses %s',
    async (pathname) => {
      expect((await resolveStatic(root, pathname)).status).toBe(404);
    },
  );

  it('answers 400 for broken percent-encoding', async () => {
    expect((await resolveStatic(root, '/%E0%A4%A')).status).toBe(400);
  });
});
