import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ContentValidationError,
  countWords,
  LOCALES,
  loadMeasureContent,
  MAX_FAQ_ANSWER_WORDS,
  MAX_SECTION_BODY_WORDS,
  MeasureContent,
  REQUIRED_SECTION_IDS,
  readMeasureContent,
} from '../../models/content';
import { contentDir, projectRoot } from '../../models/paths';

const measureDir = path.join(contentDir, 'measure');

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(measureDir, file), 'utf8')) as Record<string, unknown>;
}

describe('the shipped measure content', () => {
  const { contents, synonyms } = readMeasureContent();
  const byLocale = new Map(contents.map((c) => [c.locale, c]));

  test('loads and validates for every locale', () => {
    expect(contents.map((c) => c.locale).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(synonyms.locales).sort()).toEqual([...LOCALES].sort());
  });

  test.each(LOCALES)('%s has every required section, in word limits, with a source', (locale) => {
    const content = byLocale.get(locale) as MeasureContent;
    expect(content.sections.map((s) => s.id)).toEqual(expect.arrayContaining([...REQUIRED_SECTION_IDS]));
    for (const section of content.sections) {
      expect(countWords(section.body)).toBeLessThanOrEqual(MAX_SECTION_BODY_WORDS);
      expect(section.source.trim()).not.toBe('');
    }
  });

  test.each(LOCALES)('%s has 30-45 FAQ entries, each with 4-12 phrasings, a short answer and a source', (locale) => {
    const content = byLocale.get(locale) as MeasureContent;
    expect(content.faq.length).toBeGreaterThanOrEqual(30);
    expect(content.faq.length).toBeLessThanOrEqual(45);
    const problems = content.faq.flatMap((entry) => [
      ...(entry.questions.length < 4 || entry.questions.length > 12 ? [`${entry.id}: ${entry.questions.length} phrasings`] : []),
      ...(countWords(entry.answer) > MAX_FAQ_ANSWER_WORDS ? [`${entry.id}: answer too long`] : []),
      ...(entry.source.trim() === '' ? [`${entry.id}: no source`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  test('the locales offer the same sections and FAQ entries, in the same order', () => {
    const [it, en] = [byLocale.get('it') as MeasureContent, byLocale.get('en') as MeasureContent];
    expect(en.sections.map((s) => s.id)).toEqual(it.sections.map((s) => s.id));
    expect(en.faq.map((f) => f.id)).toEqual(it.faq.map((f) => f.id));
    for (const entry of it.faq) {
      expect(en.faq.find((f) => f.id === entry.id)?.sections).toEqual(entry.sections);
    }
  });

  test('the services are said to be the value of services, not money paid to the worker', () => {
    expect(byLocale.get('it')?.sections.find((s) => s.id === 'services')?.body).toMatch(/servizi, non denaro/);
    expect(byLocale.get('en')?.sections.find((s) => s.id === 'services')?.body).toMatch(/services, not money/);
  });

  test('no link, e-mail address or phone number is published (staff publish contacts)', () => {
    for (const content of contents) {
      const text = JSON.stringify(content);
      expect(text).not.toMatch(/https?:\/\/|www\./i);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      // Italian landlines (0...), mobiles (3..), toll-free numbers (800/803) and any bare run of 9-12 digits.
      expect(text).not.toMatch(/(?:\+39[\s.]?)?\b(?:0\d{1,3}|3\d{2}|80[03])[\s./-]?\d{3,4}[\s./-]?\d{3,4}\b/);
      expect(text).not.toMatch(/\b\d{9,12}\b/);
    }
  });

  const sourcesDir = path.join(projectRoot, '..', 'shared', 'measure');
  const haveSources = fs.existsSync(path.join(sourcesDir, 'FACTS.md'));
  (haveSources ? test : test.skip)('every figure in a section or an answer appears in the sources', () => {
    const figures = (text: string): string[] =>
      [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/[.,]/g, ''));
    const sources = ['FACTS.md', 'scheda-misura-azioni-di-rete.txt']
      .map((file) => fs.readFileSync(path.join(sourcesDir, file), 'utf8'))
      .join('\n');
    const known = new Set(figures(sources));
    for (const content of contents) {
      const texts = [...content.sections.map((s) => s.body), ...content.faq.map((f) => f.answer)];
      const unknown = texts.flatMap(figures).filter((figure) => !known.has(figure));
      expect({ locale: content.locale, unknown: [...new Set(unknown)] }).toEqual({ locale: content.locale, unknown: [] });
    }
  });
  if (!haveSources) {
    test('sources check skipped: ../shared/measure/FACTS.md is not there', () => {
      expect(haveSources).toBe(false);
    });
  }
});

describe('the content catalogue', () => {
  const catalogue = loadMeasureContent();

  test('serves sections and entries by locale and id', () => {
    expect(catalogue.section('it', 'resources')?.body).toMatch(/5\.000\.000 euro/);
    expect(catalogue.section('en', 'resources')?.body).toMatch(/EUR 5,000,000/);
    expect(catalogue.sections('en')).toHaveLength(REQUIRED_SECTION_IDS.length);
    expect(catalogue.faqEntry('en', 'legal')?.answer).toMatch(/30\/2015/);
    expect(catalogue.faq('it').length).toBe(catalogue.faq('en').length);
    expect(catalogue.version('it')).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(catalogue.section('it', 'nope')).toBeUndefined();
    expect(catalogue.faqEntry('it', 'nope')).toBeUndefined();
  });

  test.each([
    ['en-US', 'en'],
    ['EN', 'en'],
    ['it-IT', 'it'],
    ['fr-FR', 'fr'],
    ['ar_EG', 'ar'],
    ['de-DE', 'it'],
    ['', 'it'],
    [undefined, 'it'],
  ])('locale %p is served as %p', (asked, served) => {
    expect(catalogue.resolveLocale(asked)).toBe(served);
    expect(catalogue.faq(asked)).toBe(catalogue.faq(served));
  });

  test('exposes the retrieval vocabulary per locale', () => {
    expect(catalogue.synonyms('it').find((g) => g.concept === 'cig')?.terms).toContain('cassintegrato');
    expect(catalogue.synonyms('en-GB').find((g) => g.concept === 'cig')?.terms).toContain('wage guarantee');
  });
});

describe('validation of a broken copy', () => {
  let root: string;
  let contentRoot: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'measure-content-'));
    contentRoot = path.join(root, 'content');
    fs.mkdirSync(path.join(contentRoot, 'measure'), { recursive: true });
    for (const file of fs.readdirSync(measureDir)) {
      if (file.endsWith('.json')) fs.copyFileSync(path.join(measureDir, file), path.join(contentRoot, 'measure', file));
    }
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(file: string, data: unknown): void {
    fs.writeFileSync(path.join(contentRoot, 'measure', file), typeof data === 'string' ? data : JSON.stringify(data));
  }

  function problems(): string {
    try {
      loadMeasureContent(contentRoot);
    } catch (err) {
      expect(err).toBeInstanceOf(ContentValidationError);
      return (err as ContentValidationError).message;
    }
    throw new Error('the broken copy was accepted');
  }

  type Faq = Array<Record<string, unknown>>;
  type Sections = Array<Record<string, unknown>>;
  const faqOf = (doc: Record<string, unknown>): Faq => doc.faq as Faq;
  const sectionsOf = (doc: Record<string, unknown>): Sections => doc.sections as Sections;
  const entry = (doc: Record<string, unknown>, id: string): Record<string, unknown> => {
    const found = faqOf(doc).find((f) => f.id === id);
    if (found === undefined) throw new Error(`no entry ${id}`);
    return found;
  };

  test('the copy itself is valid', () => {
    expect(() => loadMeasureContent(contentRoot)).not.toThrow();
  });

  test('a long answer is named by file, entry and field', () => {
    const en = readJson('en.json');
    entry(en, 'services-process-value').answer = Array.from({ length: 81 }, () => 'word').join(' ');
    write('en.json', en);
    expect(problems()).toContain(
      'content/measure/en.json: faq "services-process-value": field "answer" must be at most 80 words (it has 81)',
    );
  });

  const cases: Array<[string, (doc: Record<string, unknown>) => void, string]> = [
    ['a missing answer', (d) => delete entry(d, 'legal').answer, 'content/measure/it.json: faq "legal": field "answer" is required'],
    ['an answer of the wrong type', (d) => (entry(d, 'legal').answer = 42), 'faq "legal": field "answer" must be a string, not a number'],
    ['no phrasings', (d) => (entry(d, 'cost').questions = []), 'faq "cost": field "questions" must have at least one item'],
    ['an empty phrasing', (d) => ((entry(d, 'cost').questions as string[])[1] = '  '), 'faq "cost": field "questions[1]" must not be empty'],
    ['a duplicated entry id', (d) => (entry(d, 'cost').id = 'legal'), 'faq "legal": field "id" is used by more than one faq entry'],
    ['a phrasing shared by two entries', (d) => ((entry(d, 'cost').questions as string[])[0] = 'Chi può partecipare?'), 'faq "cost": field "questions[0]" is also a phrasing of faq "who-can-join"'],
    ['an unknown section', (d) => (entry(d, 'cost').sections = ['prices']), 'faq "cost": field "sections[0]" names the unknown section "prices"'],
    ['a misspelt field', (d) => (entry(d, 'cost').anwser = 'x'), 'faq "cost": field "anwser" is not a known field'],
    ['a missing required section', (d) => (d.sections = sectionsOf(d).filter((s) => s.id !== 'legal')), 'field "sections" must include the section "legal"'],
    ['a long section', (d) => (sectionsOf(d)[0].body = Array.from({ length: 121 }, () => 'parola').join(' ')), 'section "what": field "body" must be at most 120 words (it has 121)'],
    ['the wrong locale', (d) => (d.locale = 'en'), 'content/measure/it.json: field "locale" must be "it" (the file\'s name), not "en"'],
    ['no version', (d) => delete d.version, 'content/measure/it.json: field "version" is required'],
  ];
  test.each(cases)('%s is reported', (_name, breakIt, expected) => {
    const it = readJson('it.json');
    breakIt(it);
    write('it.json', it);
    expect(problems()).toContain(expected);
  });

  test('ids missing in a locale are named', () => {
    const en = readJson('en.json');
    en.faq = faqOf(en).filter((f) => f.id !== 'cost' && f.id !== 'duration');
    write('en.json', en);
    const message = problems();
    expect(message).toContain('content/measure/en.json: field "faq" lacks ids present in content/measure/it.json');
    expect(message).toContain('"duration"');
    expect(message).toContain('"cost"');
  });

  test('extra ids in a locale are named', () => {
    const en = readJson('en.json');
    faqOf(en).push({ ...entry(en, 'cost'), id: 'extra-entry', questions: ['an extra question?'] });
    write('en.json', en);
    expect(problems()).toContain('content/measure/en.json: field "faq" has ids missing from content/measure/it.json: "extra-entry"');
  });

  test('every problem is listed at once', () => {
    const it = readJson('it.json');
    delete entry(it, 'legal').answer;
    entry(it, 'cost').questions = [];
    write('it.json', it);
    const error = (() => {
      try {
        loadMeasureContent(contentRoot);
      } catch (err) {
        return err as ContentValidationError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues.length).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^\d+ problems in the content:\n- /);
    expect(error.code).toBe('CONTENT_INVALID');
  });

  test('invalid JSON is reported with the file', () => {
    write('en.json', '{ "version": ');
    expect(problems()).toMatch(/^content\/measure\/en\.json: is not valid JSON/);
  });

  test('a missing locale file is reported', () => {
    fs.rmSync(path.join(contentRoot, 'measure', 'en.json'));
    expect(problems()).toContain('content/measure/en.json: is missing');
  });

  test('a file for an unsupported locale is reported', () => {
    write('de.json', readJson('it.json'));
    expect(problems()).toContain('content/measure/de.json: is for an unsupported locale');
  });

  test('a synonym in two concepts is reported', () => {
    const synonyms = readJson('synonyms.json') as { locales: { it: Array<{ concept: string; terms: string[] }> } };
    synonyms.locales.it.find((g) => g.concept === 'costo')?.terms.push('cassintegrato');
    write('synonyms.json', synonyms);
    expect(problems()).toContain('content/measure/synonyms.json: it concept "costo": field "terms[');
    expect(problems()).toContain('is also a term of concept "cig"');
  });

  test('an unknown synonym role is reported', () => {
    const synonyms = readJson('synonyms.json') as { locales: { en: Array<Record<string, unknown>> } };
    synonyms.locales.en[0].role = 'strong';
    write('synonyms.json', synonyms);
    expect(problems()).toMatch(/synonyms\.json: en concept "\w+": field "role" must be one of "anchor", "weak", "ignore"/);
  });
});
