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

/*
 * The measure's content (content/measure/<lng>.json), checked directly against Italian for the same reasons: the
 * loader serves only the languages the bot knows, and a translation must be faithful before it is served at all.
 */
const MEASURE_LANGUAGES = ['es', 'fr', 'ro', 'uk', 'ar', 'sq'];
const PRESENT_MEASURE_LANGUAGES = MEASURE_LANGUAGES.filter((l) => fs.existsSync(path.join(contentDir, 'measure', `${l}.json`)));

interface MeasureSection {
  id: string;
  title: string;
  body: string;
  source: string;
}
interface MeasureFaq {
  id: string;
  questions: string[];
  answer: string;
  tags: string[];
  source: string;
  sections: string[];
}
interface MeasureFile {
  version: string;
  locale: string;
  sections: MeasureSection[];
  faq: MeasureFaq[];
}

function readMeasure(language: string): MeasureFile {
  return JSON.parse(fs.readFileSync(path.join(contentDir, 'measure', `${language}.json`), 'utf8')) as MeasureFile;
}

/**
 * Names a worker meets in Italian on forms, offices and websites: they stay as they are in every language (a gloss
 * in the worker's language may follow them).
 */
const MEASURE_NAMES = [
  'Regione Lombardia', 'Azioni di Rete per il lavoro', 'Azioni di Rete', 'Azioni di rete GOL - percorso 5', 'Lombardia',
  'Dote Unica Lavoro', 'GOL', 'NASpI', 'CIGS', "Centro per l'Impiego", 'Garanzia Giovani', 'POR', 'FSE', 'FSC', 'DGR', 'OS1',
  'Fondo Sociale Europeo', 'Fondo Sviluppo e Coesione', 'Reti di partenariato',
];
/** The numbers of the regional government's resolutions ("X/6686", "XI/4074"): the Roman legislature is part of it. */
const RESOLUTION = /\b[XI]{1,3}\/\d+/g;
const MAX_MEASURE_ANSWER_WORDS = 80;
const MAX_MEASURE_BODY_WORDS = 120;

/** Counted as models/content counts them: a token with a letter or a digit is a word. */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Typographic apostrophes count as the plain one ("Centro per l’Impiego"). */
function plainApostrophes(text: string): string {
  return text.replace(/[’ʼ]/g, "'");
}

function quotes(text: string): string[] {
  return [...text.matchAll(/«([^»]+)»/g)].map((m) => m[1].trim().toLowerCase());
}

