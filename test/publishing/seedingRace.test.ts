/**
 * Seeding a new database with several instances starting at once (models/publishing/contentPublisher.ts
 * ensureSeeded): they agree on one published version; a live seeder, however slow, is not taken over and loses
 * nothing; a dead one is taken over once its lease has lapsed; a seeder whose lease lapsed under it yields to the
 * content published meanwhile instead of failing to start. On the embedded store, and on MongoDB (FerretDB in CI)
 * when MONGODB_URI is set, two connections to one database.
 */
import { randomUUID } from 'node:crypto';
import { LOCALES, type Locale } from '../../models/content/types';
import { contentDir } from '../../models/paths';
import { CONTENT_VERSIONS, ContentPublisher, type SeedLeaseOptions } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import type { ContentBundle } from '../../models/publishing/types';
import type { CollectionSpec, Doc, DocumentCollection } from '../../models/store/collection';
import { JOB_LEASES, JobLease } from '../../models/store/jobLease';
import type { Store } from '../../models/store/store';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { withCollections } from '../support/countingStore';
import { storePairs, type StorePair } from '../support/storePairs';
import { eventually } from '../support/eventually';

const seed = readContentFolder(contentDir);

/**
 * The seed with two entries of each kind per language: enough for the gates below (they hold a seeder after its
 * first two or four versions) and for the comparisons. The lease tests are about who seeds and when, not how much:
 * writing and reading back all 451 entries took a second or more per test on FerretDB. The first test seeds it all.
 */
function fewEntries(bundle: ContentBundle): ContentBundle {
  const perLocale = <T>(make: (locale: Locale) => T): Record<Locale, T> => Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as Record<Locale, T>;
  const { holidays } = bundle;
  return {
    ...bundle,
    measure: perLocale((locale) => ({ ...bundle.measure[locale], sections: bundle.measure[locale].sections.slice(0, 2), faq: bundle.measure[locale].faq.slice(0, 2) })),
    news: perLocale((locale) => bundle.news[locale].slice(0, 2)),
    events: perLocale((locale) => bundle.events[locale].slice(0, 2)),
    announcements: perLocale((locale) => bundle.announcements[locale].slice(0, 2)),
    ...(holidays ? { holidays: perLocale((locale) => (holidays[locale] ?? []).slice(0, 2)) } : {}),
  };
}
const smallSeed = fewEntries(seed);
const tempDir = tempDirsRemovedAfterAll();
const contentNow = (): Date => new Date('2026-03-02T09:00:00.000Z');

/**
 * A store whose content version inserts past the first `passing` wait at a gate the test opens: a seeder held
 * mid-way, alive (its heartbeat runs) but slow, as on a loaded database.
 */
class GatedVersionStore {
  inserted = 0;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));

  constructor(
    private readonly base: Store,
    private readonly passing: number,
  ) {}

  release(): void {
    this.open();
  }

  store(): Store {
    return withCollections(this.base, <T extends Doc>(docs: DocumentCollection<T>, spec: CollectionSpec) => {
      if (spec.name !== CONTENT_VERSIONS.name) return docs;
      return Object.assign(Object.create(docs) as DocumentCollection<T>, {
        insert: async (doc: T): Promise<T> => {
          this.inserted += 1;
          if (this.inserted > this.passing) await this.gate;
          return docs.insert(doc);
        },
        // the seed writes its versions in one batch: its first `passing` documents go through, the rest wait
        insertNew: async (batch: readonly T[]): Promise<number> => {
          const through = batch.slice(0, Math.max(0, this.passing - this.inserted));
          this.inserted += batch.length;
          let written = through.length > 0 ? await docs.insertNew(through) : 0;
          if (through.length < batch.length) {
            await this.gate;
            written += await docs.insertNew(batch.slice(through.length));
          }
          return written;
        },
      });
    });
  }
}

function publisher(store: Store, seedLease: SeedLeaseOptions = {}): Promise<ContentPublisher> {
  return ContentPublisher.open(store, { now: contentNow, seedLease: { pollMs: 50, ...seedLease } });
}

type Round = { _id: string; job: string; round: number; owner: string; takenAt: Date; until: Date };

async function seedRounds(store: Store): Promise<Round[]> {
  const leases = await store.collection<Round>(JOB_LEASES);
  return (await leases.find({ job: 'content-seed' })).sort((a, b) => a.round - b.round);
}

async function versionIds(store: Store): Promise<string[]> {
  return (await (await store.collection(CONTENT_VERSIONS)).find({})).map((d) => d._id).sort();
}

/** Every published version exists, and no other version document is left over. */
async function expectOnePublishedSeed(store: Store, readers: ContentPublisher[], seeded: ContentBundle = seed): Promise<void> {
  const published = await Promise.all(readers.map((p) => p.published()));
  for (const p of published) {
    expect(p.revision).toBe(1);
    expect(p.bundle).toEqual(published[0].bundle);
  }
  expect(published[0].bundle.measure.it.faq).toEqual(seeded.measure.it.faq);
  expect(published[0].bundle.news.en).toEqual(seeded.news.en);
  const state = await (await store.collection<Doc & { entries: Array<{ versionId: string }> }>({ name: 'content_state', indexes: [] })).findOne({ _id: 'published' });
  expect(await versionIds(store)).toEqual(state?.entries.map((e) => e.versionId).sort());
}

