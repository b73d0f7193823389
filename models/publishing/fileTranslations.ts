/**
 * The translations that live in files read at start, as items of the staff review of translations (issue 16,
 * translationReview.ts): the UI strings (content/locales/<lng>/*.json: every string a worker sees) and the privacy
 * notices (content/privacy/<lng>.json, content/privacy/campaign/<lng>.json). They are edited through git, not in the
 * console, so an item is not a stored version but a digest of what the file holds: staff approve a given digest of
 * the translation against a given digest of its Italian source.
 *
 * The review unit of the UI strings is a top-level key group (`welcome`, `menu`, `eligibility`, `referral`,
 * `consentWithdrawal`, `campaign`...), not the whole file: every file but translation.json holds exactly one group,
 * named after it, and translation.json holds seventeen (300 strings); a reviewer reads one screen of strings about
 * one subject, and a change of one Italian group puts only that group out of date, not the whole of translation.json.
 * A privacy notice is one item (its title, paragraphs and phrases).
 *
 * Pure functions over the files (no store, no Bot Framework): fileTranslationReview.ts keeps the approvals.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, STAFF_NAMESPACES, type Language } from '../i18n';
import { SOURCE_LANGUAGE, STAFF_WRITTEN_LANGUAGES } from './translationReview';

export const FILE_TRANSLATION_KINDS = ['strings', 'privacy'] as const;
/** `strings`: a key group of the UI strings; `privacy`: a privacy notice */
export type FileTranslationKind = (typeof FILE_TRANSLATION_KINDS)[number];

/** What one language's file holds for one item, flattened to dotted keys ("eligibility.outcome.eligible"). */
export interface FileTranslation {
  kind: FileTranslationKind;
  /** the key group (strings) or `notice` / `campaign` (privacy) */
  id: string;
  /** where it is, relative to the content folder ("locales/ro/translation.json") */
  file: string;
  /** the notice's title, or the group's name */
  title: string;
  /** every string, by its dotted key (arrays by index: "paragraphs.2") */
  values: Record<string, string>;
  /** a digest of the values: what an approval names */
  digest: string;
}

/** Every language's file items, read once at start (what the running server loaded). */
export type TranslationFiles = Record<Language, FileTranslation[]>;

/** The privacy notices: id -> folder under the content folder. */
const PRIVACY_FOLDERS: ReadonlyArray<[string, string]> = [
  ['notice', 'privacy'],
  ['campaign', path.join('privacy', 'campaign')],
];

/**
 * How a list is compared: `indexed`, item by item (a notice's paragraphs: paragraph 3 translates paragraph 3, and a
 * language lacking it lacks "paragraphs.3"); `whole`, as one value, a line per item (the UI strings' lists are words
 * a worker may type, "commands.help": each language has its own, as many as it needs).
 */
export type ListComparison = 'indexed' | 'whole';

/** Leaf values by dotted key; numbers and booleans as text (they are shown, never interpreted). */
export function flatten(value: unknown, prefix: string, lists: ListComparison, out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value) && lists === 'whole' && value.every((v) => typeof v !== 'object' || v === null)) {
    out[prefix] = value.map((v) => (v === null ? '' : String(v))).join('\n');
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, lists, out);
  } else if (prefix) {
    out[prefix] = value === null ? '' : String(value);
  }
  return out;
}

/** A digest of the strings themselves (key order and the file's layout do not count): 16 hex digits of SHA-256. */
export function digestOf(values: Record<string, string>): string {
  const pairs = Object.keys(values)
    .sort()
    .map((key) => [key, values[key]]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 16);
}

function item(kind: FileTranslationKind, id: string, file: string, title: string, values: Record<string, string>): FileTranslation {
  return { kind, id, file, title, values, digest: digestOf(values) };
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`cannot read ${file} for the review of translations: ${(err as Error).message}`);
  }
}

/**
 * Reads every language's UI strings (one item per top-level key group) and privacy notices from a content folder
 * (content/ in production; tests pass a copy). A file a language lacks is simply absent: the review calls it missing.
 */
export function readTranslationFiles(contentFolder: string): TranslationFiles {
  const out = {} as TranslationFiles;
  for (const language of LANGUAGES) {
    const items: FileTranslation[] = [];
    const folder = path.join(contentFolder, 'locales', language);
    const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
    for (const name of names) {
      const file = path.posix.join('locales', language, name);
      for (const [group, value] of Object.entries(readJson(path.join(folder, name)))) {
        items.push(item('strings', group, file, `${name} › ${group}`, flatten(value, group, 'whole')));
      }
    }
    for (const [id, sub] of PRIVACY_FOLDERS) {
      const full = path.join(contentFolder, sub, `${language}.json`);
      if (!fs.existsSync(full)) continue;
      const parsed = readJson(full);
      const title = typeof parsed.title === 'string' ? parsed.title : id;
      items.push(item('privacy', id, path.posix.join(...sub.split(path.sep), `${language}.json`), title, flatten(parsed, '', 'indexed')));
    }
    out[language] = items;
  }
  return out;
}

/**
 * The items a language is reviewed on: every Italian one, except the staff-only string groups (the console, the
 * Teams operator channel) in the workers' languages, which need not translate them (i18next shows them in Italian;
 * models/i18n.ts STAFF_NAMESPACES).
 */
export function reviewedItemsOf(files: TranslationFiles, language: Language): FileTranslation[] {
  return files[SOURCE_LANGUAGE as Language].filter((source) => !(source.kind === 'strings' && STAFF_NAMESPACES.includes(source.id) && !STAFF_WRITTEN_LANGUAGES.includes(language)));
}

/** One language's item against its Italian source: the keys the translation lacks, and both digests. */
export interface FileComparison {
  source: FileTranslation;
  /** this language's, or undefined when it has none */
  translation: FileTranslation | undefined;
  /** keys the Italian has and this language does not, in the Italian's order */
  missingKeys: string[];
}

export function compare(files: TranslationFiles, language: Language, source: FileTranslation): FileComparison {
  const translation = files[language].find((t) => t.kind === source.kind && t.id === source.id);
  const missingKeys = Object.keys(source.values).filter((key) => translation?.values[key] === undefined);
  return { source, translation, missingKeys };
}

/** The key of an item's approvals: "<locale>:<kind>:<id>". */
export function fileItemKey(language: string, kind: FileTranslationKind, id: string): string {
  return `${language}:${kind}:${id}`;
}
