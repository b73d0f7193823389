/**
 * Short first messages (two or three words): Arabic and Cyrillic script decide from two words, Latin-script languages
 * switch from three words with a telling word or letter (models/languageEvidence.ts), and Italian never switches.
 * The development set is eval/lang.short.dev.jsonl (written before the rule), the same `npm run eval:lang` reports.
 */
import * as path from 'node:path';
import { identifyLanguageSwitch, readLanguage } from '../../models/languageIdentification';
import { LANGUAGE_CODES, type LanguageCode } from '../../models/languages';
import { projectRoot } from '../../models/paths';
import { readJsonLines } from '../../scripts/evalCases';

const shortSet = readJsonLines<{ text: string; expect: LanguageCode }>(path.join(projectRoot, 'eval', 'lang.short.dev.jsonl'));

test.each(LANGUAGE_CODES.map((l) => [l]))('%s: short messages at least 90%% identified, Italian always', (language) => {
  const mine = shortSet.filter((c) => c.expect === language);
  expect(mine.length).toBeGreaterThanOrEqual(10);
  const right = mine.filter((c) => {
    const reading = readLanguage(c.text, 'it');
    return (reading.kind === 'language' ? reading.language : 'it') === language;
  });
  expect(right.length / mine.length).toBeGreaterThanOrEqual(language === 'it' ? 1 : 0.9);
});

test.each([
  ['فقدت عملي', 'ar'],
  ['لا أفهم', 'ar'],
  ['не розумію', 'uk'],
  ['мене звільнили', 'uk'],
])('%p (two words in its own script) switches to %s', (text, language) => {
  expect(identifyLanguageSwitch(text, 'it')).toBe(language);
  expect(identifyLanguageSwitch(text, 'en')).toBe(language);
});

test('one word in Arabic or Cyrillic script says too little', () => {
  expect(readLanguage('مرحبا', 'it')).toEqual({ kind: 'none', reason: 'too_short' });
  expect(readLanguage('привіт', 'it')).toEqual({ kind: 'none', reason: 'too_short' });
});

test.each([
  ['mulțumesc, la revedere', 'ro'],
  ['la fábrica cierra', 'es'],
  ['jam pa punë', 'sq'],
  ['je suis licencié', 'fr'],
])('%p (three words, a telling word or letter) switches to %s', (text, language) => {
  expect(identifyLanguageSwitch(text, 'it')).toBe(language);
});

test.each(['posso partecipare?', 'grazie, arrivederci', 'la fabbrica chiude', 'menu principale', 'sì grazie', 'lavoro a Como', 'non ho capito', 'ok va bene', 'non lo so', 'ho perso il lavoro'])(
  '%p keeps Italian',
  (text) => {
    expect(identifyLanguageSwitch(text, 'it')).toBeUndefined();
  },
);

test('English is recognised from three words, but never switched to by itself', () => {
  expect(readLanguage('can I apply?', 'it')).toMatchObject({ kind: 'language', language: 'en' });
  expect(identifyLanguageSwitch('can I apply?', 'it')).toBeUndefined();
});