const pairs = storePairs(tempDir, 'seed');

describe.each(pairs)('seeding a new database on the %s store', (kind, open) => {
  let pair: StorePair;
  beforeEach(async () => {
    pair = await open();
  });
  afterEach(async () => {
    await pair.dispose();
  });

  test('four instances starting at once all start, one seeds, and all agree on one published version', async () => {
    const publishers = await Promise.all([0, 1, 2, 3].map((i) => publisher(pair.stores[i % 2])));
    const results = await Promise.all(publishers.map((p) => p.ensureSeeded(() => seed)));
    expect(results.filter((r) => r === 'seeded')).toHaveLength(1);
    expect(results.filter((r) => r === 'present')).toHaveLength(3);
    await expectOnePublishedSeed(pair.stores[0], publishers);
  }, 60_000);

  test('a live seeder, slower than its lease, is not taken over and loses nothing', async () => {
    // the test waits two leases: a renewal has two thirds of one to land, a few ms on the embedded store, seconds on
    // a loaded FerretDB
    const leaseMs = kind === 'embedded' ? 1500 : 3000;
    const gated = new GatedVersionStore(pair.stores[0], 4);
    const slow = await publisher(gated.store(), { leaseMs });
    const waiter = await publisher(pair.stores[1], { leaseMs });
    const slowDone = slow.ensureSeeded(() => smallSeed);
    await eventually(() => gated.inserted > 4, { withinMs: 30_000, what: 'the slow seeder held at the gate' });
    const [taken] = await seedRounds(pair.stores[0]);
    let waiterResult: string | undefined;
    const waiterDone = waiter.ensureSeeded(() => smallSeed).then((r) => (waiterResult = r));
    // the seeder renews its lease while it works: wait until it has been held longer than one lease twice over (or,
    // were it not renewed, until the waiter took over)
    await eventually(
      async () => {
        const rounds = await seedRounds(pair.stores[0]);
        return rounds.length > 1 || waiterResult !== undefined || rounds[0].until.getTime() >= taken.until.getTime() + 2 * leaseMs;
      },
      { withinMs: 60_000, what: 'the slow seeder renewing its lease' },
    );
    const written = await versionIds(pair.stores[0]);
    expect(written).toHaveLength(4);
    expect(waiterResult).toBeUndefined();
    expect((await seedRounds(pair.stores[0])).map((r) => r.owner)).toEqual([taken.owner]);

    gated.release();
    expect(await slowDone).toBe('seeded');
    expect(await waiterDone).toBe('present');
    const after = await versionIds(pair.stores[0]);
    for (const id of written) expect(after).toContain(id);
    await expectOnePublishedSeed(pair.stores[0], [slow, waiter], smallSeed);
  }, 120_000);

  test('a dead seeder is taken over once its lease has lapsed, and what it left is tidied', async () => {
    const leaseMs = 1500;
    // what a seeder killed mid-way leaves: its lease round (never renewed again) and some version documents
    const dead = await JobLease.open(pair.stores[0], 'content-seed', leaseMs);
    // it died a second ago: its lease has half a second left, which the taker must wait out (not a whole lease)
    const diedAt = new Date(Date.now() - 1000);
    expect(await dead.acquire(diedAt)).toBe(true);
    const versions = await pair.stores[0].collection(CONTENT_VERSIONS);
    await versions.insert({ _id: `left-${randomUUID()}`, key: 'it:faq:what-is', locale: 'it', kind: 'faq', entryId: 'what-is', version: 1, data: seed.measure.it.faq[0], at: diedAt, by: 'seed', action: 'seed', state: 'committed' });

    const taker = await publisher(pair.stores[1], { leaseMs });
    expect(await taker.ensureSeeded(() => smallSeed)).toBe('seeded');
    const rounds = await seedRounds(pair.stores[0]);
    expect(rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(rounds[0].owner).toBe(dead.owner);
    expect(rounds[1].owner).not.toBe(dead.owner);
    // taken over only once the dead round had ended
    expect(rounds[1].takenAt.getTime()).toBeGreaterThanOrEqual(rounds[0].until.getTime());
    expect(rounds[0].until.getTime()).toBe(diedAt.getTime() + leaseMs);
    await expectOnePublishedSeed(pair.stores[0], [taker], smallSeed);
  }, 60_000);

  test('a seeder whose lease lapsed under it yields to the content published meanwhile and starts with it', async () => {
    const leaseMs = 1500;
    const gated = new GatedVersionStore(pair.stores[0], 2);
    // its renewals are stamped far in the past (a seeder stalled past its lease): the other one takes over
    const stalled = await publisher(gated.store(), { leaseMs, now: () => new Date(Date.now() - 60_000) });
    const stalledDone = stalled.ensureSeeded(() => smallSeed);
    await eventually(() => gated.inserted > 2, { withinMs: 30_000, what: 'the stalled seeder held at the gate' });
    const taker = await publisher(pair.stores[1], { leaseMs });
    expect(await taker.ensureSeeded(() => smallSeed)).toBe('seeded');
    gated.release();
    expect(await stalledDone).toBe('present');
    await expectOnePublishedSeed(pair.stores[0], [taker, stalled], smallSeed);
  }, 60_000);
});
