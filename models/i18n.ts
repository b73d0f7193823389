import * as fs from 'node:fs';
import * as path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { contentDir } from './paths';
import { FALLBACK_CHAIN, LANGUAGE_CODES, isLanguageCode, languageCodeOfLocale, type LanguageCode } from './languages';

/** The eight languages of models/languages.ts; Italian and English also have the measure's content. */
export const LANGUAGES = LANGUAGE_CODES;
export type Language = LanguageCode;
export const DEFAULT_LANGUAGE: Language = 'it';

/**
 * Top-level keys read only by staff and operators (the console, the Teams operator channel), who work in Italian or
 * English: the workers' languages need not translate them (i18next shows them in Italian).
 */
export const STAFF_NAMESPACES: readonly string[] = ['console', 'consoleContent', 'teams', 'staffLanguages'];

export function isLanguage(value: unknown): value is Language {
  return isLanguageCode(value);
}

/** 'en-US' -> 'en', 'ro-RO' -> 'ro', 'ar-EG' -> 'ar'; anything unsupported or missing -> Italian, the default and the fallback. */
export function languageOf(locale: string | undefined | null): Language {
  return languageCodeOfLocale(locale) ?? DEFAULT_LANGUAGE;
}

export type Translate = TFunction;

export interface Translator {
  /** A translate function fixed to one language: call it per turn, never switch a global language. */
  forLanguage(language: Language): Translate;
  /** Every value of a key across languages, for keywords a user may type in either language. */
  allLanguages(key: string): string[];
}

/**
 * The UI strings of each language: every JSON file in content/locales/<lng>/ (translation.json, and one file per
 * feature, e.g. teams.json), merged into one tree. Two files defining the same top-level key is an error, so
 * features cannot overwrite each other's strings.
 */
export function readLocaleResources(dir: string = path.join(contentDir, 'locales')): Record<Language, Record<string, unknown>> {
  const resources = {} as Record<Language, Record<string, unknown>>;
  for (const language of LANGUAGES) {
    const folder = path.join(dir, language);
    const merged: Record<string, unknown> = {};
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
    // the fallback languages (Italian, English) are complete; another may still be partial or absent (i18next falls back)
    const required = FALLBACK_CHAIN.includes(language);
    if (required && !files.includes('translation.json')) throw new Error(`missing UI strings ${path.relative(process.cwd(), path.join(folder, 'translation.json'))}`);
    for (const name of files) {
      const file = path.join(folder, name);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`cannot read UI strings ${path.relative(process.cwd(), file)}: ${(err as Error).message}`);
      }
      for (const [key, value] of Object.entries(parsed)) {
        if (key in merged) throw new Error(`${path.relative(process.cwd(), file)}: key "${key}" is already defined by another file of ${language}`);
        merged[key] = value;
      }
    }
    resources[language] = merged;
  }
  return resources;
}

/**
 * i18next resolves a key in about 10 µs, and a turn asks for dozens (menu labels, button matching); the strings
 * are fixed once loaded, so plain lookups without options are remembered. Calls with options (interpolation,
 * returnObjects) go to i18next every time.
 */
function memoized(t: TFunction): TFunction {
  const cache = new Map<string, unknown>();
  const lookup = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let value = cache.get(key);
    if (value === undefined) {
      value = t(key);
      cache.set(key, value);
    }
    return value;
  };
  return lookup as unknown as TFunction;
}

export async function createTranslator(dir?: string): Promise<Translator> {
  const resources = readLocaleResources(dir);
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: resources[l] }])),
    lng: DEFAULT_LANGUAGE,
    // a key missing in a newer language is shown in Italian, then English
    fallbackLng: [...FALLBACK_CHAIN],
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<typeof instance.init>[0]);
  const fixed = new Map(LANGUAGES.map((l) => [l, memoized(instance.getFixedT(l))]));
  return {
    forLanguage: (language) => fixed.get(language) ?? instance.getFixedT(DEFAULT_LANGUAGE),
    allLanguages: (key) => [
      ...new Set(LANGUAGES.map((l) => instance.getFixedT(l)(key, { returnObjects: true }) as unknown).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]))),
    ],
  };
}
