/**
 * A document the embedded store holds in memory after an insert, an update or an upsert is the compact one a load
 * reads from the file, not nedb's key-by-key copy (which V8 keeps as a hash table once it has more than about a dozen
 * fields: about 1.6 KB more per lead, all of it walked by every full garbage collection). Checked with V8's own
 * %HasFastProperties; and the swap must keep every index, unique ones included, as it was.
 */
import * as v8 from 'node:v8';
import type { Doc } from '../../models/store/collection';
import { DuplicateKeyError } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';

v8.setFlagsFromString('--allow-natives-syntax');
// compiled after the flag is set; a plain function call afterwards
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
v8.setFlagsFromString('--no-allow-natives-syntax');

interface Wide extends Doc {
  _id: string;
  ref: string;
  keys: string[];
  at: Date;
  n: number;
  [field: string]: unknown;
}

const SPEC = { name: 'wide', indexes: [{ field: 'ref', unique: true }, { field: 'keys', unique: true, sparse: true }, { field: 'at' }, { field: 'n' }] };
const tempDir = tempDirsRemovedAfterAll();

/** a lead-sized document: 25 top-level fields, a date, an array, nested objects */
function wide(id: string, n: number): Wide {
  const doc: Wide = { _id: id, ref: `R-${id}`, keys: [`k-${id}`, `k2-${id}`], at: new Date(Date.UTC(2026, 0, 1) + n * 60_000), n };
  for (let i = 0; i < 21; i++) doc[`f${i}`] = { value: `${id}-${i}`, at: new Date(Date.UTC(2026, 0, 2)) };
  return doc;
}

/** the documents nedb holds in memory (internal to nedb, as the store's own code uses it) */
function held(collection: unknown): Record<string, unknown>[] {
  return (collection as { db: { getAllData(): Record<string, unknown>[] } }).db.getAllData();
}

describe('embedded store: documents held in memory', () => {
  test('nedb alone keeps a wide document as a hash table (what this guards against)', async () => {
    const { default: Datastore } = await import('@seald-io/nedb');
    const db = new Datastore<Record<string, unknown>>({ inMemoryOnly: true });
    await db.insertAsync(wide('x', 1));
    expect(hasFastProperties(db.getAllData()[0])).toBe(false);
  });

  test('after insert, update, updateMany and upsert every wide document is compact, and reads as written', async () => {
    const store = await EmbeddedStore.open(await tempDir());
    const docs = await store.collection<Wide>(SPEC);
    for (let n = 0; n < 5; n++) await docs.insert(wide(`d${n}`, n));
    expect(held(docs).every(hasFastProperties)).toBe(true);

    await docs.updateOne({ _id: 'd1' }, { $set: { n: 101, extra: 'yes' } });
    await docs.updateMany({ n: { $lt: 5 } }, { $set: { f0: { value: 'changed', at: new Date(Date.UTC(2026, 5, 1)) } } });
    await docs.upsert(wide('d9', 9));
    await docs.upsert({ ...wide('d2', 2), f3: 'replaced' });
    expect(held(docs)).toHaveLength(6);
    expect(held(docs).every(hasFastProperties)).toBe(true);

    expect(await docs.findOne({ _id: 'd1' })).toEqual({ ...wide('d1', 1), n: 101, extra: 'yes' });
    expect(await docs.findOne({ _id: 'd0' })).toEqual({ ...wide('d0', 0), f0: { value: 'changed', at: new Date(Date.UTC(2026, 5, 1)) } });
    expect((await docs.findOne({ _id: 'd2' }))?.f3).toBe('replaced');
    expect((await docs.findOne({ _id: 'd9' }))?.at).toBeInstanceOf(Date);
    await store.close();
  });

  test('every index still finds the swapped documents, and unique ones still refuse a taken key', async () => {
    const store = await EmbeddedStore.open(await tempDir());
    const docs = await store.collection<Wide>(SPEC);
    for (let n = 0; n < 5; n++) await docs.insert(wide(`d${n}`, n));
    await docs.updateOne({ _id: 'd3' }, { $set: { n: 30 } });
    expect((await docs.find({ ref: 'R-d3' })).map((d) => d._id)).toEqual(['d3']);
    expect((await docs.find({ keys: 'k2-d3' })).map((d) => d._id)).toEqual(['d3']);
    expect((await docs.find({ n: 30 })).map((d) => d._id)).toEqual(['d3']);
    expect(await docs.count({ n: 3 })).toBe(0);
    expect((await docs.find({ at: { $gte: new Date(Date.UTC(2026, 0, 1) + 3 * 60_000) } }, { sort: { at: 1 } })).map((d) => d._id)).toEqual(['d3', 'd4']);
    await expect(docs.insert({ ...wide('other', 7), ref: 'R-d3' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(docs.insert({ ...wide('other', 7), keys: ['k-d3'] })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(docs.updateOne({ _id: 'd4' }, { $set: { ref: 'R-d3' } })).rejects.toBeInstanceOf(DuplicateKeyError);
    // the refused update changed nothing, and d4 is still found by its own keys
    expect((await docs.findOne({ ref: 'R-d4' }))?._id).toBe('d4');
    expect(await docs.count({})).toBe(5);
    await docs.deleteMany({ _id: 'd3' });
    expect(await docs.find({ keys: 'k-d3' })).toEqual([]);
    expect(held(docs)).toHaveLength(4);
    await store.close();
  });
});
