/**
 * Staff review of translations (issue 16, models/publishing/translationReview.ts): the six languages seeded from
 * machine-assisted translations are "to be reviewed" until staff publish or approve each entry in that language; the
 * Italian source moving on makes a translation out of date; the review is kept per version in the store (a restart,
 * another instance, both stores) and a new imported version is to be reviewed again. Then through the API.
 */
import type { FaqEntry, Locale } from '../../models/content';
import { ConflictError, NotFoundError } from '../../models/errors';
import { contentDir } from '../../models/paths';
import { ContentPublisher, type LanguageReview } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import type { ContentBundle } from '../../models/publishing/types';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { fixedClock } from '../leads/fixtures';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { storePairs } from '../support/storePairs';

const seed = readContentFolder(contentDir);
const tempDir = tempDirsRemovedAfterAll();
const FAQ_ID = 'what-is';
const NEW_LANGUAGES = ['ro', 'ar', 'sq', 'es', 'uk', 'fr'] as const;
const italianEntries = seed.measure.it.sections.length + seed.measure.it.faq.length + seed.news.it.length + seed.events.it.length + seed.announcements.it.length;

function language(review: { languages: LanguageReview[] }, locale: Locale): LanguageReview {
  const found = review.languages.find((l) => l.locale === locale);
  if (!found) throw new Error(`no review for ${locale}`);
  return found;
}

function statusOf(review: { languages: LanguageReview[] }, locale: Locale, kind: string, id: string): string | undefined {
  return language(review, locale).entries.find((e) => e.kind === kind && e.id === id)?.status;
}

function faq(bundle: ContentBundle, locale: Locale, id: string): FaqEntry {
  return bundle.measure[locale].faq.find((f) => f.id === id) as FaqEntry;
}

describe.each(storePairs(tempDir, 'review'))('translation review on the %s store', (_kind, open) => {
  test('seeded: the six new languages to be reviewed, English reviewed; approve, publish, Italian moves on, import', async () => {
    const pair = await open();
    try {
      const clock = fixedClock('2026-03-02T09:00:00.000Z');
      const publisher = await ContentPublisher.open(pair.stores[0], { now: clock.now });
      await publisher.ensureSeeded(() => seed);

      const seeded = await publisher.translationReview();
      expect(seeded.source).toBe('it');
      expect(seeded.languages.map((l) => l.locale)).toEqual(['en', ...['ro', 'ar', 'sq', 'es', 'uk', 'fr']]);
      const measureEntries = seed.measure.it.sections.length + seed.measure.it.faq.length;
      for (const locale of NEW_LANGUAGES) {
        const { counts, entries } = language(seeded, locale);
        // every section and FAQ entry is translated and awaits review; Italian news and events are missing (workers get Italian's)
        expect(counts).toEqual({ missing: italianEntries - measureEntries, outOfDate: 0, toReview: measureEntries, reviewed: 0 });
        expect(entries).toHaveLength(italianEntries);
      }
      expect(language(seeded, 'en').counts).toMatchObject({ outOfDate: 0, toReview: 0 });
      expect((await publisher.list('ro')).items.find((i) => i.kind === 'faq' && i.id === FAQ_ID)).toMatchObject({ review: 'toReview', reviewedBy: null });
      expect((await publisher.list('it')).items.every((i) => i.review === 'source')).toBe(true);

      // a staff member approves the Romanian entry as it is: reviewed, by them, and what workers read is unchanged
      clock.advance(60_000);
      const revision = await publisher.revision();
      expect(await publisher.approve('ro', 'faq', FAQ_ID, 1, 'staff-ana')).toEqual({ version: 1, reviewedBy: 'staff-ana', reviewedAt: '2026-03-02T09:01:00.000Z', recorded: true });
      expect(await publisher.revision()).toBe(revision);
      expect(await publisher.entry('ro', 'faq', FAQ_ID)).toMatchObject({ review: 'reviewed', reviewedBy: 'staff-ana', reviewedAt: '2026-03-02T09:01:00.000Z' });
      // the approval is in the store: another instance (a restart) reads it
      const other = await ContentPublisher.open(pair.stores[1], { now: clock.now });
      expect(statusOf(await other.translationReview(), 'ro', 'faq', FAQ_ID)).toBe('reviewed');
      expect(language(await other.translationReview(), 'ro').counts).toMatchObject({ toReview: measureEntries - 1, reviewed: 1 });
      expect((await other.history('ro', 'faq', FAQ_ID))[0]).toMatchObject({ version: 1, approvedBy: 'staff-ana' });

      // refused: the Italian source, a version that is no longer live, an entry that does not exist
      await expect(publisher.approve('it', 'faq', FAQ_ID, 1, 'staff-ana')).rejects.toEqual(new ConflictError('source_language'));
      await expect(publisher.approve('ar', 'faq', FAQ_ID, 2, 'staff-ana')).rejects.toEqual(new ConflictError('version_changed'));
      await expect(publisher.approve('ar', 'faq', 'no-such-entry', 1, 'staff-ana')).rejects.toBeInstanceOf(NotFoundError);

      // Italian changes: every translation of that entry is out of date, the approved Romanian one too
      clock.advance(60_000);
      await publisher.saveDraft('it', 'faq', FAQ_ID, { ...faq(seed, 'it', FAQ_ID), answer: `${faq(seed, 'it', FAQ_ID).answer} Aggiornata.` }, 'staff-ana');
      await publisher.publish('it', 'faq', FAQ_ID, 'staff-ana');
      const moved = await publisher.translationReview();
      for (const locale of ['en', ...NEW_LANGUAGES] as const) expect(statusOf(moved, locale, 'faq', FAQ_ID)).toBe('outOfDate');
      expect(language(moved, 'ar').counts.outOfDate).toBe(1);

      // staff publish the Arabic one from the editor (reviewed by whoever published), approve the Romanian one again
      clock.advance(60_000);
      await publisher.saveDraft('ar', 'faq', FAQ_ID, faq(seed, 'ar', FAQ_ID), 'staff-omar');
      await publisher.publish('ar', 'faq', FAQ_ID, 'staff-omar');
      await publisher.approve('ro', 'faq', FAQ_ID, 1, 'staff-ana');
      const after = await publisher.translationReview();
      expect(statusOf(after, 'ar', 'faq', FAQ_ID)).toBe('reviewed');
      expect(statusOf(after, 'ro', 'faq', FAQ_ID)).toBe('reviewed');
      expect(statusOf(after, 'es', 'faq', FAQ_ID)).toBe('outOfDate');
      expect((await publisher.list('ar')).items.find((i) => i.kind === 'faq' && i.id === FAQ_ID)).toMatchObject({ review: 'reviewed', reviewedBy: 'staff-omar', version: 2 });

      // a new Romanian version comes in by import: the review belonged to version 1, so version 2 is to be reviewed
      clock.advance(60_000);
      const current = (await publisher.published()).bundle;
      const changed: ContentBundle = {
        ...current,
        measure: { ...current.measure, ro: { ...current.measure.ro, faq: current.measure.ro.faq.map((f) => (f.id === FAQ_ID ? { ...f, answer: `${f.answer} Actualizat.` } : f)) } },
      };
      await publisher.importBundle(changed, 'import');
      expect(statusOf(await publisher.translationReview(), 'ro', 'faq', FAQ_ID)).toBe('toReview');
    } finally {
      await pair.dispose();
    }
  }, 60000);
});

