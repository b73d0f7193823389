/**
 * Content publishing over the store: draft -> publish -> history with rollback, per locale and entry.
 *
 * The collections:
 * - `content_versions`: one immutable document per published version of an entry (its data, or null when the
 *   entry was withdrawn), numbered per entry (1, 2, 3...).
 * - `content_state`: the single document `published`, the commit point: which version of each entry is live, in
 *   which order, which synonym table, and a `revision` counter that every change increments. A change (one entry, a
 *   rollback, a whole import) inserts its version documents as `pending`, then moves this document with one
 *   conditional update on the revision it read (optimistic lock); only then are they marked `committed`. So an
 *   import is all or nothing, two staff publishing at once cannot lose a change, and every bot instance sees a
 *   consistent set by polling `revision` (LiveContent).
 * - `content_revision`: the single small document `published` holding the revision alone, what every instance polls
 *   (the state document is some 60 KB for the seed's 451 entries, 270 KB while it held the synonym table; FerretDB
 *   reads all of it even for a projection, while this one costs a few ms). It is written after the commit point,
 *   raised only, never lowered, so it never names a revision whose content is not yet written; it may lag a commit
 *   by moments, or, when a publisher dies between the two writes, until the next start repairs it or a reader's
 *   periodic check of the state document does.
 * - `content_synonyms`: the synonym tables, one immutable document each, its id derived from its content; the state
 *   names the live one (`synonymsId`), written before the commit point like a version. The table is some 180 KB, two
 *   thirds of what the state document was when it held it inline (databases seeded before are moved at the next
 *   start, `recover`): every reader of the state (reviews, lists, the commit point) no longer reads it, and the
 *   readers of the content fetch it once per table.
 * - `content_drafts`: at most one draft per entry, validated when saved and again when published.
 * - `content_reviews`: staff approvals of translated versions as they are, one per approved version (the review of
 *   translations, models/publishing/translationReview.ts); publishing an entry in the console reviews it too.
 *
 * Validation reuses models/content (sections and FAQ are checked inside their whole locale file, so a phrasing
 * shared with another entry or a section an FAQ still names are caught) and validateNotices for the rest; a
 * ContentValidationError names the entry and the field at fault.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  ContentValidationError,
  LOCALES,
  validateMeasureContent,
  type ContentIssue,
  type FaqEntry,
  type Locale,
  type MeasureContent,
  type Section,
  type SynonymTable,
} from '../content';
import { ConflictError, NotFoundError } from '../errors';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import { JobLease } from '../store/jobLease';
import type { Store } from '../store/store';
import { CONTENT_KINDS, type Announcement, type ContentBundle, type ContentKind, type EntryData, type Holiday, type InfoEvent, type NewsItem } from './types';
import { holidayLocaleProblem, validateNotice } from './validateNotices';
import {
  CONTENT_REVIEWS,
  SOURCE_LANGUAGE,
  approveOnce,
  emptyCounts,
  reviewOf,
  reviewStatus,
  type ContentReviewDoc,
  type ReviewCounts,
  type ReviewStatus,
  type Reviewed,
  type TranslationReviewStatus,
} from './translationReview';

export const CONTENT_VERSIONS: CollectionSpec = { name: 'content_versions', indexes: [{ field: 'key' }], sortIndexes: [{ key: 1, version: -1 }] };
export const CONTENT_STATE: CollectionSpec = { name: 'content_state', indexes: [] };
export const CONTENT_REVISION: CollectionSpec = { name: 'content_revision', indexes: [] };
export const CONTENT_SYNONYMS: CollectionSpec = { name: 'content_synonyms', indexes: [] };
export const CONTENT_DRAFTS: CollectionSpec = { name: 'content_drafts', indexes: [{ field: 'locale' }] };

const PUBLISHED_ID = 'published';
const COMMIT_ATTEMPTS = 8;
/** the job lease's name for seeding a new database (models/store/jobLease.ts) */
const SEED_JOB = 'content-seed';
/**
 * How long a seeder's lease lasts without a heartbeat: another instance takes over seeding only once this has
 * passed since the seeder's last renewal (it died). Renewed every third of it, so a renewal delayed by a loaded
 * store does not let the lease lapse under a live seeder.
 */
const SEED_LEASE_MS = 30_000;
/** how often an instance waiting for another one's seed looks whether it is published or the lease lapsed */
const SEED_POLL_MS = 250;

/** How seeding a new database is shared between instances starting together; tests shorten the times. */
export interface SeedLeaseOptions {
  leaseMs?: number;
  pollMs?: number;
  /** the lease's clock (real time by default: the publisher's `now` may be a test's fixed clock) */
  now?: () => Date;
}

export type VersionAction = 'seed' | 'publish' | 'rollback' | 'import' | 'unpublish';

export type ContentVersionDoc = {
  _id: string;
  /** "<locale>:<kind>:<id>" */
  key: string;
  locale: Locale;
  kind: ContentKind;
  entryId: string;
  version: number;
  /** null: the entry was withdrawn by this version */
  data: EntryData | null;
  at: Date;
  /** account name, "seed" or "import" */
  by: string;
  action: VersionAction;
  fromVersion?: number;
  state: 'pending' | 'committed';
};

export type PublishedRef = { key: string; versionId: string; version: number; at: Date };

export type PublishedStateDoc = {
  _id: string;
  revision: number;
  updatedAt: Date;
  entries: PublishedRef[];
  /** the live synonym table's document (content_synonyms) */
  synonymsId?: string;
  /** the synonym table inline, as databases seeded before content_synonyms hold it until their next start */
  synonyms?: SynonymTable;
};

/** One synonym table, immutable: `_id` is derived from its content (synonymsDocId). */
export type SynonymsDoc = { _id: string; synonyms: SynonymTable };

/** The polled copy of the published revision (content_revision): never ahead of the state document. */
export type RevisionDoc = { _id: string; revision: number };

export type DraftDoc = {
  _id: string;
  locale: Locale;
  kind: ContentKind;
  entryId: string;
  data: EntryData;
  updatedAt: Date;
  by: string;
};

