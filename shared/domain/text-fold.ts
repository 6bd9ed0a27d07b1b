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
