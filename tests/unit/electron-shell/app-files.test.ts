/**
 * The app:// handler against a real folder on disk: what the window may load,
 * what it must never reach, and the headers every answer carries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appFileResponse, lookupAppFile } from '../../../electron/main/app-files.ts';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ols-app-files-'));
  root = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OLS</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'имя файла.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'blob.bin'), 'x');
  // Next to the renderer, as app.asar's main.mjs and the user's cache would be.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(base, 'outside', 'a.txt'), 'secret');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'escape-dir'), 'dir');
  fs.symlinkSync(path.join(root, 'favicon.svg'), path.join(root, 'alias.svg'));
  fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.js'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => appFileResponse(root, { method, url }, CONTENT_SECURITY_POLICY);

describe('app:// serving', () => {
  it('serves the entry page with the one CSP, nosniff and its type', async () => {
    const response = await get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html><title>OLS</title>');
  });

  it('serves the root as index.html and ignores query and hash', async () => {
    expect(await (await get('app://bundle/')).text()).toContain('<title>OLS</title>');
    expect((await get('app://bundle/index.html?x=1#/dialogs')).status).toBe(200);
  });

  it('gives scripts, styles and icons the types nosniff demands', async () => {
    expect((await get('app://bundle/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://bundle/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('app://bundle/blob.bin')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('decodes percent-encoded names', async () => {
    const response = await get(`app://bundle/assets/${encodeURIComponent('имя файла.css')}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('body{}');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(APP_ENTRY_URL, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('carries the security headers on errors too', async () => {
    const missing = await get('app://bundle/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves nothing for another host, a port or credentials', async () => {
    for (const url of ['app://other/index.html', 'app://bundle:8080/index.html', 'app://user@bundle/index.html', 'file:///etc/passwd']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('answers bad encodings, NUL, backslashes and encoded separators with 400, without throwing', async () => {
    for (const pathname of ['/%E0%A4%A', '/%', '/index.html%00', '/index%00.html', '/assets%5Cindex-abc.js', '/..%5Csecret.txt', '/%2e%2e%2fsecret.txt', '/assets%2Findex-abc.js', '/C:%5Cwindows', '/index.html:stream']) {
      expect((await get(`app://bundle${pathname}`)).status, pathname).toBe(400);
    }
  });

  it('never leaves the folder through dot segments', async () => {
    // The URL parser already folds these; whatever is left must still resolve inside the root.
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/../../secret.txt']) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await lookupAppFile(root, '/../secret.txt')).ok).toBe(false);
    expect(await lookupAppFile(root, '/assets/../../secret.txt')).toEqual({ ok: false, status: 400 });
  });

  it('does not follow symlinks out of the folder, but follows them inside it', async () => {
    expect((await get('app://bundle/escape.txt')).status).toBe(404);
    expect((await get('app://bundle/escape-dir/a.txt')).status).toBe(404);
    expect((await get('app://bundle/dangling.js')).status).toBe(404);
    const alias = await get('app://bundle/alias.svg');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('<svg/>');
  });

  it('serves only regular files: no directories, no listings', async () => {
    for (const url of ['app://bundle/assets', 'app://bundle/assets/', 'app://bundle//index.html']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('answers 404 when the folder itself is missing', async () => {
    const response = await appFileResponse(path.join(base, 'no-build'), { method: 'GET', url: APP_ENTRY_URL }, CONTENT_SECURITY_POLICY);
    expect(response.status).toBe(404);
  });
});
