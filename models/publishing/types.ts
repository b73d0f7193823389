/**
 * What campaign staff publish, per locale: the measure's sections and FAQ entries (models/content), news,
 * info-session events and announcements. Kept in the store (models/publishing/contentRepository.ts); the files in
 * `content/` are the seed of a new installation and have the same format as `npm run content -- export`.
 */
import type { FaqEntry, Locale, MeasureContent, Section, SynonymTable } from '../content';

export const CONTENT_KINDS = ['section', 'faq', 'news', 'event', 'announcement'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export function isContentKind(value: unknown): value is ContentKind {
  return typeof value === 'string' && (CONTENT_KINDS as readonly string[]).includes(value);
}

/** A piece of news ("novità"): shown newest first. */
export interface NewsItem {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** YYYY-MM-DD */
  readonly date: string;
  /** where the news comes from (a public page, a decree) */
  readonly source: string;
}

/** An information session for workers ("incontri a Bergamo"). */
export interface InfoEvent {
  readonly id: string;
  readonly title: string;
  /** YYYY-MM-DD, local time of Italy */
  readonly date: string;
  /** HH:MM, 24 hours */
  readonly time: string;
  readonly place: string;
  /** Lombardy province sigla, e.g. BG */
  readonly province: string;
  /** https link to details or sign-up; optional */
  readonly link?: string;
  readonly description?: string;
}

/** A short text staff can change without a release (banners, notices). */
export interface Announcement {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface EntryByKind {
  section: Section;
  faq: FaqEntry;
  news: NewsItem;
  event: InfoEvent;
  announcement: Announcement;
}

export type EntryData = EntryByKind[ContentKind];

/** Everything one installation publishes: what export writes and import reads. */
export interface ContentBundle {
  readonly measure: Readonly<Record<Locale, MeasureContent>>;
  readonly synonyms: SynonymTable;
  readonly news: Readonly<Record<Locale, readonly NewsItem[]>>;
  readonly events: Readonly<Record<Locale, readonly InfoEvent[]>>;
  readonly announcements: Readonly<Record<Locale, readonly Announcement[]>>;
}
