/**
 * The measure's content as campaign staff write it (`content/measure/<locale>.json`), and the vocabulary the FAQ
 * retrieval uses (`content/measure/synonyms.json`). See `content/measure/README.md` for the format.
 */

/** The locales the measure's content is written in. Italian is the default and the fallback. */
export type Locale = 'it' | 'en';
export const LOCALES: readonly Locale[] = ['it', 'en'];
export const DEFAULT_LOCALE: Locale = 'it';

/** Section ids every locale must have: the main menu and the dialogs refer to them. */
export const REQUIRED_SECTION_IDS = [
  'what',
  'who',
  'projects',
  'services',
  'formation',
  'resources',
  'legal',
  'results',
  'join',
  'elsewhere',
] as const;
export type RequiredSectionId = (typeof REQUIRED_SECTION_IDS)[number];

/** Word limits checked at start-up. */
export const MAX_SECTION_BODY_WORDS = 120;
export const MAX_FAQ_ANSWER_WORDS = 80;

/** A page of the measure: plain text, short paragraphs separated by a blank line, list items starting with "- ". */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** Where the facts come from (the fact sheet's heading, or the public page named in FACTS.md). */
  readonly source: string;
}

/** One question a worker may ask, in several phrasings, with its answer. */
export interface FaqEntry {
  readonly id: string;
  /** Different ways of asking the same thing (colloquial ones too): retrieval matches against them. */
  readonly questions: readonly string[];
  readonly answer: string;
  readonly tags: readonly string[];
  readonly source: string;
  /** Ids of the sections this entry belongs to (for "read more"). */
  readonly sections: readonly string[];
}

/** One locale's file. */
export interface MeasureContent {
  readonly version: string;
  readonly locale: Locale;
  readonly sections: readonly Section[];
  readonly faq: readonly FaqEntry[];
}

/** Words and phrases that mean the same thing for retrieval, e.g. "cassintegrato" = "cassa integrazione". */
export interface SynonymGroup {
  /** A stable name for the idea (lowercase ascii), e.g. `cig`. */
  readonly concept: string;
  /** Words or phrases, written naturally (accents and apostrophes allowed). */
  readonly terms: readonly string[];
  /**
   * How retrieval treats the group. Unset: an ordinary concept. `anchor`: names of the measure itself ("azioni di
   * rete", "questa misura"), which show that a question is about the measure without pointing at any one answer.
   * `weak`: everyday words ("telefono", "gratis", "adesso") that appear in questions about anything, so they count
   * little as evidence that a question is about the measure. `ignore`: connectives that carry no topic ("in base
   * a", "per quanto riguarda"), dropped like stopwords.
   */
  readonly role?: SynonymRole;
}

export type SynonymRole = 'anchor' | 'weak' | 'ignore';
export const SYNONYM_ROLES: readonly SynonymRole[] = ['anchor', 'weak', 'ignore'];

export interface SynonymTable {
  readonly version: string;
  readonly locales: Readonly<Record<Locale, readonly SynonymGroup[]>>;
}
