import { createHash } from 'node:crypto';
import type { Language, Translate, Translator } from '../models/i18n';
import type { ConsentTexts } from '../models/privacyNotice';
import { matchesLabel } from './eligibility/labels';
import { beforeHope, recognizeYesNo } from './understanding';

/** What a consent is recorded with: the notice's version, a hash of the exact text shown, its language, and when. */
export interface ConsentRecord {
  noticeVersion: string;
  textHash: string;
  givenAt: string;
  /** the language the consent text was shown in (the notice's version is that language's own) */
  language?: Language;
}

/**
 * The answer to a consent question: its own buttons (`<keyPrefix>.yes` / `.no`, in any language) or a plain
 * yes / no in words. Anything else, including "non so" and a hope ("spero di sì"), is not an answer: it is never
 * taken as consent.
 */
export function consentAnswer(text: string, translators: Translate[], keyPrefix: string, language: Language): 'yes' | 'no' | undefined {
  // a hope is no consent ("spero di sì", "I hope so"): only what is said before one answers ("sì, spero che...")
  const said = beforeHope(text);
  if (matchesLabel(text, translators, `${keyPrefix}.no`) || (said !== '' && recognizeYesNo(said, language) === false)) return 'no';
  if (matchesLabel(text, translators, `${keyPrefix}.yes`) || (said !== '' && recognizeYesNo(said, language) === true)) return 'yes';
  return undefined;
}

export function consentRecord(noticeVersion: string, textShown: string, language: Language, givenAt: Date): ConsentRecord {
  return { noticeVersion, textHash: createHash('sha256').update(textShown).digest('hex'), language, givenAt: givenAt.toISOString() };
}

/** The consent texts of the referral: what a worker reads and taps before any personal data is kept. */
export const REFERRAL_CONSENT_KEYS = [
  'referral.consent',
  'referral.consentShort',
  'referral.consentButtons.yes',
  'referral.consentButtons.no',
  // attaching a live handoff's transcript to the referral (dialogs/referral/referralDialog.ts)
  'referral.transcript.ask',
  'referral.transcript.buttons.yes',
  'referral.transcript.buttons.no',
] as const;
/** The consent texts of the campaign's news. */
export const CAMPAIGN_CONSENT_KEYS = ['campaign.consent', 'campaign.consentShort', 'campaign.consentButtons.yes', 'campaign.consentButtons.no'] as const;

/**
 * Each language's consent templates (unfilled), for loadPrivacyNotices to fold into that language's notice version:
 * a retranslated consent text is then recorded under a new version.
 */
export function consentTextsOf(translator: Translator, keys: readonly string[]): ConsentTexts {
  return (language) => {
    const t = translator.forLanguage(language);
    // without values, i18next leaves {{url}} and {{version}} as written: the templates themselves
    return keys.map((key) => t(key));
  };
}
