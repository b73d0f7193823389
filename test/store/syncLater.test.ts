/**
 * Writes marked `syncLater` (WriteOptions) on the embedded store: bookkeeping answered once its lines are in the file,
 * synced within SYNC_LATER_MS; a write of the same group that needs its sync makes the whole group wait for it; a
 * write the disk refuses changes nothing, synced later or not; closing syncs what is left.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { StoreUnavailableError, SYNC_LATER_MS, type Doc } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { eventually } from '../support/eventually';
import { FailingDisk } from '../support/failingDisk';

interface Row extends Doc {
  _id: string;
  state: string;
}

const SPEC = { name: 'rows', indexes: [{ field: 'state' }] };
const tempDir = tempDirsRemovedAfterAll();

async function open() {
  const disk = new FailingDisk();
  const dir = await tempDir();
  const store = await EmbeddedStore.open(dir, { files: disk });
  const rows = await store.collection<Row>(SPEC);
  return { disk, dir, store, rows };
}

async function linesOf(dir: string): Promise<string[]> {
  return (await fs.readFile(path.join(dir, 'rows.db'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
}

/** whether `promise` has settled after the loop has turned a few times */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('embedded store: writes synced later (WriteOptions.syncLater)', () => {
  test('answered with their lines in the file while no sync can finish; one sync follows within SYNC_LATER_MS', async () => {
    const { disk, dir, store, rows } = await open();
    try {
      await rows.insert({ _id: 'a', state: 'pending' });
      disk.holdSyncs = true;
      const syncsBefore = disk.syncs;
      await rows.insert({ _id: 'b', state: 'pending' }, { syncLater: true });
      expect(await rows.updateOne({ _id: 'a' }, { $set: { state: 'done' } }, { syncLater: true })).toEqual({ _id: 'a', state: 'done' });
      expect(disk.syncs).toBe(syncsBefore);
      expect(await linesOf(dir)).toHaveLength(3);
      await eventually(() => disk.syncsWaiting === 1, { withinMs: 20 * SYNC_LATER_MS + 2000, what: 'the later sync' });
      disk.holdSyncs = false;
      disk.releaseSyncs();
      expect(await rows.find({ state: 'done' })).toEqual([{ _id: 'a', state: 'done' }]);
    } finally {
      disk.holdSyncs = false;
      disk.releaseSyncs();
      await store.close();
    }
  });

  test('in a group with a write that needs its sync, a write synced later waits for that sync too', async () => {
    const { disk, store, rows } = await open();
    try {
      disk.holdSyncs = true;
      // the first write's sync is under way (held): the next two queue up and are committed together
      const first = rows.insert({ _id: 'first', state: 'pending' });
      await eventually(() => disk.syncsWaiting === 1, { what: "the first write's sync" });
      const later = rows.insert({ _id: 'later', state: 'pending' }, { syncLater: true });
      const durable = rows.insert({ _id: 'durable', state: 'pending' });
      disk.releaseSyncs();
      await first;
      await eventually(() => disk.syncsWaiting === 1, { what: "the group's sync" });
      expect(await settledSoon(later)).toBe(false);
      expect(await settledSoon(durable)).toBe(false);
      disk.holdSyncs = false;
      disk.releaseSyncs();
      await Promise.all([later, durable]);
    } finally {
      disk.holdSyncs = false;
      disk.releaseSyncs();
      await store.close();
    }
  });

  test('a write the disk refuses is refused whole, synced later or not: memory and file as before', async () => {
    const { disk, dir, store, rows } = await open();
    await rows.insert({ _id: 'a', state: 'pending' });
    disk.full = true;
    await expect(rows.updateOne({ _id: 'a' }, { $set: { state: 'done' } }, { syncLater: true })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(rows.insert({ _id: 'b', state: 'pending' }, { syncLater: true })).rejects.toBeInstanceOf(StoreUnavailableError);
    disk.full = false;
    expect(await rows.find({})).toEqual([{ _id: 'a', state: 'pending' }]);
    await store.close();
    const again = await EmbeddedStore.open(dir);
    try {
      expect(await (await again.collection<Row>(SPEC)).find({})).toEqual([{ _id: 'a', state: 'pending' }]);
      expect(again.quarantined()).toEqual([]);
    } finally {
      await again.close();
    }
  });

  test('closing syncs what was left to sync later, and the data loads again', async () => {
    const { disk, dir, store, rows } = await open();
    await rows.insert({ _id: 'a', state: 'pending' }, { syncLater: true });
    const before = disk.syncs;
    await store.close();
    expect(disk.syncs).toBeGreaterThan(before);
    const again = await EmbeddedStore.open(dir);
    try {
      expect(await (await again.collection<Row>(SPEC)).find({})).toEqual([{ _id: 'a', state: 'pending' }]);
    } finally {
      await again.close();
    }
  });
});
