/**
 * "Contains" and "equals" on folded text (case- and ё-insensitive, as
 * foldText) without calling the JS fold for every row where it can be
 * avoided: at a million dialogs `ols_fold()` — a call into JS per row — was
 * most of a filter's time (1.1 s of a 1.7 s count of a client name).
 *
 * Folding maps each character on its own (for the characters foldPreimages
 * accepts), so a folded needle occurs in a folded value exactly when the
 * value holds the needle with each character replaced by any character that
 * folds to it: a GLOB with a class per character, one call in C per row
 * ("ан" is `*[аА][нН]*`). A needle with a character the fold cannot map
 * that way (i, which İ folds into; a Greek sigma) keeps a GLOB of its other
 * characters to pick the rows, and the exact fold checks only those.
 */
import { foldPreimages, foldText } from '../text-fold.ts';

interface Sql {
  sql: string;
  params: string[];
}

/** A GLOB that matches one character, any of `alternatives` (none of GLOB's special characters is special inside it). */
function globClass(alternatives: readonly string[]): string {
  if (alternatives.length === 1 && !'*?['.includes(alternatives[0]!)) return alternatives[0]!;
  // inside a class ']' is literal only first, '-' only last, and '^' anywhere but first
  const rank = (ch: string) => (ch === ']' ? 0 : ch === '-' ? 3 : ch === '^' ? 2 : 1);
  return `[${[...alternatives].sort((a, b) => rank(a) - rank(b)).join('')}]`;
}

/** The GLOB body of a folded needle, and whether it is the whole test (no character needed the fold). */
function globOf(needle: string): { body: string; exact: boolean } {
  let body = '';
  let exact = true;
  for (const ch of needle) {
    const preimages = foldPreimages(ch);
    if (preimages) body += globClass(preimages);
    else {
      // whatever the value holds there (İ is one character for two of the needle's), so any run
      exact = false;
      if (!body.endsWith('*')) body += '*';
    }
  }
  return { body, exact };
}

/** `expr`'s folded text contains `value`'s folded text. */
export function foldedContains(expr: string, value: string): Sql {
  const needle = foldText(value);
  const { body, exact } = globOf(needle);
  const glob = `*${body}${body.endsWith('*') ? '' : '*'}`.replace(/^\*\*/, '*');
  if (exact) return { sql: `${expr} GLOB ?`, params: [glob] };
  // SQLite evaluates AND left to right and stops at the first false: the fold runs on the picked rows only
  return { sql: `(${expr} GLOB ? AND instr(ols_fold(${expr}), ?) > 0)`, params: [glob, needle] };
}

/** `expr`'s folded text equals `value`'s folded text. */
export function foldedEquals(expr: string, value: string): Sql {
  const needle = foldText(value);
  const { body, exact } = globOf(needle);
  if (exact) return { sql: `${expr} GLOB ?`, params: [body] };
  return { sql: `(${expr} GLOB ? AND ols_fold(${expr}) = ?)`, params: [body, needle] };
}
