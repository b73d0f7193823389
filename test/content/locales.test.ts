import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, readLocaleResources, STAFF_NAMESPACES } from '../../models/i18n';
import { FALLBACK_CHAIN } from '../../models/languages';
import { projectRoot } from '../../models/paths';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const resources = readLocaleResources();
const codeFiles = ['bot', 'dialogs'].flatMap((d) => sourceFiles(path.join(projectRoot, d)));

describe('UI strings', () => {
  // A newer language (models/languages.ts) is complete once its translation.json is there; until then i18next shows
  // the missing strings in Italian, and it may only hold keys Italian has.
  const complete = (language: string): boolean => fs.existsSync(path.join(projectRoot, 'content', 'locales', language, 'translation.json'));

  test.each(LANGUAGES.filter((l) => l !== 'it'))('%s has no key that Italian lacks', (language) => {
    const italian = keyPaths(resources.it);
    expect(keyPaths(resources[language]).filter((k) => !italian.includes(k))).toEqual([]);
  });

  // staff strings (console, Teams operator channel) are needed in the fallback languages only
  const neededIn = (language: string) => (key: string): boolean =>
    (FALLBACK_CHAIN as readonly string[]).includes(language) || !STAFF_NAMESPACES.includes(key.split('.')[0]);

  const translated = LANGUAGES.filter((l) => l !== 'it' && complete(l));
  const pending = LANGUAGES.filter((l) => !complete(l));
  test.each(translated)('%s has every key of Italian', (language) => {
    const other = keyPaths(resources[language]);
    expect(keyPaths(resources.it).filter(neededIn(language)).filter((k) => !other.includes(k))).toEqual([]);
  });
  // reported as skipped, not passed, while a language's translation.json is still to come
  if (pending.length > 0) test.skip.each(pending)('%s has every key of Italian (translation.json not there yet)', () => undefined);

  test('no value is empty', () => {
    for (const language of LANGUAGES) {
      for (const key of keyPaths(resources[language])) {
        const value = key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], resources[language]);
        expect({ language, key, empty: Array.isArray(value) ? value.length === 0 : String(value).trim() === '' }).toEqual({ language, key, empty: false });
      }
    }
  });

  test('every key the code asks for exists in every language', () => {
    const used = new Set<string>();
    for (const file of codeFiles) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const language of LANGUAGES.filter(complete)) {
      const keys = new Set(keyPaths(resources[language]));
      expect({ language, missing: [...used].filter(neededIn(language)).filter((k) => !keys.has(k)) }).toEqual({ language, missing: [] });
    }
  });

  test('no user-facing text is hard-coded in bot/ or dialogs/', () => {
    const offenders: string[] = [];
    const patterns = [/sendActivity\(\s*['"`][A-Za-zÀ-ú]/, /MessageFactory\.(text|suggestedActions)\([^)]*['"`][A-Za-zÀ-ú]/, /messageWithButtons\(\s*['"`][A-Za-zÀ-ú]/, /prompt\([^,]+,\s*['"`][A-Za-zÀ-ú]/];
    for (const file of codeFiles) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) offenders.push(`${path.relative(projectRoot, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
