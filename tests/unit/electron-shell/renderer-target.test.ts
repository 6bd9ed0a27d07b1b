/** Which URLs count as our own page: the test behind every IPC sender check and navigation. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererTarget } from '../../../electron/main/renderer-target.ts';

describe('renderer target', () => {
  it('loads the built renderer from app://bundle, served from <appPath>/dist/renderer', () => {
    const target = rendererTarget('/opt/ols/resources/app.asar', undefined);
    expect(target.url).toBe('app://bundle/index.html');
    expect(target.filesRoot).toBe(path.join('/opt/ols/resources/app.asar', 'dist', 'renderer'));
    expect(target.devOrigin).toBeNull();
  });

  it('owns exactly the app://bundle origin, any path, query or hash', () => {
    const { isOwn } = rendererTarget('/app', undefined);
    for (const url of ['app://bundle/index.html', 'app://bundle/', 'app://bundle/index.html?x=1#/d/5']) expect(isOwn(url), url).toBe(true);
    for (const url of [
      'app://bundle.evil/index.html',
      'app://evil/index.html',
      'app://bundle:1/index.html',
      'app://x@bundle/index.html',
      'apps://bundle/index.html',
      'https://bundle/index.html',
      'file:///app/dist/renderer/index.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isOwn(url), url).toBe(false);
    }
  });

  it('trusts a dev server by its exact origin', () => {
    const target = rendererTarget('/app', 'http://localhost:5173/');
    expect(target).toMatchObject({ url: 'http://localhost:5173/', filesRoot: null, devOrigin: 'http://localhost:5173' });
    expect(target.isOwn('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(target.isOwn('http://localhost:5174/')).toBe(false);
    expect(target.isOwn('https://localhost:5173/')).toBe(false);
    expect(target.isOwn('app://bundle/index.html')).toBe(false);
  });

  it('refuses a dev URL that is not http(s), rather than trusting an odd origin', () => {
    expect(() => rendererTarget('/app', 'file:///tmp/index.html')).toThrow(/OLS_RENDERER_URL/);
    expect(() => rendererTarget('/app', 'localhost:5173')).toThrow(/OLS_RENDERER_URL/);
  });
});
