/**
 * Keyboard triage on the focused row (issue 9 §7): one key per action, no
 * modifier, so a supervisor works down the queue without the mouse. The
 * action still goes through the preview (Enter confirms, Esc cancels).
 */
import type { DialogAction } from '../../../shared/domain/actions.ts';

export type TriageCommand =
  | { kind: 'act'; action: DialogAction }
  | { kind: 'menu'; menu: 'transfer' | 'rate' }
  /** Space / x: tick or untick the focused row (selection, issue 9 §2) */
  | { kind: 'select' }
  | { kind: 'search' }
  | { kind: 'help' };

/** What a key pressed on a row does; null: the grid's own (arrows, Enter, typing in an editor). */
export function triageCommand(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, row: { pinned: boolean }): TriageCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'c':
    case 'с': // the same key on a Russian layout
      return { kind: 'act', action: { kind: 'finish' } };
    case 's':
    case 'ы':
      return { kind: 'act', action: { kind: 'spam' } };
    case 'p':
    case 'з':
      return { kind: 'act', action: { kind: 'pin', pinned: !row.pinned } };
    case 't':
    case 'е':
      return { kind: 'menu', menu: 'transfer' };
    case 'r':
    case 'к':
      return { kind: 'menu', menu: 'rate' };
    case ' ':
    case 'x':
    case 'ч':
      return { kind: 'select' };
    case '/':
      return { kind: 'search' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}

/** The list the ? key shows: key and the action's message key. */
export const TRIAGE_SHORTCUTS = [
  ['Enter', 'actions.keyHistory'],
  ['Space / x', 'actions.keySelect'],
  ['Ctrl+A', 'actions.keySelectAll'],
  ['c', 'actions.keyFinish'],
  ['s', 'actions.keySpam'],
  ['t', 'actions.keyTransfer'],
  ['r', 'actions.keyRate'],
  ['p', 'actions.keyPin'],
  ['/', 'actions.keySearch'],
  ['F6', 'actions.keyPane'],
  ['Esc', 'actions.keyEscape'],
  ['Ctrl/Cmd+K', 'palette.keyOpen'],
  ['?', 'actions.keyHelp'],
] as const;
