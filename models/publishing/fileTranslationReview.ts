/**
 * Staff review of the translations kept in files (fileTranslations.ts: UI string groups and privacy notices), in the
 * same review model as the published content (translationReview.ts): per language each item is missing, out of
 * date, to be reviewed or reviewed, and staff approve it in the console, audited once per approval.
 *
 * The files are read once at start (what this instance serves workers) and edited through git, never here: an
 * approval names the digest of the translation it approves and the digest of the Italian source it was compared
 * with, and is kept beside the content's approvals (`content_reviews`, `_id` "file:<locale>:<kind>:<id>@<digest>").
 * - `missing`: the Italian has keys this language lacks (listed; workers get the Italian strings there);
 * - `outOfDate`: this translation was approved, and the Italian source's digest has changed since;
 * - `toReview`: this translation (this digest) was never approved: seeded by machine-assisted translation, or
 *   changed in git since its approval;
 * - `reviewed`: approved against the Italian as it is now; English, written by staff, counts as reviewed until an
 *   approval of it is overtaken by a change of the Italian.
 */
import { ConflictError, NotFoundError } from '../errors';
import { LANGUAGES, type Language } from '../i18n';
import type { Store } from '../store/store';
import type { DocumentCollection } from '../store/collection';
import { compare, fileItemKey, reviewedItemsOf, type FileComparison, type FileTranslationKind, type TranslationFiles } from './fileTranslations';
import { CONTENT_REVIEWS, SOURCE_LANGUAGE, STAFF_WRITTEN_LANGUAGES, approveOnce, emptyCounts, type ReviewCounts, type TranslationReviewStatus } from './translationReview';

/** One staff approval of one file translation's digest against one digest of its Italian source. */
export type FileReviewDoc = {
  _id: string;
  /** "<locale>:<kind>:<id>" */
  key: string;
  locale: string;
  kind: FileTranslationKind;
  entryId: string;
  /** the translation's digest it approves */
  digest: string;
  /** the Italian source's digest it was compared with */
  sourceDigest: string;
  by: string;
  at: Date;
};

/** One language's file item, as the review lists it. */
export interface FileReviewItem {
  kind: FileTranslationKind;
  id: string;
  title: string;
  /** this language's file, relative to the content folder (the Italian one's place when this language has none) */
  file: string;
  /** the translation's digest (null: this language has none): what an approval names */
  digest: string | null;
  sourceDigest: string;
  status: TranslationReviewStatus;
  /** keys of the Italian this language lacks */
  missingKeys: string[];
  /** who approved it and when (for an out of date item: the approval the Italian overtook); null when nobody did */
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface FileReviewLanguage {
  locale: Language;
  counts: ReviewCounts;
  items: FileReviewItem[];
}

/** The Italian and the translation side by side, key by key (the Italian's order, then keys only the translation has). */
export interface FileReviewDetail extends FileReviewItem {
  locale: Language;
  sourceFile: string;
  rows: Array<{ key: string; source: string | null; translation: string | null }>;
}

export function approvalId(locale: string, kind: FileTranslationKind, id: string, digest: string): string {
  return `file:${fileItemKey(locale, kind, id)}@${digest}`;
}

/** Where one comparison stands, given the approval of its translation's digest (if any). */
export function fileReviewStatus(language: Language, comparison: FileComparison, approval: Pick<FileReviewDoc, 'sourceDigest'> | undefined): TranslationReviewStatus {
  if (comparison.missingKeys.length > 0 || !comparison.translation) return 'missing';
  if (approval) return approval.sourceDigest === comparison.source.digest ? 'reviewed' : 'outOfDate';
  return STAFF_WRITTEN_LANGUAGES.includes(language) ? 'reviewed' : 'toReview';
}

export class FileTranslationReview {
  private constructor(
    private readonly reviews: DocumentCollection<FileReviewDoc>,
    private readonly files: TranslationFiles,
    private readonly now: () => Date,
  ) {}

  static async open(store: Store, deps: { files: TranslationFiles; now: () => Date }): Promise<FileTranslationReview> {
    return new FileTranslationReview(await store.collection<FileReviewDoc>(CONTENT_REVIEWS), deps.files, deps.now);
  }

  private comparisons(language: Language): FileComparison[] {
    return reviewedItemsOf(this.files, language).map((source) => compare(this.files, language, source));
  }

