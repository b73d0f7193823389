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

/** A string's placeholders, all of the plain `{{name}}` form, split around them: what plainTemplate() keeps. */
interface PlainTemplate {
  /** literal text and placeholder names, alternating: text, name, text, ... text */
  readonly parts: readonly string[];
  readonly names: ReadonlySet<string>;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * The template as plainInterpolation() can fill it, or undefined when i18next must: a placeholder of another form
 * (`{{ name }}`, `{{-name}}`, `{{name, format}}`), or nesting (`$t(...)`).
 */
function plainTemplate(text: string): PlainTemplate | undefined {
  if (text.includes('$t(')) return undefined;
  const parts = text.split(PLACEHOLDER);
  // what is left between the placeholders must hold no other kind of placeholder
  for (let i = 0; i < parts.length; i += 2) if (parts[i].includes('{{')) return undefined;
  return { parts, names: new Set(parts.filter((_, i) => i % 2 === 1)) };
}

/** i18next's own option names: with any of them the call goes to i18next (plural, context, language, objects...). */
const I18NEXT_OPTIONS = new Set(['count', 'context', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'interpolation', 'replace', 'ordinal', 'keySeparator', 'nsSeparator', 'skipInterpolation', 'fallbackLng', 'nest', 'defaultValue_plural']);

/**
 * The template filled as i18next fills it with this project's settings (escapeValue false, skipOnVariables): each
 * `{{name}}` replaced by its value, a value never read again. Undefined when the options are not plain values of this
 * template's placeholders, or a value holds `{{` (i18next's replace could then land inside an earlier value).
 */
function plainInterpolation(template: PlainTemplate, options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  for (const [name, value] of Object.entries(options)) {
    if (!template.names.has(name) || I18NEXT_OPTIONS.has(name)) return undefined;
    if (typeof value === 'number') continue;
    if (typeof value !== 'string' || value.includes('{{')) return undefined;
  }
  const values = options as Record<string, string | number>;
  let out = template.parts[0];
  for (let i = 1; i < template.parts.length; i += 2) {
    const name = template.parts[i];
    // a placeholder without a value stays as written (skipOnVariables)
    out += (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : `{{${name}}}`) + template.parts[i + 1];
  }
  return out;
}

/**
 * i18next resolves a key in about 10 µs, and a turn asks for dozens (menu labels, button matching); the strings
 * are fixed once loaded, so plain lookups without options are remembered. With options, i18next took 25-55 µs a
 * call (a pre-check step's "Ho capito: Treviglio (BG)..." lines, the referral's summary): when the options are only
 * the values of the string's `{{name}}` placeholders, the remembered string is filled here, as i18next fills it
 * (test/i18n checks every key of every language both ways); any other call (plural, context, returnObjects, a
 * placeholder of another form) goes to i18next every time.
 */
function memoized(t: TFunction): TFunction {
  const cache = new Map<string, unknown>();
  const templates = new Map<string, PlainTemplate | undefined>();
  const plain = (key: string): unknown => {
    let value = cache.get(key);
    if (value === undefined) {
      value = t(key);
      cache.set(key, value);
    }
    return value;
  };
  const lookup = (key: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string') return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    if (rest.length === 0) return plain(key);
    if (rest.length === 1) {
      let template = templates.get(key);
      if (template === undefined && !templates.has(key)) {
        const text = plain(key);
        template = typeof text === 'string' ? plainTemplate(text) : undefined;
        templates.set(key, template);
      }
      const filled = template && plainInterpolation(template, rest[0]);
      if (filled !== undefined) return filled;
    }
    return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
  };
  return lookup as unknown as TFunction;
}

/** The i18next instance behind a Translator, as configured for the bot (tests compare the Translator's strings with it). */
export async function createI18next(dir?: string): Promise<typeof i18next> {
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
  return instance;
}

export async function createTranslator(dir?: string): Promise<Translator> {
  const instance = await createI18next(dir);
  const fixed = new Map(LANGUAGES.map((l) => [l, memoized(instance.getFixedT(l))]));
  return {
    forLanguage: (language) => fixed.get(language) ?? instance.getFixedT(DEFAULT_LANGUAGE),
    allLanguages: (key) => [
      ...new Set(LANGUAGES.map((l) => instance.getFixedT(l)(key, { returnObjects: true }) as unknown).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]))),
    ],
  };
}
