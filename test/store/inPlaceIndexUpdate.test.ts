/**
 * The embedded store updates nedb's indexes in place where a document's indexed values did not change
 * (models/store/embedded/inPlaceIndexUpdate.ts). Checked against nedb itself: the same random inserts, updates,
 * upserts and removals on the store and on a plain nedb Datastore with the same indexes, every index then asked for
 * every value it may hold, and the answers compared; and a refused update (a unique key taken by a later index)
 * leaves every index, those updated in place included, as it was.
 */
import Datastore from '@seald-io/nedb';
import type { CollectionSpec, Doc, DocumentCollection } from '../../models/store/collection';
import { DuplicateKeyError } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';

interface Row extends Doc {
  _id: string;
  code?: string;
  tags?: string[];
  group: number;
  at: Date;
  flag?: boolean;
  note?: string;
}

// a plain number, a date, a unique field, a unique multikey array, a sparse flag (unset and set again); `note` is
// indexed by nothing, so most updates keep every key
const SPEC: CollectionSpec = {
  name: 'rows',
  indexes: [{ field: 'group' }, { field: 'at' }, { field: 'code', unique: true, sparse: true }, { field: 'tags', unique: true, sparse: true }, { field: 'flag', sparse: true }],
};
const tempDir = tempDirsRemovedAfterAll();

/** a small deterministic generator (mulberry32), so a failure replays */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = Date.UTC(2026, 0, 1);
const IDS = Array.from({ length: 12 }, (_, i) => `r${i}`);
const CODES = Array.from({ length: 8 }, (_, i) => `C${i}`);
const TAGS = Array.from({ length: 10 }, (_, i) => `t${i}`);

function one<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** an update as a worker's data or a delivery row gets them: mostly a field no index holds, sometimes an indexed one */
function randomUpdate(random: () => number): Record<string, unknown> {
  const r = random();
  if (r < 0.4) return { $set: { note: `n${Math.floor(random() * 1000)}` } };
  if (r < 0.5) return { $set: { code: one(random, CODES) } };
  if (r < 0.6) return { $unset: { code: true } };
  if (r < 0.7) return { $set: { tags: [one(random, TAGS), one(random, TAGS)] } };
  if (r < 0.75) return { $push: { tags: one(random, TAGS) } };
  if (r < 0.85) return { $set: { group: Math.floor(random() * 4), note: 'moved' } };
  if (r < 0.9) return { $set: { at: new Date(DAY + Math.floor(random() * 3) * 60_000) } };
  if (r < 0.95) return { $set: { flag: true } };
  return { $unset: { flag: true } };
}

function randomRow(random: () => number, id: string): Row {
  return { _id: id, code: one(random, CODES), tags: [one(random, TAGS)], group: Math.floor(random() * 4), at: new Date(DAY + Math.floor(random() * 3) * 60_000), ...(random() < 0.5 ? { flag: true } : {}) };
}

/** every value each index may hold, as queries; the answers as sorted ids */
const QUERIES: Array<Record<string, unknown>> = [
  ...CODES.map((code) => ({ code })),
  ...TAGS.map((tags) => ({ tags })),
  ...[0, 1, 2, 3].map((group) => ({ group })),
  ...[0, 1, 2].map((m) => ({ at: new Date(DAY + m * 60_000) })),
  { flag: true },
  { at: { $gte: new Date(DAY + 60_000) } },
  {},
];

async function answers(find: (query: Record<string, unknown>) => Promise<Array<Record<string, unknown>>>): Promise<string[]> {
  const out: string[] = [];
  for (const query of QUERIES) {
    const found = await find(query);
    out.push(`${JSON.stringify(query)} -> ${found.map((d) => `${String(d._id)}:${String(d.note ?? '')}:${String(d.group)}`).sort().join(',')}`);
  }
  return out;
}

/** runs `write` on both; both must refuse it alike (a duplicate key) or both apply it */
async function both(store: () => Promise<unknown>, reference: () => Promise<unknown>): Promise<void> {
  const [a, b] = await Promise.allSettled([store(), reference()]);
  expect(a.status).toBe(b.status);
  if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(DuplicateKeyError);
}