  private async approvalsOf(language: Language, comparisons: readonly FileComparison[]): Promise<Map<string, FileReviewDoc>> {
    const ids = comparisons.flatMap((c) => (c.translation ? [approvalId(language, c.source.kind, c.source.id, c.translation.digest)] : []));
    if (ids.length === 0) return new Map();
    return new Map((await this.reviews.find({ _id: { $in: ids } })).map((r) => [r._id, r]));
  }

  private itemOf(language: Language, comparison: FileComparison, approvals: Map<string, FileReviewDoc>): FileReviewItem {
    const { source, translation, missingKeys } = comparison;
    const approval = translation ? approvals.get(approvalId(language, source.kind, source.id, translation.digest)) : undefined;
    const status = fileReviewStatus(language, comparison, approval);
    return {
      kind: source.kind,
      id: source.id,
      title: translation?.title ?? source.title,
      file: translation?.file ?? source.file.replace(new RegExp(`/${SOURCE_LANGUAGE}(/|\\.json$)`), `/${language}$1`),
      digest: translation?.digest ?? null,
      sourceDigest: source.digest,
      status,
      missingKeys,
      reviewedBy: status === 'missing' ? null : (approval?.by ?? null),
      reviewedAt: status === 'missing' ? null : (approval?.at.toISOString() ?? null),
    };
  }

  /** Every language but Italian: its file items and how many stand where. */
  async languages(): Promise<FileReviewLanguage[]> {
    return Promise.all(
      LANGUAGES.filter((l) => l !== SOURCE_LANGUAGE).map(async (locale) => {
        const comparisons = this.comparisons(locale);
        const approvals = await this.approvalsOf(locale, comparisons);
        const items = comparisons.map((c) => this.itemOf(locale, c, approvals));
        const counts = emptyCounts();
        for (const i of items) counts[i.status] += 1;
        return { locale, counts, items };
      }),
    );
  }

  private comparison(locale: Language, kind: FileTranslationKind, id: string): FileComparison {
    if (locale === SOURCE_LANGUAGE) throw new ConflictError('source_language');
    const found = this.comparisons(locale).find((c) => c.source.kind === kind && c.source.id === id);
    if (!found) throw new NotFoundError('translation_file');
    return found;
  }

  /** One item with the Italian and the translation side by side (read-only: the files are edited through git). */
  async detail(locale: Language, kind: FileTranslationKind, id: string): Promise<FileReviewDetail> {
    const comparison = this.comparison(locale, kind, id);
    const item = this.itemOf(locale, comparison, await this.approvalsOf(locale, [comparison]));
    const { source, translation } = comparison;
    const rows: FileReviewDetail['rows'] = Object.entries(source.values).map(([key, value]) => ({ key, source: value, translation: translation?.values[key] ?? null }));
    for (const [key, value] of Object.entries(translation?.values ?? {})) if (source.values[key] === undefined) rows.push({ key, source: null, translation: value });
    return { ...item, locale, sourceFile: source.file, rows };
  }

  /**
   * A staff member approves a file translation as it is: `digest` is the translation they read and `sourceDigest`
   * the Italian they compared it with; if this instance serves other files (a deploy in between), ConflictError
   * 'version_changed'. An item that lacks keys cannot be approved ('keys_missing': they are written in git first).
   * Once per review, as for content (approveOnce): `recorded` is true for the one call that made the approval.
   */
  async approve(locale: Language, kind: FileTranslationKind, id: string, digest: string, sourceDigest: string, by: string): Promise<{ digest: string; sourceDigest: string; reviewedBy: string; reviewedAt: string; recorded: boolean }> {
    const comparison = this.comparison(locale, kind, id);
    const { source, translation, missingKeys } = comparison;
    if (!translation || missingKeys.length > 0) throw new ConflictError('keys_missing');
    if (translation.digest !== digest || source.digest !== sourceDigest) throw new ConflictError('version_changed');
    const fresh: FileReviewDoc = { _id: approvalId(locale, kind, id, digest), key: fileItemKey(locale, kind, id), locale, kind, entryId: id, digest, sourceDigest, by, at: this.now() };
    // stands while the Italian source is the one it was compared with
    const { approval, recorded } = await approveOnce(this.reviews, fresh, (existing) => existing.sourceDigest === sourceDigest);
    return { digest, sourceDigest, reviewedBy: approval.by, reviewedAt: approval.at.toISOString(), recorded };
  }
}
