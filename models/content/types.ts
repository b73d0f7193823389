/**
 * The measure's content as campaign staff write it (`content/measure/<locale>.json`), and the vocabulary the FAQ
 * retrieval uses (`content/measure/synonyms.json`). See `content/measure/README.md` for the format and ./schema.ts
 * for its schemas.
 */

import { CONTENT_LANGUAGES, type ContentLanguage } from '../languages';

/**
 * The locales the measure's content is written in: the languages of models/languages.ts that have content (one
 * source of truth). Italian is the default and the fallback.
 */
export type Locale = ContentLanguage;
export const LOCALES: readonly Locale[] = CONTENT_LANGUAGES;
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

/** How retrieval treats a synonym group (see SynonymGroup in ./schema). */
export const SYNONYM_ROLES = ['anchor', 'weak', 'ignore'] as const;
export type SynonymRole = (typeof SYNONYM_ROLES)[number];

// The shapes of the files, inferred from their schemas.
export type { FaqEntry, MeasureContent, Section, SynonymGroup, SynonymTable } from './schema';
