/**
 * Each language's consent has a version of its own (issue 16): the notice version folds in the language and its
 * consent texts, so the six languages that show Italian's full notice do not share Italian's version, and a
 * retranslated consent text changes that language's version only.
 */
import { loadPrivacyNotices, type ConsentTexts } from '../../models/privacyNotice';
import { LANGUAGES } from '../../models/i18n';

const texts = (changed: Partial<Record<string, string>> = {}): ConsentTexts => (language) => [changed[language] ?? `consent text in ${language}`];

describe('notice versions per language', () => {
  test('eight languages, eight versions of the same notice file; the newer ones show the Italian text', () => {
    const notices = loadPrivacyNotices(undefined, { retentionDays: 30 }, texts());
    const versions = LANGUAGES.map((l) => notices[l].version);
    expect(new Set(versions).size).toBe(LANGUAGES.length);
    for (const version of versions) expect(version).toMatch(/^privacy-[0-9.-]+\+[0-9a-f]{8}$/);
    expect(notices.ar.paragraphs).toEqual(notices.it.paragraphs);
    expect(notices.ar.language).toBe('it');
    expect(notices.en.language).toBe('en');
  });

  test("a changed consent text changes that language's version, and no other", () => {
    const before = loadPrivacyNotices(undefined, { retentionDays: 30 }, texts());
    const after = loadPrivacyNotices(undefined, { retentionDays: 30 }, texts({ ro: 'a corrected Romanian consent text' }));
    for (const language of LANGUAGES) {
      if (language === 'ro') expect(after.ro.version).not.toBe(before.ro.version);
      else expect(after[language].version).toBe(before[language].version);
    }
  });
});
