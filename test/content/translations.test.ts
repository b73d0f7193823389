import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentDir } from '../../models/paths';

/**
 * Faithfulness of the worker-facing translations (issue 16). Italian is the source: every translated file must have
 * its keys in the same order, the same i18next placeholders, every number, date, law reference, URL, e-mail and
 * proper name of the Italian value, the same markdown emphasis and line breaks, and the button labels that a
 * sentence quotes must be the labels the buttons really show in that language.
 * The files are read directly (not through models/i18n) so this test does not depend on which languages the bot
 * serves.
 */
const TRANSLATED_LANGUAGES = ['es', 'fr', 'ro', 'uk', 'ar', 'sq'].filter((l) => fs.existsSync(path.join(contentDir, 'locales', l)));
const WORKER_FILES = ['translation.json', 'input.json', 'news.json', 'campaign.json'];

type Tree = Record<string, unknown>;
type Leaf = string | string[];

function readJson(language: string, file: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(contentDir, 'locales', language, file), 'utf8')) as Tree;
}

/** Leaf key paths in document order; an array (a list of command keywords) is one leaf. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value as Tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Names that stay in Italian in every language (the worker meets them in Italian on forms, signs and websites). */
const PROPER_NAMES = [
  'Regione Lombardia', 'Azioni di Rete per il lavoro', 'Azioni di Rete', 'Lombardia', 'Dote Unica Lavoro', 'GOL', 'NASpI',
  'CIGS', 'CIGD', 'CIGO', 'Microsoft Teams', 'Treviglio', 'Bergamo', 'Brescia', 'BG', 'MI',
];
const URL = /https?:\/\/[^\s)>\]]+/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const LAW = /\b(?:artt?\.\s*\d+(?:-\w+)?|D\.\s?lgs\.\s*\d+\/\d{4}|D\.L\.\s*\d+\/\d{4}|L\.\s*\d+\/\d{4}|d\.g\.r\.\s*(?:n\.\s*)?[\w/.-]*\d)/gi;
const NUMBER = /\d+(?:[.,:/]\d+)*/g;
const PLACEHOLDER = /\{\{[^}]+\}\}|\$t\([^)]*\)/g;

