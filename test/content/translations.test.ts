import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentDir } from '../../models/paths';

/**
 * Faithfulness of the worker-facing translations (issue 16). Italian is the source: every translated file must have
 * its keys in the same order, the same i18next placeholders, every fact of the Italian value (factProblems: numbers,
 * amounts in euro with their currency, dates with their month, law references, resolutions, URLs, e-mails, phone
 * numbers, proper names and acronyms) and no figure Italian does not state, the same markdown emphasis and line
 * breaks, and the button labels that a sentence quotes must be the labels the buttons really show in that language.
 * The same fact check covers the measure's content (section titles and bodies, FAQ answers), English beside Italian,
 * and the privacy notices of every language that has its own; self-tests feed it doctored entries.
 * The files are read directly (not through models/i18n) so this test does not depend on which languages the bot
 * serves.
 */
const TRANSLATED_LANGUAGES = ['es', 'fr', 'ro', 'uk', 'ar', 'sq'].filter((l) => fs.existsSync(path.join(contentDir, 'locales', l)));
const WORKER_FILES = ['translation.json', 'input.json', 'news.json', 'campaign.json', 'webPage.json'];

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
/**
 * Law references as Italian writes them, kept verbatim: articles (with bis/ter...), decrees, national and regional
 * laws, resolutions of the regional government (d.g.r., DGR, with or without "n.").
 */
const LAW = /\b(?:artt?\.\s*\d+(?:[- ](?:bis|ter|quater|quinquies|sexies)\b)?|D\.\s?lgs\.\s*(?:n\.\s*)?\d+\/\d{4}|D\.L\.\s*(?:n\.\s*)?\d+\/\d{4}|L\.\s?R\.\s*(?:n\.\s*)?\d+\/\d{4}|L\.\s*(?:n\.\s*)?\d+\/\d{4}|d\.g\.r\.\s*(?:n\.\s*)?[\w/.-]*\d|DGR\s+(?:n\.\s*)?[\w/.-]*\d)/gi;
const NUMBER = /\d+(?:[.,:/]\d+)*/g;
/** Phone numbers written in groups ("02 6765 1234", "+39 800 318 318"): the grouping stays as the worker dials it. */
const PHONE = /(?:\+\d{2}\s)?(?<![\d.,])\d{2,4}(?: \d{2,4}){1,3}(?![\d.,]\d)/g;
/** An amount in euro as Italian writes it: "2.000 euro", "€ 1.835", "1.100.000 €". */
const AMOUNT = /(?:€\s?(\d+(?:[.,]\d+)*)|(\d+(?:[.,]\d+)*)\s?(?:€|euro\b))/gi;
/** The euro, in each language's words (or the sign). */
const CURRENCY = '(?:€|euros?|eur|евро|євро|يورو)';
/** Acronyms (two or more capitals or digits after a capital: FSE, DUL, IVA, OS1, CIGS, Fase II): kept as they are. */
const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\d]+(?![\p{L}\p{N}])/gu;
const ITALIAN_MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
/** An Italian date with a month name ("31 marzo 2022", "ottobre 2018"): its numbers and its month must stay. */
const DATE = new RegExp(`(?:\\b\\d{1,2}\\s+)?\\b(${ITALIAN_MONTHS.join('|')})\\b(?:\\s+\\d{4})?`, 'gi');
/** The numbers of the regional government's resolutions ("X/6686", "XI/4074"): the Roman legislature is part of it. */
const RESOLUTION = /\b[XI]{1,3}\/\d+/g;
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

const numberFormsByKey = new Map<string, string[]>();

/**
 * The ways `language` may write the number `fact` of the Italian source: as Italian writes it, or, for a whole
 * number, in the language's own grouping (English "1,835" for Italian "1.835"; Latin digits always: the worker
 * compares them with Italian forms and websites). Never another value.
 */
function numberForms(fact: string, language: string): string[] {
  const key = `${language} ${fact}`;
  const known = numberFormsByKey.get(key);
  if (known) return known;
  const forms = [fact];
  if (/^\d{1,3}(?:\.\d{3})+$/.test(fact) || /^\d{4,}$/.test(fact)) {
    const value = Number(fact.replace(/\./g, ''));
    for (const grouping of [true, false]) forms.push(new Intl.NumberFormat(`${language}-u-nu-latn`, { useGrouping: grouping }).format(value));
  }
  const unique = [...new Set(forms)];
  numberFormsByKey.set(key, unique);
  return unique;
}

