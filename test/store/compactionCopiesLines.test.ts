/**
 * A compaction copies each live document's latest line from the old file byte for byte (the collection file keeps
 * where each one is) instead of serialising every document again. The guarantees stay those of the serialising
 * rewrite: a write landing during the copy is never lost (insert, update, upsert, delete, an id removed and used
 * again), a crash at any point leaves a loadable file holding every confirmed write, the new file replaces the old
 * only by rename, and the places noted for the new file are right for the compaction after it.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Doc } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import type { StoreFileHandle } from '../../models/store/embedded/fileSystem';
import { LineLocations } from '../../models/store/embedded/lineLocations';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { eventually } from '../support/eventually';
import { FailingDisk } from '../support/failingDisk';
import { GatedDisk } from '../support/gatedDisk';
import { linesOf, fileExists as exists } from '../support/storeFiles';

interface Item extends Doc {
  _id: string;
  n: number;
  tag?: string;
  pad?: string;
}

const SPEC = { name: 'items', indexes: [{ field: 'n' }] };
const tempDir = tempDirsRemovedAfterAll();

const byId = (a: Item, b: Item): number => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** The collection as a fresh process reads it from `dir` (a copy of the folder, as a crash leaves it). */
async function reloaded(dir: string): Promise<{ items: Item[]; quarantined: number }> {
  await fs.rm(path.join(dir, 'store.lock'), { force: true });
  const store = await EmbeddedStore.open(dir);
  try {
    const items = (await (await store.collection<Item>(SPEC)).find({})).sort(byId);
    return { items, quarantined: store.quarantined().length };
  } finally {
    await store.close();
  }
}

/** A line nedb reads but our serializer would never write (spaces): still there after a compaction only if copied. */
const SPACED_LINE = '{"_id":"spaced","n":-1,  "tag":"written by hand"}';

describe('LineLocations', () => {
  test('the live lines in file order, a removed document\'s slot reused, and only unchanged slots moved', () => {
    const locations = new LineLocations();
    locations.set('c', 300, 10);
    locations.set('a', 0, 20);
    locations.set('b', 100, 30);
    locations.set('a', 500, 25); // a newer line of a
    locations.delete('b');
    locations.set('d', 700, 5); // takes b's slot
    const snapshot = locations.snapshot();
    expect(Array.from(snapshot.starts)).toEqual([300, 500, 700]);
    expect(Array.from(snapshot.lengths)).toEqual([10, 25, 5]);
    // after the snapshot: c changes, d is removed and its slot goes to e
    locations.set('c', 900, 11);
    locations.delete('d');
    locations.set('e', 950, 6);
    locations.moved(snapshot, new Float64Array([0, 11, 37]));
    expect(locations.locate('a')).toEqual({ start: 11, length: 25 });
    expect(locations.locate('c')).toEqual({ start: 900, length: 11 });
    expect(locations.locate('d')).toBeUndefined();
    expect(locations.locate('e')).toEqual({ start: 950, length: 6 });
    expect(locations.complete).toBe(true);
    locations.lost('e');
    expect(locations.complete).toBe(false);
    expect(locations.locate('e')).toBeUndefined();
  });
});

