/**
 * The languages the bot speaks with workers: Italian (the default), English, and the languages of Lombardy's
 * largest foreign communities (Romanian, Arabic, Albanian, Spanish, Ukrainian, French). One table, so the UI
 * strings, the language choice, the channel locale, the language-name switch and the console agree on the list.
 * No Bot Framework imports: the dialogs, the REST API and the scripts share it.
 */
import { foldForComparison } from './text/fold';

export const LANGUAGE_CODES = ['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export type TextDirection = 'ltr' | 'rtl';

export interface LanguageInfo {
  code: LanguageCode;
  /** the language's name in itself, as the language menu shows it */
  nativeName: string;
  /**
   * What a worker may write to switch to this language: its name as written in each of the eight languages
   * (and the common spellings without diacritics). Matched whole, after lower-casing and accent folding.
   */
  names: readonly string[];
  /**
   * The language's name as its own speakers write it ("română", "în română", "عربي", "українською"): these switch
   * even while a dialog waits for an answer, written with their diacritics (a Latin name without them, "Romana",
   * may be a first name). Arabic and Cyrillic ones compare without their optional marks.
   */
  ownNames: readonly string[];
  direction: TextDirection;
  /** the BCP 47 locale the web chat page passes to Web Chat (and the channel then carries on every activity) */
  locale: string;
  /**
   * The Snowball algorithm of `snowball-stemmers` for this language, or null where the FAQ search uses a light
   * stemmer of its own instead (models/faq/lightStemmers.ts): Albanian and Ukrainian, which Snowball lacks, and
   * Arabic, whose Snowball algorithm does not read text folded as workers type it.
   */
  snowball: string | null;
}

export const LANGUAGE_TABLE: Readonly<Record<LanguageCode, LanguageInfo>> = {
  it: {
    code: 'it',
    nativeName: 'Italiano',
    names: ['italiano', 'italian', 'italiana', 'الإيطالية', 'الايطالية', 'italisht', 'italiane', 'italiano', 'італійська', 'італійською', 'italien', 'italienne'],
    ownNames: ['italiano', 'in italiano'],
    direction: 'ltr',
    locale: 'it-IT',
    snowball: 'italian',
  },
  en: {
    code: 'en',
    nativeName: 'English',
    names: ['english', 'inglese', 'engleza', 'engleză', 'الإنجليزية', 'الانجليزية', 'الانكليزية', 'anglisht', 'ingles', 'inglés', 'англійська', 'англійською', 'anglais'],
    ownNames: ['english', 'in english'],
    direction: 'ltr',
    locale: 'en-US',
    snowball: 'english',
  },
  ro: {
    code: 'ro',
    nativeName: 'Română',
    names: ['română', 'romana', 'limba romana', 'limba română', 'rumeno', 'romanian', 'الرومانية', 'rumanisht', 'rumano', 'румунська', 'roumain'],
    ownNames: ['română', 'limba română', 'în română', 'românește', 'in română'],
    direction: 'ltr',
    locale: 'ro-RO',
    snowball: 'romanian',
  },
  ar: {
    code: 'ar',
    nativeName: 'العربية',
    names: ['العربية', 'عربي', 'عربية', 'بالعربية', 'بالعربي', 'arabo', 'arabic', 'araba', 'arabă', 'arabisht', 'árabe', 'arabe', 'арабська'],
    ownNames: ['العربية', 'عربي', 'عربية', 'بالعربية', 'بالعربي', 'اللغة العربية'],
    direction: 'rtl',
    locale: 'ar-EG',
    snowball: null,
  },
  sq: {
    code: 'sq',
    nativeName: 'Shqip',
    names: ['shqip', 'shqipe', 'gjuha shqipe', 'albanese', 'albanian', 'albaneza', 'albaneză', 'الألبانية', 'الالبانية', 'albanés', 'албанська', 'albanais'],
    ownNames: ['shqip', 'shqipe', 'në shqip', 'gjuha shqipe', 'ne shqip'],
    direction: 'ltr',
    locale: 'sq-AL',
    snowball: null,
  },
  es: {
    code: 'es',
    nativeName: 'Español',
    names: ['español', 'espanol', 'castellano', 'spagnolo', 'spanish', 'spaniola', 'spaniolă', 'الإسبانية', 'الاسبانية', 'spanjisht', 'іспанська', 'espagnol'],
    ownNames: ['español', 'en español'],
    direction: 'ltr',
    locale: 'es-ES',
    snowball: 'spanish',
  },
  uk: {
    code: 'uk',
    nativeName: 'Українська',
    names: ['українська', 'українською', 'украинский', 'ucraino', 'ukrainian', 'ucraineana', 'ucraineană', 'الأوكرانية', 'الاوكرانية', 'ukrainisht', 'ucraniano', 'ukrainien'],
    ownNames: ['українська', 'українською', 'українська мова'],
    direction: 'ltr',
    locale: 'uk-UA',
    snowball: null,
  },
  fr: {
    code: 'fr',
    nativeName: 'Français',
    names: ['français', 'francais', 'francese', 'french', 'franceza', 'franceză', 'الفرنسية', 'frengjisht', 'francés', 'французька'],
    ownNames: ['français', 'en français', 'française'],
    direction: 'ltr',
    locale: 'fr-FR',
    snowball: 'french',
  },
};

/** Where a missing UI string is looked up, in order: Italian (the source every string is written in), then English. */
export const FALLBACK_CHAIN: readonly LanguageCode[] = ['it', 'en'];

/** The languages the measure's content (content/measure/<lng>.json) is written in: all eight. */
export const CONTENT_LANGUAGES = LANGUAGE_CODES;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * The language whose measure content a worker reads: their own, now that every language has its content (a single
 * missing entry falls back to Italian in the catalogue and the notice board).
 */
export function contentLanguageOf(language: LanguageCode): ContentLanguage {
  return language;
}

export function directionOf(language: LanguageCode): TextDirection {
  return LANGUAGE_TABLE[language].direction;
}

/** 'ro-RO', 'ar_EG', 'UK' -> the language; anything unsupported, empty or missing -> undefined. */
export function languageCodeOfLocale(locale: string | undefined | null): LanguageCode | undefined {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLanguageCode(primary) ? primary : undefined;
}

const BY_NAME: ReadonlyMap<string, LanguageCode> = new Map(
  LANGUAGE_CODES.flatMap((code) => [LANGUAGE_TABLE[code].nativeName, ...LANGUAGE_TABLE[code].names].map((name) => [foldForComparison(name), code] as const)),
);

/**
 * The language a message names when the whole message is a language's name ("română", "Español", "العربية",
 * "in italiano"?). Only the name itself, or the name after a short "in"/"en"/"în"/"по"/"بال" preposition, counts:
 * a sentence that merely mentions a language ("parlo rumeno e italiano") switches nothing.
 */
export function languageNamedBy(text: string): LanguageCode | undefined {
  const folded = foldForComparison(text);
  if (folded.length === 0 || folded.length > 40) return undefined;
  const direct = BY_NAME.get(folded);
  if (direct) return direct;
  const withoutPreposition = folded.replace(/^(?:in|en|în|pe|na|ne|по|في|بـ|a|an|to)\s+/u, '');
  return withoutPreposition !== folded ? BY_NAME.get(withoutPreposition) : undefined;
}

/**
 * A language's name as its own speakers write it, diacritics included ("română", "în română", "español", "عربي",
 * "українською"; see `ownNames`): like languageNativeNamed, it may be typed while a dialog waits for an answer.
 * Arabic and Cyrillic names compare without their optional marks; a Latin one without its diacritics ("Romana")
 * does not count, since it may be a first name.
 */
export function languageOwnNamed(text: string): LanguageCode | undefined {
  const typed = text.trim().replace(/[!.?؟]+$/u, '').trim().toLocaleLowerCase();
  if (typed === '' || typed.length > 40) return undefined;
  const latin = /\p{Script=Latin}/u.test(typed);
  const folded = latin ? typed : foldForComparison(typed);
  return OWN_NAMES.find((own) => (latin ? own.lowered : own.folded).includes(folded))?.code;
}

/** Each language's own names lower-cased and folded, worked out once: every message typed at a step is compared. */
const OWN_NAMES: ReadonlyArray<{ code: LanguageCode; lowered: readonly string[]; folded: readonly string[] }> = LANGUAGE_CODES.map((code) => ({
  code,
  lowered: LANGUAGE_TABLE[code].ownNames.map((name) => name.toLocaleLowerCase()),
  folded: LANGUAGE_TABLE[code].ownNames.map((name) => foldForComparison(name)),
}));

/**
 * Stricter, for a message typed while a dialog waits for an answer (where "Romana" may be a first name): only a
 * language's own name exactly as it is written, diacritics included ("Română", "Shqip", "Español"), as the language
 * menu's buttons post it.
 */
export function languageNativeNamed(text: string): LanguageCode | undefined {
  const typed = text.trim().replace(/[!.?]+$/u, '').trim().toLocaleLowerCase();
  return NATIVE_NAMES.find((native) => native.lowered === typed)?.code;
}

/** Each language's own name lower-cased, worked out once. */
const NATIVE_NAMES: ReadonlyArray<{ code: LanguageCode; lowered: string }> = LANGUAGE_CODES.map((code) => ({ code, lowered: LANGUAGE_TABLE[code].nativeName.toLocaleLowerCase() }));
