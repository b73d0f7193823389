import { ContentIssue } from './errors';
import { foldForComparison } from '../text/fold';
import {
  FaqEntry,
  Locale,
  LOCALES,
  MAX_FAQ_ANSWER_WORDS,
  MAX_SECTION_BODY_WORDS,
  MeasureContent,
  REQUIRED_SECTION_IDS,
  Section,
  SYNONYM_ROLES,
  SynonymGroup,
  SynonymTable,
} from './types';

/**
 * Hand-written validation of the staff-owned files. Every function collects problems into `issues` instead of
 * stopping at the first one, so staff see everything that is wrong in one go.
 */

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CONCEPT_PATTERN = /^[a-z0-9]+$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts words the way a reader would: punctuation-only tokens such as "-" or "«" are not words. */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  return words;
}

/** Lowercase, accents removed, punctuation collapsed: how duplicates are recognised. */
function normaliseForComparison(text: string): string {
  return foldForComparison(text);
}

class Reporter {
  constructor(
    private readonly file: string,
    private readonly issues: ContentIssue[],
  ) {}

  add(problem: string, entry?: string, field?: string): void {
    this.issues.push({ file: this.file, entry, field, problem });
  }

  /** A required non-empty string; returns '' (and reports) when missing or wrong. */
  string(obj: JsonObject, key: string, entry?: string): string {
    const value = obj[key];
    if (value === undefined) {
      this.add('is required', entry, key);
      return '';
    }
    if (typeof value !== 'string') {
      this.add(`must be a string, not ${describe(value)}`, entry, key);
      return '';
    }
    if (value.trim() === '') {
      this.add('must not be empty', entry, key);
      return '';
    }
    return value;
  }

  /** A required array of non-empty strings. */
  strings(obj: JsonObject, key: string, entry: string, options: { nonEmpty: boolean }): string[] {
    const value = obj[key];
    if (value === undefined) {
      this.add('is required', entry, key);
      return [];
    }
    if (!Array.isArray(value)) {
      this.add(`must be an array of strings, not ${describe(value)}`, entry, key);
      return [];
    }
    if (options.nonEmpty && value.length === 0) this.add('must have at least one item', entry, key);
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item !== 'string') this.add(`must be a string, not ${describe(item)}`, entry, `${key}[${i}]`);
      else if (item.trim() === '') this.add('must not be empty', entry, `${key}[${i}]`);
      else out.push(item);
    });
    return out;
  }

  unknownFields(obj: JsonObject, allowed: readonly string[], entry?: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(`is not a known field (known: ${allowed.join(', ')})`, entry, key);
    }
  }
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function parseJson(text: string, reporter: Reporter): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    reporter.add(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return undefined;
  }
}

const CONTENT_FIELDS = ['version', 'locale', 'sections', 'faq'] as const;
const SECTION_FIELDS = ['id', 'title', 'body', 'source'] as const;
const FAQ_FIELDS = ['id', 'questions', 'answer', 'tags', 'source', 'sections'] as const;

/**
 * Validates one locale's file. Returns the typed content, or undefined when the file is too broken to use; problems
 * go to `issues`, named by `file`, entry and field.
 */
export function validateMeasureContent(
  text: string,
  file: string,
  expectedLocale: Locale,
  issues: ContentIssue[],
): MeasureContent | undefined {
  const reporter = new Reporter(file, issues);
  const before = issues.length;
  const root = parseJson(text, reporter);
  if (root === undefined) return undefined;
  if (!isObject(root)) {
    reporter.add(`must hold a JSON object, not ${describe(root)}`);
    return undefined;
  }
  reporter.unknownFields(root, CONTENT_FIELDS);
  const version = reporter.string(root, 'version');
  const locale = reporter.string(root, 'locale');
  if (locale !== '' && locale !== expectedLocale) {
    reporter.add(`must be "${expectedLocale}" (the file's name), not "${locale}"`, undefined, 'locale');
  }

  const sections = validateSections(root.sections, reporter);
  const sectionIds = new Set(sections.map((s) => s.id));
  for (const required of REQUIRED_SECTION_IDS) {
    if (!sectionIds.has(required) && Array.isArray(root.sections)) {
      reporter.add(`must include the section "${required}" (required: ${REQUIRED_SECTION_IDS.join(', ')})`, undefined, 'sections');
    }
  }
  const faq = validateFaq(root.faq, sectionIds, reporter);

  if (issues.length > before) return undefined;
  return { version, locale: expectedLocale, sections, faq };
}