describe('embedded store: compaction by copying lines', () => {
  test('the latest line of each live document is copied byte for byte, superseded and removed ones are not', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    await fs.writeFile(file, `${SPACED_LINE}\n{"_id":"gone","n":5}\n{"_id":"x","n":1}\n{"$$deleted":true,"_id":"gone"}\n`);
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    await items.updateOne({ _id: 'x' }, { $set: { n: 2, tag: 'é ünïcode ✓' } });
    await items.insert({ _id: 'y', n: 3 });
    await items.purgeSuperseded();
    const lines = await linesOf(file);
    expect(lines).toEqual([SPACED_LINE, '{"_id":"x","n":2,"tag":"é ünïcode ✓"}', '{"_id":"y","n":3}']);
    // the places noted for the new file are right: one more compaction copies them again
    await items.updateOne({ _id: 'y' }, { $set: { n: 4 } });
    await items.purgeSuperseded();
    expect(await linesOf(file)).toEqual([SPACED_LINE, '{"_id":"x","n":2,"tag":"é ünïcode ✓"}', '{"_id":"y","n":4}']);
    await store.close();
  });

  test('a line nedb reads that does not open with `{` (leading spaces) is not copied: that compaction serialises from memory', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    await fs.writeFile(file, `${SPACED_LINE}\n  {"_id":"indented","n":1}\n{"_id":"x","n":2}\n{"_id":"x","n":3}\n`);
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    await items.purgeSuperseded();
    // from memory, in _id order: the hand-written line comes out as the serializer writes it
    expect(await linesOf(file)).toEqual(['{"_id":"indented","n":1}', '{"_id":"spaced","n":-1,"tag":"written by hand"}', '{"_id":"x","n":3}']);
    await store.close();
  });

  test('writes of every kind racing a byte-copy rewrite are all kept, and a crash at any write of it loses none', async () => {
    const disk = new GatedDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    const id = (n: number): string => `d${String(n).padStart(2, '0')}`;
    // 40 documents of 60 KB: the copy takes several writes of its 1 MB buffer, each held at the gate
    const model = new Map<string, Item>();
    for (let n = 0; n < 40; n++) {
      const doc = { _id: id(n), n, pad: String(n % 10).repeat(60_000) };
      await items.insert(doc);
      model.set(doc._id, doc);
    }
    await items.updateOne({ _id: id(0) }, { $set: { tag: 'superseded once' } });
    model.set(id(0), { ...(model.get(id(0)) as Item), tag: 'superseded once' });

    const race = async (k: number): Promise<void> => {
      const set = async (doc: Item): Promise<void> => {
        model.set(doc._id, doc);
      };
      // updates of a document copied already and of one not yet
      for (const target of [id(k), id(30 + k)]) {
        await items.updateOne({ _id: target }, { $set: { tag: `updated during ${k}` } });
        await set({ ...(model.get(target) as Item), tag: `updated during ${k}` });
      }
      expect(await items.deleteMany({ _id: { $in: [id(10 + k), id(35 + k)] } })).toBe(2);
      model.delete(id(10 + k));
      model.delete(id(35 + k));
      await items.insert({ _id: `new${k}`, n: 100 + k, tag: 'inserted during' });
      await set({ _id: `new${k}`, n: 100 + k, tag: 'inserted during' });
      await items.upsert({ _id: id(20 + k), n: 20 + k, tag: 'replaced during' });
      await set({ _id: id(20 + k), n: 20 + k, tag: 'replaced during' });
      // removed, then the same id written again
      expect(await items.deleteMany({ _id: id(25 + k) })).toBe(1);
      await items.insert({ _id: id(25 + k), n: 250 + k, tag: 'back again' });
      await set({ _id: id(25 + k), n: 250 + k, tag: 'back again' });
      // written, then removed, within the rewrite
      await items.insert({ _id: `brief${k}`, n: 300 + k });
      expect(await items.deleteMany({ _id: `brief${k}` })).toBe(1);
      // a removal, then a new document (which takes the removed one's slot among the noted places)
      expect(await items.deleteMany({ _id: id(5 + k) })).toBe(1);
      model.delete(id(5 + k));
      await items.insert({ _id: `slot${k}`, n: 400 + k, tag: 'in a freed slot' });
      await set({ _id: `slot${k}`, n: 400 + k, tag: 'in a freed slot' });
    };
    const expected = (): Item[] => [...model.values()].sort(byId);

    disk.hold();
    let done = false;
    const purge = items.purgeSuperseded().finally(() => (done = true));
    let seen = 0;
    const crashes: Array<{ dir: string; expected: Item[] }> = [];
    for (;;) {
      await eventually(() => done || disk.rewriteWrites > seen, { withinMs: 20000, everyMs: 10, what: 'the next write of the rewrite' });
      if (disk.rewriteWrites === seen) break;
      seen = disk.rewriteWrites;
      // the first two writes are the copy's (a queue turn of finishRewrite holds the last: no write may wait on it)
      if (seen <= 2) await race(seen);
      // a crash now: the folder as it is, with the new file part-written beside the old
      const crashDir = await tempDir();
      await fs.cp(dir, crashDir, { recursive: true });
      expect(await exists(path.join(crashDir, 'items.db~'))).toBe(true);
      crashes.push({ dir: crashDir, expected: expected() });
      disk.release();
      disk.hold();
    }
    disk.release();
    await purge;
    // the copy took several writes, and one more for what was confirmed meanwhile
    expect(seen).toBeGreaterThanOrEqual(4);
    expect(await exists(`${file}~`)).toBe(false);

    expect((await items.find({})).sort(byId)).toEqual(expected());
    // 40 lines copied (as they were when the rewrite started), then the 24 records confirmed during it
    expect(await linesOf(file)).toHaveLength(64);
    for (const crash of crashes) expect(await reloaded(crash.dir)).toEqual({ items: crash.expected, quarantined: 0 });

    // the next compactions copy from the places noted for the new file: each live document once, as it is
    for (let round = 0; round < 2; round++) {
      await items.updateOne({ _id: id(3) }, { $set: { tag: `round ${round}` } });
      model.set(id(3), { ...(model.get(id(3)) as Item), tag: `round ${round}` });
      await items.purgeSuperseded();
      const lines = await linesOf(file);
      expect(lines.map((line) => (JSON.parse(line) as Item)._id).sort()).toEqual(expected().map((doc) => doc._id));
    }
    await store.close();
    expect(await reloaded(dir)).toEqual({ items: expected(), quarantined: 0 });
  }, 60000);

  test('after a failed write left a fragment, the lines appended behind it are placed from the file\'s size and copied', async () => {
    const disk = new FailingDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    await fs.writeFile(file, `${SPACED_LINE}\n`);
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 5; n++) await items.insert({ _id: `i${n}`, n });
    // a torn half-line that cannot be cut off: the next appends land behind it, on a new line
    disk.full = true;
    disk.failTruncate = true;
    await expect(items.updateOne({ _id: 'i1' }, { $set: { tag: 'refused' } })).rejects.toThrow();
    disk.full = false;
    await items.updateOne({ _id: 'i2' }, { $set: { tag: 'behind the fragment' } });
    await items.insert({ _id: 'i9', n: 9, tag: 'behind the fragment' });
    disk.failTruncate = false;
    await items.purgeSuperseded();
    const lines = await linesOf(file);
    // copied (the spaced line kept as written), the fragment gone, each document once
    expect(lines[0]).toBe(SPACED_LINE);
    expect(lines).toHaveLength(7);
    expect(lines.some((line) => line.includes('refused'))).toBe(false);
    const memory = (await items.find({})).sort(byId);
    await store.close();
    expect(await reloaded(dir)).toEqual({ items: memory, quarantined: 0 });
  });

  test('when the file cannot tell where an append landed, the next compaction serialises from memory, and copies again after', async () => {
    const disk = new NoStatDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    await fs.writeFile(file, `${SPACED_LINE}\n`);
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 5; n++) await items.insert({ _id: `i${n}`, n });
    disk.full = true;
    disk.failTruncate = true;
    await expect(items.insert({ _id: 'refused', n: 50 })).rejects.toThrow();
    disk.full = false;
    // behind a fragment that could not be cut off, with no size from the disk: this line's place is unknown
    disk.failStat = true;
    await items.updateOne({ _id: 'i2' }, { $set: { tag: 'placed nowhere' } });
    disk.failStat = false;
    disk.failTruncate = false;
    await items.purgeSuperseded();
    // serialised from memory: the hand-written line comes out as the serializer writes it
    const lines = await linesOf(file);
    expect(lines).toContain('{"_id":"spaced","n":-1,"tag":"written by hand"}');
    expect(lines).toHaveLength(6);
    // that rewrite placed every line: the next one copies, and copies right
    await items.updateOne({ _id: 'i2' }, { $set: { tag: 'after' } });
    await items.purgeSuperseded();
    expect((await linesOf(file)).filter((line) => line.includes('"i2"'))).toEqual(['{"_id":"i2","n":2,"tag":"after"}']);
    const memory = (await items.find({})).sort(byId);
    await store.close();
    expect(await reloaded(dir)).toEqual({ items: memory, quarantined: 0 });
  });

  test('a line that is not where it was noted (the file changed behind the store) stops the copy: the old file stays, the next rewrite serialises', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 5; n++) await items.insert({ _id: `i${n}`, n });
    await items.updateOne({ _id: 'i0' }, { $set: { tag: 'superseded once' } });
    const before = await fs.readFile(file);
    // someone else overwrites the start of i3's line in place
    const at = before.indexOf('{"_id":"i3"');
    const handle = await fs.open(file, 'r+');
    await handle.write(Buffer.from('#'), 0, 1, at);
    await handle.close();
    const tampered = await fs.readFile(file);
    await expect(items.purgeSuperseded()).rejects.toThrow(/unavailable/);
    expect(await fs.readFile(file)).toEqual(tampered);
    expect(await exists(`${file}~`)).toBe(false);
    // a write succeeds (the store is well again), and the next rewrite writes what memory holds
    await items.updateOne({ _id: 'i1' }, { $set: { tag: 'after' } });
    await items.purgeSuperseded();
    const memory = (await items.find({})).sort(byId);
    expect(memory).toHaveLength(5);
    await store.close();
    expect(await reloaded(dir)).toEqual({ items: memory, quarantined: 0 });
  });
});

/** The failing disk, whose files may also refuse to tell their size (fstat fails with EIO). */
class NoStatDisk extends FailingDisk {
  failStat = false;

  override async open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    const handle = await super.open(file, flags, mode);
    return {
      ...handle,
      write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      sync: () => handle.sync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
      stat: async () => {
        if (this.failStat) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        return handle.stat();
      },
    };
  }
}
