/**
 * UI strings. ru.json and en.json hold every string the renderer writes
 * itself; explain.{ru,en}.json (written by the metrics engine's owner) hold
 * the texts of the rule and evidence-role keys that `metrics:explain` returns,
 * and are merged on top; domains/<domain>.{ru,en}.json hold each workspace
 * domain's own strings. Keys are flat ("column.id"), params are `{name}`.
 */
import type { Language } from '../../../shared/ipc/contract.ts';
import ru from './ru.json';
import en from './en.json';
import explainRu from './explain.ru.json';
import explainEn from './explain.en.json';
// One pair per workspace domain, each owned by that domain's components (flat keys, prefixed by the domain).
import filterRu from './domains/filter.ru.json';
import filterEn from './domains/filter.en.json';
import workspaceRu from './domains/workspace.ru.json';
import workspaceEn from './domains/workspace.en.json';
import searchRu from './domains/search.ru.json';
import searchEn from './domains/search.en.json';
import exportRu from './domains/export.ru.json';
import exportEn from './domains/export.en.json';
import chartsRu from './domains/charts.ru.json';
import chartsEn from './domains/charts.en.json';
import gridRu from './domains/grid.ru.json';
import gridEn from './domains/grid.en.json';
import actionsRu from './domains/actions.ru.json';
import actionsEn from './domains/actions.en.json';
import sourcesRu from './domains/sources.ru.json';
import sourcesEn from './domains/sources.en.json';
import auditRu from './domains/audit.ru.json';
import auditEn from './domains/audit.en.json';
import paletteRu from './domains/palette.ru.json';
import paletteEn from './domains/palette.en.json';
import historyRu from './domains/history.ru.json';
import historyEn from './domains/history.en.json';

const RU = { ...ru, ...filterRu, ...workspaceRu, ...searchRu, ...exportRu, ...chartsRu, ...gridRu, ...actionsRu, ...sourcesRu, ...historyRu, ...auditRu, ...paletteRu };
const EN = { ...en, ...filterEn, ...workspaceEn, ...searchEn, ...exportEn, ...chartsEn, ...gridEn, ...actionsEn, ...sourcesEn, ...historyEn, ...auditEn, ...paletteEn };

export type MessageKey = keyof typeof RU;
export type Params = Record<string, string | number>;

// Both languages must have the same keys: a missing translation fails to compile.
const enChecked: Record<MessageKey, string> = EN;
const ruChecked: Record<keyof typeof EN, string> = RU;

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
