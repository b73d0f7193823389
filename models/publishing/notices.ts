import { DEFAULT_LOCALE, resolveLocale, type Locale } from '../content';
import { romeWallClock } from '../text/dates';
import type { HolidayRule } from '../handoff/holidays';
import type { Announcement, ContentBundle, InfoEvent, NewsItem } from './types';

/** What the chat needs of news and events (the published board, or a preview with drafts applied). */
export interface NoticeSource {
  /** newest first */
  latestNews(locale: string | undefined, count: number): readonly NewsItem[];
  /** events not yet started at `now` (Italian time), soonest first; only the province's when given */
  upcomingEvents(locale: string | undefined, now: Date, province?: string): readonly InfoEvent[];
  announcements(locale: string | undefined): readonly Announcement[];
  /** the days operators do not work: the Italian list's rules (the office calendar is one, whatever the language) */
  holidayRules(): readonly HolidayRule[];
}

/** The lists per locale; a locale may have none (a language whose news nobody has written yet). */
type NoticeLists = { readonly [K in 'news' | 'events' | 'announcements']: Readonly<Partial<ContentBundle[K]>> } & Pick<ContentBundle, 'holidays'>;

/**
 * The published (or previewed) news, events and announcements, per locale. Immutable. A language with none of a
 * kind (staff write news in Italian first) shows the Italian ones rather than nothing.
 */
export class NoticeBoard implements NoticeSource {
  constructor(private readonly bundle: NoticeLists) {}

  private list<T>(lists: Readonly<Partial<Record<Locale, readonly T[]>>>, locale: string | undefined): readonly T[] {
    const own = lists[resolveLocale(locale)] ?? [];
    return own.length > 0 ? own : (lists[DEFAULT_LOCALE] ?? []);
  }

  latestNews(locale: string | undefined, count: number): readonly NewsItem[] {
    return [...this.list(this.bundle.news, locale)].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, count);
  }

  upcomingEvents(locale: string | undefined, now: Date, province?: string): readonly InfoEvent[] {
    const from = romeWallClock(now);
    return this.list(this.bundle.events, locale)
      .filter((e) => `${e.date} ${e.time}` >= from && (province === undefined || e.province === province))
      .sort((a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`));
  }

  announcements(locale: string | undefined): readonly Announcement[] {
    return this.list(this.bundle.announcements, locale);
  }

  holidayRules(): readonly HolidayRule[] {
    return (this.bundle.holidays?.[DEFAULT_LOCALE] ?? []).map((h) => h.rule);
  }
}
