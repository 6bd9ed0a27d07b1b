// The explanation texts: every i18n key the engine can emit has an English and a Russian text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_EXPLAIN_KEYS, EXCLUSION_KEYS, exclusionKey } from '../../../shared/domain/explain-keys.ts';
import { EXCLUSION_REASONS } from '../../../shared/domain/metrics.ts';

// Read as files: the tests project does not compile the renderer's JSON.
function texts(lang: 'en' | 'ru'): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../../renderer/src/i18n/explain.${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
}
const en = texts('en');
const ru = texts('ru');

describe('explanation texts', () => {
  it.each([
    ['en', en],
    ['ru', ru],
  ] as const)('%s defines exactly the declared keys, none empty', (_lang, byKey) => {
    expect(Object.keys(byKey).sort()).toEqual([...ALL_EXPLAIN_KEYS].sort());
    for (const text of Object.values(byKey)) expect(typeof text === 'string' && text.trim() !== '').toBe(true);
  });

  it('keys are unique', () => {
    expect(new Set(ALL_EXPLAIN_KEYS).size).toBe(ALL_EXPLAIN_KEYS.length);
  });

  it('Russian texts are written in Russian, not copied from English', () => {
    for (const key of ALL_EXPLAIN_KEYS) {
      expect(ru[key]).toMatch(/[а-яё]/i);
      expect(ru[key]).not.toBe(en[key]);
    }
  });

  it('every exclusion reason has a text key', () => {
    expect(EXCLUSION_REASONS.map(exclusionKey)).toEqual([...EXCLUSION_KEYS]);
  });
});
