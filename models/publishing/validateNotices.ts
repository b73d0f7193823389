/**
 * News, info-session events and announcements described once, with zod; their types (./types) are inferred from
 * these schemas. Like the measure's (models/content/schema.ts), every problem is collected as a ContentIssue naming
 * the file, the entry and the field, so staff see all at once.
 */
import { z } from 'zod';
import { type ContentIssue, type Locale } from '../content';
import { atMostWords, contentIssues, describeJson, entryId, entryName, parseJsonText, record, requiredOr, text, type Locate } from '../content/schemaKit';
import { LOMBARDY_PROVINCES } from '../projects/project';
import { isCalendarDay } from '../text/dates';
import { isHolidayRule } from '../handoff/holidays';

export const MAX_NEWS_BODY_WORDS = 120;
export const MAX_EVENT_DESCRIPTION_WORDS = 80;
export const MAX_ANNOUNCEMENT_WORDS = 80;
const MAX_TITLE_CHARS = 120;

function atMostChars(max: number) {
  return [
    (value: string): boolean => value.length <= max,
    { error: (issue: { input?: unknown }) => `must be at most ${max} characters (it has ${String(issue.input).length})` },
  ] as const;
}

/** An optional field: absent or empty means not given. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional()).optional();
}

const notAnEntry = (input: unknown): string => `must be an object, not ${describeJson(input)}`;
const title = text.refine(...atMostChars(MAX_TITLE_CHARS));

/** YYYY-MM-DD, a day that exists (not 2026-02-30). */
const date = text.refine(isCalendarDay, 'must be a date written YYYY-MM-DD');

/** A piece of news ("novità"): shown newest first. */
const newsSchema = record(
  {
    id: entryId,
    title,
    body: text.refine(...atMostWords(MAX_NEWS_BODY_WORDS)),
    /** YYYY-MM-DD */
    date,
    /** where the news comes from (a public page, a decree) */
    source: text,
  },
  notAnEntry,
);

/** An information session for workers ("incontri a Bergamo"). */
const eventSchema = record(
  {
    id: entryId,
    title,
    /** YYYY-MM-DD, local time of Italy */
    date,
    /** HH:MM, 24 hours */
    time: text.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (24 hours)'),
    place: text.refine(...atMostChars(200)),
    /** Lombardy province sigla, e.g. BG */
    province: text.refine((value) => (LOMBARDY_PROVINCES as readonly string[]).includes(value), `must be a Lombardy province code (${LOMBARDY_PROVINCES.join(', ')})`),
    /** https link to details or sign-up */
    link: optional(text.refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'must be an https:// link')),
    description: optional(text.refine(...atMostWords(MAX_EVENT_DESCRIPTION_WORDS))),
  },
  notAnEntry,
);

/** A short text staff can change without a release (banners, notices). */
const announcementSchema = record({ id: entryId, title, text: text.refine(...atMostWords(MAX_ANNOUNCEMENT_WORDS)) }, notAnEntry);

/**
 * A day the network's operators do not work (models/handoff/officeHours.ts): every year ("12-25"), one day only
 * ("2026-12-24"), or Easter Monday ("easter-monday", computed). The Italian list is the one the office calendar reads.
 */
const holidaySchema = record(
  {
    id: entryId,
    name: title,
    rule: text.refine(isHolidayRule, 'must be MM-DD (every year, e.g. 12-25), YYYY-MM-DD (that day only) or easter-monday'),
  },
  notAnEntry,
);

/** The one language of the days off: the office calendar reads the Italian list only (NoticeBoard.holidayRules). */
export const HOLIDAY_LOCALE: Locale = 'it';

/**
 * A day off written in another language would be accepted and never read, a silent no-op for the staff member who
 * published it: refused, saying where it goes.
 */
export function holidayLocaleProblem(locale: Locale): string | undefined {
  return locale === HOLIDAY_LOCALE ? undefined : `holds the operators' days off, which are one list kept in Italian (content/holidays/${HOLIDAY_LOCALE}.json): write them there`;
}

