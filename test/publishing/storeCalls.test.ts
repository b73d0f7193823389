/**
 * What content publishing costs in store calls and bytes, so it cannot creep back (issues 18 and 19): on FerretDB a
 * query by anything but `_id` reads the whole collection and the state document costs a read of its full size, so a
 * publish, an import and the translation review are each held to a fixed number of calls, whatever the number of
 * entries they change, and to one read of the state document, which no longer holds the synonym table.
 *
 * On the embedded store only. The calls and bytes are counted at the Store interface (test/support/countingStore.ts),
 * above the adapter, and the publisher has no path of its own for either store, so the MongoDB run counted the same
 * numbers again (some 20 s of CI's FerretDB); what the MongoDB adapter returns for these calls is the store contract's
 * to show (test/store/storeContract.test.ts), and content published, imported and read back through FerretDB is
 * compared whole in publishing/seedingRace, translationReview and instances/twoInstances.
 */
import type { FaqEntry } from '../../models/content';
import { contentDir } from '../../models/paths';
import { CONTENT_STATE, CONTENT_SYNONYMS, ContentPublisher, type PublishedStateDoc } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import type { ContentBundle } from '../../models/publishing/types';
import type { Store } from '../../models/store/store';
import { storeFactories, type StoreFactory } from '../support/adapters';
import { CountingStore } from '../support/countingStore';
import { fixedClock } from '../leads/fixtures';

const seed = readContentFolder(contentDir);
const FAQ_ID = 'what-is';
const [embedded] = storeFactories();

/** Every Romanian section and FAQ entry changed: an import of some fifty entries. */
function romanianRewritten(bundle: ContentBundle, mark: string): ContentBundle {
  const ro = bundle.measure.ro;
  return {
    ...bundle,
    measure: { ...bundle.measure, ro: { ...ro, sections: ro.sections.map((s) => ({ ...s, title: `${s.title} ${mark}` })), faq: ro.faq.map((f) => ({ ...f, answer: `${f.answer} ${mark}` })) } },
  };
}

function calls(counting: CountingStore): Record<string, number> {
  return Object.fromEntries([...counting.calls].sort());
}