function validateSections(value: Json | undefined, reporter: Reporter): Section[] {
  if (!Array.isArray(value)) {
    reporter.add(value === undefined ? 'is required' : `must be an array, not ${describe(value)}`, undefined, 'sections');
    return [];
  }
  const out: Section[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const fallbackName = `section #${i + 1}`;
    if (!isObject(item)) {
      reporter.add(`must be an object, not ${describe(item)}`, fallbackName);
      return;
    }
    const rawId = item.id;
    const name = typeof rawId === 'string' && rawId !== '' ? `section "${rawId}"` : fallbackName;
    reporter.unknownFields(item, SECTION_FIELDS, name);
    const id = reporter.string(item, 'id', name);
    if (id !== '' && !ID_PATTERN.test(id)) reporter.add('must be lowercase letters, digits and dashes', name, 'id');
    if (id !== '' && seen.has(id)) reporter.add('is used by more than one section', name, 'id');
    seen.add(id);
    const title = reporter.string(item, 'title', name);
    const body = reporter.string(item, 'body', name);
    const words = countWords(body);
    if (words > MAX_SECTION_BODY_WORDS) {
      reporter.add(`must be at most ${MAX_SECTION_BODY_WORDS} words (it has ${words})`, name, 'body');
    }
    const source = reporter.string(item, 'source', name);
    out.push({ id, title, body, source });
  });
  return out;
}

function validateFaq(value: Json | undefined, sectionIds: ReadonlySet<string>, reporter: Reporter): FaqEntry[] {
  if (!Array.isArray(value)) {
    reporter.add(value === undefined ? 'is required' : `must be an array, not ${describe(value)}`, undefined, 'faq');
    return [];
  }
  if (value.length === 0) reporter.add('must have at least one entry', undefined, 'faq');
  const out: FaqEntry[] = [];
  const seen = new Set<string>();
  const questionOwner = new Map<string, string>();
  value.forEach((item, i) => {
    const fallbackName = `faq #${i + 1}`;
    if (!isObject(item)) {
      reporter.add(`must be an object, not ${describe(item)}`, fallbackName);
      return;
    }
    const rawId = item.id;
    const name = typeof rawId === 'string' && rawId !== '' ? `faq "${rawId}"` : fallbackName;
    reporter.unknownFields(item, FAQ_FIELDS, name);
    const id = reporter.string(item, 'id', name);
    if (id !== '' && !ID_PATTERN.test(id)) reporter.add('must be lowercase letters, digits and dashes', name, 'id');
    if (id !== '' && seen.has(id)) reporter.add('is used by more than one faq entry', name, 'id');
    seen.add(id);

    const questions = reporter.strings(item, 'questions', name, { nonEmpty: true });
    questions.forEach((question, q) => {
      const key = normaliseForComparison(question);
      const owner = questionOwner.get(key);
      if (owner === id) reporter.add('repeats another phrasing of the same entry', name, `questions[${q}]`);
      else if (owner !== undefined) reporter.add(`is also a phrasing of faq "${owner}"`, name, `questions[${q}]`);
      else questionOwner.set(key, id);
    });

    const answer = reporter.string(item, 'answer', name);
    const words = countWords(answer);
    if (words > MAX_FAQ_ANSWER_WORDS) {
      reporter.add(`must be at most ${MAX_FAQ_ANSWER_WORDS} words (it has ${words})`, name, 'answer');
    }
    const tags = reporter.strings(item, 'tags', name, { nonEmpty: false });
    const source = reporter.string(item, 'source', name);
    const sections = reporter.strings(item, 'sections', name, { nonEmpty: true });
    sections.forEach((sectionId, s) => {
      if (!sectionIds.has(sectionId)) reporter.add(`names the unknown section "${sectionId}"`, name, `sections[${s}]`);
    });
    out.push({ id, questions, answer, tags, source, sections });
  });
  return out;
}

