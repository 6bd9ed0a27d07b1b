/**
 * "Contains" / "equals" on folded text compiled to GLOB classes
 * (folded-text.ts): on a real SQLite file, the rows they pick are exactly
 * the rows foldText says match, for values and needles drawn from the
 * characters where folding is tricky — case pairs, ё/е, the Kelvin sign,
 * İ (which folds to two characters), Greek sigma (folded by context), and
 * GLOB's own special characters.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CASED_PLANES_END, foldPreimages, foldText } from '../../../shared/domain/text-fold.ts';
import { foldedContains, foldedEquals } from '../../../electron/app/db/queries/folded-text.ts';
import { compileFilter } from '../../../electron/app/db/queries/filter-sql.ts';
import { openTempDb } from '../../support/temp-cache.ts';

const ALPHABET = [...'аАнНеЕёЁяЯ iIİ\u0307kK\u212aσςΣsSßẞ*?[]^-%_ab1'];
const text = (maxLength: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength }).map((chars) => chars.join(''));

const { db } = openTempDb({ migrate: false });
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
afterAll(() => db.close());

function picked(sql: { sql: string; params: string[] }, values: readonly string[]): number[] {
  db.exec('DELETE FROM t');
  const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
  values.forEach((v, i) => insert.run(i, v));
  return (db.prepare(`SELECT id FROM t WHERE ${sql.sql.replaceAll('client_name', 'v')} ORDER BY id`).pluck().all(...sql.params) as number[]);
}

describe('folded "contains" and "equals"', () => {
  it('pick exactly the values whose fold contains / equals the needle’s fold', () => {
    fc.assert(
      fc.property(fc.array(text(8), { minLength: 1, maxLength: 30 }), text(4), (values, needle) => {
        const folded = foldText(needle);
        const contains = values.flatMap((v, i) => (foldText(v).includes(folded) ? [i] : []));
        const equals = values.flatMap((v, i) => (foldText(v) === folded ? [i] : []));
        expect(picked(foldedContains('client_name', needle), values)).toEqual(contains);
        expect(picked(foldedEquals('client_name', needle), [...values, needle.toUpperCase()])).toEqual([
          ...equals,
          ...(foldText(needle.toUpperCase()) === folded ? [values.length] : []),
        ]);
      }),
      { numRuns: 400 },
    );
  });

  it('run no JS fold where every character has a plain spelling, and only after the GLOB where one has not', () => {
    const cyrillic = foldedContains('client_name', 'Ан');
    expect(cyrillic.sql).not.toContain('ols_fold');
    expect(cyrillic.params).toEqual(['*[аА][нН]*']);
    const withI = foldedContains('client_name', 'Ivan');
    expect(withI.sql).toMatch(/^\(client_name GLOB \? AND instr\(ols_fold\(client_name\), \?\) > 0\)$/);
    expect(withI.params).toEqual(['*[vV][aA][nN]*', 'ivan']);
    // a compiled filter on the client's name uses it
    expect(compileFilter({ conditions: [{ column: 'client', op: 'contains', value: 'ёж' }] }, 0).where).not.toContain('ols_fold');
  });

  it('find every spelling of a letter, the Kelvin sign and capital ё included', () => {
    expect(foldPreimages('k')?.sort()).toEqual(['K', 'k', '\u212a'].sort());
    expect(foldPreimages('е')?.sort()).toEqual(['Е', 'Ё', 'е', 'ё'].sort());
    expect(foldPreimages('i')).toBeNull();
    expect(foldPreimages('σ')).toBeNull();
  });

  it('cover every cased character: none beyond the planes the table is built from', () => {
    for (let cp = CASED_PLANES_END; cp <= 0x10ffff; cp += 1) {
      const ch = String.fromCodePoint(cp);
      if (foldText(ch) !== ch) throw new Error(`U+${cp.toString(16)} folds`);
    }
  });
});