/** `form` as a whole number in `text` ("2.000" is not in "12.000" nor in "2.000.000"). */
function numberAt(form: string): RegExp {
  return new RegExp(`(?<![\\d.,])${escapeRegExp(form)}(?![\\d]|[.,]\\d)`, 'u');
}

const monthStemsByLanguage = new Map<string, string[]>();

/**
 * The month names of `language` (nominative and the form after a day), cut to what all its forms share ("берез").
 * Worked out once per language: building the 24 date formats took most of this file's time when it ran per value.
 */
function monthStems(language: string): string[] {
  const known = monthStemsByLanguage.get(language);
  if (known) return known;
  const stems = Array.from({ length: 12 }, (_, month) => {
    const date = new Date(Date.UTC(2020, month, 15));
    const forms = [{ month: 'long' as const }, { day: 'numeric' as const, month: 'long' as const }].map((options) =>
      new Intl.DateTimeFormat(`${language}-u-nu-latn`, { ...options, timeZone: 'UTC' }).formatToParts(date).find((p) => p.type === 'month')?.value.toLowerCase() ?? '',
    );
    let stem = forms[0];
    for (const form of forms) while (!form.startsWith(stem)) stem = stem.slice(0, -1);
    return stem.length >= 3 ? stem : forms[0];
  });
  monthStemsByLanguage.set(language, stems);
  return stems;
}

/**
 * Every fact of an Italian `source` text that its translation `value` into `language` must keep: URLs, e-mails,
 * phone numbers, law references, resolutions, every number (in Italian or the language's own grouping), each amount
 * in euro with its currency, each date's month in the language's words, the proper names and acronyms; and no number
 * that Italian does not state (a translation must not invent a figure).
 */
