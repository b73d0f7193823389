import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentDir } from '../paths';
import { ContentCatalogue, MeasureContentCatalogue } from './catalogue';
import { ContentIssue, ContentValidationError } from './errors';
import { DEFAULT_LOCALE, Locale, LOCALES, MeasureContent, SynonymTable } from './types';
import { compareLocales, validateMeasureContent, validateSynonyms } from './schema';

export const MEASURE_FOLDER = 'measure';
export const SYNONYMS_FILE = 'synonyms.json';

const LOCALE_FILE = /^([a-z]{2,3})\.json$/;

export interface LoadedMeasureContent {
  readonly contents: readonly MeasureContent[];
  readonly synonyms: SynonymTable;
}

/**
 * Reads and validates `<dir>/measure/<locale>.json` for every supported locale and `<dir>/measure/synonyms.json`.
 * Throws a `ContentValidationError` listing every problem, each naming the file, the entry and the field.
 * `dir` is the content folder (the one holding `measure/`), by default the project's `content/`.
 */
export function readMeasureContent(dir: string = contentDir): LoadedMeasureContent {
  const measureDir = path.join(dir, MEASURE_FOLDER);
  // Files are named as staff see them: `content/measure/en.json`, relative to the folder above `content/`.
  const label = (file: string): string => [path.basename(dir), MEASURE_FOLDER, file].join('/');
  const issues: ContentIssue[] = [];

  let names: string[];
  try {
    names = fs.readdirSync(measureDir);
  } catch {
    throw new ContentValidationError([{ file: label(''), problem: 'is missing: the measure content folder cannot be read' }]);
  }

  const found = new Map<Locale, string>();
  for (const name of names.sort()) {
    const match = LOCALE_FILE.exec(name);
    if (match === null) continue;
    const locale = LOCALES.find((l) => l === match[1]);
    if (locale === undefined) {
      issues.push({ file: label(name), problem: `is for an unsupported locale (supported: ${LOCALES.join(', ')})` });
      continue;
    }
    found.set(locale, name);
  }

  const contents: Array<{ file: string; content: MeasureContent }> = [];
  for (const locale of LOCALES) {
    const name = found.get(locale) ?? `${locale}.json`;
    if (!found.has(locale)) {
      issues.push({ file: label(name), problem: 'is missing: every supported locale needs its file' });
      continue;
    }
    const content = validateMeasureContent(fs.readFileSync(path.join(measureDir, name), 'utf8'), label(name), locale, issues);
    if (content !== undefined) contents.push({ file: label(name), content });
  }

  const reference = contents.find((c) => c.content.locale === DEFAULT_LOCALE);
  if (reference !== undefined) {
    for (const other of contents) if (other !== reference) compareLocales(reference, other, issues);
  }

  let synonyms: SynonymTable | undefined;
  const synonymsPath = path.join(measureDir, SYNONYMS_FILE);
  if (!fs.existsSync(synonymsPath)) {
    issues.push({ file: label(SYNONYMS_FILE), problem: 'is missing' });
  } else {
    synonyms = validateSynonyms(fs.readFileSync(synonymsPath, 'utf8'), label(SYNONYMS_FILE), issues);
  }

  if (issues.length > 0 || synonyms === undefined) throw new ContentValidationError(issues);
  return { contents: contents.map((c) => c.content), synonyms };
}

/** Loads, validates and indexes the measure's content: the start-up entry point. */
export function loadMeasureContent(dir: string = contentDir): ContentCatalogue {
  const { contents, synonyms } = readMeasureContent(dir);
  return new MeasureContentCatalogue(contents, synonyms);
}
