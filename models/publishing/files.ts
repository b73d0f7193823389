/**
 * Content on disk: the seed of a new installation (`content/`) and what `npm run content -- export|import <dir>`
 * writes and reads. One layout for both:
 *
 *   <dir>/measure/<locale>.json          sections and FAQ (content/measure/README.md)
 *   <dir>/measure/synonyms.json          the retrieval vocabulary
 *   <dir>/news/<locale>.json             { "locale": "it", "news": [...] }
 *   <dir>/events/<locale>.json           { "locale": "it", "events": [...] }
 *   <dir>/announcements/<locale>.json    { "locale": "it", "announcements": [...] }
 *   <dir>/holidays/<locale>.json         { "locale": "it", "holidays": [...] } (the operators' days off)
 *
 * Reading validates everything and throws one ContentValidationError listing every problem (file, entry, field):
 * nothing is returned half-read. A missing news/events/announcements file means an empty list. The locales may
 * differ in which entries they have (a translation not written yet): the console flags it, it is not an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ContentValidationError,
  LOCALES,
  MEASURE_FOLDER,
  SYNONYMS_FILE,
  validateMeasureContent,
  validateSynonyms,
  type ContentIssue,
  type FaqEntry,
  type Locale,
  type MeasureContent,
  type Section,
  type SynonymTable,
} from '../content';
import type { Announcement, ContentBundle, Holiday, InfoEvent, NewsItem } from './types';
import { LIST_KEY, validateNoticeFile, type NoticeKind } from './validateNotices';

const NOTICE_FOLDERS: Record<NoticeKind, string> = { news: 'news', event: 'events', announcement: 'announcements', holiday: 'holidays' };

function perLocale<T>(make: (locale: Locale) => T): Record<Locale, T> {
  return Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, T>;
}

/** Reads and validates a content folder; throws ContentValidationError with every problem. */
export function readContentFolder(dir: string): ContentBundle {
  const issues: ContentIssue[] = [];
  const label = (...parts: string[]): string => [path.basename(dir), ...parts].join('/');
  const measure: Partial<Record<Locale, MeasureContent>> = {};
  for (const locale of LOCALES) {
    const file = path.join(dir, MEASURE_FOLDER, `${locale}.json`);
    if (!fs.existsSync(file)) {
      issues.push({ file: label(MEASURE_FOLDER, `${locale}.json`), problem: 'is missing: every supported locale needs its file' });
      continue;
    }
    const content = validateMeasureContent(fs.readFileSync(file, 'utf8'), label(MEASURE_FOLDER, `${locale}.json`), locale, issues);
    if (content) measure[locale] = content;
  }
  let synonyms: SynonymTable | undefined;
  const synonymsFile = path.join(dir, MEASURE_FOLDER, SYNONYMS_FILE);
  if (!fs.existsSync(synonymsFile)) issues.push({ file: label(MEASURE_FOLDER, SYNONYMS_FILE), problem: 'is missing' });
  else synonyms = validateSynonyms(fs.readFileSync(synonymsFile, 'utf8'), label(MEASURE_FOLDER, SYNONYMS_FILE), issues);

  const notices = (kind: NoticeKind): Record<Locale, Array<NewsItem | InfoEvent | Announcement | Holiday>> =>
    perLocale((locale) => {
      const file = path.join(dir, NOTICE_FOLDERS[kind], `${locale}.json`);
      if (!fs.existsSync(file)) return [];
      return validateNoticeFile(kind, fs.readFileSync(file, 'utf8'), label(NOTICE_FOLDERS[kind], `${locale}.json`), locale, issues) ?? [];
    });
  const news = notices('news') as Record<Locale, NewsItem[]>;
  const events = notices('event') as Record<Locale, InfoEvent[]>;
  const announcements = notices('announcement') as Record<Locale, Announcement[]>;
  // an export made before the holidays existed has no such folder: absent, not empty, so an import keeps the
  // published days off instead of withdrawing them all (importBundle)
  const holidays = fs.existsSync(path.join(dir, NOTICE_FOLDERS.holiday)) ? (notices('holiday') as Record<Locale, Holiday[]>) : undefined;

  if (issues.length > 0 || synonyms === undefined || LOCALES.some((l) => measure[l] === undefined)) throw new ContentValidationError(issues);
  return { measure: measure as Record<Locale, MeasureContent>, synonyms, news, events, announcements, ...(holidays ? { holidays } : {}) };
}

/** Field order as staff write them, so an export diffs cleanly against the seed. */
function sectionFile(s: Section): Section {
  return { id: s.id, title: s.title, body: s.body, source: s.source };
}

function faqFile(f: FaqEntry): FaqEntry {
  return { id: f.id, questions: [...f.questions], answer: f.answer, tags: [...f.tags], source: f.source, sections: [...f.sections] };
}

function eventFile(e: InfoEvent): InfoEvent {
  return {
    id: e.id,
    title: e.title,
    date: e.date,
    time: e.time,
    place: e.place,
    province: e.province,
    ...(e.link ? { link: e.link } : {}),
    ...(e.description ? { description: e.description } : {}),
  };
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** Writes the bundle in the folder layout above (files are replaced, other files left alone). */
export function writeContentFolder(dir: string, bundle: ContentBundle): void {
  for (const locale of LOCALES) {
    const m = bundle.measure[locale];
    writeJson(path.join(dir, MEASURE_FOLDER, `${locale}.json`), { version: m.version, locale, sections: m.sections.map(sectionFile), faq: m.faq.map(faqFile) });
    writeJson(path.join(dir, NOTICE_FOLDERS.news, `${locale}.json`), {
      locale,
      [LIST_KEY.news]: bundle.news[locale].map((n) => ({ id: n.id, title: n.title, body: n.body, date: n.date, source: n.source })),
    });
    writeJson(path.join(dir, NOTICE_FOLDERS.event, `${locale}.json`), { locale, [LIST_KEY.event]: bundle.events[locale].map(eventFile) });
    writeJson(path.join(dir, NOTICE_FOLDERS.announcement, `${locale}.json`), {
      locale,
      [LIST_KEY.announcement]: bundle.announcements[locale].map((a) => ({ id: a.id, title: a.title, text: a.text })),
    });
    // holidays are kept in Italian only as a rule: a locale without any has no file
    const holidays = bundle.holidays?.[locale] ?? [];
    if (holidays.length > 0) writeJson(path.join(dir, NOTICE_FOLDERS.holiday, `${locale}.json`), { locale, [LIST_KEY.holiday]: holidays.map((h) => ({ id: h.id, name: h.name, rule: h.rule })) });
  }
  writeJson(path.join(dir, MEASURE_FOLDER, SYNONYMS_FILE), bundle.synonyms);
}
