/**
 * Search within one dialog's history: every occurrence of the typed text in
 * the messages, folded as the app folds (shared/domain/text-fold.ts: case
 * and ё/е), as ranges of the original text so the pane can <mark> them.
 * Pure, so it is tested without a browser; the pane folds each text once
 * per history and searches the folded copies on every keystroke.
 */
import { foldText, foldWithOffsets } from '../../../../shared/domain/text-fold.ts';

/** One occurrence: the entry's index in the history and a [start, end) range of its text (UTF-16). */
export interface HistoryMatch {
  entry: number;
  start: number;
  end: number;
}

export interface FoldedText {
  folded: string;
  /** null when every character folds to one of the same length, so offsets are the identity */
  starts: number[] | null;
  ends: number[] | null;
}

/** The folded form of each text (null for entries without text: events). */
export function foldTexts(texts: ReadonlyArray<string | null>): Array<FoldedText | null> {
  return texts.map((text) => (text === null ? null : foldedOf(text)));
}

function foldedOf(text: string): FoldedText {
  // One fold of the whole text is the common case and fast. Folding never shortens a character (a unit
  // test checks every code point), so an unchanged length means each kept its own; only where one grew
  // (İ, U+0130) map per character, a locale call each: seconds over 10,000 messages, were it done for all.
  const whole = foldText(text);
  if (whole.length === text.length) return { folded: whole, starts: null, ends: null };
  const { folded, offsets } = foldWithOffsets(text);
  // a folded unit ends where its character ends: the next character's start
  const ends = offsets.slice(0, -1).map((at, i) => {
    let j = i + 1;
    while (offsets[j] === at) j += 1;
    return offsets[j] ?? text.length;
  });
  return { folded, starts: offsets.slice(0, -1), ends };
}

/** The typed text as the history is searched for it; '' when there is nothing to look for. */
export function searchNeedle(query: string): string {
  return foldText(query.trim());
}

/** Every occurrence, in history order, never overlapping (the search goes on after each match). */
export function findMatches(texts: ReadonlyArray<FoldedText | null>, query: string): HistoryMatch[] {
  const needle = searchNeedle(query);
  if (!needle) return [];
  const out: HistoryMatch[] = [];
  texts.forEach((text, entry) => {
    if (!text) return;
    for (let at = text.folded.indexOf(needle); at !== -1; at = text.folded.indexOf(needle, at + needle.length)) {
      const last = at + needle.length - 1;
      out.push({ entry, start: text.starts ? text.starts[at]! : at, end: text.ends ? text.ends[last]! : last + 1 });
    }
  });
  return out;
}

/** The next (or previous) match from `current`, wrapping round; -1 without matches. */
export function stepMatch(current: number, total: number, direction: 1 | -1): number {
  if (total <= 0) return -1;
  if (current < 0 || current >= total) return direction === 1 ? 0 : total - 1;
  return (current + direction + total) % total;
}

/** The matches of each entry, with their index among all matches, for marking one entry's text. */
export function matchesByEntry(matches: readonly HistoryMatch[]): Map<number, Array<{ start: number; end: number; index: number }>> {
  const out = new Map<number, Array<{ start: number; end: number; index: number }>>();
  matches.forEach(({ entry, start, end }, index) => {
    const list = out.get(entry);
    if (list) list.push({ start, end, index });
    else out.set(entry, [{ start, end, index }]);
  });
  return out;
}