function suite(factory: StoreFactory): void {
  let base: Store;
  let counting: CountingStore;
  let publisher: ContentPublisher;
  let clock: ReturnType<typeof fixedClock>;

  // One seeded database for the file's tests (seeding it took a second or two on FerretDB, each test): each test
  // changes entries of its own and counts revisions from where it finds them, so none depends on another's order.
  beforeAll(async () => {
    base = await factory.open();
    clock = fixedClock('2026-03-02T09:00:00.000Z');
    await (await ContentPublisher.open(base, { now: clock.now })).ensureSeeded(() => seed);
  });
  afterAll(async () => {
    await factory.dispose(base);
  });
  beforeEach(async () => {
    // another instance, as the bot starts: it reads the published content once (LiveContent.open)
    counting = new CountingStore(base, { bytes: true });
    publisher = await ContentPublisher.open(counting.store(), { now: clock.now });
    await publisher.published();
  });

  test('the translation review reads the state once, without the synonym table, and the versions only the first time', async () => {
    const cold = await ContentPublisher.open(counting.store(), { now: clock.now });
    counting.reset();
    await cold.translationReview();
    // the live versions of an instance that never read them: one query, once
    expect(calls(counting)).toEqual({ 'content_reviews.find': 1, 'content_state.findOne': 1, 'content_versions.find': 1 });
    counting.reset();
    const review = await cold.translationReview();
    expect(calls(counting)).toEqual({ 'content_reviews.find': 1, 'content_state.findOne': 1 });
    const stateBytes = counting.totalBytes([CONTENT_STATE.name]);
    process.stdout.write(`translation review (${factory.name}): ${counting.total()} calls, state document ${stateBytes} bytes\n`);
    // some 58 KB for the seed's 451 entries; it was 269 KB with the synonym table inline
    expect(stateBytes).toBeLessThan(120_000);
    expect(review.languages.find((l) => l.locale === 'ro')?.counts.toReview).toBeGreaterThan(0);
  });

  test('a publish is a fixed handful of calls: one state read, no query of the versions', async () => {
    const original = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
    await publisher.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Risposta nuova.' }, 'staff');
    const revision = await publisher.revision();
    counting.reset();
    expect(await publisher.publish('it', 'faq', FAQ_ID, 'staff')).toEqual({ version: 2, revision: revision + 1 });
    process.stdout.write(`publish (${factory.name}): ${JSON.stringify(calls(counting))}\n`);
    expect(counting.calls.get('content_state.findOne')).toBe(1);
    expect(counting.calls.get('content_versions.find')).toBeUndefined();
    // the draft, the state, the pending version, the commit point, its mark, the polled revision (read and raised), the draft gone
    expect(counting.total()).toBeLessThanOrEqual(8);
    // what this instance reads next (its own reload) fetches nothing it wrote
    counting.reset();
    expect((await publisher.published()).bundle.measure.it.faq.find((f) => f.id === FAQ_ID)?.answer).toBe('Risposta nuova.');
    expect(counting.calls.get('content_versions.find')).toBeUndefined();
  });

  test('an import costs the same calls for one changed entry as for fifty, with one read of the state', async () => {
    const current = (await publisher.published()).bundle;
    const one: ContentBundle = { ...current, measure: { ...current.measure, ro: { ...current.measure.ro, faq: current.measure.ro.faq.map((f) => (f.id === FAQ_ID ? { ...f, answer: `${f.answer} Actualizat.` } : f)) } } };
    const revision = await publisher.revision();
    counting.reset();
    expect(await publisher.importBundle(one, 'import')).toEqual({ revision: revision + 1, changed: 1 });
    const forOne = counting.total();
    expect(counting.calls.get('content_state.findOne')).toBe(1);

    const many = romanianRewritten(one, 'Nou.');
    const changed = many.measure.ro.sections.length + many.measure.ro.faq.length;
    expect(changed).toBeGreaterThan(40);
    counting.reset();
    expect(await publisher.importBundle(many, 'import')).toEqual({ revision: revision + 2, changed });
    process.stdout.write(`import (${factory.name}): 1 entry ${forOne} calls; ${changed} entries ${counting.total()} calls ${JSON.stringify(calls(counting))}\n`);
    expect(counting.total()).toBe(forOne);
    expect(counting.calls.get('content_state.findOne')).toBe(1);
    expect(counting.calls.get('content_versions.find')).toBeUndefined();
    expect(counting.total()).toBeLessThanOrEqual(6);

    // every entry got its next version, committed, and the content is the bundle's
    expect((await publisher.history('ro', 'faq', FAQ_ID)).map((h) => [h.version, h.action, h.current])).toEqual([
      [3, 'import', true],
      [2, 'import', false],
      [1, 'seed', false],
    ]);
    const other = await ContentPublisher.open(base, { now: clock.now });
    const { bundle } = await other.published();
    expect({ sections: bundle.measure.ro.sections, faq: bundle.measure.ro.faq }).toEqual({ sections: many.measure.ro.sections, faq: many.measure.ro.faq });
  });

  test('an entry the state does not list (withdrawn) is numbered after its versions, with one query', async () => {
    const event = { title: 'Incontro informativo', date: '2026-04-10', time: '17:30', place: 'Sala civica, Bergamo', province: 'BG', link: 'https://example.org/incontro' };
    await publisher.saveDraft('it', 'event', 'incontro-bg', event, 's');
    expect((await publisher.publish('it', 'event', 'incontro-bg', 's')).version).toBe(1);
    expect((await publisher.unpublish('it', 'event', 'incontro-bg', 's')).version).toBe(2);
    counting.reset();
    expect((await publisher.rollback('it', 'event', 'incontro-bg', 1, 's')).version).toBe(3);
    // the rollback's target, then the withdrawn entry's versions
    expect(counting.calls.get('content_versions.find')).toBe(2);
    expect(counting.calls.get('content_state.findOne')).toBe(1);
  });

  test('a database whose state holds the synonym table inline is read as it is, and moved to content_synonyms at the next start', async () => {
    const states = await base.collection<PublishedStateDoc>(CONTENT_STATE);
    const synonymTables = await base.collection(CONTENT_SYNONYMS);
    const before = (await states.findOne({ _id: 'published' })) as PublishedStateDoc;
    // as a database seeded before content_synonyms holds it
    await states.updateOne({ _id: 'published' }, { $set: { synonyms: seed.synonyms }, $unset: { synonymsId: true } });
    await synonymTables.deleteMany({});
    const old = await ContentPublisher.open(base, { now: clock.now });
    expect((await old.published()).bundle.synonyms).toEqual(seed.synonyms);

    expect(await (await ContentPublisher.open(base, { now: clock.now })).ensureSeeded(() => seed)).toBe('present');
    const after = (await states.findOne({ _id: 'published' })) as PublishedStateDoc;
    expect(after.synonyms).toBeUndefined();
    expect(after.synonymsId).toBe(before.synonymsId);
    expect(after.entries).toEqual(before.entries);
    // a change of its own: every instance reloads, and reads the same content
    expect(after.revision).toBe(before.revision + 1);
    const fresh = await ContentPublisher.open(base, { now: clock.now });
    const { revision, bundle } = await fresh.published();
    expect(revision).toBe(after.revision);
    expect(bundle.synonyms).toEqual(seed.synonyms);
    expect(await fresh.revision()).toBe(after.revision);
  });
}

describe('content publishing store calls: embedded store', () => {
  suite(embedded);
});