test('the review survives a restart of the embedded store', async () => {
  const dir = await tempDir('review-restart-');
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const first = await EmbeddedStore.open(dir);
  const publisher = await ContentPublisher.open(first, { now: clock.now });
  await publisher.ensureSeeded(() => seed);
  await publisher.approve('uk', 'section', seed.measure.uk.sections[0].id, 1, 'staff-olena');
  await first.close();
  const second = await EmbeddedStore.open(dir);
  try {
    const reopened = await ContentPublisher.open(second, { now: clock.now });
    expect(await reopened.ensureSeeded(() => seed)).toBe('present');
    const review = await reopened.translationReview();
    expect(statusOf(review, 'uk', 'section', seed.measure.uk.sections[0].id)).toBe('reviewed');
    expect(language(review, 'uk').counts.reviewed).toBe(1);
  } finally {
    await second.close();
  }
});

describe('translation review through the API', () => {
  let api: InjectedApiBot;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-review', 'staff');
    operator = await tokenFor(api, 'op-review', 'operator', ['esempio-bg-metalmeccanico']);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test('staff read the per-language review and approve an entry; it is audited; operators are refused', async () => {
    type Review = { source: string; languages: LanguageReview[] };
    const before = await call<Review>(api, 'GET', '/api/content/translations', staff);
    expect(before.status).toBe(200);
    expect(statusOf(before.body, 'es', 'faq', FAQ_ID)).toBe('toReview');

    const approved = await call(api, 'POST', `/api/content/es/faq/${FAQ_ID}/approve`, staff, { version: 1 });
    expect(approved).toMatchObject({ status: 200, body: { version: 1, reviewedBy: 'staff-review' } });
    const after = await call<Review>(api, 'GET', '/api/content/translations', staff);
    expect(statusOf(after.body, 'es', 'faq', FAQ_ID)).toBe('reviewed');
    expect(language(after.body, 'es').counts.reviewed).toBe(language(before.body, 'es').counts.reviewed + 1);
    const listed = await call<{ items: Array<{ kind: string; id: string; review: string; reviewedBy: string | null }> }>(api, 'GET', '/api/content/es', staff);
    expect(listed.body.items.find((i) => i.kind === 'faq' && i.id === FAQ_ID)).toMatchObject({ review: 'reviewed', reviewedBy: 'staff-review' });

    const audit = await call<{ items: Array<{ actor: string; action: string }> }>(api, 'GET', `/api/audit?target=content:es:faq:${FAQ_ID}`, staff);
    expect(audit.body.items.map((e) => [e.actor, e.action])).toEqual([['staff-review', 'content.approved']]);

    expect((await call(api, 'POST', `/api/content/it/faq/${FAQ_ID}/approve`, staff, { version: 1 })).status).toBe(409);
    expect((await call(api, 'POST', `/api/content/fr/faq/${FAQ_ID}/approve`, staff, { version: 7 })).status).toBe(409);
    expect((await call<{ error: { field: string } }>(api, 'POST', `/api/content/fr/faq/${FAQ_ID}/approve`, staff, {})).body.error.field).toBe('version');
    expect((await call(api, 'GET', '/api/content/translations', operator)).status).toBe(403);
    expect((await call(api, 'POST', `/api/content/fr/faq/${FAQ_ID}/approve`, operator, { version: 1 })).status).toBe(403);
  });
});
