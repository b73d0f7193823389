/**
 * What an instance's content poll costs: an unchanged revision is one small read (not the ~200 KB state document,
 * which FerretDB reads whole even for a projection); a change is still seen, a polled revision left behind by a
 * publisher that died after its commit is repaired, and a database from before the polled copy gets one.
 *
 * On the embedded store only: the reads and bytes are counted at the Store interface (test/support/countingStore.ts),
 * above the adapter, the states FerretDB can leave (a polled copy behind its commit, two raisers crossing) are
 * written here directly, and the publisher has no path of its own for either store, so a MongoDB run showed the same
 * again; what the MongoDB adapter returns is the store contract's to show (test/store/storeContract.test.ts), and an
 * instance picking a change up by polling on FerretDB is instances/twoInstances (b).
 */
import { silentLogger } from '../../models/logger';
import { contentDir } from '../../models/paths';
import { CONTENT_REVISION, ContentPublisher, type RevisionDoc } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import { LiveContent } from '../../models/publishing/liveContent';
import type { FaqEntry } from '../../models/content';
import type { Store } from '../../models/store/store';
import { storeFactories } from '../support/adapters';
import { CountingStore } from '../support/countingStore';

const seed = readContentFolder(contentDir);
const FAQ_ID = 'what-is';
const original = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
const now = (): Date => new Date();

describe.each(storeFactories().filter((f) => f.name === 'embedded'))('content revision poll: $name store', (factory) => {
  let base: Store;
  let writer: ContentPublisher;
  /** the published revision as each test starts: the file's tests share one seeded database, and each publishes */
  let r0: number;
  // seeded once for the file (a second or two on FerretDB, each test); every test counts from the revision it finds
  beforeAll(async () => {
    base = await factory.open();
    writer = await ContentPublisher.open(base, { now });
    await writer.ensureSeeded(() => seed);
  });
  afterAll(async () => {
    await factory.dispose(base);
  });
  beforeEach(async () => {
    // from the commit point, which also brings the polled copy up to it should a test have left it behind
    r0 = await writer.committedRevision();
  });

  async function setPolledRevision(revision: number | null): Promise<void> {
    const revisions = await base.collection<RevisionDoc>(CONTENT_REVISION);
    if (revision === null) await revisions.deleteMany({});
    else await revisions.upsert({ _id: 'published', revision });
  }

  test('an unchanged revision costs one small read; a published change is picked up', async () => {
    const counting = new CountingStore(base, { bytes: true });
    const reader = await ContentPublisher.open(counting.store(), { now });
    const live = await LiveContent.open(reader, { logger: silentLogger, verifyEveryMs: 3_600_000 });

    // what the poll read before: the whole state document (the commit point), now read once a minute only
    counting.reset();
    expect(await reader.committedRevision()).toBe(r0);
    const stateBytes = counting.totalBytes(['content_state']);

    counting.reset();
    expect(await live.refresh()).toBe(false);
    expect(Object.fromEntries(counting.calls)).toEqual({ 'content_revision.findOne': 1 });
    const pollBytes = counting.totalBytes();
    process.stdout.write(`content poll (${factory.name}): unchanged revision ${counting.total()} read, ${pollBytes} bytes; the state document ${stateBytes} bytes\n`);
    expect(pollBytes).toBeLessThan(100);
    expect(stateBytes).toBeGreaterThan(1000 * pollBytes);

    await writer.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Una risposta nuova, pubblicata da un\'altra istanza.' }, 's');
    await writer.publish('it', 'faq', FAQ_ID, 's');
    counting.reset();
    expect(await live.refresh()).toBe(true);
    expect(live.current().revision).toBe(r0 + 1);
    expect(counting.calls.get('content_state.findOne')).toBe(1);

    counting.reset();
    expect(await live.refresh()).toBe(false);
    expect(Object.fromEntries(counting.calls)).toEqual({ 'content_revision.findOne': 1 });
    await live.stop();
  });

  test('a polled revision left behind by a publisher that died after its commit is caught by the periodic check and repaired', async () => {
    const reader = await ContentPublisher.open(base, { now });
    const live = await LiveContent.open(reader, { logger: silentLogger, verifyEveryMs: 3_600_000 });
    // another instance whose once-a-minute check of the commit point is due at its next poll
    const checking = await LiveContent.open(reader, { logger: silentLogger, verifyEveryMs: 0 });
    await writer.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Risposta pubblicata prima che il processo morisse.' }, 's');
    await writer.publish('it', 'faq', FAQ_ID, 's');
    // the publisher died between the commit point and the polled copy: the copy still says the revision before
    await setPolledRevision(r0);
    expect(await live.refresh()).toBe(false);
    expect(live.current().revision).toBe(r0);

    // the check reads the commit point, swaps, and repairs the copy for every other instance
    expect(await checking.refresh()).toBe(true);
    expect(checking.current().revision).toBe(r0 + 1);
    expect(await reader.revision()).toBe(r0 + 1);
    expect(await live.refresh()).toBe(true);
    expect(live.current().revision).toBe(r0 + 1);

    // so does the next start of any instance (the same check as for interrupted changes)
    await setPolledRevision(r0);
    await (await ContentPublisher.open(base, { now })).ensureSeeded(() => seed);
    expect(await reader.revision()).toBe(r0 + 1);
    await live.stop();
  });

  test('a polled copy below a snapshot (two publishers raising it at once on FerretDB) is raised by the next reload', async () => {
    const reader = await ContentPublisher.open(base, { now });
    await writer.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Seconda versione della risposta.' }, 's');
    await writer.publish('it', 'faq', FAQ_ID, 's');
    const live = await LiveContent.open(reader, { logger: silentLogger, verifyEveryMs: 3_600_000 });
    expect(live.current().revision).toBe(r0 + 1);
    await setPolledRevision(r0);
    expect(await live.refresh()).toBe(false); // a reload that found its own revision, and raised the copy
    expect(await reader.revision()).toBe(r0 + 1);
    await live.stop();
  });

  test('a database from before the polled copy gets one at the first poll, and never a revision ahead of the content', async () => {
    await setPolledRevision(null);
    const reader = await ContentPublisher.open(base, { now });
    expect(await reader.revision()).toBe(r0);
    const revisions = await base.collection<RevisionDoc>(CONTENT_REVISION);
    expect(await revisions.findOne({ _id: 'published' })).toMatchObject({ revision: r0 });
    await writer.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Terza versione della risposta.' }, 's');
    const { revision } = await writer.publish('it', 'faq', FAQ_ID, 's');
    expect(await reader.revision()).toBe(revision);
    expect((await reader.published()).revision).toBe(revision);
  });
});