describe('embedded store: indexes updated in place agree with nedb', () => {
  test.each([1, 2, 3])('random writes (seed %i): every index answers as nedb with its own update would', async (seed) => {
    const store = await EmbeddedStore.open(await tempDir());
    const rows: DocumentCollection<Row> = await store.collection<Row>(SPEC);
    const reference = new Datastore<Record<string, unknown>>({ inMemoryOnly: true });
    for (const index of SPEC.indexes) await reference.ensureIndexAsync({ fieldName: index.field, unique: index.unique ?? false, sparse: index.sparse ?? false });
    const unique = (p: Promise<unknown>): Promise<unknown> =>
      p.catch((err: Error & { errorType?: string }) => {
        throw err.errorType === 'uniqueViolated' ? new DuplicateKeyError('reference', err) : err;
      });
    const random = generator(seed);
    for (let step = 0; step < 400; step++) {
      const id = one(random, IDS);
      const r = random();
      if (r < 0.2) {
        const row = randomRow(random, id);
        await both(
          () => rows.insert(row),
          () => unique(reference.insertAsync(row)),
        );
      } else if (r < 0.85) {
        const update = randomUpdate(random);
        await both(
          () => rows.updateOne({ _id: id }, update),
          () => unique(reference.updateAsync({ _id: id }, update, {})),
        );
      } else if (r < 0.95) {
        const row = randomRow(random, id);
        await both(
          () => rows.upsert(row),
          () => unique(reference.updateAsync({ _id: id }, row, { upsert: true })),
        );
      } else {
        await rows.deleteMany({ _id: id });
        await reference.removeAsync({ _id: id }, {});
      }
      if (step % 20 === 19) expect(await answers((q) => rows.find(q) as Promise<Array<Record<string, unknown>>>)).toEqual(await answers((q) => reference.findAsync(q)));
    }
    expect(await answers((q) => rows.find(q) as Promise<Array<Record<string, unknown>>>)).toEqual(await answers((q) => reference.findAsync(q)));
    await store.close();
  });

  test('an update refused by a unique key leaves every index as it was, those updated in place before it too', async () => {
    const store = await EmbeddedStore.open(await tempDir());
    const rows = await store.collection<Row>(SPEC);
    await rows.insert({ _id: 'a', code: 'A', tags: ['x'], group: 1, at: new Date(DAY), note: 'first' });
    await rows.insert({ _id: 'b', code: 'B', tags: ['y'], group: 2, at: new Date(DAY), note: 'second' });
    // in the indexes' order: `group` changes (nedb's update), `at` and `code` keep their keys (in place), then `tags`
    // takes b's key: refused
    await expect(rows.updateOne({ _id: 'a' }, { $set: { note: 'changed', group: 3, tags: ['y'] } })).rejects.toBeInstanceOf(DuplicateKeyError);
    const asItWas = { _id: 'a', code: 'A', tags: ['x'], group: 1, at: new Date(DAY), note: 'first' };
    expect(await rows.find({ code: 'A' })).toEqual([asItWas]);
    expect(await rows.find({ group: 1 })).toEqual([asItWas]);
    expect(await rows.find({ group: 3 })).toEqual([]);
    expect(await rows.find({ tags: 'x' })).toEqual([asItWas]);
    expect((await rows.find({ tags: 'y' })).map((r) => r._id)).toEqual(['b']);
    expect(await rows.find({ at: new Date(DAY) }, { sort: { _id: 1 } })).toEqual([asItWas, expect.objectContaining({ _id: 'b', note: 'second' })]);
    // and the document is updated normally afterwards, by every index
    await rows.updateOne({ _id: 'a' }, { $set: { note: 'later' } });
    for (const query of [{ _id: 'a' }, { code: 'A' }, { tags: 'x' }, { group: 1 }]) expect((await rows.findOne(query))?.note).toBe('later');
    await store.close();
  });
});
