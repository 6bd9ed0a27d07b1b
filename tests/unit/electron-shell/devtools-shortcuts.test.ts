/** The key chords swallowed in a packaged build, and the ordinary ones left alone. */
import { describe, expect, it } from 'vitest';
import { isDevToolsShortcut, type KeyInput } from '../../../electron/main/devtools-shortcuts.ts';

const key = (code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  code,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});

describe('DevTools shortcuts', () => {
  it('catches F12, Ctrl+Shift+I/J/C and Cmd+Option+I/J/C', () => {
    expect(isDevToolsShortcut(key('F12'))).toBe(true);
    for (const code of ['KeyI', 'KeyJ', 'KeyC']) {
      expect(isDevToolsShortcut(key(code, { control: true, shift: true })), code).toBe(true);
      expect(isDevToolsShortcut(key(code, { meta: true, alt: true })), code).toBe(true);
    }
  });

  it('leaves copy, paste and typing alone', () => {
    expect(isDevToolsShortcut(key('KeyC', { control: true }))).toBe(false);
    expect(isDevToolsShortcut(key('KeyC', { meta: true }))).toBe(false);
    expect(isDevToolsShortcut(key('KeyI', { shift: true }))).toBe(false);
    expect(isDevToolsShortcut(key('KeyV', { control: true, shift: true }))).toBe(false);
    expect(isDevToolsShortcut(key('F5'))).toBe(false);
  });

  it('acts on key-down only', () => {
    expect(isDevToolsShortcut({ ...key('F12'), type: 'keyUp' })).toBe(false);
  });
});
