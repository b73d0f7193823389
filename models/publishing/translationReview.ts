/**
 * Staff review of translations (issue 16): how each published entry of a language stands against its Italian source.
 *
 * Italian is the source every entry is written in; English is written by campaign staff as well. The six languages
 * added for Lombardy's foreign communities (ro, ar, sq, es, uk, fr) were seeded with machine-assisted translations:
 * each of their versions is "to be reviewed" until a staff member publishes that entry in that language in the
 * console (a new version from the editor, a rollback) or approves the version as it is. An approval is a document of
 * its own, keyed by the version it approves (`content_reviews`), so the review state lives in the store beside the
 * versions, survives restarts, and belongs to one content version: a later import of that entry is to be reviewed
 * again.
 *
 * What workers get: a translation to be reviewed is served to workers as it is (the faithfulness test in
 * test/content/translations.test.ts holds every number, date, law reference and name to the Italian source, and a
 * worker is better served in their language than in Italian); the mark is for staff only, and no worker-facing
 * message mentions it. Nothing is translated at run time.
 *
 * The translations kept in files read at start (UI string groups, privacy notices) are reviewed in the same model,
 * with the same statuses and approvals in the same collection, by digest instead of version: fileTranslationReview.ts.
 *
 * No Bot Framework imports; pure functions over what the publisher reads, and approveOnce over the approvals' collection.
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { ContentKind } from './types';

/** The language every other one is translated from. */
export const SOURCE_LANGUAGE = 'it';

/**
 * Languages whose seeded and imported versions are written (or checked) by campaign staff themselves, so they count
 * as reviewed without a console approval: the source and English. Every other language starts "to be reviewed".
 */
export const STAFF_WRITTEN_LANGUAGES: readonly string[] = ['it', 'en'];

/**
 * Where a translated entry stands, in order of what staff must do first:
 * - `missing`: Italian publishes the entry, this language does not (workers get the Italian one);
 * - `outOfDate`: the Italian entry was published after this translation was last published or approved;
 * - `toReview`: machine-assisted, not yet published or approved by staff;
 * - `reviewed`: published or approved by staff since the Italian entry last changed.
 * `source` is the Italian entry itself.
 */
export const REVIEW_STATUSES = ['missing', 'outOfDate', 'toReview', 'reviewed'] as const;
export type TranslationReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewStatus = TranslationReviewStatus | 'source';

/** One staff approval of one version, as stored (`_id` is the approved version's id). */
export type ContentReviewDoc = {
  _id: string;
  /** "<locale>:<kind>:<id>" of the entry */
  key: string;
  locale: string;
  kind: ContentKind;
  entryId: string;
  version: number;
  /** the staff account that approved it */
  by: string;
  at: Date;
};

// read by _id (the approved version) only
export const CONTENT_REVIEWS: CollectionSpec = { name: 'content_reviews', indexes: [] };

/** What the review of one published version rests on. */
export interface VersionFacts {
  locale: string;
  /** how the version came to be: 'seed' | 'import' | 'publish' | 'rollback' | ... */
  action: string;
  by: string;
  at: Date;
}

export interface Reviewed {
  by: string;
  at: Date;
}

/**
 * Who reviewed this version and when, or null when nobody did: a version published or restored in the console is
 * reviewed by whoever did it; a seeded or imported one by an approval of it, except in the staff-written languages.
 */
export function reviewOf(version: VersionFacts, approval: Pick<ContentReviewDoc, 'by' | 'at'> | undefined): Reviewed | null {
  if (approval) return { by: approval.by, at: approval.at };
  if (version.action === 'publish' || version.action === 'rollback') return { by: version.by, at: version.at };
  if (STAFF_WRITTEN_LANGUAGES.includes(version.locale)) return { by: version.by, at: version.at };
  return null;
}

/**
 * The status of a language's entry against the Italian one. `published` is this language's live version (undefined:
 * none), `sourceAt` when the Italian entry's live version was published (undefined: Italian has no such entry, e.g.
 * a news item written for one language only: nothing to be out of date with).
 */
export function reviewStatus(locale: string, published: { at: Date; reviewed: Reviewed | null } | undefined, sourceAt: Date | undefined): ReviewStatus {
  if (locale === SOURCE_LANGUAGE) return 'source';
  if (!published) return 'missing';
  const lastTouched = Math.max(published.at.getTime(), published.reviewed?.at.getTime() ?? 0);
  if (sourceAt !== undefined && sourceAt.getTime() > lastTouched) return 'outOfDate';
  return published.reviewed ? 'reviewed' : 'toReview';
}

export type ReviewCounts = Record<TranslationReviewStatus, number>;

export function emptyCounts(): ReviewCounts {
  return { missing: 0, outOfDate: 0, toReview: 0, reviewed: 0 };
}

/**
 * What every approval document has: one per approved version (or digest), who approved it, when; `round` counts the
 * reviews of it (absent: the first), each new review of the same version being the next round.
 */
export type ApprovalDoc = { _id: string; by: string; at: Date; round?: number } & Record<string, unknown>;

/** The insert that decides who makes round `round` of an approval: the first round is the approval itself. */
function roundId(id: string, round: number): string {
  return round === 1 ? id : `${id}#${round}`;
}

/**
 * Records one staff approval of one version, once: of several approving at once (a double click, two staff members)
 * one inserts and the others read its approval, so `recorded` is true for one caller only, who audits it. An
 * approval already there stands while `stillCurrent(existing)` (nothing it rests on changed since); otherwise
 * approving the same version again is a new review, its next round.
 *
 * Every round is decided by a unique insert (`<id>#<round>`, read by nobody else), never by a conditional update:
 * FerretDB does not make those atomic, and two reviews in the same millisecond would both pass a condition on the
 * old one's time. Whoever wins or loses a round then writes the winner's approval over the old one, the same
 * content from every caller, so a caller that stopped between the two writes is completed by the next.
 */
export async function approveOnce<D extends ApprovalDoc>(reviews: DocumentCollection<D>, fresh: D, stillCurrent: (existing: D) => boolean): Promise<{ approval: D; recorded: boolean }> {
  const existing = await reviews.findOne({ _id: fresh._id });
  if (existing && stillCurrent(existing)) return { approval: existing, recorded: false };
  const previous = existing ? (existing.round ?? 1) : 0;
  const round = previous + 1;
  const candidate = { ...fresh, _id: roundId(fresh._id, round), round } as D;
  let approval: D;
  let recorded: boolean;
  try {
    await reviews.insert(candidate);
    approval = candidate;
    recorded = true;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const first = await reviews.findOne({ _id: candidate._id });
    if (!first) throw err;
    approval = first;
    recorded = false;
  }
  if (round > 1) {
    const { _id, ...renewal } = approval;
    // only over the round it renews: a caller late from an older round does not write over a newer one
    await reviews.updateOne({ _id: fresh._id, round: existing?.round ?? { $exists: false } }, { $set: renewal });
  }
  return { approval: { ...approval, _id: fresh._id }, recorded };
}
