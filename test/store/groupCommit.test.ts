/**
 * Group commit on the embedded store: the reads and writes that queue up behind a sync are run in their order and
 * their writes synced together, once; a read with nothing queued before it joins the sync under way; nobody is
 * answered before the sync that covers what they wrote or saw. A sync
 * the disk refuses fails every write it covered, the reads among them are answered from what is on disk, and
 * nothing of the refused writes is loaded after a crash.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { StoreUnavailableError, type Doc } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { eventually } from '../support/eventually';
import { FailingDisk } from '../support/failingDisk';

interface Item extends Doc {
  _id: string;
  n: number;
  tag?: string;
}

const SPEC = { name: 'items', indexes: [{ field: 'n' }] };
const tempDir = tempDirsRemovedAfterAll();

/** A promise with whether it has settled yet, and how. */
function watched<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const done = (): void => {
    settled = true;
  };
  promise.then(done, done);
  return { promise, settled: () => settled };
}

/** What a crash now would leave: the data file copied to a new folder and loaded by a new store. */
async function itemsAfterCrash(dir: string): Promise<{ items: Item[]; quarantined: number }> {
  const copy = await tempDir('adr-group-commit-copy-');
  await fs.copyFile(path.join(dir, 'items.db'), path.join(copy, 'items.db'));
  const store = await EmbeddedStore.open(copy);
  try {
    const items = await (await store.collection<Item>(SPEC)).find({}, { sort: { n: 1 } });
    return { items, quarantined: store.quarantined().length };
  } finally {
    await store.close();
  }
}

/** A store on a disk whose syncs can be held, with one synced item, its next syncs held. */
async function seededStoreHoldingSyncs() {
  const disk = new FailingDisk();
  const dir = await tempDir();
  const store = await EmbeddedStore.open(dir, { files: disk });
  const items = await store.collection<Item>(SPEC);
  await items.insert({ _id: 'seed', n: 0 });
  disk.holdSyncs = true;
  return { disk, dir, store, items };
}

describe('embedded store: group commit', () => {
  test('reads and writes queued behind a sync share the next one; a read that saw a write is answered after that sync', async () => {
    const { disk, dir, store, items } = await seededStoreHoldingSyncs();
    const syncsBefore = disk.syncs;
    const first = watched(items.insert({ _id: 'a', n: 1 }));
    await eventually(() => disk.syncsWaiting === 1);
    // a read with nothing queued before it joins the sync under way: it sees the write being synced, so it is
    // answered with it, not before
    const joined = watched(items.findOne({ _id: 'a' }));
    // then, in one tick while that sync is under way: interleaved as turns arrive
    const w1 = watched(items.insert({ _id: 'b', n: 2 }));
    const r1 = watched(items.findOne({ _id: 'b' }));
    const w2 = watched(items.updateOne({ _id: 'b' }, { $set: { tag: 'claimed' } }));
    const r2 = watched(items.count({}));
    const w3 = watched(items.upsert({ _id: 'c', n: 3 }));
    const r3 = watched(items.find({}, { sort: { n: 1 } }));
    const queued = [w1, r1, w2, r2, w3, r3];

    await new Promise((resolve) => setImmediate(resolve));
    expect(joined.settled()).toBe(false);

    // the first write's sync goes; the group behind it is run in memory and waits for its own, single sync
    disk.releaseSyncs();
    await first.promise;
    await expect(joined.promise).resolves.toEqual({ _id: 'a', n: 1 });
    await eventually(() => disk.syncsWaiting === 1);
    expect(queued.map((q) => q.settled())).toEqual([false, false, false, false, false, false]);

    disk.holdSyncs = false;
    disk.releaseSyncs();
    await Promise.all(queued.map((q) => q.promise));
    expect(disk.syncs - syncsBefore).toBe(2);
    // each read saw the writes before it, and only those
    await expect(r1.promise).resolves.toEqual({ _id: 'b', n: 2 });
    await expect(r2.promise).resolves.toBe(3);
    await expect(r3.promise).resolves.toEqual([
      { _id: 'seed', n: 0 },
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2, tag: 'claimed' },
      { _id: 'c', n: 3 },
    ]);
    // durable: a crash now keeps every answered write
    expect((await itemsAfterCrash(dir)).items).toEqual([
      { _id: 'seed', n: 0 },
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2, tag: 'claimed' },
      { _id: 'c', n: 3 },
    ]);
    await store.close();
  });

  test('a refused sync fails every write it covered; the reads among them answer what is on disk; nothing of them is loaded after a crash', async () => {
    const { disk, dir, store, items } = await seededStoreHoldingSyncs();
    const first = items.insert({ _id: 'a', n: 1 });
    await eventually(() => disk.syncsWaiting === 1);
    const w1 = items.insert({ _id: 'b', n: 2 });
    const r1 = items.findOne({ _id: 'b' });
    const w2 = items.updateOne({ _id: 'seed' }, { $set: { tag: 'changed' } });
    const r2 = items.find({}, { sort: { n: 1 } });
    const w3 = items.deleteMany({ _id: 'a' });
    disk.releaseSyncs();
    await first;
    await eventually(() => disk.syncsWaiting === 1);
    // a read that joins the group's sync sees its writes in memory
    const joined = items.find({}, { sort: { n: 1 } });
    // the group's records were written whole; its sync is refused
    disk.failSync = true;
    disk.holdSyncs = false;
    disk.releaseSyncs();

    const outcomes = await Promise.allSettled([w1, w2, w3]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    }
    // the reads saw the refused writes in memory; they are answered from what is really there
    await expect(r1).resolves.toBeNull();
    await expect(r2).resolves.toEqual([
      { _id: 'seed', n: 0 },
      { _id: 'a', n: 1 },
    ]);
    await expect(joined).resolves.toEqual([
      { _id: 'seed', n: 0 },
      { _id: 'a', n: 1 },
    ]);
    expect(await items.find({}, { sort: { n: 1 } })).toEqual([
      { _id: 'seed', n: 0 },
      { _id: 'a', n: 1 },
    ]);
    // the file was cut back to the last sync that succeeded: a crash loads the confirmed writes and nothing else
    expect(await itemsAfterCrash(dir)).toEqual({ items: [{ _id: 'seed', n: 0 }, { _id: 'a', n: 1 }], quarantined: 0 });

    disk.failSync = false;
    await items.insert({ _id: 'b', n: 2 });
    expect((await itemsAfterCrash(dir)).items.map((i) => i._id)).toEqual(['seed', 'a', 'b']);
    await store.close();
  });
});
