/**
 * The one text fold (shared/domain/text-fold.ts) is the Russian-locale lower
 * case with ё as е, for every code point and in context (a Greek final
 * sigma, a dotted capital I): it is computed locale-free for speed, and this
 * says the two cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText } from '../../../shared/domain/text-fold.ts';

const russianFold = (value: string) => value.toLocaleLowerCase('ru').replaceAll('ё', 'е');

describe('foldText', () => {
  it('equals the Russian-locale fold on every code point', () => {
    const differ: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (foldText(ch) !== russianFold(ch)) differ.push(cp);
    }
    expect(differ).toEqual([]);
  });

  it('equals it on text, context included', () => {
    for (const text of ['Здравствуйте, ЁЛКА и Ёж!', 'ΟΔΟΣ ΟΔΟΣ.', 'İstanbul', 'Olga K. <olga@example.com>', '']) expect(foldText(text)).toBe(russianFold(text));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => foldText(text) === russianFold(text)));
    expect(foldText('Пётр ЁЛКИН')).toBe('петр елкин');
  });
});
