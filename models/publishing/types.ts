/**
 * What campaign staff publish, per locale: the measure's sections and FAQ entries (models/content), news,
 * info-session events and announcements. Kept in the store (models/publishing/contentRepository.ts); the files in
 * `content/` are the seed of a new installation and have the same format as `npm run content -- export`.
 */
import type { FaqEntry, Locale, MeasureContent, Section, SynonymTable } from '../content';
import type { Announcement, Holiday, InfoEvent, NewsItem } from './validateNotices';

export const CONTENT_KINDS = ['section', 'faq', 'news', 'event', 'announcement', 'holiday'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export function isContentKind(value: unknown): value is ContentKind {
  return typeof value === 'string' && (CONTENT_KINDS as readonly string[]).includes(value);
}

// News, events and announcements: their shapes are inferred from their schemas (./validateNotices).
export type { Announcement, Holiday, InfoEvent, NewsItem } from './validateNotices';

export interface EntryByKind {
  section: Section;
  faq: FaqEntry;
  news: NewsItem;
  event: InfoEvent;
  announcement: Announcement;
  holiday: Holiday;
}

export type EntryData = EntryByKind[ContentKind];

/** Everything one installation publishes: what export writes and import reads. */
export interface ContentBundle {
  readonly measure: Readonly<Record<Locale, MeasureContent>>;
  readonly synonyms: SynonymTable;
  readonly news: Readonly<Record<Locale, readonly NewsItem[]>>;
  readonly events: Readonly<Record<Locale, readonly InfoEvent[]>>;
  readonly announcements: Readonly<Record<Locale, readonly Announcement[]>>;
  /** the operators' holidays (content/holidays/): the Italian list is the office calendar; absent in older bundles */
  readonly holidays?: Readonly<Partial<Record<Locale, readonly Holiday[]>>>;
}
