/**
 * The app's one text fold: case- and ё-insensitive, as the search index,
 * the filters' "contains" and the history pane's search all compare text.
 * Lives in shared/ so the renderer folds exactly as SQLite's ols_fold() does.
 */

export function foldText(value: string): string {
  return value.toLocaleLowerCase('ru').replaceAll('ё', 'е');
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
