/**
 * Staff review of translations (issue 16, models/publishing/translationReview.ts): the six languages seeded from
 * machine-assisted translations are "to be reviewed" until staff publish or approve each entry in that language; the
 * Italian source moving on makes a translation out of date; the review is kept per version in the store (a restart,
 * another instance, both stores) and a new imported version is to be reviewed again. Then through the API, and the
 * translations kept in files (UI string groups, privacy notices: models/publishing/fileTranslationReview.ts) read from
 * a copy of the content folder that the test changes between two starts on one store.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { FaqEntry, Locale } from '../../models/content';
import { STAFF_NAMESPACES } from '../../models/i18n';
import type { FileReviewDetail, FileReviewItem } from '../../models/publishing/fileTranslationReview';
import { ConflictError, NotFoundError } from '../../models/errors';
import { contentDir } from '../../models/paths';
import { ContentPublisher, type LanguageReview } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import { readTranslationFiles } from '../../models/publishing/fileTranslations';
import type { ContentBundle } from '../../models/publishing/types';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { fixedClock } from '../leads/fixtures';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { botStoreEnvs, tempDirsRemovedAfterAll } from '../support/adapters';
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
      // read once: a review reads the state and every published version, a second or two on FerretDB
      const otherReview = await other.translationReview();
      expect(statusOf(otherReview, 'ro', 'faq', FAQ_ID)).toBe('reviewed');
      expect(language(otherReview, 'ro').counts).toMatchObject({ toReview: measureEntries - 1, reviewed: 1 });
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

test('a file translation\'s digest is its strings: the layout and key order of the file do not count, a word does', async () => {
  const copy = await tempDir('review-digest-');
  await fs.cp(path.join(contentDir, 'locales'), path.join(copy, 'locales'), { recursive: true });
  const digests = () => Object.fromEntries(readTranslationFiles(copy).ro.map((i) => [`${i.kind}:${i.id}`, i.digest]));
  const before = digests();
  const file = path.join(copy, 'locales', 'ro', 'translation.json');
  const json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
  // reordered and re-indented: the same strings
  const reverseKeys = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value);
  const reordered = Object.fromEntries(Object.entries(json).reverse().map(([group, value]) => [group, reverseKeys(value)])) as Record<string, Record<string, unknown>>;
  await fs.writeFile(file, JSON.stringify(reordered, null, 4));
  expect(digests()).toEqual(before);
  // one word more in one group: that group only
  (reordered.welcome as Record<string, string>).greeting += ' Nou.';
  await fs.writeFile(file, JSON.stringify(reordered));
  const after = digests();
  expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['strings:welcome']);
});

describe.each(botStoreEnvs('filereview'))('translations kept in files (UI strings, privacy notices) through the API on the $name store', ({ name, env }) => {
  type FileLanguage = { locale: string; files: { counts: Record<string, number>; items: FileReviewItem[] } };
  type Review = { languages: FileLanguage[] };
  let copy: string;
  let storeEnv: Record<string, string>;

  /** The server on the shared store, reading the file translations from the copy as it is now. */
  async function started(): Promise<{ api: InjectedApiBot; staff: string; otherStaff: string; operator: string }> {
    const api = await injectApiBot(storeEnv, { translationFilesDir: copy });
    const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    return {
      api,
      staff: await tokenFor(api, `staff-files-${suffix}`, 'staff'),
      otherStaff: await tokenFor(api, `staff-other-${suffix}`, 'staff'),
      operator: await tokenFor(api, `op-files-${suffix}`, 'operator', ['esempio-bg-metalmeccanico']),
    };
  }
  async function review(api: InjectedApiBot, token: string): Promise<Review> {
    const answer = await call<Review>(api, 'GET', '/api/content/translations', token);
    expect(answer.status).toBe(200);
    return answer.body;
  }
  function fileItem(body: Review, locale: string, kind: string, id: string): FileReviewItem {
    const found = body.languages.find((l) => l.locale === locale)?.files.items.find((i) => i.kind === kind && i.id === id);
    if (!found) throw new Error(`no ${kind} ${id} for ${locale}`);
    return found;
  }
  async function editJson(relative: string, change: (json: Record<string, unknown>) => void): Promise<void> {
    const file = path.join(copy, relative);
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    change(json);
    await fs.writeFile(file, JSON.stringify(json, null, 2));
  }
  async function approvals(api: InjectedApiBot, token: string, target: string): Promise<string[]> {
    const audit = await call<{ items: Array<{ actor: string; action: string }> }>(api, 'GET', `/api/audit?target=${encodeURIComponent(target)}`, token);
    return audit.body.items.filter((e) => e.action === 'content.approved').map((e) => e.actor);
  }

  beforeAll(async () => {
    copy = await tempDir('review-files-');
    // both starts on one store: a DATA_DIR of its own, or a MongoDB database of its own
    storeEnv = { DATA_DIR: await tempDir('review-files-data-'), ...env() };
    for (const folder of ['locales', 'privacy']) await fs.cp(path.join(contentDir, folder), path.join(copy, folder), { recursive: true });
  });

  test('listing per language, side by side, approval (once under concurrency), roles; a changed Italian source is out of date; missing keys are listed', async () => {
    const italianGroups = (await Promise.all((await fs.readdir(path.join(contentDir, 'locales', 'it'))).map(async (name) => Object.keys(JSON.parse(await fs.readFile(path.join(contentDir, 'locales', 'it', name), 'utf8')) as object)))).flat();
    const workerGroups = italianGroups.filter((g) => !STAFF_NAMESPACES.includes(g));
    let server = await started();
    try {
      const { api, staff, otherStaff, operator } = server;
      const first = await review(api, staff);
      expect(first.languages.map((l) => l.locale)).toEqual(['en', ...NEW_LANGUAGES]);
      for (const locale of NEW_LANGUAGES) {
        const { counts, items } = first.languages.find((l) => l.locale === locale)!.files;
        // every group a worker sees and both privacy notices; the console's own strings are not asked of these languages
        expect(items.filter((i) => i.kind === 'strings').map((i) => i.id).sort()).toEqual([...workerGroups].sort());
        expect(items.filter((i) => i.kind === 'privacy').map((i) => [i.id, i.file])).toEqual([
          ['notice', `privacy/${locale}.json`],
          ['campaign', `privacy/campaign/${locale}.json`],
        ]);
        expect(counts).toEqual({ missing: 0, outOfDate: 0, toReview: workerGroups.length + 2, reviewed: 0 });
        expect(items.every((i) => i.status === 'toReview' && i.missingKeys.length === 0 && /^[0-9a-f]{16}$/.test(i.digest ?? ''))).toBe(true);
      }
      // English is written by staff: every group, the console's included, counts as reviewed
      expect(first.languages.find((l) => l.locale === 'en')!.files.counts).toEqual({ missing: 0, outOfDate: 0, toReview: 0, reviewed: italianGroups.length + 2 });
      // the content entries' review is there as before, beside the files
      expect(first.languages.find((l) => l.locale === 'ro')!).toMatchObject({ counts: { toReview: expect.any(Number) }, entries: expect.any(Array) });

      // the Italian and the Romanian side by side, key by key
      const welcome = fileItem(first, 'ro', 'strings', 'welcome');
      expect(welcome).toMatchObject({ file: 'locales/ro/translation.json', status: 'toReview', reviewedBy: null });
      const detail = await call<FileReviewDetail>(api, 'GET', '/api/content/translations/ro/strings/welcome', staff);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ locale: 'ro', sourceFile: 'locales/it/translation.json', digest: welcome.digest, sourceDigest: welcome.sourceDigest });
      const greeting = detail.body.rows.find((r) => r.key === 'welcome.greeting');
      expect(greeting?.source).toMatch(/^Ciao! /);
      expect(greeting?.translation).toMatch(/^Bună ziua!/);
      const privacy = await call<FileReviewDetail>(api, 'GET', '/api/content/translations/ar/privacy/notice', staff);
      expect(privacy.body.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['title', 'paragraphs.0', 'phrases.retentionDays']));

      // refused: operators, the Italian source, an unknown item or kind, a digest this server does not read, a bad body
      const approvePath = '/api/content/translations/ro/strings/welcome/approve';
      const body = { digest: welcome.digest, sourceDigest: welcome.sourceDigest };
      expect((await call(api, 'GET', '/api/content/translations', operator)).status).toBe(403);
      expect((await call(api, 'GET', '/api/content/translations/ro/strings/welcome', operator)).status).toBe(403);
      expect((await call(api, 'POST', approvePath, operator, body)).status).toBe(403);
      expect((await call(api, 'POST', approvePath, undefined, body)).status).toBe(401);
      expect((await call<{ error: { reason: string } }>(api, 'POST', '/api/content/translations/it/strings/welcome/approve', staff, body)).body.error.reason).toBe('source_language');
      expect((await call(api, 'POST', '/api/content/translations/ro/strings/noSuchGroup/approve', staff, body)).status).toBe(404);
      expect((await call(api, 'POST', '/api/content/translations/ro/strings/console/approve', staff, body)).status).toBe(404);
      expect((await call<{ error: { reason: string } }>(api, 'POST', '/api/content/translations/ro/recipes/welcome/approve', staff, body)).body.error.reason).toBe('unknown_kind');
      expect((await call<{ error: { reason: string } }>(api, 'POST', approvePath, staff, { ...body, digest: '0123456789abcdef' })).body.error.reason).toBe('version_changed');
      expect((await call<{ error: { reason: string } }>(api, 'POST', approvePath, staff, { ...body, sourceDigest: '0123456789abcdef' })).body.error.reason).toBe('version_changed');
      expect((await call<{ error: { field: string } }>(api, 'POST', approvePath, staff, { digest: welcome.digest })).body.error.field).toBe('sourceDigest');
      expect(await approvals(api, staff, 'content:ro:strings:welcome')).toEqual([]);

      // two staff members approving at once (and a double click): one approval, audited once, the same answer for all
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call<{ reviewedBy: string; reviewedAt: string }>(api, 'POST', approvePath, i % 2 ? otherStaff : staff, body)));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(await approvals(api, staff, 'content:ro:strings:welcome')).toEqual([answers[0].body.reviewedBy]);
      const approvedNotice = await call(api, 'POST', '/api/content/translations/ro/privacy/notice/approve', staff, { digest: fileItem(first, 'ro', 'privacy', 'notice').digest, sourceDigest: fileItem(first, 'ro', 'privacy', 'notice').sourceDigest });
      expect(approvedNotice.status).toBe(200);
      const after = await review(api, staff);
      expect(fileItem(after, 'ro', 'strings', 'welcome')).toMatchObject({ status: 'reviewed', reviewedBy: answers[0].body.reviewedBy, reviewedAt: answers[0].body.reviewedAt });
      expect(fileItem(after, 'ro', 'privacy', 'notice').status).toBe('reviewed');
      expect(after.languages.find((l) => l.locale === 'ro')!.files.counts).toMatchObject({ toReview: workerGroups.length, reviewed: 2 });
      expect(fileItem(after, 'es', 'strings', 'welcome').status).toBe('toReview');
    } finally {
      await server.api.bot.stop();
    }

    // in git: the Italian welcome changes; the Romanian privacy notice loses a paragraph and its menu loses a key
    await editJson('locales/it/translation.json', (json) => {
      const group = json.welcome as Record<string, string>;
      group.greeting = `${group.greeting} Novità.`;
    });
    await editJson('privacy/ro.json', (json) => {
      (json.paragraphs as string[]).pop();
    });
    const italianParagraphs = (JSON.parse(await fs.readFile(path.join(copy, 'privacy', 'it.json'), 'utf8')) as { paragraphs: string[] }).paragraphs.length;
    await editJson('locales/ro/translation.json', (json) => {
      const menu = json.menu as Record<string, unknown>;
      delete menu[Object.keys(menu)[0]];
    });
    const removedMenuKey = Object.keys((JSON.parse(await fs.readFile(path.join(contentDir, 'locales', 'ro', 'translation.json'), 'utf8')) as { menu: object }).menu)[0];

    // the next start (a deploy) on the same store reads the changed files
    server = await started();
    try {
      const { api, staff, otherStaff } = server;
      const moved = await review(api, staff);
      const welcome = fileItem(moved, 'ro', 'strings', 'welcome');
      // approved against the Italian of before: out of date, naming who approved it then
      expect(welcome).toMatchObject({ status: 'outOfDate', reviewedBy: expect.stringMatching(/^staff-(files|other)-/) });
      // English, written by staff, is not told apart without an approval; a never-approved language is still to review
      expect(fileItem(moved, 'es', 'strings', 'welcome').status).toBe('toReview');
      // missing keys are listed, and an item missing keys cannot be approved
      const notice = fileItem(moved, 'ro', 'privacy', 'notice');
      expect(notice).toMatchObject({ status: 'missing', missingKeys: [`paragraphs.${italianParagraphs - 1}`] });
      const menu = fileItem(moved, 'ro', 'strings', 'menu');
      expect(menu.status).toBe('missing');
      expect(menu.missingKeys[0]).toBe(`menu.${removedMenuKey}`);
      expect((await call<{ error: { reason: string } }>(api, 'POST', '/api/content/translations/ro/privacy/notice/approve', staff, { digest: notice.digest, sourceDigest: notice.sourceDigest })).body.error.reason).toBe('keys_missing');
      const side = await call<FileReviewDetail>(api, 'GET', '/api/content/translations/ro/privacy/notice', staff);
      expect(side.body.rows.find((r) => r.key === `paragraphs.${italianParagraphs - 1}`)).toMatchObject({ translation: null });
      expect(moved.languages.find((l) => l.locale === 'ro')!.files.counts).toMatchObject({ missing: 2, outOfDate: 1, reviewed: 0 });

      // approved again against the new Italian by two staff members at once (the clock has not moved since the first
      // approval): one new review, audited once, the same answer for all
      const renewals = await Promise.all(Array.from({ length: 6 }, (_, i) => call<{ reviewedBy: string }>(api, 'POST', '/api/content/translations/ro/strings/welcome/approve', i % 2 ? staff : otherStaff, { digest: welcome.digest, sourceDigest: welcome.sourceDigest })));
      expect(renewals.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(new Set(renewals.map((a) => JSON.stringify(a.body))).size).toBe(1);
      const again = renewals[0];
      expect(fileItem(await review(api, staff), 'ro', 'strings', 'welcome')).toMatchObject({ status: 'reviewed', reviewedBy: again.body.reviewedBy });
      expect(await approvals(api, staff, 'content:ro:strings:welcome')).toHaveLength(2);
    } finally {
      if (name === 'mongodb') await (server.api.bot.store as MongoStore).dropDatabase();
      await server.api.bot.stop();
    }
  }, 60000);
});
