/**
 * Each language's consent has a version of its own (issue 16): the notice version folds in the language, the text it
 * shows and its consent texts, so no two languages share a version, a retranslated consent text changes that
 * language's version only, and a language that gets a notice file of its own (instead of Italian's) gets a new
 * version: a consent recorded before names the version, and so the Italian text, that was shown then.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPrivacyNotices, privacyNoticeLink, type ConsentTexts } from '../../models/privacyNotice';
import { LANGUAGES } from '../../models/i18n';
import { contentDir } from '../../models/paths';

const texts = (changed: Partial<Record<string, string>> = {}): ConsentTexts => (language) => [changed[language] ?? `consent text in ${language}`];

/** A notice folder holding only the given languages' files, copied from content/privacy/<folder>. */
function noticeFolder(folder: string, languages: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notices-'));
  for (const language of languages) fs.copyFileSync(path.join(contentDir, 'privacy', folder, `${language}.json`), path.join(dir, `${language}.json`));
  return dir;
}

describe('notice versions per language', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([['referral', ''], ['campaign', 'campaign']])('%s: eight languages, eight versions; each shows its own notice file', (_name, folder) => {
    const notices = loadPrivacyNotices(path.join(contentDir, 'privacy', folder), { retentionDays: 30 }, texts());
    const versions = LANGUAGES.map((l) => notices[l].version);
    expect(new Set(versions).size).toBe(LANGUAGES.length);
    for (const version of versions) expect(version).toMatch(/^(privacy|campaign)-[0-9.-]+\+[0-9a-f]{8}$/);
    for (const language of LANGUAGES) {
      expect(notices[language].language).toBe(language);
      if (language !== 'it') expect(notices[language].paragraphs).not.toEqual(notices.it.paragraphs);
    }
  });

  test('a language without a file of its own shows the Italian text under its own version', () => {
    const dir = noticeFolder('', ['it', 'en']);
    dirs.push(dir);
    const notices = loadPrivacyNotices(dir, { retentionDays: 30 }, texts());
    expect(notices.ar.language).toBe('it');
    expect(notices.ar.paragraphs).toEqual(notices.it.paragraphs);
    expect(notices.ar.version).not.toBe(notices.it.version);
    expect(notices.en.language).toBe('en');
  });

  test("adding a language's own file changes that language's version, and no other", () => {
    const dir = noticeFolder('', ['it', 'en']);
    dirs.push(dir);
    const before = loadPrivacyNotices(dir, { retentionDays: 30 }, texts());
    fs.copyFileSync(path.join(contentDir, 'privacy', 'ro.json'), path.join(dir, 'ro.json'));
    const after = loadPrivacyNotices(dir, { retentionDays: 30 }, texts());
    expect(after.ro.language).toBe('ro');
    for (const language of LANGUAGES) {
      if (language === 'ro') expect(after.ro.version).not.toBe(before.ro.version);
      else expect(after[language].version).toBe(before[language].version);
    }
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

describe('the link to the full notice names the language of the chat', () => {
  test.each([
    ['/privacy', 'sq', '/privacy?lang=sq'],
    ['/privacy', 'it', '/privacy?lang=it'],
    ['/privacy?from=chat#retention', 'ar', '/privacy?from=chat&lang=ar#retention'],
    ['/privacy?lang=en', 'uk', '/privacy?lang=en'],
    // the controller's own page, or one on another host, is theirs to read: kept as written
    ['https://www.regione.lombardia.it/privacy', 'ro', 'https://www.regione.lombardia.it/privacy'],
    ['//example.org/privacy', 'fr', '//example.org/privacy'],
  ] as const)('%s in %s -> %s', (url, language, link) => {
    expect(privacyNoticeLink(url, language)).toBe(link);
  });
});
