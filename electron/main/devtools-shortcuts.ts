/**
 * DevTools key chords, swallowed in packaged builds. `devTools: false` is the
 * real lock; this keeps a chord from reaching anything that might still react.
 */

/** The fields of Electron's Input used here, structural so this file needs no electron import. */
export interface KeyInput {
  type: string;
  code: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

// Inspect, console and element picker: Ctrl+Shift+… on Windows/Linux, Cmd+Option+… on macOS.
const CHORD_KEYS = new Set(['KeyI', 'KeyJ', 'KeyC']);

export function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.code === 'F12') return true;
  if (!CHORD_KEYS.has(input.code)) return false;
  return (input.control && input.shift) || (input.meta && input.alt);
}
