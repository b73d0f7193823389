import { resolveLocale, type Locale } from '../content';
import { romeWallClock } from '../text/dates';
import type { Announcement, ContentBundle, InfoEvent, NewsItem } from './types';

/** What the chat needs of news and events (the published board, or a preview with drafts applied). */
export interface NoticeSource {
  /** newest first */
  latestNews(locale: string | undefined, count: number): readonly NewsItem[];
  /** events not yet started at `now` (Italian time), soonest first; only the province's when given */
  upcomingEvents(locale: string | undefined, now: Date, province?: string): readonly InfoEvent[];
  announcements(locale: string | undefined): readonly Announcement[];
}

/** The published (or previewed) news, events and announcements, per locale. Immutable. */
export class NoticeBoard implements NoticeSource {
  constructor(private readonly bundle: Pick<ContentBundle, 'news' | 'events' | 'announcements'>) {}

  private locale(locale: string | undefined): Locale {
    return resolveLocale(locale);
  }

  latestNews(locale: string | undefined, count: number): readonly NewsItem[] {
    return [...this.bundle.news[this.locale(locale)]].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, count);
  }

  upcomingEvents(locale: string | undefined, now: Date, province?: string): readonly InfoEvent[] {
    const from = romeWallClock(now);
    return this.bundle.events[this.locale(locale)]
      .filter((e) => `${e.date} ${e.time}` >= from && (province === undefined || e.province === province))
      .sort((a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`));
  }

  announcements(locale: string | undefined): readonly Announcement[] {
    return this.bundle.announcements[this.locale(locale)];
  }
}
