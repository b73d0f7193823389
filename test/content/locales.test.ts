import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, readLocaleResources } from '../../models/i18n';
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
  test.each(LANGUAGES.filter((l) => l !== 'it'))('%s has exactly the keys of Italian', (language) => {
    const italian = keyPaths(resources.it).sort();
    const other = keyPaths(resources[language]).sort();
    expect(other.filter((k) => !italian.includes(k))).toEqual([]);
    expect(italian.filter((k) => !other.includes(k))).toEqual([]);
  });

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
    for (const language of LANGUAGES) {
      const keys = new Set(keyPaths(resources[language]));
      expect({ language, missing: [...used].filter((k) => !keys.has(k)) }).toEqual({ language, missing: [] });
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