function factProblems(where: string, source: string, value: string, language: string, names: readonly string[], equivalents: Readonly<Record<string, readonly string[]>> = {}): string[] {
  const problems: string[] = [];
  const kept = (fact: string, test: (form: string) => boolean) => [fact, ...(equivalents[fact] ?? [])].some(test);
  const withoutPlaceholders = (s: string) => s.replace(PLACEHOLDER, ' ');
  const text = withoutPlaceholders(source);
  const target = withoutPlaceholders(value);
  const verbatim = [...all(URL, text), ...all(EMAIL, text), ...all(PHONE, text), ...all(LAW, text), ...all(RESOLUTION, text)];
  for (const fact of new Set(verbatim)) if (!kept(fact, (form) => target.includes(form))) problems.push(`${where}: lost "${fact}"`);
  const numbers = new Set(all(NUMBER, text));
  for (const fact of numbers) if (!numberForms(fact, language).some((form) => numberAt(form).test(target))) problems.push(`${where}: lost "${fact}"`);
  for (const match of text.matchAll(AMOUNT)) {
    const amount = match[1] ?? match[2];
    const forms = numberForms(amount, language).map(escapeRegExp).join('|');
    // the currency beside the figure, or shared with the next one ("EUR 1,835 and 3,860", "1.835 e 3.860 euro")
    const near = '[^\\n]{0,12}';
    const withCurrency = new RegExp(`(?:${CURRENCY}${near}(?<![\\d.,])(?:${forms})(?![\\d]|[.,]\\d)|(?<![\\d.,])(?:${forms})(?![\\d]|[.,]\\d)${near}${CURRENCY})`, 'iu');
    if (!withCurrency.test(target)) problems.push(`${where}: lost the amount "${match[0].trim()}"`);
  }
  const stems = monthStems(language);
  for (const match of text.matchAll(DATE)) {
    const stem = stems[ITALIAN_MONTHS.indexOf(match[1].toLowerCase())];
    if (!target.toLowerCase().includes(stem)) problems.push(`${where}: lost the month of "${match[0].trim()}" (${stem}…)`);
  }
  for (const name of names) if (hasName(source, name) && !kept(name, (form) => hasName(value, form))) problems.push(`${where}: lost the name "${name}"`);
  for (const acronym of new Set(all(ACRONYM, text.replace(URL, ' ')))) {
    if (!names.some((name) => name.includes(acronym)) && !kept(acronym, (form) => all(ACRONYM, target).includes(form))) problems.push(`${where}: lost "${acronym}"`);
  }
  // numbers the translation adds: what is left once every form of the Italian numbers is taken out
  let rest = target.replace(URL, ' ').replace(EMAIL, ' ');
  for (const fact of numbers) for (const form of numberForms(fact, language)) rest = rest.replace(new RegExp(numberAt(form).source, 'gu'), ' ');
  for (const added of new Set(all(NUMBER, rest))) problems.push(`${where}: adds the number "${added}", which Italian does not state`);
  return problems;
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
    problems.push(...factProblems(key, text, value, language, PROPER_NAMES));
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
function textProblems(where: string, source: string, text: string, language: string, quoteMap: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const value = plainApostrophes(text);
  const sorted = (list: string[]) => [...list].sort().join(' ');
  if (sorted(all(PLACEHOLDER, source)) !== sorted(all(PLACEHOLDER, value))) problems.push(`${where}: placeholders ${sorted(all(PLACEHOLDER, source))} became ${sorted(all(PLACEHOLDER, value))}`);
  problems.push(...factProblems(where, source, value, language, MEASURE_NAMES));
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
    else problems.push(...factProblems(`${where} title`, source.title, plainApostrophes(section.title), language, MEASURE_NAMES));
    if (section.source !== source.source) problems.push(`${where}: source must stay the Italian "${source.source}"`);
    if (typeof section.body !== 'string' || !section.body.trim()) {
      problems.push(`${where}: empty body`);
      continue;
    }
    if (wordCount(section.body) > MAX_MEASURE_BODY_WORDS) problems.push(`${where}: body has ${wordCount(section.body)} words, at most ${MAX_MEASURE_BODY_WORDS}`);
    problems.push(...textProblems(`${where} body`, source.body, section.body, language, quoteMap));
  }
  const entries = new Map(translated.faq.map((f) => [f.id, f]));
  const phrasings = new Map<string, string>();
  for (const source of italian.faq) {
    const entry = entries.get(source.id);
    if (!entry) continue;
    const where = `faq "${source.id}"`;
    const questions = Array.isArray(entry.questions) ? entry.questions : [];
    if (questions.length < 4 || questions.length > 12) problems.push(`${where}: ${questions.length} questions, 4 to 12 wanted`);
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
    problems.push(...textProblems(`${where} answer`, source.answer, entry.answer, language, quoteMap));
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
      expect(problems).toEqual([
        'section "resources" body: lost "1.100.000"',
        'section "resources" body: lost the amount "1.100.000 euro"',
        'section "resources" body: adds the number "1.000.000", which Italian does not state',
        'faq "services-process-value" answer: lost "2.000"',
        'faq "services-process-value" answer: lost the amount "2.000 euro"',
        'faq "call-open" answer: lost "31"',
      ]);
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
      faq(damaged, 'results').questions = [...faq(damaged, 'results').questions, ...'abcdefghi'.split('')];
      const tooMany = faq(damaged, 'results').questions.length;
      faq(damaged, 'duration').questions.push('¿Es GRATIS?');
      faq(damaged, 'legal').answer = `${faq(damaged, 'legal').answer} ${'palabra '.repeat(30)}`;
      const problems = measureProblems(italian, damaged, 'es', quoteMap);
      expect(problems).toContain('faq "cost": 3 questions, 4 to 12 wanted');
      expect(problems).toContain(`faq "results": ${tooMany} questions, 4 to 12 wanted`);
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

/*
 * English is written by staff beside Italian rather than translated from it, so its wording and structure are its
 * own; the facts are not: every number (in English grouping or Italian), amount, date, law reference, name and
 * acronym of an Italian entry is in the English one, and English states no figure Italian does not.
 */
describe('the fact check itself (a doctored entry fails)', () => {
  const source = 'Fino a 1.835 euro (art. 17 ter, L.R. n. 22/2006, DGR n. XI/4074 del 21.12.2020): entro il 31 marzo 2022 scrivi a info@esempio.it o chiama lo 02 6765 1234 (https://www.regione.lombardia.it). POR FSE, Azioni di Rete.';
  const faithful = 'Până la 1.835 euro (art. 17 ter, L.R. n. 22/2006, DGR n. XI/4074 din 21.12.2020): până la 31 martie 2022 scrieți la info@esempio.it sau sunați la 02 6765 1234 (https://www.regione.lombardia.it). POR FSE, Azioni di Rete.';
  const check = (value: string, language = 'ro') => factProblems('x', source, value, language, ['Azioni di Rete', 'POR']);

  test('the faithful one passes, in Italian figures or the language\'s own grouping', () => {
    expect(check(faithful)).toEqual([]);
    expect(factProblems('x', 'Fino a 1.835 euro.', 'Up to €1,835.', 'en', [])).toEqual([]);
    expect(factProblems('x', 'Fino a 1.835 euro.', 'Up to EUR 1,835.', 'en', [])).toEqual([]);
    expect(factProblems('x', 'Fino a 1.835 euro.', 'Hasta 1835 €.', 'es', [])).toEqual([]);
    expect(factProblems('x', 'Fino a 1.835 e 3.860 euro.', 'Up to EUR 1,835 and 3,860.', 'en', [])).toEqual([]);
  });
  test('a dropped or changed amount, or its currency', () => {
    expect(check(faithful.replace('1.835 euro', '1.835'))).toEqual(['x: lost the amount "1.835 euro"']);
    expect(check(faithful.replace('1.835 euro', '18.350 euro'))).toEqual(['x: lost "1.835"', 'x: lost the amount "1.835 euro"', 'x: adds the number "18.350", which Italian does not state']);
    expect(check(faithful.replace('1.835 euro', '1,835 euro'))).toEqual(['x: lost "1.835"', 'x: lost the amount "1.835 euro"', 'x: adds the number "1,835", which Italian does not state']);
  });
  test('a date whose month or day changed', () => {
    expect(check(faithful.replace('31 martie', '31 aprilie'))).toEqual(['x: lost the month of "31 marzo 2022" (martie…)']);
    expect(check(faithful.replace('31 martie', '30 martie'))).toEqual(['x: lost "31"', 'x: adds the number "30", which Italian does not state']);
    expect(factProblems('x', 'entro ottobre 2018', 'до жовтня 2018', 'uk', [])).toEqual([]);
    expect(factProblems('x', 'entro ottobre 2018', 'у жовтні 2018', 'uk', [])).toEqual([]);
    expect(factProblems('x', 'entro ottobre 2018', 'до листопада 2018', 'uk', [])).toEqual(['x: lost the month of "ottobre 2018" (жовт…)']);
  });
  test('a law reference, a resolution, an e-mail, a phone number, a URL', () => {
    expect(check(faithful.replace('art. 17 ter', 'art. 17'))).toEqual(['x: lost "art. 17 ter"']);
    expect(check(faithful.replace('L.R. n. 22/2006', 'legea regională 22/2006'))).toEqual(['x: lost "L.R. n. 22/2006"']);
    expect(check(faithful.replace('DGR n. XI/4074', 'Hotărârea XI/4074'))).toEqual(['x: lost "DGR n. XI/4074"', 'x: lost "DGR"']);
    expect(check(faithful.replace('info@esempio.it', 'info@esempio.ro'))).toEqual(['x: lost "info@esempio.it"']);
    expect(check(faithful.replace('02 6765 1234', '02 67651234'))).toEqual(['x: lost "02 6765 1234"', 'x: lost "6765"', 'x: lost "1234"', 'x: adds the number "67651234", which Italian does not state']);
    expect(check(faithful.replace('https://www.regione.lombardia.it', 'www.regione.lombardia.it'))).toEqual(['x: lost "https://www.regione.lombardia.it"']);
  });
  test('a proper name or an acronym translated', () => {
    expect(check(faithful.replace('Azioni di Rete', 'Acțiuni de Rețea'))).toEqual(['x: lost the name "Azioni di Rete"']);
    expect(check(faithful.replace('POR FSE', 'POR FSE'.replace('FSE', 'FSE+')))).toEqual([]);
    expect(check(faithful.replace('POR FSE', 'PO FSE'))).toEqual(['x: lost the name "POR"']);
    expect(check(faithful.replace('POR FSE', 'POR ESF'))).toEqual(['x: lost "FSE"']);
  });
  test('a number the Italian does not state', () => {
    expect(check(`${faithful} Circa 500 persone.`)).toEqual(['x: adds the number "500", which Italian does not state']);
  });
});

/** The English names of what English readers know by them; every other fact is as Italian writes it. */
const ENGLISH_EQUIVALENTS: Record<string, string[]> = {
  Lombardia: ['Lombardy'],
  'Fondo Sociale Europeo': ['European Social Fund', 'ESF'],
  'Fondo Sviluppo e Coesione': ['Development and Cohesion Fund'],
  FSE: ['ESF'],
  'D.lgs. 148/2015': ['Legislative Decree 148/2015'],
  // an example of an address, in the example domain of each language
  'nome@esempio.it': ['name@example.org'],
};

describe('English states the facts of the Italian source', () => {
  test('content/measure/en.json, entry by entry', () => {
    const italian = readMeasure('it');
    const english = readMeasure('en');
    const problems: string[] = [];
    for (const source of italian.sections) {
      const section = english.sections.find((s) => s.id === source.id);
      if (!section) problems.push(`section "${source.id}": missing`);
      else problems.push(...factProblems(`section "${source.id}" body`, source.body, plainApostrophes(section.body), 'en', MEASURE_NAMES, ENGLISH_EQUIVALENTS), ...factProblems(`section "${source.id}" title`, source.title, plainApostrophes(section.title), 'en', MEASURE_NAMES, ENGLISH_EQUIVALENTS));
    }
    for (const source of italian.faq) {
      const entry = english.faq.find((f) => f.id === source.id);
      if (!entry) problems.push(`faq "${source.id}": missing`);
      else problems.push(...factProblems(`faq "${source.id}" answer`, source.answer, plainApostrophes(entry.answer), 'en', MEASURE_NAMES, ENGLISH_EQUIVALENTS));
    }
    expect(problems).toEqual([]);
  });
  test.each(WORKER_FILES)('%s, string by string', (file) => {
    const english = new Map(leaves(readJson('en', file)));
    const problems: string[] = [];
    for (const [key, source] of leaves(readJson('it', file))) {
      const value = english.get(key);
      if (typeof source !== 'string' || typeof value !== 'string') continue;
      problems.push(...factProblems(key, source, value, 'en', PROPER_NAMES, ENGLISH_EQUIVALENTS));
    }
    expect(problems).toEqual([]);
  });
});

/*
 * The privacy notices (content/privacy/<lng>.json and content/privacy/campaign/<lng>.json): the languages that have
 * one must state the Italian notice's facts (retention, rights, names, addresses) paragraph by paragraph, with the
 * same placeholders (a lost {{retention}} or {{controller}} would drop a fact the installation fills in), and quote
 * the commands the worker can type in that language («i miei dati» is «datele mele» in Romanian). A language
 * without its own notice is shown the Italian or English one, which is no translation to check. English, written by
 * staff, quotes its commands in its own way ("my data"), so only its facts and placeholders are checked.
 */
const PRIVACY_FILES = ['', 'campaign'].flatMap((folder) =>
  ['en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr'].filter((l) => fs.existsSync(path.join(contentDir, 'privacy', folder, `${l}.json`))).map((l) => [folder || 'privacy', l] as const),
);

describe('translations of the privacy notices', () => {
  const read = (folder: string, language: string) => JSON.parse(fs.readFileSync(path.join(contentDir, 'privacy', folder === 'privacy' ? '' : folder, `${language}.json`), 'utf8')) as Tree;
  test.each(PRIVACY_FILES)('%s notice in %s states the facts of the Italian one', (folder, language) => {
    const italian = leaves(read(folder, 'it'));
    const translated = new Map(leaves(read(folder, language)));
    const quoteMap = language === 'en' ? new Map<string, Set<string>>() : quoteMapFor(language, readMeasure('it'), readMeasure(language));
    const problems: string[] = [];
    for (const [key, source] of italian) {
      if (key === 'version') continue;
      const value = translated.get(key);
      const sources = Array.isArray(source) ? source : [source];
      const values = Array.isArray(value) ? value : [value];
      if (sources.length !== values.length) {
        problems.push(`${key}: ${sources.length} items in Italian, ${values.length} here`);
        continue;
      }
      sources.forEach((text, i) => {
        const value = values[i];
        if (typeof text !== 'string' || typeof value !== 'string') return;
        const where = `${key}[${i}]`;
        problems.push(...factProblems(where, text, value, language, PROPER_NAMES, language === 'en' ? ENGLISH_EQUIVALENTS : {}));
        const sorted = (s: string) => all(PLACEHOLDER, s).sort().join(' ');
        if (sorted(text) !== sorted(value)) problems.push(`${where}: placeholders ${sorted(text)} became ${sorted(value)}`);
        for (const q of quotes(text)) {
          const expected = quoteMap.get(q);
          if (expected && ![...expected].some((e) => quotes(value).includes(e))) problems.push(`${where}: quotes «${q}», which is ${[...expected].map((e) => `«${e}»`).join(' or ')} here`);
        }
      });
    }
    expect(problems).toEqual([]);
  });
});
