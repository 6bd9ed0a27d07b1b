/**
 * The packaged binary's fuses and asar layout, pinned: a dropped or misspelt
 * fuse would silently ship an app that runs as Node or loads unchecked code.
 * The YAML is read as text (no parser among our dependencies); the shapes
 * used here are plain `key: value` lines and `- item` lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const config = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** The indented lines of a top-level key's block, comments dropped. */
function block(key: string): string[] {
  const lines = config.split(/\r?\n/);
  const start = lines.indexOf(`${key}:`);
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const text = line.replace(/\s+#.*$/, '').trim();
    if (text && !text.startsWith('#')) body.push(text);
  }
  return body;
}

function fuses(): Record<string, unknown> {
  return Object.fromEntries(
    block('electronFuses').map((line) => {
      const match = /^(\w+):\s*(\S+)$/.exec(line);
      if (!match) throw new Error(`unexpected line under electronFuses: ${line}`);
      const [, name, value] = match as unknown as [string, string, string];
      return [name, value === 'true' ? true : value === 'false' ? false : value];
    }),
  );
}

describe('electron-builder.yml', () => {
  it('sets exactly the fuses a hardened build needs', () => {
    expect(fuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('spells every fuse as the installed electron-builder schema does', () => {
    const scheme = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    expect(scheme.properties).toHaveProperty('electronFuses');
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(fuses()).filter((name) => !known.includes(name))).toEqual([]);
  });

  it('packs the app into asar and keeps the native SQLite addon unpacked', () => {
    // onlyLoadAppFromAsar needs an app.asar; a native addon cannot be loaded from inside one.
    expect(config).not.toMatch(/^asar:\s*false/m);
    expect(block('asarUnpack')).toContain('- node_modules/better-sqlite3/**');
  });
});
