/**
 * Validation of news, info-session events and announcements, in the style of models/content/validate.ts: every
 * problem is collected as a ContentIssue naming the file, the entry and the field, so staff see all at once.
 */
import { countWords, type ContentIssue, type Locale } from '../content';
import { LOMBARDY_PROVINCES } from '../projects/project';
import type { Announcement, InfoEvent, NewsItem } from './types';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const MAX_NEWS_BODY_WORDS = 120;
export const MAX_EVENT_DESCRIPTION_WORDS = 80;
export const MAX_ANNOUNCEMENT_WORDS = 80;
const MAX_TITLE_CHARS = 120;

type FieldType = 'id' | 'text' | 'date' | 'time' | 'province' | 'url';

interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly maxWords?: number;
  readonly maxChars?: number;
}

const NEWS_FIELDS: readonly FieldSpec[] = [
  { name: 'id', type: 'id', required: true },
  { name: 'title', type: 'text', required: true, maxChars: MAX_TITLE_CHARS },
  { name: 'body', type: 'text', required: true, maxWords: MAX_NEWS_BODY_WORDS },
  { name: 'date', type: 'date', required: true },
  { name: 'source', type: 'text', required: true },
];

const EVENT_FIELDS: readonly FieldSpec[] = [
  { name: 'id', type: 'id', required: true },
  { name: 'title', type: 'text', required: true, maxChars: MAX_TITLE_CHARS },
  { name: 'date', type: 'date', required: true },
  { name: 'time', type: 'time', required: true },
  { name: 'place', type: 'text', required: true, maxChars: 200 },
  { name: 'province', type: 'province', required: true },
  { name: 'link', type: 'url', required: false },
  { name: 'description', type: 'text', required: false, maxWords: MAX_EVENT_DESCRIPTION_WORDS },
];

const ANNOUNCEMENT_FIELDS: readonly FieldSpec[] = [
  { name: 'id', type: 'id', required: true },
  { name: 'title', type: 'text', required: true, maxChars: MAX_TITLE_CHARS },
  { name: 'text', type: 'text', required: true, maxWords: MAX_ANNOUNCEMENT_WORDS },
];

export type NoticeKind = 'news' | 'event' | 'announcement';

const SPECS: Record<NoticeKind, readonly FieldSpec[]> = { news: NEWS_FIELDS, event: EVENT_FIELDS, announcement: ANNOUNCEMENT_FIELDS };

/** The key of the list in each file: `{ "locale": "it", "news": [...] }`. */
export const LIST_KEY: Record<NoticeKind, 'news' | 'events' | 'announcements'> = { news: 'news', event: 'events', announcement: 'announcements' };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function realDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * One entry of a kind; returns the typed entry or undefined (problems in `issues`, named `<kind> "<id>"` and the
 * field). `entryName` overrides the name (e.g. `news #3` for an entry without a usable id).
 */