export interface PublishedBundle {
  revision: number;
  updatedAt: Date;
  bundle: ContentBundle;
}

/**
 * How an entry stands against the same entry in the other language: `outOfDate` when the other-language version
 * is older (its translation needs updating), `behind` when this one is the older, `missing` when the other
 * language has no such entry.
 */
export type TranslationStatus = 'current' | 'outOfDate' | 'behind' | 'missing';

export interface EntrySummary {
  kind: ContentKind;
  id: string;
  title: string;
  /** published version, or null when only a draft exists (or only the other language has it) */
  version: number | null;
  publishedAt: string | null;
  hasDraft: boolean;
  translation: TranslationStatus;
  /** "translation out of date": the other-language version of this entry is older */
  translationOutOfDate: boolean;
  /** the entry exists only in the other language */
  missingHere: boolean;
  /** where this language's entry stands against the Italian one, for staff review (models/publishing/translationReview.ts) */
  review: ReviewStatus;
  /** who published or approved the live version, and when; null while it is to be reviewed (or missing) */
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** One language's translations against Italian: counts and entries by review status (the console's overview). */
export interface LanguageReview {
  locale: Locale;
  counts: ReviewCounts;
  entries: Array<{ kind: ContentKind; id: string; title: string; version: number | null; status: TranslationReviewStatus }>;
}

export interface EntryDetail {
  locale: Locale;
  kind: ContentKind;
  id: string;
  published: { version: number; at: string; data: EntryData } | null;
  draft: { data: EntryData; updatedAt: string; by: string } | null;
  translation: TranslationStatus;
  translationOutOfDate: boolean;
  review: ReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface HistoryItem {
  version: number;
  action: VersionAction;
  at: string;
  by: string;
  fromVersion?: number;
  /** null when this version withdrew the entry */
  data: EntryData | null;
  current: boolean;
  /** a staff approval of this version as it is (translations only) */
  approvedBy?: string;
  approvedAt?: string;
}

interface Change {
  locale: Locale;
  kind: ContentKind;
  id: string;
  data: EntryData | null;
  action: VersionAction;
  fromVersion?: number;
}

/**
 * Kinds whose entries are translated, and so reviewed against Italian: the operators' holidays are one office
 * calendar (the Italian list), not text for workers, and no language misses them.
 */
const TRANSLATED_KINDS: ReadonlySet<ContentKind> = new Set(CONTENT_KINDS.filter((kind) => kind !== 'holiday'));

export function entryKey(locale: Locale, kind: ContentKind, id: string): string {
  return `${locale}:${kind}:${id}`;
}

function parseKey(key: string): { locale: Locale; kind: ContentKind; id: string } {
  const [locale, kind, id] = key.split(':');
  return { locale: locale as Locale, kind: kind as ContentKind, id };
}

/** The language an entry's translation is compared with: Italian (the source) for every other, English for Italian. */
function otherLocale(locale: Locale): Locale {
  return LOCALES.find((l) => l !== locale) ?? locale;
}

/** A short label of an entry for lists. */
export function entryTitle(kind: ContentKind, data: EntryData): string {
  switch (kind) {
    case 'faq':
      return (data as FaqEntry).questions[0] ?? data.id;
    case 'section':
    case 'news':
    case 'event':
    case 'announcement':
      return (data as Section | NewsItem | InfoEvent | Announcement).title;
    case 'holiday':
      return (data as Holiday).name;
  }
}

/** JSON with keys sorted: equal data compares equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** A synonym table's document id, from its content: the same table is one document, however often it is written. */
function synonymsDocId(synonyms: SynonymTable): string {
  return `synonyms:${createHash('sha256').update(canonical(synonyms)).digest('hex').slice(0, 32)}`;
}

/** A seed version's id, from its entry and content: two seeders of the same files write the same document. */
function seedVersionId(key: string, data: EntryData): string {
  return `seed:${key}:${createHash('sha256').update(canonical(data)).digest('hex').slice(0, 16)}`;
}

function labelOf(locale: Locale, kind: ContentKind): string {
  switch (kind) {
    case 'section':
    case 'faq':
      return `content/measure/${locale}.json`;
    case 'news':
      return `content/news/${locale}.json`;
    case 'event':
      return `content/events/${locale}.json`;
    case 'announcement':
      return `content/announcements/${locale}.json`;
    case 'holiday':
      return `content/holidays/${locale}.json`;
  }
}

/** Content entries in store order -> the bundle the catalogue and the notice board are built from. */
export function bundleFromEntries(
  entries: ReadonlyArray<{ locale: Locale; kind: ContentKind; data: EntryData }>,
  synonyms: SynonymTable,
  version: string,
): ContentBundle {
  const of = <T>(locale: Locale, kind: ContentKind): T[] => entries.filter((e) => e.locale === locale && e.kind === kind).map((e) => e.data as unknown as T);
  const perLocale = <T>(make: (l: Locale) => T): Record<Locale, T> => Object.fromEntries(LOCALES.map((l) => [l, make(l)])) as Record<Locale, T>;
  return {
    measure: perLocale((locale): MeasureContent => ({ version, locale, sections: of<Section>(locale, 'section'), faq: of<FaqEntry>(locale, 'faq') })),
    synonyms,
    news: perLocale((l) => of<NewsItem>(l, 'news')),
    events: perLocale((l) => of<InfoEvent>(l, 'event')),
    announcements: perLocale((l) => of<Announcement>(l, 'announcement')),
    holidays: perLocale((l) => of<Holiday>(l, 'holiday')),
  };
}

/** The entries of a bundle, in file order. */
export function entriesOfBundle(bundle: ContentBundle): Array<{ locale: Locale; kind: ContentKind; data: EntryData }> {
  const out: Array<{ locale: Locale; kind: ContentKind; data: EntryData }> = [];
  for (const locale of LOCALES) {
    for (const data of bundle.measure[locale].sections) out.push({ locale, kind: 'section', data });
    for (const data of bundle.measure[locale].faq) out.push({ locale, kind: 'faq', data });
    for (const data of bundle.news[locale]) out.push({ locale, kind: 'news', data });
    for (const data of bundle.events[locale]) out.push({ locale, kind: 'event', data });
    for (const data of bundle.announcements[locale]) out.push({ locale, kind: 'announcement', data });
    for (const data of bundle.holidays?.[locale] ?? []) out.push({ locale, kind: 'holiday', data });
  }
  return out;
}

/** The whole-file version string shown in exports: the day of the last change and the revision. */
function versionString(updatedAt: Date, revision: number): string {
  return `${updatedAt.toISOString().slice(0, 10)}.${revision}`;
}

/**
 * Checks one entry's new data (or its removal, data null) against the rest of the published content; returns
 * the validated entry. Throws ContentValidationError naming the entry and the field.
 */
export function validateChange(bundle: ContentBundle, locale: Locale, kind: ContentKind, id: string, data: unknown): EntryData | null {
  const issues: ContentIssue[] = [];
  const file = labelOf(locale, kind);
  const entry = `${kind} "${id}"`;
  if (data !== null) {
    if (typeof data !== 'object' || Array.isArray(data)) throw new ContentValidationError([{ file, entry, problem: 'must be a JSON object' }]);
    const givenId = (data as Record<string, unknown>).id;
    if (givenId !== undefined && givenId !== id) issues.push({ file, entry, field: 'id', problem: `must be "${id}" (the entry's id; create a new entry for another id)` });
  }
  // (a removal stays possible, so nothing written before this check is stuck)
  const elsewhere = kind === 'holiday' && data !== null ? holidayLocaleProblem(locale) : undefined;
  if (elsewhere) throw new ContentValidationError([{ file, entry, problem: elsewhere }]);
  const withId = data === null ? null : { ...(data as Record<string, unknown>), id };
  if (kind === 'section' || kind === 'faq') {
    const current = bundle.measure[locale];
    const replace = <T extends { id: string }>(list: readonly T[]): unknown[] => {
      const out: unknown[] = list.filter((x) => x.id !== id || withId !== null).map((x) => (x.id === id ? withId : x));
      if (withId !== null && !list.some((x) => x.id === id)) out.push(withId);
      return out;
    };
    const text = JSON.stringify({
      version: current.version,
      locale,
      sections: kind === 'section' ? replace(current.sections) : current.sections,
      faq: kind === 'faq' ? replace(current.faq) : current.faq,
    });
    const validated = validateMeasureContent(text, file, locale, issues);
    if (issues.length > 0 || validated === undefined) throw new ContentValidationError(issues);
    if (withId === null) return null;
    const list: readonly EntryData[] = kind === 'section' ? validated.sections : validated.faq;
    return list.find((x) => x.id === id) ?? null;
  }
  if (withId === null) {
    if (issues.length > 0) throw new ContentValidationError(issues);
    return null;
  }
  const valid = validateNotice(kind, withId, file, issues, entry);
  if (issues.length > 0 || valid === undefined) throw new ContentValidationError(issues);
  return valid;
}

export class ContentPublisher {
  /** version documents never change once committed: kept after the first read */
  private readonly cache = new Map<string, ContentVersionDoc>();
  /** the last synonym table read or written (immutable under its id) */
  private synonymsCache: SynonymsDoc | undefined;

