/**
 * Consent in the eight languages: the consent buttons of every language, and the worker's own words in theirs.
 * Anything else (a doubt, a question) is never consent.
 */
import { consentAnswer } from '../../dialogs/consent';
import { createTranslator, LANGUAGES, type Language, type Translate } from '../../models/i18n';

describe('consent answers in every language', () => {
  let translators: Translate[];
  let t: (language: Language) => Translate;
  beforeAll(async () => {
    const translator = await createTranslator();
    translators = LANGUAGES.map((l) => translator.forLanguage(l));
    t = (language) => translator.forLanguage(language);
  });

  test.each(LANGUAGES)('%s: its own consent buttons', (language) => {
    for (const prefix of ['referral.consentButtons', 'campaign.consentButtons']) {
      expect(consentAnswer(t(language)(`${prefix}.yes`), translators, prefix, language)).toBe('yes');
      expect(consentAnswer(t(language)(`${prefix}.no`), translators, prefix, language)).toBe('no');
    }
  });

  test.each<[string, Language, 'yes' | 'no' | undefined]>([
    ['sunt de acord', 'ro', 'yes'],
    ['nu sunt de acord', 'ro', 'no'],
    ['doy mi consentimiento', 'es', 'yes'],
    ['no, no doy mi consentimiento', 'es', 'no'],
    ["d'accord", 'fr', 'yes'],
    ["je n'accepte pas", 'fr', 'no'],
    ['po, jap pëlqimin', 'sq', 'yes'],
    ['nuk jap pelqimin', 'sq', 'no'],
    ['так, погоджуюся', 'uk', 'yes'],
    ['не погоджуюся', 'uk', 'no'],
    ['نعم أوافق', 'ar', 'yes'],
    ['لا أوافق', 'ar', 'no'],
    ['nu știu', 'ro', undefined],
    ['لا أعرف', 'ar', undefined],
    ['що це означає?', 'uk', undefined],
    // a hope is no consent; what is said before it is
    ['spero di sì', 'it', undefined],
    ['I hope so', 'en', undefined],
    ['ojalá que sí', 'es', undefined],
    ['sì, spero solo che non mi chiamino di notte', 'it', 'yes'],
    ['no, e spero di non essere richiamato', 'it', 'no'],
  ])('%s [%s] -> %s', (text, language, expected) => {
    expect(consentAnswer(text, translators, 'referral.consentButtons', language)).toBe(expected);
  });
});
