/**
 * UI strings. ru.json and en.json hold every string the renderer writes
 * itself; explain.{ru,en}.json (written by the metrics engine's owner) hold
 * the texts of the rule and evidence-role keys that `metrics:explain` returns,
 * and are merged on top. Keys are flat ("column.id"), params are `{name}`.
 */
import type { Language } from '../../../shared/ipc/contract.ts';
import ru from './ru.json';
import en from './en.json';
import explainRu from './explain.ru.json';
import explainEn from './explain.en.json';

export type MessageKey = keyof typeof ru;
export type Params = Record<string, string | number>;

// Both files must have the same keys: a missing translation fails to compile.
const enChecked: Record<MessageKey, string> = en;
const ruChecked: Record<keyof typeof en, string> = ru;

/**
 * The explain files are owned elsewhere and may be flat or nested
 * ({ "rule": { "botTime.noBot": "…" } }); flatten to "a.b" keys either way.
 */
function flatten(source: unknown, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  if (typeof source !== 'object' || source === null) return into;
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into[path] = value;
    else flatten(value, path, into);
  }
  return into;
}

// The explanation texts are the metrics owner's words for their own keys: they win.
const DICTIONARIES: Record<Language, Readonly<Record<string, string>>> = {
  ru: { ...ruChecked, ...flatten(explainRu) },
  en: { ...enChecked, ...flatten(explainEn) },
};

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return interpolate(DICTIONARIES[language][key] ?? key, params);
}

/**
 * For keys that come from the services (explanation rules and roles): try the
 * key as given and under the usual prefixes, and fall back to the raw key so
 * an unknown rule is still visible rather than blank.
 */
export function translateDynamic(language: Language, key: string, prefixes: readonly string[] = [], params?: Params): string {
  const dictionary = DICTIONARIES[language];
  for (const candidate of [key, ...prefixes.map((p) => `${p}.${key}`)]) {
    const text = dictionary[candidate];
    if (text !== undefined) return interpolate(text, params);
  }
  return key;
}

export function hasKey(language: Language, key: string): boolean {
  return DICTIONARIES[language][key] !== undefined;
}

export interface Translator {
  language: Language;
  /** BCP 47 locale for dates and numbers */
  locale: string;
  t(key: MessageKey, params?: Params): string;
  dyn(key: string, prefixes?: readonly string[], params?: Params): string;
}

/**
 * Dates follow the UI language; for English we keep the user's own English
 * variant (en-GB dates for a British user) when the browser tells us one.
 */
export function localeFor(language: Language): string {
  if (language === 'ru') return 'ru-RU';
  const english = (typeof navigator !== 'undefined' ? navigator.languages : []).find((l) => l.startsWith('en'));
  return english ?? 'en-GB';
}

const translators = new Map<Language, Translator>();

export function translator(language: Language): Translator {
  let existing = translators.get(language);
  if (!existing) {
    existing = {
      language,
      locale: localeFor(language),
      t: (key, params) => translate(language, key, params),
      dyn: (key, prefixes, params) => translateDynamic(language, key, prefixes, params),
    };
    translators.set(language, existing);
  }
  return existing;
}