function all(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hasName(text: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z])${escapeRegExp(name)}(?![A-Za-z])`).test(text);
}

function count(text: string, token: string): number {
  return text.split(token).length - 1;
}

/** Short values without placeholders: button labels and menu entries, which sentences quote as «label». */
function labels(files: Tree[]): [string, string][] {
  return files.flatMap((tree) => leaves(tree)).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length <= 60 && !entry[1].includes('{{'));
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
/**
 * 'many' in Spanish and French (as in Italian) is only for millions written with an exponent ("1,5 millones"):
 * i18next asks for key_many then, and a translation, like the Italian source, may leave it out.
 */
const OPTIONAL_PLURALS: Record<string, string[]> = { es: ['many'], fr: ['many'] };

/** The plural forms i18next v25 asks for in `language` (it uses Intl.PluralRules), in CLDR order. */
function pluralForms(language: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  return CLDR_ORDER.filter((c) => categories.includes(c));
}

interface ExpectedLeaf {
  key: string;
  source: unknown;
  optional: boolean;
}

/**
 * The leaves a translation into `language` must have: the Italian ones, except that a plural group (key_one,
 * key_other in Italian) becomes the target language's own plural forms, each checked against the Italian form of the
 * same name or else against key_other.
 */
function expectedLeaves(italian: Tree, language: string): ExpectedLeaf[] {
  const source = leaves(italian);
  const values = new Map(source);
  const done = new Set<string>();
  return source.flatMap(([key, value]): ExpectedLeaf[] => {
    if (!PLURAL_SUFFIX.test(key)) return [{ key, source: value, optional: false }];
    const base = key.replace(PLURAL_SUFFIX, '');
    if (done.has(base)) return [];
    done.add(base);
    return pluralForms(language).map((form) => ({
      key: `${base}_${form}`,
      source: values.get(`${base}_${form}`) ?? values.get(`${base}_other`),
      optional: (OPTIONAL_PLURALS[language] ?? []).includes(form),
    }));
  });
}

/**
 * What is wrong with one translated file into `language`, given its Italian source. `labelMap` maps an Italian label
 * (lower case) to the labels of the same keys in the translation.
 */
function translationProblems(italian: Tree, translated: Tree, language: string, labelMap: Map<string, Set<string>> = new Map()): string[] {
  const problems: string[] = [];
  const expected = expectedLeaves(italian, language);
  const target = leaves(translated);
  const expectedKeys = expected.map((e) => e.key);
  const targetKeys = target.map(([k]) => k);
  for (const e of expected.filter((e) => !e.optional && !targetKeys.includes(e.key))) problems.push(`${e.key}: missing`);
  for (const k of targetKeys.filter((k) => !expectedKeys.includes(k))) problems.push(`${k}: not in Italian`);
  const ordered = (keys: string[]) => keys.filter((k) => targetKeys.includes(k) && expectedKeys.includes(k) && !PLURAL_SUFFIX.test(k)).join('\n');
  if (ordered(expectedKeys) !== ordered(targetKeys)) problems.push('keys are not in the Italian order');
  const source = expected.map((e): [string, unknown] => [e.key, e.source]);
  const targetValues = new Map(target);
  for (const [key, sourceValue] of source) {
    if (!targetValues.has(key)) continue;
    const value = targetValues.get(key);
    if (Array.isArray(sourceValue)) {
      if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v.trim() === '')) problems.push(`${key}: must be a non-empty list of keywords`);
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${key}: empty or not a string`);
      continue;
    }
    const text = String(sourceValue);
    const sorted = (list: string[]) => [...list].sort().join(' ');
    if (sorted(all(PLACEHOLDER, text)) !== sorted(all(PLACEHOLDER, value))) problems.push(`${key}: placeholders ${sorted(all(PLACEHOLDER, text))} became ${sorted(all(PLACEHOLDER, value))}`);
    const withoutPlaceholders = (s: string) => s.replace(PLACEHOLDER, ' ');
    const facts = [...all(URL, text), ...all(EMAIL, text), ...all(LAW, text), ...all(NUMBER, withoutPlaceholders(text))];
    for (const fact of new Set(facts)) if (!value.includes(fact)) problems.push(`${key}: lost "${fact}"`);
    for (const name of PROPER_NAMES) if (hasName(text, name) && !hasName(value, name)) problems.push(`${key}: lost the name "${name}"`);
    for (const token of ['**', '\n', '](']) if (count(text, token) !== count(value, token)) problems.push(`${key}: ${JSON.stringify(token)} appears ${count(text, token)} times in Italian, ${count(value, token)} here`);
    for (const [, quoted] of text.matchAll(/«([^»]+)»/g)) {
      const expected = labelMap.get(quoted.toLowerCase());
      if (!expected) continue;
      const quotes = [...value.matchAll(/«([^»]+)»/g)].map((m) => m[1].toLowerCase());
      if (![...expected].some((label) => quotes.includes(label))) problems.push(`${key}: quotes the label «${quoted}», which is shown as ${[...expected].map((l) => `«${l}»`).join(' or ')}`);
    }
  }
  return problems;
}

function labelMapFor(language: string): Map<string, Set<string>> {
  const italian = new Map(labels(WORKER_FILES.map((f) => readJson('it', f))));
  const map = new Map<string, Set<string>>();
  for (const [key, label] of labels(WORKER_FILES.map((f) => readJson(language, f)))) {
    const source = italian.get(key);
    if (source === undefined) continue;
    const set = map.get(source.toLowerCase()) ?? new Set<string>();
    set.add(label.toLowerCase());
    map.set(source.toLowerCase(), set);
  }
  return map;
}

