/**
 * What a running bot answers from: the published content, rebuilt and swapped atomically when it changes.
 *
 * Every instance polls the content revision (one small read, every `intervalMs`, 1 s by default); when it moved,
 * and only then (the state behind it is some 60 KB, with the versions and the synonym table it names), the
 * instance loads the published bundle, builds a new catalogue, FAQ index and notice board off to the side and
 * replaces the whole snapshot in one assignment. A turn reads `current()` and so never sees half of a change. The timer is unref'd and stopped on shutdown; a failed poll
 * keeps the last good snapshot and tries again. The polled revision is a copy written after each commit: should a
 * publisher die between the two writes, it would lag until repaired, so every `verifyEveryMs` (a minute) one poll
 * reads the commit point itself instead (which repairs it).
 */
import { createHash } from 'node:crypto';
import { LOCALES, MeasureContentCatalogue, type ContentCatalogue, type FaqEntry, type Locale, type Section, type SynonymGroup } from '../content';
import { createFaqAnswerer, type FaqAnswerer, type FaqResult } from '../faq';
import type { Logger } from '../logger';
import type { HolidayRule } from '../handoff/holidays';
import { NoticeBoard, type NoticeSource } from './notices';
import type { Announcement, ContentBundle, InfoEvent, NewsItem } from './types';

export interface PublishedContent {
  readonly revision: number;
  readonly catalogue: ContentCatalogue;
  readonly faq: FaqAnswerer;
  readonly notices: NoticeSource;
}

type BuiltContent = Omit<PublishedContent, 'revision'>;

/**
 * Builds of the latest bundles by digest. The FAQ index is the costly part (about 150 ms of CPU per language, built
 * on the language's first question); the built objects are read-only, so a bundle seen again (a revision that changed nothing, a preview of
 * what is live, several bots in one process as in the tests) reuses its build. A few only: memory stays flat.
 */
const recentBuilds = new Map<string, BuiltContent>();
const RECENT_BUILDS = 3;

/** Builds the catalogue, the FAQ index and the notice board of a bundle (also for previews with drafts). */
export function buildPublishedContent(bundle: ContentBundle, revision: number): PublishedContent {
  const digest = createHash('sha256').update(JSON.stringify(bundle)).digest('base64');
  let built = recentBuilds.get(digest);
  if (built === undefined) {
    const catalogue = new MeasureContentCatalogue(
      LOCALES.map((l) => bundle.measure[l]),
      bundle.synonyms,
    );
    built = { catalogue, faq: createFaqAnswerer(catalogue), notices: new NoticeBoard(bundle) };
  }
  // most recently used last; the oldest goes beyond the limit
  recentBuilds.delete(digest);
  recentBuilds.set(digest, built);
  if (recentBuilds.size > RECENT_BUILDS) recentBuilds.delete(recentBuilds.keys().next().value as string);
  return { revision, ...built };
}

export interface ContentSource {
  /** the published revision, cheaply (it may lag a commit: see committedRevision) */
  revision(): Promise<number>;
  /** the published revision from the commit point itself: costly, read seldom */
  committedRevision(): Promise<number>;
  published(): Promise<{ revision: number; bundle: ContentBundle }>;
}

/** how often a poll reads the commit point rather than the polled copy of the revision (see the header) */
const VERIFY_EVERY_MS = 60_000;

export interface LiveContentOptions {
  intervalMs?: number;
  /** how often one poll reads the committed revision instead of the cheap copy (default a minute) */
  verifyEveryMs?: number;
  logger: Logger;
  /** called after each swap (tests, metrics) */
  onSwap?: (revision: number) => void;
}

export class LiveContent {
  private snapshot: PublishedContent;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<boolean> | undefined;
  private lastVerified = Date.now();

  constructor(initial: PublishedContent, private readonly source: ContentSource, private readonly options: LiveContentOptions) {
    this.snapshot = initial;
  }

  static async open(source: ContentSource, options: LiveContentOptions): Promise<LiveContent> {
    const { revision, bundle } = await source.published();
    return new LiveContent(buildPublishedContent(bundle, revision), source, options);
  }

  current(): PublishedContent {
    return this.snapshot;
  }

  /**
   * Checks the revision now; true when a newer snapshot was swapped in. A check already under way may have read
   * the revision before the change being asked about, so this one runs after it.
   */
  refresh(): Promise<boolean> {
    const next = (this.polling ?? Promise.resolve(false)).then(() => this.check());
    this.polling = next;
    void next.finally(() => {
      if (this.polling === next) this.polling = undefined;
    });
    return next;
  }

  private async check(): Promise<boolean> {
    try {
      const verify = Date.now() - this.lastVerified >= (this.options.verifyEveryMs ?? VERIFY_EVERY_MS);
      if (verify) this.lastVerified = Date.now();
      const revision = verify ? await this.source.committedRevision() : await this.source.revision();
      if (revision === this.snapshot.revision) return false;
      const published = await this.source.published();
      if (published.revision === this.snapshot.revision) return false;
      this.snapshot = buildPublishedContent(published.bundle, published.revision);
      this.options.logger.info({ revision: published.revision }, 'content reloaded');
      this.options.onSwap?.(published.revision);
      return true;
    } catch (err) {
      this.options.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'content reload failed; keeping the current content');
      return false;
    }
  }

  start(): void {
    if (this.timer) return;
    // a tick while a check is under way is skipped, so slow reads never pile up
    this.timer = setInterval(() => {
      if (!this.polling) void this.refresh();
    }, this.options.intervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** A catalogue that always reads the current snapshot (for dialogs that hold a catalogue). */
  catalogue(): ContentCatalogue {
    return new LiveCatalogue(() => this.snapshot.catalogue);
  }

  faq(): FaqAnswerer {
    return { ask: (question: string, locale: Locale): FaqResult => this.snapshot.faq.ask(question, locale) };
  }

  notices(): NoticeSource {
    return {
      latestNews: (locale: string | undefined, count: number): readonly NewsItem[] => this.snapshot.notices.latestNews(locale, count),
      upcomingEvents: (locale: string | undefined, now: Date, province?: string): readonly InfoEvent[] => this.snapshot.notices.upcomingEvents(locale, now, province),
      announcements: (locale: string | undefined): readonly Announcement[] => this.snapshot.notices.announcements(locale),
      holidayRules: (): readonly HolidayRule[] => this.snapshot.notices.holidayRules(),
    };
  }
}

class LiveCatalogue implements ContentCatalogue {
  constructor(private readonly read: () => ContentCatalogue) {}

  get locales(): readonly Locale[] {
    return this.read().locales;
  }

  resolveLocale(locale: string | undefined): Locale {
    return this.read().resolveLocale(locale);
  }

  version(locale: string | undefined): string {
    return this.read().version(locale);
  }

  sections(locale: string | undefined): readonly Section[] {
    return this.read().sections(locale);
  }

  section(locale: string | undefined, id: string): Section | undefined {
    return this.read().section(locale, id);
  }

  faq(locale: string | undefined): readonly FaqEntry[] {
    return this.read().faq(locale);
  }

  faqEntry(locale: string | undefined, id: string): FaqEntry | undefined {
    return this.read().faqEntry(locale, id);
  }

  synonyms(locale: string | undefined): readonly SynonymGroup[] {
    return this.read().synonyms(locale);
  }
}
