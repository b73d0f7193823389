/**
 * The language a worker used in the chat, as operators need it on a referral: to call with an interpreter. Staff read
 * it as the language's name in Italian or English with its code ("Arabo (ar)", "Arabic (ar)"); the names are staff
 * strings (content/locales/{it,en}/staffLanguages.json, a staff namespace: the workers' languages need not have them).
 */
import type { Translator } from '../i18n';
import { LANGUAGE_CODES, languageCodeOfLocale } from '../languages';

/** The eight languages, and `unknown` for referrals (and analytics rows) recorded without a language we speak. */
export const LEAD_LANGUAGES = [...LANGUAGE_CODES, 'unknown'] as const;
export type LeadLanguage = (typeof LEAD_LANGUAGES)[number];

/** The languages staff work in (the console's and the operators' Teams strings). */
export const STAFF_LANGUAGES = ['it', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

/** A referral's `locale` ('ar', 'ro-RO') -> its language; empty, missing or one we do not speak -> 'unknown'. */
export function leadLanguageOf(locale: string | undefined | null): LeadLanguage {
  return languageCodeOfLocale(locale) ?? 'unknown';
}

/** The staff language for a reader's locale: English for 'en', else Italian (the console's default). */
export function staffLanguageOf(locale: string | undefined | null): StaffLanguage {
  return languageCodeOfLocale(locale) === 'en' ? 'en' : 'it';
}

/** "Arabo (ar)", "Arabic (ar)", "non indicata" / "not recorded" for `unknown`. */
export interface StaffLanguageNames {
  label(language: LeadLanguage, reader: StaffLanguage): string;
  /** the label in both staff languages, as the API gives it */
  labels(language: LeadLanguage): Record<StaffLanguage, string>;
}

export function staffLanguageNames(translator: Translator): StaffLanguageNames {
  const label = (language: LeadLanguage, reader: StaffLanguage): string => {
    const t = translator.forLanguage(reader);
    const name = t(`staffLanguages.name.${language}`);
    return language === 'unknown' ? name : t('staffLanguages.label', { name, code: language });
  };
  return {
    label,
    labels: (language) => ({ it: label(language, 'it'), en: label(language, 'en') }),
  };
}

/** A language code or 'unknown', checked (e.g. a query parameter). */
export function isLeadLanguage(value: unknown): value is LeadLanguage {
  return typeof value === 'string' && (LEAD_LANGUAGES as readonly string[]).includes(value);
}