describe('translations of the worker-facing strings', () => {
  test('all six languages are present', () => {
    expect(TRANSLATED_LANGUAGES).toEqual(['es', 'fr', 'ro', 'uk', 'ar', 'sq']);
  });

  describe.each(TRANSLATED_LANGUAGES)('%s', (language) => {
    const labelMap = labelMapFor(language);
    test.each(WORKER_FILES)('%s is faithful to Italian', (file) => {
      expect(translationProblems(readJson('it', file), readJson(language, file), language, labelMap)).toEqual([]);
    });
  });

  describe('the check itself fails on a damaged translation', () => {
    const italian = readJson('it', 'translation.json');
    const spanish = readJson('es', 'translation.json');
    const copy = () => JSON.parse(JSON.stringify(spanish)) as Tree & { referral: Tree; welcome: Tree; eligibility: { reason: Tree; buttons: Tree } };

    test('the intact copy passes', () => {
      expect(translationProblems(italian, copy(), 'es', labelMapFor('es'))).toEqual([]);
    });
    test('a dropped key', () => {
      const damaged = copy();
      delete damaged.welcome.returning;
      expect(translationProblems(italian, damaged, 'es')).toContain('welcome.returning: missing');
    });
    test('an extra key', () => {
      const damaged = copy();
      damaged.welcome.extra = 'x';
      expect(translationProblems(italian, damaged, 'es')).toContain('welcome.extra: not in Italian');
    });
    test('a dropped number', () => {
      const damaged = copy();
      damaged.referral.reprompt = { ...(damaged.referral.reprompt as Tree), name: 'Escriba su nombre y apellidos.' };
      expect(translationProblems(italian, damaged, 'es')).toContain('referral.reprompt.name: lost "100"');
    });
    test('a changed date, law reference and e-mail', () => {
      const damaged = copy();
      damaged.eligibility.reason.AT_RISK_RELOCATION_AGREEMENT = 'Hay un acuerdo de recolocación (art. 24-bis del D.lgs. 148/2016).';
      const reprompt2 = damaged.referral.reprompt2 as Tree;
      reprompt2.contact = String(reprompt2.contact).replace('mario.rossi@gmail.com', 'mario.rossi@gmail.es');
      const problems = translationProblems(italian, damaged, 'es');
      expect(problems).toContain('eligibility.reason.AT_RISK_RELOCATION_AGREEMENT: lost "D.lgs. 148/2015"');
      expect(problems).toContain('eligibility.reason.AT_RISK_RELOCATION_AGREEMENT: lost "148/2015"');
      expect(problems).toContain('referral.reprompt2.contact: lost "mario.rossi@gmail.com"');
    });
    test('a translated proper name', () => {
      const damaged = copy();
      damaged.welcome.returning = '¡Hola! Soy el asistente de Acciones de Red para el trabajo.';
      expect(translationProblems(italian, damaged, 'es')).toContain('welcome.returning: lost the name "Azioni di Rete per il lavoro"');
    });
    test('a lost or renamed placeholder, line break and bold', () => {
      const damaged = copy();
      damaged.referral.done = '¡Hecho! Su solicitud está registrada. Código de referencia: {{ref}}.';
      const problems = translationProblems(italian, damaged, 'es');
      expect(problems).toContain('referral.done: placeholders {{reference}} became {{ref}}');
      expect(problems).toContain('referral.done: "**" appears 2 times in Italian, 0 here');
      damaged.referral.summary = String(damaged.referral.summary).replace('\n\n', ' ');
      expect(translationProblems(italian, damaged, 'es')).toContain('referral.summary: "\\n" appears 9 times in Italian, 7 here');
    });
    test('a plural needs the forms of the target language, as i18next names them', () => {
      const source = { leads: { deleted_one: 'Ho cancellato {{count}} richiesta.', deleted_other: 'Ho cancellato {{count}} richieste.' } };
      expect(pluralForms('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
      expect(pluralForms('uk')).toEqual(['one', 'few', 'many', 'other']);
      expect(pluralForms('ro')).toEqual(['one', 'few', 'other']);
      const ukrainian = { leads: { deleted_one: 'Видалено {{count}} запит.', deleted_few: 'Видалено {{count}} запити.', deleted_many: 'Видалено {{count}} запитів.', deleted_other: 'Видалено {{count}} запиту.' } };
      expect(translationProblems(source, ukrainian, 'uk')).toEqual([]);
      const { deleted_few: _few, ...withoutFew } = ukrainian.leads;
      expect(_few).toBeTruthy();
      expect(translationProblems(source, { leads: withoutFew }, 'uk')).toEqual(['leads.deleted_few: missing']);
      expect(translationProblems(source, { leads: { deleted_one: 'Borré {{count}} solicitud.', deleted_other: 'Borré {{count}} solicitudes.' } }, 'es')).toEqual([]);
      expect(translationProblems(source, { leads: { deleted_one: 'Borré {{count}} solicitud.', deleted_other: 'Borré solicitudes.' } }, 'es')).toEqual(['leads.deleted_other: placeholders {{count}} became ']);
      expect(translationProblems(source, { leads: { deleted_one: 'x {{count}}', deleted_few: 'x {{count}}', deleted_other: 'x {{count}}' } }, 'sq')).toEqual(['leads.deleted_few: not in Italian']);
    });
    test('an empty value, a reordered key and a quoted label that is not the button', () => {
      const damaged = copy();
      const { greeting, ...rest } = damaged.welcome;
      damaged.welcome = { ...rest, greeting: '' };
      damaged.eligibility.buttons.person = 'Hablar con una persona';
      const problems = translationProblems(italian, damaged, 'es', labelMapFor('es'));
      expect(problems).toContain('welcome.greeting: empty or not a string');
      expect(problems).toContain('keys are not in the Italian order');
      expect(greeting).toBeTruthy();
      // labelMapFor reads the files on disk; the damaged label is checked with a map built from the damaged copy
      const map = new Map([['parla con un operatore', new Set(['hablar con una persona'])]]);
      expect(translationProblems(italian, copy(), 'es', map)).toContain('eligibility.reprompt.offerPerson: quotes the label «Parla con un operatore», which is shown as «hablar con una persona»');
    });
  });
});
