/**
 * A listing's cost does not depend on how old the newest entry is (models/leads/paging.ts): after a long pause of
 * the campaign the walk jumps to the newest entry instead of widening its windows across the empty time until one
 * holds most of the collection, which nedb would sort whole. Pages stay exact across the gap.
 */
import type { Doc, DocumentCollection, Filter, FindOptions } from '../../models/store/collection';
import { pageNewestFirst } from '../../models/leads/paging';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';

const tempDir = tempDirsRemovedAfterAll();
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T12:00:00.000Z');

type Entry = Doc & { createdAt: Date; kind: string };

/** The collection, recording how many documents each sorted find had to sort (its matches before the limit). */
function sortSizes(docs: DocumentCollection<Entry>): { docs: DocumentCollection<Entry>; sorted: number[] } {
  const sorted: number[] = [];
  const recording: DocumentCollection<Entry> = Object.create(docs) as DocumentCollection<Entry>;
  recording.find = async (filter: Filter, options?: FindOptions) => {
    if (options?.sort) sorted.push(await docs.count(filter));
    return docs.find(filter, options);
  };
  return { docs: recording, sorted };
}

describe('newest-first pages after a long pause', () => {
  let store: EmbeddedStore;
  let docs: DocumentCollection<Entry>;
  const all: Entry[] = [];

  beforeAll(async () => {
    store = await EmbeddedStore.open(await tempDir('paging-gap-'));
    docs = await store.collection<Entry>({ name: 'entries', indexes: [{ field: 'createdAt' }] });
    // 3,000 entries over 600 days, the newest 524 days ago (then nothing), plus a gap of 200 days inside
    for (let i = 0; i < 3000; i++) {
      const age = 524 + (i % 600) + (i % 600 >= 300 ? 200 : 0);
      const entry: Entry = { _id: `e${String(i).padStart(5, '0')}`, createdAt: new Date(NOW - age * DAY - (i % 7) * 3_600_000), kind: i % 3 === 0 ? 'a' : 'b' };
      all.push(await docs.insert(entry));
    }
    all.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x._id < y._id ? 1 : -1));
  });
  afterAll(async () => {
    await store.close();
  });

  test('the first page sorts a few days of entries, not the whole collection', async () => {
    const recording = sortSizes(docs);
    const page = await pageNewestFirst(recording.docs, { timeField: 'createdAt', where: {}, page: { limit: 20 }, now: new Date(NOW) });
    expect(page.items.map((e) => e._id)).toEqual(all.slice(0, 20).map((e) => e._id));
    // before: the window reaching back 1,024 days held all 3,000 and was sorted whole
    expect(Math.max(...recording.sorted)).toBeLessThan(200);
  });

  test('paging on through the whole collection, across the inner gap, returns every entry once in order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await pageNewestFirst(docs, { timeField: 'createdAt', where: { kind: 'a' }, page: { limit: 100, ...(cursor ? { cursor } : {}) }, now: new Date(NOW) });
      seen.push(...page.items.map((e) => e._id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.filter((e) => e.kind === 'a').map((e) => e._id));
  });
});
