/**
 * The app's one text fold: case- and ё-insensitive, as the search index,
 * the filters' "contains" and the history pane's search all compare text.
 * Lives in shared/ so the renderer folds exactly as SQLite's ols_fold() does.
 */

export function foldText(value: string): string {
  // toLowerCase, not toLocaleLowerCase('ru'): Unicode tailors lower-casing for Turkish, Azeri and
  // Lithuanian only, so the two agree on every code point (checked over all of them), and the
  // locale-free one is 3–5× faster — it runs for every row a "contains" filter scans (a million at
  // the largest cache) and for every message the search index is built from
  const lower = value.toLowerCase();
  return lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
}

/**
 * The folded text plus, for each folded UTF-16 unit, the offset in `value`
 * of the character it came from (and one more entry for the end), so a
 * match found in folded text maps back to a range of the original even
 * where folding changes a character's length (İ folds to two units).
 */
export function foldWithOffsets(value: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let at = 0;
  for (const ch of value) {
    const f = foldText(ch);
    for (let i = 0; i < f.length; i += 1) offsets.push(at);
    folded += f;
    at += ch.length;
  }
  offsets.push(at);
  return { folded, offsets };
}

let inverse: Map<string, string[]> | null = null;
let insideLonger: Set<string> | null = null;

/** Planes 0 and 1: beyond them no character has a case (a test checks every code point). */
export const CASED_PLANES_END = 0x20000;

/** Every code point whose fold differs from it, grouped by that fold; and the units of folds longer than one character. */
function foldTables(): { inverse: Map<string, string[]>; insideLonger: Set<string> } {
  if (!inverse || !insideLonger) {
    inverse = new Map();
    insideLonger = new Set();
    for (let cp = 0; cp < CASED_PLANES_END; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const folded = foldText(ch);
      if (folded === ch) continue;
      if ([...folded].length === 1) {
        const list = inverse.get(folded);
        if (list) list.push(ch);
        else inverse.set(folded, [ch]);
      } else for (const part of folded) insideLonger.add(part);
    }
  }
  return { inverse, insideLonger };
}

/**
 * The characters that fold to exactly `ch` (itself included when it is
 * already folded), or null where a plain substring test cannot stand in for
 * the fold: `ch` is part of a longer fold (İ folds to "i" and a combining
 * dot), or it is a Greek sigma, which toLowerCase folds by context (Σ is σ
 * inside a word and ς at its end). Built once (~40 ms), over the planes
 * that have case.
 */
export function foldPreimages(ch: string): string[] | null {
  if (ch === 'σ' || ch === 'ς') return null;
  const tables = foldTables();
  if (tables.insideLonger.has(ch)) return null;
  const others = tables.inverse.get(ch) ?? [];
  return foldText(ch) === ch ? [ch, ...others] : others;
}
