/**
 * A collection with `deferredSyncMs` (conversation state, models/state/stateRepository.ts): a write is answered once
 * its lines are in the file, without waiting for a sync; one sync covers every such write of the delay; deletions
 * are still synced before they are answered; closing syncs what is left; a failed deferred sync is logged (no
 * personal data) and tried again after the next write.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Doc } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { eventually } from '../support/eventually';
import { FailingDisk, recordingLogger } from '../support/failingDisk';

interface Item extends Doc {
  _id: string;
  n: number;
}

const DELAY_MS = 100;
const SPEC = { name: 'items', indexes: [{ field: 'n' }], deferredSyncMs: DELAY_MS };
const tempDir = tempDirsRemovedAfterAll();

async function openDeferred() {
  const disk = new FailingDisk();
  const logger = recordingLogger();
  const dir = await tempDir();
  const store = await EmbeddedStore.open(dir, { files: disk, logger });
  const items = await store.collection<Item>(SPEC);
  return { disk, logger, dir, store, items };
}

async function linesOf(dir: string): Promise<string[]> {
  return (await fs.readFile(path.join(dir, 'items.db'), 'utf8')).split('\n').filter((line) => line.trim() !== '');
}

describe('embedded store: deferred sync (deferredSyncMs)', () => {
  test('writes are answered with their lines in the file and no sync waited for; one sync then covers them all', async () => {
    const { disk, dir, store, items } = await openDeferred();
    try {
      disk.holdSyncs = true;
      // every write answered while no sync could finish
      await items.insert({ _id: 'a', n: 1 });
      await items.upsert({ _id: 'b', n: 2 });
      await items.updateOne({ _id: 'a' }, { $set: { n: 3 } });
      expect(disk.syncsWaiting).toBe(0);
      // in the file already (the operating system holds them: a crash of the process loses nothing)
      expect((await linesOf(dir)).length).toBe(3);
      // within the delay, one sync for the three
      await eventually(() => disk.syncsWaiting === 1, { withinMs: 50 * DELAY_MS, what: 'one deferred sync' });
      disk.releaseSyncs();
      disk.holdSyncs = false;
      expect(await items.find({}, { sort: { n: 1 } })).toEqual([
        { _id: 'b', n: 2 },
        { _id: 'a', n: 3 },
      ]);
    } finally {
      disk.releaseSyncs();
      disk.holdSyncs = false;
      await store.close();
    }
  });

  test('a deletion is synced before it is answered (an erasure is a promise)', async () => {
    const { disk, store, items } = await openDeferred();
    try {
      await items.insert({ _id: 'a', n: 1 });
      disk.holdSyncs = true;
      let answered = false;
      const deleting = items.deleteMany({ _id: 'a' }).then((n) => {
        answered = true;
        return n;
      });
      await eventually(() => disk.syncsWaiting >= 1, { what: 'the deletion waiting for its sync' });
      expect(answered).toBe(false);
      disk.holdSyncs = false;
      disk.releaseSyncs();
      expect(await deleting).toBe(1);
    } finally {
      disk.holdSyncs = false;
      disk.releaseSyncs();
      await store.close();
    }
  });

  test('closing syncs what a deferred sync had yet to, and the data loads again', async () => {
    const { disk, dir, store, items } = await openDeferred();
    await items.insert({ _id: 'a', n: 1 });
    const before = disk.syncs;
    await store.close();
    expect(disk.syncs).toBeGreaterThan(before);
    const again = await EmbeddedStore.open(dir);
    try {
      expect(await (await again.collection<Item>(SPEC)).find({})).toEqual([{ _id: 'a', n: 1 }]);
    } finally {
      await again.close();
    }
  });

  test('a failed deferred sync is logged by collection and code only, and the next write brings another', async () => {
    const { disk, logger, store, items } = await openDeferred();
    try {
      disk.failSync = true;
      await items.insert({ _id: 'secret-name', n: 1 });
      await eventually(() => logger.entries.some((e) => e.msg?.includes('deferred sync failed')), { what: 'the failure logged' });
      const entry = logger.entries.find((e) => e.msg?.includes('deferred sync failed'));
      expect(entry?.obj).toEqual({ collection: 'items', code: 'EIO' });
      disk.failSync = false;
      const syncs = disk.syncs;
      await items.insert({ _id: 'b', n: 2 });
      await eventually(() => disk.syncs > syncs, { withinMs: 50 * DELAY_MS, what: 'the next deferred sync' });
    } finally {
      disk.failSync = false;
      await store.close();
    }
  });
});
