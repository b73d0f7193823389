import { createI18next, createTranslator, LANGUAGES, readLocaleResources } from '../../models/i18n';

/**
 * The Translator fills a string's `{{name}}` placeholders itself when a call passes only their values (models/i18n.ts,
 * memoized): every key of every language, with values of every kind a turn passes (places, names, references, counts,
 * text with `$` and quotes, an empty value), must read exactly as i18next itself gives it, and so must the calls it
 * leaves to i18next.
 */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

const resources = readLocaleResources();
const keys = [...new Set(LANGUAGES.flatMap((l) => keyPaths(resources[l])))];

function placeholders(language: (typeof LANGUAGES)[number], key: string, read: (k: string) => unknown): string[] {
  const text = read(key);
  return typeof text === 'string' ? [...text.matchAll(/\{\{\s*-?\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]) : [];
}

const VALUES: Array<string | number> = ['Treviglio (BG)', 'Giulia Rossi', 'AR-H2KUK', 3, 0, '$& $1 $$ «ok»', '', "l'azienda \"X\" srl", 'https://example.org/privacy?a=1&b=2', ' Lecco \n'];

describe('the Translator fills placeholders as i18next does', () => {
  let i18n: Awaited<ReturnType<typeof createI18next>>;
  let translator: Awaited<ReturnType<typeof createTranslator>>;
  beforeAll(async () => {
    i18n = await createI18next();
    translator = await createTranslator();
  });

  test.each(LANGUAGES)('%s: every key, with values for its placeholders, some missing, extra, or i18next options', (language) => {
    const t = translator.forLanguage(language);
    const reference = i18n.getFixedT(language);
    let filled = 0;
    for (const key of keys) {
      const names = placeholders(language, key, (k) => reference(k));
      VALUES.forEach((value, i) => {
        const options = Object.fromEntries(names.map((name, n) => [name, VALUES[(i + n) % VALUES.length] ?? value]));
        expect([key, t(key, options)]).toEqual([key, reference(key, options)]);
        filled += names.length > 0 ? 1 : 0;
      });
      // a value missing, a value that is not the string's, a value that looks like a placeholder, i18next's own options
      const partial = Object.fromEntries(names.slice(1).map((name) => [name, 'x']));
      for (const options of [partial, { ...partial, unrelated: 'y' }, Object.fromEntries(names.map((name) => [name, '{{other}}'])), { count: 2 }, { ...partial, count: 1 }, { returnObjects: true }, {}]) {
        expect([key, t(key, options)]).toEqual([key, reference(key, options)]);
      }
    }
    expect(filled).toBeGreaterThan(50);
  });
});