  private constructor(
    private readonly versions: DocumentCollection<ContentVersionDoc>,
    private readonly state: DocumentCollection<PublishedStateDoc>,
    private readonly revisions: DocumentCollection<RevisionDoc>,
    private readonly drafts: DocumentCollection<DraftDoc>,
    private readonly synonymTables: DocumentCollection<SynonymsDoc>,
    private readonly reviews: DocumentCollection<ContentReviewDoc>,
    private readonly now: () => Date,
    private readonly seedLease: JobLease,
    private readonly seedOptions: Required<SeedLeaseOptions>,
  ) {}

  static async open(store: Store, deps: { now: () => Date; seedLease?: SeedLeaseOptions }): Promise<ContentPublisher> {
    const seedOptions: Required<SeedLeaseOptions> = {
      leaseMs: deps.seedLease?.leaseMs ?? SEED_LEASE_MS,
      pollMs: deps.seedLease?.pollMs ?? SEED_POLL_MS,
      now: deps.seedLease?.now ?? (() => new Date()),
    };
    return new ContentPublisher(
      await store.collection<ContentVersionDoc>(CONTENT_VERSIONS),
      await store.collection<PublishedStateDoc>(CONTENT_STATE),
      await store.collection<RevisionDoc>(CONTENT_REVISION),
      await store.collection<DraftDoc>(CONTENT_DRAFTS),
      await store.collection<SynonymsDoc>(CONTENT_SYNONYMS),
      await store.collection<ContentReviewDoc>(CONTENT_REVIEWS),
      deps.now,
      await JobLease.open(store, SEED_JOB, seedOptions.leaseMs),
      seedOptions,
    );
  }

  private async stateDoc(): Promise<PublishedStateDoc | null> {
    return (await this.state.findOne({ _id: PUBLISHED_ID })) as PublishedStateDoc | null;
  }

  private async requireState(): Promise<PublishedStateDoc> {
    const doc = await this.stateDoc();
    if (!doc) throw new NotFoundError('content');
    return doc;
  }