/** The locales must offer the same sections and FAQ entries; names the ids missing or extra in each locale. */
export function compareLocales(
  reference: { file: string; content: MeasureContent },
  other: { file: string; content: MeasureContent },
  issues: ContentIssue[],
): void {
  const kinds: Array<{ field: 'sections' | 'faq'; ids: (c: MeasureContent) => string[] }> = [
    { field: 'sections', ids: (c) => c.sections.map((s) => s.id) },
    { field: 'faq', ids: (c) => c.faq.map((f) => f.id) },
  ];
  for (const { field, ids } of kinds) {
    const want = new Set(ids(reference.content));
    const have = new Set(ids(other.content));
    const missing = [...want].filter((id) => !have.has(id));
    const extra = [...have].filter((id) => !want.has(id));
    if (missing.length > 0) {
      issues.push({
        file: other.file,
        field,
        problem: `lacks ids present in ${reference.file}: ${missing.map((id) => `"${id}"`).join(', ')}`,
      });
    }
    if (extra.length > 0) {
      issues.push({
        file: other.file,
        field,
        problem: `has ids missing from ${reference.file}: ${extra.map((id) => `"${id}"`).join(', ')}`,
      });
    }
  }
}

const SYNONYM_FIELDS = ['version', 'locales'] as const;
const GROUP_FIELDS = ['concept', 'role', 'terms'] as const;

/** Validates `synonyms.json`: every locale present, concepts unique, a term in at most one concept. */
export function validateSynonyms(text: string, file: string, issues: ContentIssue[]): SynonymTable | undefined {
  const reporter = new Reporter(file, issues);
  const before = issues.length;
  const root = parseJson(text, reporter);
  if (root === undefined) return undefined;
  if (!isObject(root)) {
    reporter.add(`must hold a JSON object, not ${describe(root)}`);
    return undefined;
  }
  reporter.unknownFields(root, SYNONYM_FIELDS);
  const version = reporter.string(root, 'version');
  const localesValue = root.locales;
  if (!isObject(localesValue)) {
    reporter.add(localesValue === undefined ? 'is required' : 'must be an object keyed by locale', undefined, 'locales');
    return undefined;
  }
  reporter.unknownFields(localesValue, LOCALES);
  const locales: Partial<Record<Locale, SynonymGroup[]>> = {};
  for (const locale of LOCALES) {
    const groupsValue = localesValue[locale];
    if (!Array.isArray(groupsValue)) {
      reporter.add(groupsValue === undefined ? 'is required' : 'must be an array of groups', undefined, `locales.${locale}`);
      continue;
    }
    const groups: SynonymGroup[] = [];
    const concepts = new Set<string>();
    const termOwner = new Map<string, string>();
    groupsValue.forEach((groupValue, g) => {
      const fallbackName = `${locale} group #${g + 1}`;
      if (!isObject(groupValue)) {
        reporter.add('must be an object', fallbackName);
        return;
      }
      const rawConcept = groupValue.concept;
      const name = typeof rawConcept === 'string' && rawConcept !== '' ? `${locale} concept "${rawConcept}"` : fallbackName;
      reporter.unknownFields(groupValue, GROUP_FIELDS, name);
      const concept = reporter.string(groupValue, 'concept', name);
      if (concept !== '' && !CONCEPT_PATTERN.test(concept)) reporter.add('must be lowercase letters and digits', name, 'concept');
      if (concept !== '' && concepts.has(concept)) reporter.add('is defined twice', name, 'concept');
      concepts.add(concept);
      const terms = reporter.strings(groupValue, 'terms', name, { nonEmpty: true });
      terms.forEach((term, t) => {
        const key = normaliseForComparison(term);
        if (key === '') {
          reporter.add('has no letters or digits', name, `terms[${t}]`);
          return;
        }
        const owner = termOwner.get(key);
        if (owner !== undefined && owner !== concept) {
          reporter.add(`is also a term of concept "${owner}"`, name, `terms[${t}]`);
        }
        termOwner.set(key, concept);
      });
      const roleValue = groupValue.role;
      const role = SYNONYM_ROLES.find((r) => r === roleValue);
      if (roleValue !== undefined && role === undefined) {
        reporter.add(`must be one of ${SYNONYM_ROLES.map((r) => `"${r}"`).join(', ')}`, name, 'role');
      }
      groups.push(role === undefined ? { concept, terms } : { concept, role, terms });
    });
    locales[locale] = groups;
  }
  if (issues.length > before) return undefined;
  return { version, locales: locales as Record<Locale, SynonymGroup[]> };
}