export type NewsItem = Readonly<z.output<typeof newsSchema>>;
export type InfoEvent = Readonly<z.output<typeof eventSchema>>;
export type Announcement = Readonly<z.output<typeof announcementSchema>>;
export type Holiday = Readonly<z.output<typeof holidaySchema>>;

export type NoticeKind = 'news' | 'event' | 'announcement' | 'holiday';

const SCHEMAS = { news: newsSchema, event: eventSchema, announcement: announcementSchema, holiday: holidaySchema } as const;

/** The key of the list in each file: `{ "locale": "it", "news": [...] }`. */
export const LIST_KEY: Record<NoticeKind, 'news' | 'events' | 'announcements' | 'holidays'> = { news: 'news', event: 'events', announcement: 'announcements', holiday: 'holidays' };

/**
 * One entry of a kind; returns the typed entry or undefined (problems in `issues`, named `<kind> "<id>"` and the
 * field). `entryName` overrides the name (e.g. `news #3` for an entry without a usable id).
 */
export function validateNotice(kind: 'news', value: unknown, file: string, issues: ContentIssue[], entryName?: string): NewsItem | undefined;
export function validateNotice(kind: 'event', value: unknown, file: string, issues: ContentIssue[], entryName?: string): InfoEvent | undefined;
export function validateNotice(kind: 'announcement', value: unknown, file: string, issues: ContentIssue[], entryName?: string): Announcement | undefined;
export function validateNotice(kind: 'holiday', value: unknown, file: string, issues: ContentIssue[], entryName?: string): Holiday | undefined;
export function validateNotice(kind: NoticeKind, value: unknown, file: string, issues: ContentIssue[], entryName?: string): NewsItem | InfoEvent | Announcement | Holiday | undefined;
export function validateNotice(kind: NoticeKind, value: unknown, file: string, issues: ContentIssue[], name?: string): NewsItem | InfoEvent | Announcement | Holiday | undefined {
  const parsed = SCHEMAS[kind].safeParse(value);
  if (parsed.success) return parsed.data;
  const entry = name ?? entryName([value], 0, kind, 'id', kind);
  issues.push(...contentIssues(parsed.error, file, (path) => ({ entry, field: path })));
  return undefined;
}

/** A whole file `{ "locale": "<locale>", "<list key>": [...] }`; ids unique. */
function noticeFileSchema(kind: NoticeKind, locale: Locale) {
  const listKey = LIST_KEY[kind];
  return record(
    {
      locale: z.literal(locale, { error: `must be "${locale}" (the file's name)` }),
      [listKey]: z
        .array(SCHEMAS[kind] as z.ZodType<{ id: string }>, requiredOr((input) => `must be an array, not ${describeJson(input)}`))
        .superRefine((entries, ctx) => {
          const seen = new Set<string>();
          entries.forEach((entry, i) => {
            if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `is used by more than one ${kind} entry` });
            seen.add(entry.id);
          });
        }),
    },
    (input) => `must hold a JSON object, not ${describeJson(input)}`,
  );
}

export function validateNoticeFile(kind: NoticeKind, text: string, file: string, locale: Locale, issues: ContentIssue[]): Array<NewsItem | InfoEvent | Announcement | Holiday> | undefined {
  const elsewhere = kind === 'holiday' ? holidayLocaleProblem(locale) : undefined;
  if (elsewhere) {
    issues.push({ file, problem: elsewhere });
    return undefined;
  }
  const json = parseJsonText(text, file, issues);
  if (!json.ok) return undefined;
  const listKey = LIST_KEY[kind];
  const parsed = noticeFileSchema(kind, locale).safeParse(json.value);
  if (parsed.success) return parsed.data[listKey] as Array<NewsItem | InfoEvent | Announcement | Holiday>;
  const locate: Locate = (path) => {
    const [list, index, ...field] = path;
    if (list === listKey && typeof index === 'number') return { entry: entryName((json.value as Record<string, unknown>)[listKey], index, kind), field };
    return { field: path };
  };
  issues.push(...contentIssues(parsed.error, file, locate));
  return undefined;
}
