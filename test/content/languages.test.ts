/**
 * The eight languages (models/languages.ts) and how the UI strings load for them (models/i18n.ts): every language
 * is accepted from a channel locale, a missing string falls back to Italian then English, and a language's name
 * written in any of the eight switches to it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTranslator, languageOf, LANGUAGES } from '../../models/i18n';
import { contentLanguageOf, directionOf, LANGUAGE_TABLE, languageNamedBy } from '../../models/languages';

describe('the languages table', () => {
  test('eight languages, Italian first; Arabic alone right to left', () => {
    expect([...LANGUAGES]).toEqual(['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr']);
    expect(LANGUAGES.filter((l) => directionOf(l) === 'rtl')).toEqual(['ar']);
  });

  test('every Snowball algorithm named exists in snowball-stemmers; Arabic, Albanian and Ukrainian use light stemmers', () => {
    const { algorithms } = require('snowball-stemmers') as { algorithms(): string[] };
    for (const language of LANGUAGES) {
      const algorithm = LANGUAGE_TABLE[language].snowball;
      if (algorithm !== null) expect(algorithms()).toContain(algorithm);
    }
    // what they get instead: models/faq/lightStemmers.ts (tested in test/faq/lightStemmers.test.ts)
    expect(LANGUAGES.filter((l) => LANGUAGE_TABLE[l].snowball === null)).toEqual(['ar', 'sq', 'uk']);
  });

  test.each([
    ['ro-RO', 'ro'],
    ['ar-EG', 'ar'],
    ['ar_MA', 'ar'],
    ['sq-AL', 'sq'],
    ['es-419', 'es'],
    ['uk-UA', 'uk'],
    ['fr-FR', 'fr'],
    ['en-US', 'en'],
    ['it', 'it'],
    ['de-DE', 'it'],
    ['', 'it'],
    [undefined, 'it'],
  ])('the channel locale %p is %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });

  test('each language reads the measure content of its own (content/measure/<lng>.json), none borrows Italian', () => {
    expect(LANGUAGES.map(contentLanguageOf)).toEqual([...LANGUAGES]);
  });

  test.each([
    ['română', 'ro'],
    ['Romana', 'ro'],
    ['in romana', 'ro'],
    ['rumeno', 'ro'],
    ['العربية', 'ar'],
    ['عربي', 'ar'],
    // the project's one fold: hamza forms are plain alef, a final ta marbuta typed as ha is the same word
    ['الإيطالية', 'it'],
    ['الايطاليه', 'it'],
    ['العربيه', 'ar'],
    ['arabo', 'ar'],
    ['shqip', 'sq'],
    ['Shqip!', 'sq'],
    ['albanese', 'sq'],
    ['español', 'es'],
    ['Espanol', 'es'],
    ['spagnolo', 'es'],
    ['українська', 'uk'],
    ['ucraino', 'uk'],
    ['français', 'fr'],
    ['francais', 'fr'],
    ['in francese', 'fr'],
    ['italiano', 'it'],
    ['English', 'en'],
  ])('writing %p switches to %s', (text, language) => {
    expect(languageNamedBy(text)).toBe(language);
  });

  test.each(['parlo rumeno e italiano', 'sono albanese', 'la mia azienda è francese e chiude', 'menu', ''])('%p names no language to switch to', (text) => {
    expect(languageNamedBy(text)).toBeUndefined();
  });

  test('each name switches to one language only', () => {
    const seen = new Map<string, string>();
    for (const language of LANGUAGES) {
      for (const name of [LANGUAGE_TABLE[language].nativeName, ...LANGUAGE_TABLE[language].names]) {
        const owner = languageNamedBy(name);
        expect({ name, owner }).toEqual({ name, owner: language });
        seen.set(name, language);
      }
    }
    expect(seen.size).toBeGreaterThan(80);
  });
});

describe('UI strings for the eight languages', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    const write = (language: string, strings: object): void => {
      fs.mkdirSync(path.join(dir, language), { recursive: true });
      fs.writeFileSync(path.join(dir, language, 'translation.json'), JSON.stringify(strings));
    };
    write('it', { a: 'uno', b: 'due', c: 'tre' });
    write('en', { a: 'one', b: 'two', c: 'three', d: 'four' });
    write('ro', { a: 'unu' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a key missing in a newer language is shown in Italian, then English; a language with no strings at all still loads', async () => {
    const translator = await createTranslator(dir);
    const ro = translator.forLanguage('ro');
    expect([ro('a'), ro('b'), ro('d')]).toEqual(['unu', 'due', 'four']);
    const uk = translator.forLanguage('uk');
    expect([uk('a'), uk('d')]).toEqual(['uno', 'four']);
    // keywords across languages, each once
    expect(translator.allLanguages('a')).toEqual(['uno', 'one', 'unu']);
  });

  test('Italian and English must exist', async () => {
    fs.rmSync(path.join(dir, 'en', 'translation.json'));
    await expect(createTranslator(dir)).rejects.toThrow(/missing UI strings .*en.*translation\.json/);
  });
});
