/**
 * The measure's files described once, with zod: `content/measure/<locale>.json` (sections and FAQ) and
 * `content/measure/synonyms.json`. The types the rest of the code uses are inferred from these schemas. Every
 * problem is collected, named by file, entry and field, so staff see everything that is wrong in one go (the checks
 * across entries, such as a phrasing used twice, run once every entry has the right shape).
 */
import { z } from 'zod';
import { foldForComparison } from '../text/fold';
import type { ContentIssue } from './errors';
import { atMostWords, contentIssues, describeJson, entryId, entryName, parseJsonText, record, requiredOr, text, texts, type Locate } from './schemaKit';
import { type Locale, LOCALES, MAX_FAQ_ANSWER_WORDS, MAX_SECTION_BODY_WORDS, REQUIRED_SECTION_IDS, SYNONYM_ROLES } from './types';

const notAnEntry = (input: unknown): string => `must be an object, not ${describeJson(input)}`;
const notAList = (input: unknown): string => `must be an array, not ${describeJson(input)}`;

/** A page of the measure: plain text, short paragraphs separated by a blank line, list items starting with "- ". */
const sectionSchema = record(
  {
    id: entryId,
    title: text,
    body: text.refine(...atMostWords(MAX_SECTION_BODY_WORDS)),
    /** Where the facts come from (the fact sheet's heading, or the public page named in FACTS.md). */
    source: text,
  },
  notAnEntry,
).readonly();

/** One question a worker may ask, in several phrasings, with its answer. */
const faqEntrySchema = record(
  {
    id: entryId,
    /** Different ways of asking the same thing (colloquial ones too): retrieval matches against them. */
    questions: texts.min(1, 'must have at least one item').readonly(),
    answer: text.refine(...atMostWords(MAX_FAQ_ANSWER_WORDS)),
    tags: texts.readonly(),
    source: text,
    /** Ids of the sections this entry belongs to (for "read more"). */
    sections: texts.min(1, 'must have at least one item').readonly(),
  },
  notAnEntry,
).readonly();

export type Section = z.output<typeof sectionSchema>;
export type FaqEntry = z.output<typeof faqEntrySchema>;

/** The checks across entries of one file: unique ids, required sections, phrasings and section links. */
function checkAcrossEntries(content: { sections: readonly Section[]; faq: readonly FaqEntry[] }, ctx: z.RefinementCtx): void {
  const problem = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
  const sectionIds = new Set<string>();
  content.sections.forEach((section, i) => {
    if (sectionIds.has(section.id)) problem(['sections', i, 'id'], 'is used by more than one section');
    sectionIds.add(section.id);
  });
  for (const required of REQUIRED_SECTION_IDS) {
    if (!sectionIds.has(required)) problem(['sections'], `must include the section "${required}" (required: ${REQUIRED_SECTION_IDS.join(', ')})`);
  }
  const faqIds = new Set<string>();
  // phrasings compared folded (case, accents, punctuation): the owner of each, to name the other entry
  const questionOwner = new Map<string, string>();
  content.faq.forEach((entry, i) => {
    if (faqIds.has(entry.id)) problem(['faq', i, 'id'], 'is used by more than one faq entry');
    faqIds.add(entry.id);
    entry.questions.forEach((question, q) => {
      const key = foldForComparison(question);
      const owner = questionOwner.get(key);
      if (owner === entry.id) problem(['faq', i, 'questions', q], 'repeats another phrasing of the same entry');
      else if (owner !== undefined) problem(['faq', i, 'questions', q], `is also a phrasing of faq "${owner}"`);
      else questionOwner.set(key, entry.id);
    });
    entry.sections.forEach((sectionId, s) => {
      if (!sectionIds.has(sectionId)) problem(['faq', i, 'sections', s], `names the unknown section "${sectionId}"`);
    });
  });
}

/** One locale's file; `locale` must be the one its name says. */
export function measureContentSchema<L extends Locale>(expectedLocale: L) {
  return record(
    {
      version: text,
      locale: z.literal(expectedLocale, {
        error: ({ input }) =>
          input === undefined
            ? 'is required'
            : typeof input !== 'string'
              ? `must be a string, not ${describeJson(input)}`
              : input.trim() === ''
                ? 'must not be empty'
                : `must be "${expectedLocale}" (the file's name), not "${input}"`,
      }),
      sections: z.array(sectionSchema, requiredOr(notAList)).readonly(),
      faq: z.array(faqEntrySchema, requiredOr(notAList)).min(1, 'must have at least one entry').readonly(),
    },
    (input) => `must hold a JSON object, not ${describeJson(input)}`,
  )
    .superRefine(checkAcrossEntries)
    .readonly();
}

/** One locale's file. */
export type MeasureContent = z.output<ReturnType<typeof measureContentSchema<Locale>>>;