  /**
   * A new installation gets the seed (the files in content/) as version 1 of every entry; an existing one only
   * tidies changes interrupted before or after their commit point.
   *
   * Several instances starting at once on a new database: one seeds under the seeding lease (a job lease whose
   * holder renews it while it works), the others wait until the content is published, or until the lease lapses
   * because its holder died, and then one of them (whoever inserts the next lease round: a unique insert, exclusive
   * on FerretDB too) takes over. Nothing a seeder wrote is ever deleted by another one, and nothing depends on the
   * lease for correctness: seed versions have ids derived from their content (two seeders of the same files write
   * the same documents), and the insert of `published` decides who published; whoever loses that insert reads the
   * winner's and starts with it.
   */
  async ensureSeeded(readSeed: () => ContentBundle): Promise<'seeded' | 'present'> {
    const existing = await this.stateDoc();
    if (existing) {
      await this.recover(existing);
      return 'present';
    }
    const bundle = readSeed();
    const { pollMs, now: leaseNow } = this.seedOptions;
    while (!(await this.seedLease.acquire(leaseNow()))) {
      // another instance is seeding (its lease is live): wait for its content, or for its lease to lapse
      if (await this.stateDoc()) return 'present';
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    let renewal: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(() => {
      // a failed renewal only lets the lease lapse early: a second seeder then writes the same documents
      renewal = this.seedLease.renew(leaseNow()).catch(() => undefined);
    }, Math.max(1, Math.floor(this.seedOptions.leaseMs / 3)));
    heartbeat.unref();
    try {
      // the previous holder may have published just before its lease ended
      if (await this.stateDoc()) return 'present';
      return await this.seed(bundle);
    } finally {
      clearInterval(heartbeat);
      await renewal; // a renewal landing after the release would hold the lease again
      await this.seedLease.release(leaseNow()).catch(() => undefined);
    }
  }

  /** Writes the seed's versions and publishes them, or yields to a `published` another seeder inserted first. */
  private async seed(bundle: ContentBundle): Promise<'seeded' | 'present'> {
    const at = this.now();
    const docs: ContentVersionDoc[] = entriesOfBundle(bundle).map((e) => {
      const key = entryKey(e.locale, e.kind, e.data.id);
      return {
        _id: seedVersionId(key, e.data),
        key,
        locale: e.locale,
        kind: e.kind,
        entryId: e.data.id,
        version: 1,
        data: e.data,
        at,
        by: 'seed',
        action: 'seed',
        state: 'committed',
      };
    });
    // one batch; a version already there (same key, same data) was written by another seeder, live or dead: it is this one
    const written = await this.versions.insertNew(docs);
    const synonyms = await this.writeSynonyms(bundle.synonyms);
    const live = docs.map((d) => d._id);
    try {
      await this.state.insert({
        _id: PUBLISHED_ID,
        revision: 1,
        updatedAt: at,
        entries: docs.map((d) => ({ key: d.key, versionId: d._id, version: 1, at })),
        synonymsId: synonyms._id,
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      // another seeder published first (its lease lapsed under it, or this one's did): start with its content
      const theirs = await this.requireState();
      const theirIds = new Set(theirs.entries.map((e) => e.versionId));
      const mine = live.filter((id) => !theirIds.has(id));
      if (mine.length > 0) await this.versions.deleteMany({ _id: { $in: mine }, action: 'seed' });
      return 'present';
    }
    // a new installation: whatever revision an earlier one left here is replaced by the seed's
    await this.revisions.upsert({ _id: PUBLISHED_ID, revision: 1 });
    // seed versions no published content points at: left by a seeder that died, or seeded from other files
    await this.versions.deleteMany({ action: 'seed', _id: { $nin: live } });
    // every published version is one this seeder wrote: kept (copies: the seed's entries are the caller's), so the
    // first read of the content does not fetch them back (a megabyte from the database)
    if (written === docs.length) for (const d of docs) this.cache.set(d._id, structuredClone(d));
    return 'seeded';
  }

  /**
   * Pending versions: committed if the state points at them, else dropped (their change never happened); and the
   * polled revision brought up to the state's, should a publisher have died between the two writes.
   */
  private async recover(state: PublishedStateDoc): Promise<void> {
    if (state.synonyms !== undefined) state = await this.moveSynonymsOut(state);
    await this.raiseRevision(state.revision);
    const live = new Set(state.entries.map((e) => e.versionId));
    for (const doc of await this.versions.find({ state: 'pending' })) {
      if (live.has(doc._id)) await this.versions.updateOne({ _id: doc._id }, { $set: { state: 'committed' } });
      else await this.versions.deleteMany({ _id: doc._id, state: 'pending' });
    }
  }

  /**
   * A state document from before content_synonyms holds its synonym table inline: the table is written to its own
   * document and the state moved to name it, as a change of its own (the conditional update on the revision read,
   * which it raises), so it is ordered with every other change. Lost to another change: it is left for the next start.
   */
  private async moveSynonymsOut(state: PublishedStateDoc): Promise<PublishedStateDoc> {
    if (state.synonyms === undefined) return state;
    const synonyms = await this.writeSynonyms(state.synonyms);
    const moved = await this.state.updateOne({ _id: PUBLISHED_ID, revision: state.revision }, { $set: { synonymsId: synonyms._id }, $unset: { synonyms: true }, $inc: { revision: 1 } });
    return moved ?? (await this.requireState());
  }

  /** Writes a synonym table's document (unless it is there: its id is its content's) before a state names it. */
  private async writeSynonyms(synonyms: SynonymTable): Promise<SynonymsDoc> {
    const doc: SynonymsDoc = { _id: synonymsDocId(synonyms), synonyms };
    if (this.synonymsCache?._id !== doc._id) await this.synonymTables.insertNew([doc]);
    this.synonymsCache = structuredClone(doc);
    return doc;
  }

  /** The state's synonym table: inline (a database from before content_synonyms), or its document, read once. */
  private async synonymsOf(state: PublishedStateDoc): Promise<SynonymTable> {
    if (state.synonyms !== undefined) return state.synonyms;
    const id = state.synonymsId;
    if (id === undefined) throw new Error('the published content names no synonym table');
    if (this.synonymsCache?._id !== id) {
      const doc = await this.synonymTables.findOne({ _id: id });
      if (!doc) throw new Error(`synonym table ${id} is missing from the store`);
      this.synonymsCache = doc;
    }
    return this.synonymsCache.synonyms;
  }

  /**
   * The published revision as instances poll it: one small document (content_revision). It may lag the commit
   * point by moments (see `committedRevision`); a database without it (written before it existed) gets it here.
   */
  async revision(): Promise<number> {
    const doc = await this.revisions.findOne({ _id: PUBLISHED_ID });
    if (doc) return doc.revision;
    return this.committedRevision();
  }

  /**
   * The revision read from the commit point itself (the whole state document: costly, so readers do it seldom),
   * bringing the polled copy up to it when it lags.
   */
  async committedRevision(): Promise<number> {
    const { revision } = await this.requireState();
    await this.raiseRevision(revision);
    return revision;
  }

  /**
   * Raises the polled revision to `revision` (written only after that revision's commit), never lowers it: a
   * publisher that committed earlier but writes later must not hide a newer change. On FerretDB the conditional
   * update is not atomic, so two raisers may still end on the lower one: the next reader to see the state ahead of
   * it raises it again (`published`, `committedRevision`).
   */
  private async raiseRevision(revision: number): Promise<void> {
    const current = await this.revisions.findOne({ _id: PUBLISHED_ID });
    if (current && current.revision >= revision) return;
    if (current) {
      await this.revisions.updateOne({ _id: PUBLISHED_ID, revision: { $lt: revision } }, { $set: { revision } });
      return;
    }
    await this.revisions.insert({ _id: PUBLISHED_ID, revision }).catch(async (err: unknown) => {
      if (!(err instanceof DuplicateKeyError)) throw err;
      await this.revisions.updateOne({ _id: PUBLISHED_ID, revision: { $lt: revision } }, { $set: { revision } });
    });
  }

  private async versionDocs(ids: readonly string[]): Promise<Map<string, ContentVersionDoc>> {
    const missing = ids.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      for (const doc of await this.versions.find({ _id: { $in: missing } })) this.cache.set(doc._id, doc);
    }
    const out = new Map<string, ContentVersionDoc>();
    for (const id of ids) {
      const doc = this.cache.get(id);
      if (!doc) throw new Error(`content version ${id} is missing from the store`);
      out.set(id, doc);
    }
    return out;
  }

  private async bundleOf(state: PublishedStateDoc): Promise<ContentBundle> {
    const docs = await this.versionDocs(state.entries.map((e) => e.versionId));
    const entries = state.entries.flatMap((ref) => {
      const doc = docs.get(ref.versionId);
      return doc && doc.data !== null ? [{ locale: doc.locale, kind: doc.kind, data: doc.data }] : [];
    });
    return bundleFromEntries(entries, await this.synonymsOf(state), versionString(state.updatedAt, state.revision));
  }

  /** Everything published now: what the bot answers from and what export writes. */
  async published(): Promise<PublishedBundle> {
    const state = await this.requireState();
    // read when the polled revision moved (or by export): a polled copy left behind is brought up here
    await this.raiseRevision(state.revision);
    return { revision: state.revision, updatedAt: state.updatedAt, bundle: await this.bundleOf(state) };
  }

  /** The published content with every saved draft applied (the console's preview). */
  async withDrafts(): Promise<ContentBundle> {
    const state = await this.requireState();
    const docs = await this.versionDocs(state.entries.map((e) => e.versionId));
    const byKey = new Map<string, { locale: Locale; kind: ContentKind; data: EntryData }>();
    for (const ref of state.entries) {
      const doc = docs.get(ref.versionId);
      if (doc && doc.data !== null) byKey.set(ref.key, { locale: doc.locale, kind: doc.kind, data: doc.data });
    }
    for (const draft of await this.drafts.find({})) byKey.set(draft._id, { locale: draft.locale, kind: draft.kind, data: draft.data });
    return bundleFromEntries([...byKey.values()], await this.synonymsOf(state), versionString(state.updatedAt, state.revision));
  }

  private translation(state: PublishedStateDoc, locale: Locale, kind: ContentKind, id: string): TranslationStatus {
    const mine = state.entries.find((e) => e.key === entryKey(locale, kind, id));
    const theirs = state.entries.find((e) => e.key === entryKey(otherLocale(locale), kind, id));
    if (!theirs) return 'missing';
    if (!mine) return 'behind';
    if (theirs.at.getTime() < mine.at.getTime()) return 'outOfDate';
    if (theirs.at.getTime() > mine.at.getTime()) return 'behind';
    return 'current';
  }

  /** The approvals of these versions, by version id. */
  private async approvalsOf(versionIds: readonly string[]): Promise<Map<string, ContentReviewDoc>> {
    if (versionIds.length === 0) return new Map();
    return new Map((await this.reviews.find({ _id: { $in: [...versionIds] } })).map((r) => [r._id, r]));
  }

  /** When each Italian entry's live version was published, by "<kind>:<id>". */
  private sourceTimes(state: PublishedStateDoc): Map<string, Date> {
    const out = new Map<string, Date>();
    for (const ref of state.entries) {
      const { locale, kind, id } = parseKey(ref.key);
      if (locale === SOURCE_LANGUAGE) out.set(`${kind}:${id}`, ref.at);
    }
    return out;
  }

  /** The review of one live version (see translationReview.ts). */
  private reviewedOf(ref: PublishedRef, doc: ContentVersionDoc, approvals: Map<string, ContentReviewDoc>): Reviewed | null {
    return reviewOf({ locale: doc.locale, action: doc.action, by: doc.by, at: ref.at }, approvals.get(ref.versionId));
  }

  /**
   * Every language but Italian against Italian: per language, how many entries are missing, out of date, to be
   * reviewed or reviewed, and which. The entries are Italian's (in its order), then those only that language has.
   */
  async translationReview(): Promise<{ revision: number; source: Locale; languages: LanguageReview[] }> {
    const state = await this.requireState();
    const docs = await this.versionDocs(state.entries.map((e) => e.versionId));
    const approvals = await this.approvalsOf(state.entries.map((e) => e.versionId));
    const sourceAt = this.sourceTimes(state);
    const refs = new Map(state.entries.map((ref) => [ref.key, ref]));
    const sourceEntries = state.entries.filter((ref) => parseKey(ref.key).locale === SOURCE_LANGUAGE);
    const languages = LOCALES.filter((l) => l !== SOURCE_LANGUAGE).map((locale): LanguageReview => {
      const counts = emptyCounts();
      const entries: LanguageReview['entries'] = [];
      const add = (kind: ContentKind, id: string, own: PublishedRef | undefined, fallbackTitle: string) => {
        const doc = own ? docs.get(own.versionId) : undefined;
        const live = own && doc && doc.data !== null ? { ref: own, doc } : undefined;
        const status = reviewStatus(locale, live ? { at: live.ref.at, reviewed: this.reviewedOf(live.ref, live.doc, approvals) } : undefined, sourceAt.get(`${kind}:${id}`));
        if (status === 'source') return;
        counts[status] += 1;
        entries.push({ kind, id, title: live ? entryTitle(kind, live.doc.data as EntryData) : fallbackTitle, version: live ? live.ref.version : null, status });
      };
      for (const source of sourceEntries) {
        const { kind, id } = parseKey(source.key);
        if (!TRANSLATED_KINDS.has(kind)) continue;
        const doc = docs.get(source.versionId);
        if (!doc || doc.data === null) continue;
        add(kind, id, refs.get(entryKey(locale, kind, id)), entryTitle(kind, doc.data));
      }
      for (const ref of state.entries) {
        const { locale: refLocale, kind, id } = parseKey(ref.key);
        if (refLocale !== locale || sourceAt.has(`${kind}:${id}`) || !TRANSLATED_KINDS.has(kind)) continue;
        add(kind, id, ref, id);
      }
      return { locale, counts, entries };
    });
    return { revision: state.revision, source: SOURCE_LANGUAGE, languages };
  }

  /**
   * A staff member approves the live version of a translated entry as it is ("reviewed"), without changing what
   * workers read. `version` is the version they reviewed: if another one went live meanwhile, ConflictError
   * 'version_changed' (they must look at that one). Italian is the source and has nothing to approve.
   *
   * One approval per review: a version already approved since the Italian entry last changed keeps that approval (a
   * double click, two staff members at once: every answer names the one who approved it first), and `recorded` says
   * whether this call made it, so the caller audits it once. After the Italian entry changes, approving the same
   * version again is a new review (the translation was out of date), taken by one of those approving at once.
   */
  async approve(locale: Locale, kind: ContentKind, id: string, version: number, by: string): Promise<{ version: number; reviewedBy: string; reviewedAt: string; recorded: boolean }> {
    if (locale === SOURCE_LANGUAGE) throw new ConflictError('source_language');
    const state = await this.requireState();
    const key = entryKey(locale, kind, id);
    const ref = state.entries.find((e) => e.key === key);
    if (!ref) throw new NotFoundError('content_entry');
    if (ref.version !== version) throw new ConflictError('version_changed');
    const answer = (approval: Pick<ContentReviewDoc, 'by' | 'at'>, recorded: boolean) => ({ version: ref.version, reviewedBy: approval.by, reviewedAt: approval.at.toISOString(), recorded });
    const sourceAt = this.sourceTimes(state).get(`${kind}:${id}`);
    const fresh: ContentReviewDoc = { _id: ref.versionId, key, locale, kind, entryId: id, version: ref.version, by, at: this.now() };
    // stands while the Italian entry has not changed since it was given
    const { approval, recorded } = await approveOnce(this.reviews, fresh, (existing) => sourceAt === undefined || sourceAt.getTime() <= existing.at.getTime());
    return answer(approval, recorded);
  }

  /** Every entry of a locale (published, draft-only, or only in the other language), in publishing order. */
  async list(locale: Locale): Promise<{ revision: number; items: EntrySummary[] }> {
    const state = await this.requireState();
    const docs = await this.versionDocs(state.entries.map((e) => e.versionId));
    const drafts = await this.drafts.find({ locale });
    const draftKeys = new Set(drafts.map((d) => d._id));
    const approvals = await this.approvalsOf(state.entries.filter((e) => parseKey(e.key).locale === locale).map((e) => e.versionId));
    const sourceAt = this.sourceTimes(state);
    const unreviewed = (kind: ContentKind, id: string) => ({ review: reviewStatus(locale, undefined, sourceAt.get(`${kind}:${id}`)), reviewedBy: null, reviewedAt: null });
    const items: EntrySummary[] = [];
    const seen = new Set<string>();
    for (const ref of state.entries) {
      const { locale: refLocale, kind, id } = parseKey(ref.key);
      const doc = docs.get(ref.versionId);
      if (!doc || doc.data === null) continue;
      if (refLocale === locale) {
        const translation = this.translation(state, locale, kind, id);
        const reviewed = this.reviewedOf(ref, doc, approvals);
        seen.add(`${kind}:${id}`);
        items.push({
          kind,
          id,
          title: entryTitle(kind, doc.data),
          version: ref.version,
          publishedAt: ref.at.toISOString(),
          hasDraft: draftKeys.has(ref.key),
          translation,
          translationOutOfDate: translation === 'outOfDate',
          missingHere: false,
          review: reviewStatus(locale, { at: ref.at, reviewed }, sourceAt.get(`${kind}:${id}`)),
          reviewedBy: reviewed?.by ?? null,
          reviewedAt: reviewed?.at.toISOString() ?? null,
        });
      }
    }
    for (const draft of drafts) {
      if (seen.has(`${draft.kind}:${draft.entryId}`)) continue;
      seen.add(`${draft.kind}:${draft.entryId}`);
      const translation = this.translation(state, locale, draft.kind, draft.entryId);
      items.push({ kind: draft.kind, id: draft.entryId, title: entryTitle(draft.kind, draft.data), version: null, publishedAt: null, hasDraft: true, translation, translationOutOfDate: false, missingHere: false, ...unreviewed(draft.kind, draft.entryId) });
    }
    // entries only the other language has: a translation to write
    const other = otherLocale(locale);
    for (const ref of state.entries) {
      const { locale: refLocale, kind, id } = parseKey(ref.key);
      if (refLocale !== other || seen.has(`${kind}:${id}`)) continue;
      const doc = docs.get(ref.versionId);
      if (!doc || doc.data === null) continue;
      items.push({ kind, id, title: entryTitle(kind, doc.data), version: null, publishedAt: null, hasDraft: false, translation: 'behind', translationOutOfDate: false, missingHere: true, ...unreviewed(kind, id) });
    }
    return { revision: state.revision, items };
  }

  async entry(locale: Locale, kind: ContentKind, id: string): Promise<EntryDetail> {
    const state = await this.requireState();
    const key = entryKey(locale, kind, id);
    const ref = state.entries.find((e) => e.key === key);
    const doc = ref ? (await this.versionDocs([ref.versionId])).get(ref.versionId) : undefined;
    const draft = await this.drafts.findOne({ _id: key });
    if ((!ref || !doc || doc.data === null) && !draft) throw new NotFoundError('content_entry');
    const translation = this.translation(state, locale, kind, id);
    const live = ref && doc && doc.data !== null ? { ref, doc } : undefined;
    const reviewed = live ? this.reviewedOf(live.ref, live.doc, await this.approvalsOf([live.ref.versionId])) : null;
    return {
      locale,
      kind,
      id,
      published: ref && doc && doc.data !== null ? { version: ref.version, at: ref.at.toISOString(), data: doc.data } : null,
      draft: draft ? { data: draft.data, updatedAt: draft.updatedAt.toISOString(), by: draft.by } : null,
      translation,
      translationOutOfDate: translation === 'outOfDate',
      review: reviewStatus(locale, live ? { at: live.ref.at, reviewed } : undefined, this.sourceTimes(state).get(`${kind}:${id}`)),
      reviewedBy: reviewed?.by ?? null,
      reviewedAt: reviewed?.at.toISOString() ?? null,
    };
  }

  /** Saves (replaces) the entry's draft after validating it against the published content. */
  async saveDraft(locale: Locale, kind: ContentKind, id: string, data: unknown, by: string): Promise<DraftDoc> {
    const { bundle } = await this.published();
    const valid = validateChange(bundle, locale, kind, id, data);
    if (valid === null) throw new ConflictError('empty_draft');
    const draft: DraftDoc = { _id: entryKey(locale, kind, id), locale, kind, entryId: id, data: valid, updatedAt: this.now(), by };
    await this.drafts.upsert(draft);
    return draft;
  }

  /** true when there was a draft. */
  async discardDraft(locale: Locale, kind: ContentKind, id: string): Promise<boolean> {
    return (await this.drafts.deleteMany({ _id: entryKey(locale, kind, id) })) > 0;
  }

  /** Publishes the entry's draft (validated again: the rest may have changed since); the draft is then gone. */
  async publish(locale: Locale, kind: ContentKind, id: string, by: string): Promise<{ version: number; revision: number }> {
    const key = entryKey(locale, kind, id);
    const draft = await this.drafts.findOne({ _id: key });
    if (!draft) throw new NotFoundError('draft');
    const result = await this.commit([{ locale, kind, id, data: draft.data, action: 'publish' }], by, (bundle) => {
      validateChange(bundle, locale, kind, id, draft.data);
    });
    await this.drafts.deleteMany({ _id: key, updatedAt: draft.updatedAt });
    return { version: result.versions[0], revision: result.revision };
  }

  /** Withdraws a published entry (news, an event...). Required sections cannot be withdrawn (validation). */
  async unpublish(locale: Locale, kind: ContentKind, id: string, by: string): Promise<{ version: number; revision: number }> {
    const state = await this.requireState();
    if (!state.entries.some((e) => e.key === entryKey(locale, kind, id))) throw new NotFoundError('content_entry');
    const result = await this.commit(
      [{ locale, kind, id, data: null, action: 'unpublish' }],
      by,
      (bundle) => {
        validateChange(bundle, locale, kind, id, null);
      },
      { read: state },
    );
    return { version: result.versions[0], revision: result.revision };
  }

  /** Every committed version of the entry, newest first. */
  async history(locale: Locale, kind: ContentKind, id: string): Promise<HistoryItem[]> {
    const state = await this.requireState();
    const key = entryKey(locale, kind, id);
    const currentId = state.entries.find((e) => e.key === key)?.versionId;
    const docs = (await this.versions.find({ key })).filter((d) => d.state === 'committed' || d._id === currentId);
    if (docs.length === 0) throw new NotFoundError('content_entry');
    const approvals = await this.approvalsOf(docs.map((d) => d._id));
    return docs
      .sort((a, b) => b.version - a.version)
      .map((d) => ({
        version: d.version,
        action: d.action,
        at: d.at.toISOString(),
        by: d.by,
        ...(d.fromVersion !== undefined ? { fromVersion: d.fromVersion } : {}),
        data: d.data,
        current: d._id === currentId,
        ...(approvals.has(d._id) ? { approvedBy: approvals.get(d._id)?.by, approvedAt: approvals.get(d._id)?.at.toISOString() } : {}),
      }));
  }

  /** Publishes an earlier version again (as a new version that says where it came from). */
  async rollback(locale: Locale, kind: ContentKind, id: string, version: number, by: string): Promise<{ version: number; revision: number }> {
    const key = entryKey(locale, kind, id);
    const target = (await this.versions.find({ key, version })).find((d) => d.state === 'committed');
    if (!target) throw new NotFoundError('content_version');
    const result = await this.commit([{ locale, kind, id, data: target.data, action: 'rollback', fromVersion: version }], by, (bundle) => {
      validateChange(bundle, locale, kind, id, target.data);
    });
    return { version: result.versions[0], revision: result.revision };
  }

  /**
   * Replaces all content with the bundle (already validated by readContentFolder): changed and new entries get a
   * new version, entries absent from the bundle are withdrawn, unchanged ones keep theirs; order follows the
   * bundle. One commit: nothing is half-imported. A bundle without holidays at all (an export made before they
   * existed) leaves the published ones as they are.
   */
  async importBundle(bundle: ContentBundle, by: string): Promise<{ revision: number; changed: number }> {
    const state = await this.requireState();
    const current = await this.bundleOf(state);
    const currentData = new Map(entriesOfBundle(current).map((e) => [entryKey(e.locale, e.kind, e.data.id), canonical(e.data)]));
    const wanted = entriesOfBundle(bundle.holidays === undefined ? { ...bundle, holidays: current.holidays } : bundle);
    const wantedKeys = wanted.map((e) => entryKey(e.locale, e.kind, e.data.id));
    const changes: Change[] = [];
    for (const e of wanted) {
      if (currentData.get(entryKey(e.locale, e.kind, e.data.id)) !== canonical(e.data)) changes.push({ locale: e.locale, kind: e.kind, id: e.data.id, data: e.data, action: 'import' });
    }
    const keep = new Set(wantedKeys);
    for (const key of currentData.keys()) {
      if (!keep.has(key)) {
        const { locale, kind, id } = parseKey(key);
        changes.push({ locale, kind, id, data: null, action: 'import' });
      }
    }
    const result = await this.commit(changes, by, undefined, { order: wantedKeys, synonyms: bundle.synonyms, read: state });
    return { revision: result.revision, changed: changes.length };
  }

  /**
   * The number of each entry's latest version: read from the state for the entries it lists (their live version is
   * their latest: every new version of a listed entry is committed through the state, and one a dead publisher left
   * pending is dropped at recovery), and with one query for the rest (new entries, withdrawn ones) if there are any.
   */
  private async latestVersions(state: PublishedStateDoc, keys: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const listed = new Map(state.entries.map((e) => [e.key, e.version]));
    const unlisted: string[] = [];
    for (const key of keys) {
      const version = listed.get(key);
      if (version === undefined) unlisted.push(key);
      else out.set(key, version);
    }
    if (unlisted.length > 0) {
      for (const doc of await this.versions.find({ key: { $in: unlisted } })) out.set(doc.key, Math.max(out.get(doc.key) ?? 0, doc.version));
    }
    return out;
  }

  /**
   * The one way content changes: version documents first (pending), then the state document moved with a
   * conditional update on the revision read (the commit point), then the versions marked committed. `check`
   * validates against the content as it is at that attempt. `read` is the state the caller has just read, used by
   * the first attempt (a retry reads it again): the state document is the costly read here.
   *
   * Store calls per attempt, whatever the number of changes (FerretDB answers only a lookup by `_id` from its key,
   * every other query reads the whole collection, hundreds of milliseconds each): the state, a query of earlier
   * versions only for entries the state does not list (new or withdrawn ones), one batch insert, the conditional
   * update, then one update by `_id` per version (sent together) and the polled revision.
   */
  private async commit(
    changes: readonly Change[],
    by: string,
    check?: (bundle: ContentBundle) => void,
    options: { order?: readonly string[]; synonyms?: SynonymTable; read?: PublishedStateDoc } = {},
  ): Promise<{ revision: number; versions: number[] }> {
    let read = options.read;
    for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
      const state = read ?? (await this.requireState());
      read = undefined;
      if (check) check(await this.bundleOf(state));
      const at = this.now();
      const latest = await this.latestVersions(state, changes.map((c) => entryKey(c.locale, c.kind, c.id)));
      const docs: ContentVersionDoc[] = changes.map((change) => {
        const key = entryKey(change.locale, change.kind, change.id);
        return {
          _id: randomUUID(),
          key,
          locale: change.locale,
          kind: change.kind,
          entryId: change.id,
          version: (latest.get(key) ?? 0) + 1,
          data: change.data,
          at,
          by,
          action: change.action,
          ...(change.fromVersion !== undefined ? { fromVersion: change.fromVersion } : {}),
          state: 'pending',
        };
      });
      // one batch (random ids: nothing is left out, but a short count is an error, never a silent loss)
      const inserted = docs.length > 0 ? await this.versions.insertNew(docs) : 0;
      if (inserted !== docs.length) throw new Error(`content commit: ${docs.length - inserted} of ${docs.length} version documents were not written`);
      const byKey = new Map(docs.map((d) => [d.key, d]));
      const refOf = (d: ContentVersionDoc): PublishedRef => ({ key: d.key, versionId: d._id, version: d.version, at });
      let entries: PublishedRef[];
      if (options.order) {
        const old = new Map(state.entries.map((e) => [e.key, e]));
        entries = options.order.flatMap((key) => {
          const fresh = byKey.get(key);
          if (fresh) return fresh.data === null ? [] : [refOf(fresh)];
          const kept = old.get(key);
          return kept ? [kept] : [];
        });
      } else {
        const listed = new Set(state.entries.map((e) => e.key));
        entries = state.entries.flatMap((e) => {
          const fresh = byKey.get(e.key);
          if (!fresh) return [e];
          return fresh.data === null ? [] : [refOf(fresh)];
        });
        for (const d of docs) if (d.data !== null && !listed.has(d.key)) entries.push(refOf(d));
      }
      // a new table written before the commit point, as the versions are (an unchanged one is there already)
      const synonymsId = options.synonyms ? (await this.writeSynonyms(options.synonyms))._id : undefined;
      const moved = await this.state.updateOne(
        { _id: PUBLISHED_ID, revision: state.revision },
        {
          $set: { entries, updatedAt: at, ...(synonymsId !== undefined ? { synonymsId } : {}) },
          $inc: { revision: 1 },
          ...(synonymsId !== undefined && state.synonyms !== undefined ? { $unset: { synonyms: true } } : {}),
        },
      );
      if (!moved) {
        await this.versions.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
        continue;
      }
      // one version (a publish) by its `_id`, a lookup by key even on FerretDB; several in one command (this committer
      // alone owns its pending versions): FerretDB then reads the collection once, where one write per version cost
      // it some 40 ms each (2 s for an import of 54 entries)
      if (docs.length === 1) await this.versions.updateOne({ _id: docs[0]._id }, { $set: { state: 'committed' } });
      else if (docs.length > 1) await this.versions.updateMany({ _id: { $in: docs.map((d) => d._id) }, state: 'pending' }, { $set: { state: 'committed' } });
      // committed versions never change: the next read of the content (this instance's reload) need not fetch them
      // (copies: their data is the caller's)
      for (const d of docs) this.cache.set(d._id, structuredClone({ ...d, state: 'committed' }));
      const revision = (moved as PublishedStateDoc).revision;
      // after the commit point, so the polled revision never names content not yet written
      await this.raiseRevision(revision);
      return { revision, versions: docs.map((d) => d.version) };
    }
    throw new ConflictError('content_contended');
  }
}