/** A phrasing as the search reads it: case, accents and punctuation do not make two phrasings different. */
function folded(question: string): string {
  return question.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * What an Italian answer may quote for the worker to type, mapped to what the translation must quote instead: the
 * buttons and commands of the UI strings (paired in order, value by value) and the first phrasing of each FAQ entry
 * («a chi posso rivolgermi?» must be a question the translated FAQ itself answers).
 */
function quoteMapFor(language: string, italian: MeasureFile, translated: MeasureFile): Map<string, Set<string>> {
  const map = labelMapFor(language);
  const add = (source: string, target: string) => map.set(source, (map.get(source) ?? new Set<string>()).add(target));
  for (const file of WORKER_FILES) {
    const targetValues = new Map(leaves(readJson(language, file)));
    for (const [key, value] of leaves(readJson('it', file))) {
      const target = targetValues.get(key);
      if (typeof value !== 'string' || typeof target !== 'string') continue;
      const from = quotes(value);
      const to = quotes(target);
      if (from.length === to.length) from.forEach((q, i) => add(q, to[i]));
    }
  }
  const firstQuestions = new Map(translated.faq.map((f) => [f.id, f.questions[0]?.trim().toLowerCase() ?? '']));
  for (const entry of italian.faq) add(entry.questions[0].trim().toLowerCase(), firstQuestions.get(entry.id) ?? '');
  return map;
}

/** What is wrong with one text (a section body or an FAQ answer) translated from `source`. */
function textProblems(where: string, source: string, text: string, quoteMap: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const value = plainApostrophes(text);
  const withoutPlaceholders = (s: string) => s.replace(PLACEHOLDER, ' ');
  const sorted = (list: string[]) => [...list].sort().join(' ');
  if (sorted(all(PLACEHOLDER, source)) !== sorted(all(PLACEHOLDER, value))) problems.push(`${where}: placeholders ${sorted(all(PLACEHOLDER, source))} became ${sorted(all(PLACEHOLDER, value))}`);
  const facts = [...all(URL, source), ...all(EMAIL, source), ...all(LAW, source), ...all(RESOLUTION, source), ...all(NUMBER, withoutPlaceholders(source))];
  for (const fact of new Set(facts)) if (!value.includes(fact)) problems.push(`${where}: lost "${fact}"`);
  for (const name of MEASURE_NAMES) if (hasName(source, name) && !hasName(value, name)) problems.push(`${where}: lost the name "${name}"`);
  if (count(source, '\n\n') !== count(value, '\n\n')) problems.push(`${where}: ${count(source, '\n\n')} paragraph breaks in Italian, ${count(value, '\n\n')} here`);
  if (count(source, '\n- ') !== count(value, '\n- ')) problems.push(`${where}: ${count(source, '\n- ')} list items in Italian, ${count(value, '\n- ')} here`);
  const quoted = quotes(value);
  for (const q of quotes(source)) {
    const expected = quoteMap.get(q);
    if (expected && ![...expected].some((e) => quoted.includes(e))) problems.push(`${where}: quotes «${q}», which is ${[...expected].map((e) => `«${e}»`).join(' or ')} here`);
  }
  return problems;
}

/** What is wrong with the measure's content translated into `language`, given the Italian file. */
function measureProblems(italian: MeasureFile, translated: MeasureFile, language: string, quoteMap: Map<string, Set<string>> = new Map()): string[] {
  const problems: string[] = [];
  if (translated.locale !== language) problems.push(`locale is "${translated.locale}", not "${language}"`);
  if (translated.version !== italian.version) problems.push(`version is "${translated.version}", Italian is "${italian.version}"`);
  const ids = (list: { id: string }[]) => list.map((e) => e.id).join(' ');
  if (ids(translated.sections) !== ids(italian.sections)) problems.push(`section ids are not the Italian ones in the Italian order: ${ids(translated.sections)}`);
  if (ids(translated.faq) !== ids(italian.faq)) problems.push(`faq ids are not the Italian ones in the Italian order: ${ids(translated.faq)}`);
  const sections = new Map(translated.sections.map((s) => [s.id, s]));
  for (const source of italian.sections) {
    const section = sections.get(source.id);
    if (!section) continue;
    const where = `section "${source.id}"`;
    if (!section.title?.trim()) problems.push(`${where}: empty title`);
    if (section.source !== source.source) problems.push(`${where}: source must stay the Italian "${source.source}"`);
    if (typeof section.body !== 'string' || !section.body.trim()) {
      problems.push(`${where}: empty body`);
      continue;
    }
    if (wordCount(section.body) > MAX_MEASURE_BODY_WORDS) problems.push(`${where}: body has ${wordCount(section.body)} words, at most ${MAX_MEASURE_BODY_WORDS}`);
    problems.push(...textProblems(`${where} body`, source.body, section.body, quoteMap));
  }
  const entries = new Map(translated.faq.map((f) => [f.id, f]));
  const phrasings = new Map<string, string>();
  for (const source of italian.faq) {
    const entry = entries.get(source.id);
    if (!entry) continue;
    const where = `faq "${source.id}"`;
    const questions = Array.isArray(entry.questions) ? entry.questions : [];
    if (questions.length < 4 || questions.length > 8) problems.push(`${where}: ${questions.length} questions, 4 to 8 wanted`);
    for (const question of questions) {
      const key = folded(String(question));
      if (!key) problems.push(`${where}: an empty question`);
      else if (phrasings.has(key)) problems.push(`${where}: "${question}" is also a phrasing of faq "${phrasings.get(key)}"`);
      else phrasings.set(key, source.id);
    }
    if (!Array.isArray(entry.tags) || entry.tags.length === 0 || entry.tags.some((t) => !String(t).trim())) problems.push(`${where}: tags must be a non-empty list`);
    if (entry.source !== source.source) problems.push(`${where}: source must stay the Italian "${source.source}"`);
    if (JSON.stringify(entry.sections) !== JSON.stringify(source.sections)) problems.push(`${where}: sections must be ${JSON.stringify(source.sections)}`);
    if (typeof entry.answer !== 'string' || !entry.answer.trim()) {
      problems.push(`${where}: empty answer`);
      continue;
    }
    if (wordCount(entry.answer) > MAX_MEASURE_ANSWER_WORDS) problems.push(`${where}: answer has ${wordCount(entry.answer)} words, at most ${MAX_MEASURE_ANSWER_WORDS}`);
    problems.push(...textProblems(`${where} answer`, source.answer, entry.answer, quoteMap));
  }
  return problems;
}

interface SynonymGroup {
  concept: string;
  role?: string;
  terms: string[];
}

describe('translations of the measure content', () => {
  const italian = readMeasure('it');

  test('all six languages are present', () => {
    expect(PRESENT_MEASURE_LANGUAGES).toEqual(MEASURE_LANGUAGES);
  });

  describe.each(PRESENT_MEASURE_LANGUAGES)('%s', (language) => {
    test('content/measure is faithful to Italian', () => {
      const translated = readMeasure(language);
      expect(measureProblems(italian, translated, language, quoteMapFor(language, italian, translated))).toEqual([]);
    });
    test('synonyms.json has its own groups, each term in one group only', () => {
      const synonyms = JSON.parse(fs.readFileSync(path.join(contentDir, 'measure', 'synonyms.json'), 'utf8')) as { locales: Record<string, SynonymGroup[]> };
      const groups = synonyms.locales[language] ?? [];
      expect(groups.length).toBeGreaterThanOrEqual(20);
      const owners = new Map<string, string>();
      const inTwoGroups: string[] = [];
      for (const group of groups) {
        for (const term of group.terms.map(folded)) {
          const owner = owners.get(term);
          if (owner !== undefined && owner !== group.concept) inTwoGroups.push(`"${term}" in ${owner} and ${group.concept}`);
          owners.set(term, group.concept);
        }
      }
      expect(inTwoGroups).toEqual([]);
    });
  });

  describe('the check itself fails on a damaged translation', () => {
    const spanish = readMeasure('es');
    const quoteMap = quoteMapFor('es', italian, spanish);
    const copy = () => JSON.parse(JSON.stringify(spanish)) as MeasureFile;
    const faq = (file: MeasureFile, id: string) => file.faq.find((f) => f.id === id) as MeasureFaq;
    const section = (file: MeasureFile, id: string) => file.sections.find((s) => s.id === id) as MeasureSection;

    test('the intact copy passes', () => {
      expect(measureProblems(italian, copy(), 'es', quoteMap)).toEqual([]);
    });
    test('a dropped or changed figure', () => {
      const damaged = copy();
      faq(damaged, 'services-process-value').answer = faq(damaged, 'services-process-value').answer.replace('2.000', 'dos mil');
      section(damaged, 'resources').body = section(damaged, 'resources').body.replace('1.100.000', '1.000.000');
      faq(damaged, 'call-open').answer = faq(damaged, 'call-open').answer.replace('31 de marzo de 2022', 'marzo de 2022');
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toContain('faq "services-process-value" answer: lost "2.000"');
      expect(problems).toContain('section "resources" body: lost "1.100.000"');
      expect(problems).toContain('faq "call-open" answer: lost "31"');
      expect(problems).toHaveLength(3);
    });
    test('a changed law reference and resolution', () => {
      const damaged = copy();
      faq(damaged, 'crisis-meaning').answer = faq(damaged, 'crisis-meaning').answer.replace('art. 24-bis', 'art. 24').replace('148/2015', '148/2016');
      section(damaged, 'legal').body = section(damaged, 'legal').body.replace('XI/677', 'XI 677');
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toEqual(expect.arrayContaining([
        'faq "crisis-meaning" answer: lost "art. 24-bis"',
        'faq "crisis-meaning" answer: lost "D.lgs. 148/2015"',
        'faq "crisis-meaning" answer: lost "148/2015"',
        'section "legal" body: lost "XI/677"',
      ]));
    });
    test('a translated proper name', () => {
      const damaged = copy();
      faq(damaged, 'income-support').answer = faq(damaged, 'income-support').answer.replace(/NASpI/g, 'paro');
      faq(damaged, 'elsewhere').answer = faq(damaged, 'elsewhere').answer.replace("Centro per l'Impiego", 'Centro de Empleo');
      expect(measureProblems(italian, damaged, 'es', quoteMap)).toEqual([
        'faq "income-support" answer: lost the name "NASpI"',
        'faq "elsewhere" answer: lost the name "Centro per l\'Impiego"',
      ]);
      // a typographic apostrophe is the same name
      faq(damaged, 'elsewhere').answer = faq(spanish, 'elsewhere').answer.replace("Centro per l'Impiego", 'Centro per l’Impiego');
      expect(measureProblems(italian, damaged, 'es', quoteMap)).toEqual(['faq "income-support" answer: lost the name "NASpI"']);
    });
    test('ids out of order, a missing entry, a wrong source or locale', () => {
      const damaged = copy();
      [damaged.faq[0], damaged.faq[1]] = [damaged.faq[1], damaged.faq[0]];
      damaged.sections = damaged.sections.filter((s) => s.id !== 'results');
      faq(damaged, 'cost').source = 'ficha de la medida: RECURSOS';
      damaged.locale = 'it';
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toContain('locale is "it", not "es"');
      expect(problems.some((p) => p.startsWith('section ids are not the Italian ones'))).toBe(true);
      expect(problems.some((p) => p.startsWith('faq ids are not the Italian ones'))).toBe(true);
      expect(problems).toContain('faq "cost": source must stay the Italian "scheda-misura: RISORSE FINANZIARIE, PRODOTTI"');
    });
    test('too few or too many questions, a shared phrasing, too long an answer', () => {
      const damaged = copy();
      faq(damaged, 'cost').questions = faq(damaged, 'cost').questions.slice(0, 3);
      faq(damaged, 'results').questions = [...faq(damaged, 'results').questions, 'a', 'b', 'c'];
      faq(damaged, 'duration').questions.push('¿Es GRATIS?');
      faq(damaged, 'legal').answer = `${faq(damaged, 'legal').answer} ${'palabra '.repeat(30)}`;
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toContain('faq "cost": 3 questions, 4 to 8 wanted');
      expect(problems).toContain('faq "results": 9 questions, 4 to 8 wanted');
      expect(problems).toContain('faq "cost": "es gratis?" is also a phrasing of faq "duration"');
      expect(problems.some((p) => /^faq "legal": answer has \d+ words, at most 80$/.test(p))).toBe(true);
    });
    test('a quoted command that the worker could not type, a lost placeholder', () => {
      const damaged = copy();
      faq(damaged, 'contacts').answer = faq(damaged, 'contacts').answer.replace('«Quiero que me contacten»', '«contáctenme»');
      faq(damaged, 'self-employed').answer = faq(damaged, 'self-employed').answer.replace('«¿A quién puedo dirigirme?»', '«¿adónde voy?»');
      faq(damaged, 'data-retention').answer = faq(damaged, 'data-retention').answer.replace('{{chatHours}}', '24');
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toContain('faq "contacts" answer: quotes «voglio essere ricontattato», which is «quiero que me contacten» here');
      expect(problems.some((p) => p.startsWith('faq "self-employed" answer: quotes «a chi posso rivolgermi?»'))).toBe(true);
      expect(problems).toContain('faq "data-retention" answer: placeholders {{chatHours}} {{retention}} became {{retention}}');
    });
  });
});