/** A section or FAQ entry is named by its id (`faq "cost"`), or its place when it has none (`faq #3`). */
function locateInMeasure(raw: unknown): Locate {
  return (path) => {
    const [list, index, ...field] = path;
    if ((list === 'sections' || list === 'faq') && typeof index === 'number') {
      const kind = list === 'sections' ? 'section' : 'faq';
      return { entry: entryName((raw as Record<string, unknown>)[list], index, kind), field };
    }
    return { field: path };
  };
}

/**
 * Validates one locale's file. Returns the typed content, or undefined when anything is wrong; problems go to
 * `issues`, named by `file`, entry and field.
 */
export function validateMeasureContent(text: string, file: string, expectedLocale: Locale, issues: ContentIssue[]): MeasureContent | undefined {
  const json = parseJsonText(text, file, issues);
  if (!json.ok) return undefined;
  const parsed = measureContentSchema(expectedLocale).safeParse(json.value);
  if (parsed.success) return parsed.data;
  issues.push(...contentIssues(parsed.error, file, locateInMeasure(json.value)));
  return undefined;
}

/**
 * Words and phrases that mean the same thing for retrieval, e.g. "cassintegrato" = "cassa integrazione". `role`:
 * unset, an ordinary concept; `anchor`, names of the measure itself ("azioni di rete", "questa misura"), which show
 * that a question is about the measure without pointing at any one answer; `weak`, everyday words ("telefono",
 * "gratis", "adesso") that appear in questions about anything, so they count little as evidence; `ignore`,
 * connectives that carry no topic ("in base a", "per quanto riguarda"), dropped like stopwords.
 */
const synonymGroupSchema = record(
  {
    /** A stable name for the idea (lowercase ascii), e.g. `cig`. */
    concept: text.regex(/^[a-z0-9]+$/, 'must be lowercase letters and digits'),
    role: z.enum(SYNONYM_ROLES, { error: `must be one of ${SYNONYM_ROLES.map((r) => `"${r}"`).join(', ')}` }).optional(),
    /** Words or phrases, written naturally (accents and apostrophes allowed). */
    terms: z
      .array(
        text.refine((term) => foldForComparison(term) !== '', 'has no letters or digits'),
        requiredOr((input) => `must be an array of strings, not ${describeJson(input)}`),
      )
      .min(1, 'must have at least one item')
      .readonly(),
  },
  () => 'must be an object',
).readonly();

export type SynonymGroup = z.output<typeof synonymGroupSchema>;

/** One locale's groups: each concept once, and a term in at most one concept. */
const synonymGroupsSchema = z
  .array(synonymGroupSchema, requiredOr(() => 'must be an array of groups'))
  .superRefine((groups, ctx) => {
    const concepts = new Set<string>();
    const termOwner = new Map<string, string>();
    groups.forEach((group, g) => {
      if (concepts.has(group.concept)) ctx.addIssue({ code: 'custom', path: [g, 'concept'], message: 'is defined twice' });
      concepts.add(group.concept);
      group.terms.forEach((term, t) => {
        const key = foldForComparison(term);
        const owner = termOwner.get(key);
        if (owner !== undefined && owner !== group.concept) ctx.addIssue({ code: 'custom', path: [g, 'terms', t], message: `is also a term of concept "${owner}"` });
        termOwner.set(key, group.concept);
      });
    });
  })
  .readonly();

const synonymTableSchema = record(
  {
    version: text,
    locales: record(
      Object.fromEntries(LOCALES.map((locale) => [locale, synonymGroupsSchema])) as Record<Locale, typeof synonymGroupsSchema>,
      () => 'must be an object keyed by locale',
    ).readonly(),
  },
  (input) => `must hold a JSON object, not ${describeJson(input)}`,
).readonly();

export type SynonymTable = z.output<typeof synonymTableSchema>;

/** A group is named by its locale and concept (`it concept "cig"`), or its place (`it group #3`). */
function locateInSynonyms(raw: unknown): Locate {
  return (path) => {
    const [locales, locale, index, ...field] = path;
    if (locales === 'locales' && typeof locale === 'string' && typeof index === 'number') {
      const groups = ((raw as { locales?: Record<string, unknown> }).locales ?? {})[locale];
      return { entry: entryName(groups, index, `${locale} concept`, 'concept', `${locale} group #${index + 1}`), field };
    }
    return { field: path };
  };
}

/** Validates `synonyms.json`: every locale present, concepts unique, a term in at most one concept. */
export function validateSynonyms(text: string, file: string, issues: ContentIssue[]): SynonymTable | undefined {
  const json = parseJsonText(text, file, issues);
  if (!json.ok) return undefined;
  const parsed = synonymTableSchema.safeParse(json.value);
  if (parsed.success) return parsed.data;
  issues.push(...contentIssues(parsed.error, file, locateInSynonyms(json.value)));
  return undefined;
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
      issues.push({ file: other.file, field, problem: `lacks ids present in ${reference.file}: ${missing.map((id) => `"${id}"`).join(', ')}` });
    }
    if (extra.length > 0) {
      issues.push({ file: other.file, field, problem: `has ids missing from ${reference.file}: ${extra.map((id) => `"${id}"`).join(', ')}` });
    }
  }
}