export function validateNotice(kind: 'news', value: unknown, file: string, issues: ContentIssue[], entryName?: string): NewsItem | undefined;
export function validateNotice(kind: 'event', value: unknown, file: string, issues: ContentIssue[], entryName?: string): InfoEvent | undefined;
export function validateNotice(kind: 'announcement', value: unknown, file: string, issues: ContentIssue[], entryName?: string): Announcement | undefined;
export function validateNotice(kind: NoticeKind, value: unknown, file: string, issues: ContentIssue[], entryName?: string): NewsItem | InfoEvent | Announcement | undefined;
export function validateNotice(kind: NoticeKind, value: unknown, file: string, issues: ContentIssue[], entryName?: string): NewsItem | InfoEvent | Announcement | undefined {
  const before = issues.length;
  if (!isObject(value)) {
    issues.push({ file, entry: entryName ?? kind, problem: `must be an object, not ${describe(value)}` });
    return undefined;
  }
  const rawId = value.id;
  const entry = entryName ?? (typeof rawId === 'string' && rawId !== '' ? `${kind} "${rawId}"` : kind);
  const add = (field: string | undefined, problem: string): void => {
    issues.push({ file, entry, ...(field === undefined ? {} : { field }), problem });
  };
  const specs = SPECS[kind];
  for (const key of Object.keys(value)) {
    if (!specs.some((s) => s.name === key)) add(key, `is not a known field (known: ${specs.map((s) => s.name).join(', ')})`);
  }
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const raw = value[spec.name];
    if (raw === undefined || (raw === '' && !spec.required)) {
      if (spec.required) add(spec.name, 'is required');
      continue;
    }
    if (typeof raw !== 'string') {
      add(spec.name, `must be a string, not ${describe(raw)}`);
      continue;
    }
    if (raw.trim() === '') {
      add(spec.name, 'must not be empty');
      continue;
    }
    switch (spec.type) {
      case 'id':
        if (!ID_PATTERN.test(raw)) add(spec.name, 'must be lowercase letters, digits and dashes');
        break;
      case 'date':
        if (!realDate(raw)) add(spec.name, 'must be a date written YYYY-MM-DD');
        break;
      case 'time':
        if (!TIME_PATTERN.test(raw)) add(spec.name, 'must be a time written HH:MM (24 hours)');
        break;
      case 'province':
        if (!(LOMBARDY_PROVINCES as readonly string[]).includes(raw)) add(spec.name, `must be a Lombardy province code (${LOMBARDY_PROVINCES.join(', ')})`);
        break;
      case 'url': {
        let ok = false;
        try {
          ok = new URL(raw).protocol === 'https:';
        } catch {
          ok = false;
        }
        if (!ok) add(spec.name, 'must be an https:// link');
        break;
      }
      case 'text':
        break;
    }
    if (spec.maxWords !== undefined && countWords(raw) > spec.maxWords) add(spec.name, `must be at most ${spec.maxWords} words (it has ${countWords(raw)})`);
    if (spec.maxChars !== undefined && raw.length > spec.maxChars) add(spec.name, `must be at most ${spec.maxChars} characters (it has ${raw.length})`);
    out[spec.name] = raw;
  }
  if (issues.length > before) return undefined;
  return out as unknown as NewsItem | InfoEvent | Announcement;
}

/** A whole file `{ "locale": "<locale>", "<list key>": [...] }`; ids unique. */
export function validateNoticeFile(kind: NoticeKind, text: string, file: string, locale: Locale, issues: ContentIssue[]): Array<NewsItem | InfoEvent | Announcement> | undefined {
  const before = issues.length;
  let root: unknown;
  try {
    root = JSON.parse(text) as unknown;
  } catch (err) {
    issues.push({ file, problem: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` });
    return undefined;
  }
  if (!isObject(root)) {
    issues.push({ file, problem: `must hold a JSON object, not ${describe(root)}` });
    return undefined;
  }
  const listKey = LIST_KEY[kind];
  for (const key of Object.keys(root)) {
    if (key !== 'locale' && key !== listKey) issues.push({ file, field: key, problem: `is not a known field (known: locale, ${listKey})` });
  }
  if (root.locale !== locale) issues.push({ file, field: 'locale', problem: `must be "${locale}" (the file's name)` });
  const list = root[listKey];
  if (!Array.isArray(list)) {
    issues.push({ file, field: listKey, problem: list === undefined ? 'is required' : `must be an array, not ${describe(list)}` });
    return undefined;
  }
  const out: Array<NewsItem | InfoEvent | Announcement> = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const id = isObject(item) && typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
    const entry = id === undefined ? `${kind} #${i + 1}` : `${kind} "${id}"`;
    if (id !== undefined && seen.has(id)) issues.push({ file, entry, field: 'id', problem: `is used by more than one ${kind} entry` });
    if (id !== undefined) seen.add(id);
    const valid = validateNotice(kind, item, file, issues, entry);
    if (valid) out.push(valid);
  });
  if (issues.length > before) return undefined;
  return out;
}
