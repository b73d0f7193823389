import { DuplicateKeyError, type Doc, type DocumentCollection } from '../../models/store/collection';
import type { Store } from '../../models/store/store';
import { MONGODB_SKIP_NOTE, conditionalRaceSkipReason, storeFactories } from '../support/adapters';

interface Item extends Doc {
  _id: string;
  n: number;
  tag?: string;
  email?: string;
  status?: string;
}

const SPEC = { name: 'contract_items', indexes: [{ field: 'n' }, { field: 'email', unique: true, sparse: true }] };

if (!process.env.MONGODB_URI) {
  test.skip(MONGODB_SKIP_NOTE, () => undefined);
  process.stderr.write(`[store contract] ${MONGODB_SKIP_NOTE}\n`);
}

describe.each(storeFactories())('store contract: $name adapter', (factory) => {
  let store: Store;
  let items: DocumentCollection<Item>;

  beforeEach(async () => {
    store = await factory.open();
    items = await store.collection<Item>(SPEC);
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  test('insert then find by id and by field', async () => {
    await items.insert({ _id: 'a', n: 1, tag: 'x' });
    await items.insert({ _id: 'b', n: 2, tag: 'y' });
    expect(await items.findOne({ _id: 'a' })).toMatchObject({ _id: 'a', n: 1, tag: 'x' });
    expect((await items.find({ tag: 'y' })).map((i) => i._id)).toEqual(['b']);
    expect(await items.findOne({ _id: 'missing' })).toBeNull();
  });

  test('sort, skip and limit page through results', async () => {
    for (let n = 0; n < 10; n++) await items.insert({ _id: `i${n}`, n });
    const page = await items.find({ n: { $gte: 2 } }, { sort: { n: -1 }, skip: 2, limit: 3 });
    expect(page.map((i) => i.n)).toEqual([7, 6, 5]);
    expect(await items.count({ n: { $lt: 4 } })).toBe(4);
  });

  test('a duplicate _id or unique field is refused with DuplicateKeyError', async () => {
    await items.insert({ _id: 'a', n: 1, email: 'x@example.org' });
    await expect(items.insert({ _id: 'a', n: 2 })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(items.insert({ _id: 'b', n: 2, email: 'x@example.org' })).rejects.toBeInstanceOf(DuplicateKeyError);
    // an update that would take a unique field another document has (FerretDB answers it with its own error)
    await items.insert({ _id: 'c', n: 3 });
    await expect(items.updateOne({ _id: 'c', n: 3 }, { $set: { email: 'x@example.org' } })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await items.findOne({ _id: 'c' }))?.email).toBeUndefined();
  });

  test('insertNew writes a batch in one call, leaving out documents whose _id or unique field is taken', async () => {
    await items.insert({ _id: 'a', n: 1, email: 'x@example.org' });
    const batch: Item[] = [
      { _id: 'a', n: 9 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3, email: 'x@example.org' },
      { _id: 'd', n: 4, email: 'y@example.org' },
      { _id: 'b', n: 8 },
    ];
    expect(await items.insertNew(batch)).toBe(2);
    expect((await items.find({}, { sort: { n: 1 } })).map((i) => [i._id, i.n])).toEqual([['a', 1], ['b', 2], ['d', 4]]);
    expect(await items.insertNew([])).toBe(0);
    expect(await items.insertNew(batch)).toBe(0);
    expect(await items.count({})).toBe(3);
  });

  test('insertUnless writes only when no filter matches; else it answers what each filter found and writes nothing', async () => {
    await items.insert({ _id: 'a', n: 1, tag: 'open' });
    await items.insert({ _id: 'b', n: 2, tag: 'closed' });
    // nothing matches: written, and answered with the document
    expect(await items.insertUnless({ _id: 'c', n: 3, tag: 'open' }, [{ n: 3 }, { tag: 'gone' }])).toEqual({ inserted: { _id: 'c', n: 3, tag: 'open' } });
    expect(await items.findOne({ _id: 'c' })).toMatchObject({ n: 3 });
    // one filter matches: nothing written, each filter's documents in filter order
    const answer = await items.insertUnless({ _id: 'd', n: 4 }, [{ n: 4 }, { tag: 'open', n: { $in: [1, 2, 3] } }]);
    expect('found' in answer && answer.found.map((docs) => docs.map((d) => d._id).sort())).toEqual([[], ['a', 'c']]);
    expect(await items.findOne({ _id: 'd' })).toBeNull();
    // no filters at all: a plain insert, refused as insert refuses
    await items.insert({ _id: 'e', n: 5, email: 'e@example.org' });
    await expect(items.insertUnless({ _id: 'f', n: 6, email: 'e@example.org' }, [{ n: 99 }])).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(items.insertUnless({ _id: 'a', n: 7 }, [])).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await items.count({})).toBe(4);
  });

  test('a sparse unique index allows many documents without the field', async () => {
    await items.insert({ _id: 'a', n: 1 });
    await items.insert({ _id: 'b', n: 2 });
    expect(await items.count({})).toBe(2);
  });

  test('a conditional update applies only when its filter matches, and returns the new document', async () => {
    await items.insert({ _id: 'a', n: 1, status: 'new' });
    const won = await items.updateOne({ _id: 'a', status: 'new' }, { $set: { status: 'claimed' }, $inc: { n: 1 } });
    expect(won).toMatchObject({ _id: 'a', status: 'claimed', n: 2 });
    expect(await items.updateOne({ _id: 'a', status: 'new' }, { $set: { status: 'claimed' } })).toBeNull();
  });

  test('$exists, $ne, $nin and $unset agree: a field removed is a field missing, and $ne matches documents without it', async () => {
    await items.insert({ _id: 'a', n: 1, tag: 'x' });
    await items.insert({ _id: 'b', n: 2 });
    await items.insert({ _id: 'c', n: 3, tag: 'y', status: 'done' });
    expect((await items.find({ tag: { $exists: true } }, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['a', 'c']);
    expect((await items.find({ tag: { $exists: false } })).map((i) => i._id)).toEqual(['b']);
    expect((await items.find({ status: { $ne: 'done' } }, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['a', 'b']);
    expect((await items.find({ tag: { $nin: ['x'] } }, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['b', 'c']);
    await items.updateOne({ _id: 'a' }, { $unset: { tag: true } });
    expect(await items.count({ tag: { $exists: false } })).toBe(2);
  });

  test('upsert creates then replaces', async () => {
    await items.upsert({ _id: 'u', n: 1, tag: 'first' });
    await items.upsert({ _id: 'u', n: 2 });
    const doc = await items.findOne({ _id: 'u' });
    expect(doc).toMatchObject({ _id: 'u', n: 2 });
    expect(doc?.tag).toBeUndefined();
  });

  test('updateMany updates every document its filter matches (a condition included) and says how many', async () => {
    for (let n = 0; n < 5; n++) await items.insert({ _id: `m${n}`, n, status: n === 2 ? 'done' : 'new', tag: 'x' });
    expect(await items.updateMany({ _id: { $in: ['m0', 'm1', 'm2', 'm9'] }, status: 'new' }, { $set: { status: 'done' }, $unset: { tag: true } })).toBe(2);
    expect((await items.find({ status: 'done' }, { sort: { n: 1 } })).map((i) => [i._id, i.tag])).toEqual([['m0', undefined], ['m1', undefined], ['m2', 'x']]);
    expect(await items.updateMany({ status: 'gone' }, { $set: { n: 0 } })).toBe(0);
    expect(await items.count({ status: 'new' })).toBe(2);
  });

  test('deleteMany removes what matches and says how many', async () => {
    for (let n = 0; n < 5; n++) await items.insert({ _id: `d${n}`, n });
    expect(await items.deleteMany({ n: { $in: [1, 3] } })).toBe(2);
    expect(await items.count({})).toBe(3);
  });

  test('deleteMany of many documents sharing an indexed value leaves the rest found through that index', async () => {
    // n is indexed: 30 documents share n = 7 (an outbox's `delivered` rows), some with a unique sparse email
    for (let i = 0; i < 30; i++) await items.insert({ _id: `s${i}`, n: 7, tag: i % 3 === 0 ? 'keep' : 'go', ...(i % 5 === 0 ? { email: `w${i}@example.org` } : {}) });
    await items.insert({ _id: 'other', n: 8, tag: 'go' });
    expect(await items.deleteMany({ tag: 'go', n: 7 })).toBe(20);
    expect((await items.find({ n: 7 })).map((i) => i._id).sort()).toEqual(['s0', 's12', 's15', 's18', 's21', 's24', 's27', 's3', 's6', 's9']);
    expect(await items.count({ n: 8 })).toBe(1);
    // the emails of deleted documents are free again, those of kept ones still taken
    await items.insert({ _id: 'again', n: 1, email: 'w5@example.org' });
    await expect(items.insert({ _id: 'dup', n: 1, email: 'w0@example.org' })).rejects.toBeInstanceOf(DuplicateKeyError);
    // and the last documents of a key go too
    expect(await items.deleteMany({ n: 7 })).toBe(10);
    expect(await items.count({ n: 7 })).toBe(0);
    expect(await items.count({})).toBe(2);
  });

  test('the store reports itself ready', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  const raceSkip = conditionalRaceSkipReason(factory);
  (raceSkip ? test.skip : test)(`race: of 8 concurrent conditional claims exactly one wins${raceSkip ? ` (skipped: ${raceSkip})` : ''}`, async () => {
    await items.insert({ _id: 'r', n: 0, status: 'new' });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => items.updateOne({ _id: 'r', status: 'new' }, { $set: { status: 'claimed', tag: `op${i}` } })));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
