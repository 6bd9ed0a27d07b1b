/**
 * Layering rules that keep browser mode possible: only the Electron shell
 * imports `electron`; shared/ stays pure (no electron, node:*, DOM or React).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

describe('architecture', () => {
  it('imports electron only in electron/main and electron/preload', () => {
    const offenders = ['electron/app', 'electron/host', 'electron/tools', 'shared', 'renderer/src']
      .flatMap(sourceFiles)
      .filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/') || spec === 'electron-store'));
    expect(offenders).toEqual([]);
    // The check itself must see the shell's imports, or it proves nothing.
    expect(sourceFiles('electron/main').some((file) => importsOf(file).includes('electron'))).toBe(true);
  });

  it('keeps shared/ free of node, DOM and React imports', () => {
    const offenders = sourceFiles('shared').filter((file) =>
      importsOf(file).some((spec) => spec.startsWith('node:') || spec === 'react' || spec.startsWith('react-') || spec === 'electron'),
    );
    expect(offenders).toEqual([]);
    expect(sourceFiles('shared').length).toBeGreaterThan(5);
  });

  it('lets only electron/app/db/connection.ts import better-sqlite3 at run time', () => {
    const runtime = sourceFiles('electron')
      .filter((file) => file !== path.join('electron', 'app', 'db', 'connection.ts'))
      .filter((file) =>
        fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').some((line) => /^import (?!type)[^;]*from ['"]better-sqlite3['"]/.test(line)),
      );
    expect(runtime).toEqual([]);
  });
});

describe('readable and writable connections', () => {
  it('a reader connection cannot be handed to a function that writes: it does not compile, and it fails if forced', async () => {
    const { openDatabase } = await import('../../electron/app/db/connection.ts');
    const { writeCursor } = await import('../../electron/app/db/queries/sync-state.ts');
    const file = path.join(fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'ols-arch-')), 'cache.sqlite');
    openDatabase(file).close();
    const reader = openDatabase(file, { readonly: true, migrate: false });
    // @ts-expect-error a ReadableDB is not a WritableDB
    expect(() => writeCursor(reader, 'x', 'y')).toThrow(/readonly/);
    reader.close();
  });
});
