/**
 * Compaction of the embedded store follows writes (superseded lines), never a timer; it rewrites in the background,
 * so reads and writes go on during it and are kept; closing stops it at once; and a process killed (SIGKILL) in the
 * middle of it loses no confirmed write.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Doc } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { projectRoot } from '../../models/paths';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { WRITER_DOCS, WRITER_SPEC } from '../support/compactingWriter';
import { eventually } from '../support/eventually';
import { FailingDisk, recordingLogger } from '../support/failingDisk';
import { GatedDisk } from '../support/gatedDisk';
import { linesOf, fileExists as exists } from '../support/storeFiles';

interface Item extends Doc {
  _id: string;
  n: number;
  tag?: string;
}

const SPEC = { name: 'items', indexes: [{ field: 'n' }] };
const tempDir = tempDirsRemovedAfterAll();

describe('embedded store: when compaction runs', () => {
  test('after more superseded lines than live documents (and the minimum), by writes alone: no timer is set', async () => {
    const intervals = jest.spyOn(global, 'setInterval');
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir, { compactMinSuperseded: 50 });
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 10; n++) await items.insert({ _id: `i${n}`, n });
    const inode = (await fs.stat(file)).ino;
    // 50 superseded lines: not more than the minimum, so no rewrite, however long the store stays idle
    for (let n = 1; n <= 50; n++) await items.updateOne({ _id: 'i0' }, { $set: { n: 100 + n } });
    // a compaction a write makes due opens its file (`<file>~`) in a queue turn taken before that write is answered:
    // a read queued after the last write runs after that turn, so by then a rewrite would be under way or done
    expect(await items.count({})).toBe(10);
    expect(await exists(`${file}~`)).toBe(false);
    expect((await fs.stat(file)).ino).toBe(inode);
    expect(await linesOf(file)).toHaveLength(60);
    // the 51st: due, compacted in the background
    await items.updateOne({ _id: 'i0' }, { $set: { n: 151 } });
    await eventually(async () => (await linesOf(file)).length === 10, { withinMs: 20000, everyMs: 20, what: 'the file compacted to its 10 documents' });
    expect((await fs.stat(file)).ino).not.toBe(inode);
    expect(await items.findOne({ _id: 'i0' })).toEqual({ _id: 'i0', n: 151 });
    expect(intervals).not.toHaveBeenCalled();
    intervals.mockRestore();
    await store.close();
  });
});

describe('embedded store: compaction in the background', () => {
  test('reads and writes are answered while a rewrite is held mid-way, and every one of them is in the new file', async () => {
    const disk = new GatedDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 20; n++) await items.insert({ _id: `i${n}`, n, tag: 'old' });
    for (let n = 0; n < 20; n++) await items.updateOne({ _id: `i${n}` }, { $set: { tag: 'superseded once' } });

    disk.hold();
    const purge = items.purgeSuperseded();
    await eventually(() => disk.rewriteWrites > 0, { withinMs: 20000, everyMs: 20, what: 'a rewrite under way' });
    // the rewrite waits at the gate; the collection does not
    await items.insert({ _id: 'new', n: 100 });
    await items.updateOne({ _id: 'i1' }, { $set: { tag: 'during' } });
    await items.upsert({ _id: 'i2', n: 2, tag: 'replaced during' });
    expect(await items.deleteMany({ _id: 'i3' })).toBe(1);
    expect(await items.count({})).toBe(20);
    expect(await exists(`${file}~`)).toBe(true);
    disk.release();
    await purge;

    expect(await exists(`${file}~`)).toBe(false);
    const expected = await items.find({}, { sort: { n: 1 } });
    expect(expected).toHaveLength(20);
    expect(expected.find((i) => i._id === 'i1')?.tag).toBe('during');
    // snapshot (20 documents as they were) plus what came during the rewrite (4 lines)
    expect(await linesOf(file)).toHaveLength(24);
    await store.close();
    const again = await EmbeddedStore.open(dir);
    expect(await (await again.collection<Item>(SPEC)).find({}, { sort: { n: 1 } })).toEqual(expected);
    await again.close();
  });

  test('writes racing a snapshot taken in batches: before and after the walk\'s position, every one is in the new file', async () => {
    const disk = new GatedDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    // 200 documents in batches of 50: the snapshot is taken in four queue turns, with writes in between (the path a
    // rewrite takes when some line's place is not known: a byte-copy rewrite takes its snapshot in one turn)
    const store = await EmbeddedStore.open(dir, { files: disk, snapshotBatch: 50, copyLines: false });
    const items = await store.collection<Item>(SPEC);
    const id = (n: number): string => `i${String(n).padStart(3, '0')}`;
    await items.insertNew(Array.from({ length: 200 }, (_, n) => ({ _id: id(n), n, tag: 'old' })));
    await items.updateOne({ _id: id(0) }, { $set: { tag: 'superseded once' } });

    disk.hold();
    const purge = items.purgeSuperseded();
    for (let batch = 1; batch <= 3; batch++) {
      // the chunk of batch `batch` waits at the gate: batches 1..batch are taken, the rest are not
      await eventually(() => disk.rewriteWrites >= batch, { withinMs: 20000, everyMs: 10, what: `batch ${batch} of the snapshot` });
      const taken = batch * 50;
      await items.updateOne({ _id: id(taken - 10) }, { $set: { tag: `behind ${batch}` } });
      await items.updateOne({ _id: id(taken + 10) }, { $set: { tag: `ahead ${batch}` } });
      expect(await items.deleteMany({ _id: { $in: [id(taken - 20), id(taken + 20)] } })).toBe(2);
      await items.insert({ _id: `${id(taken - 30)}b`, n: 1000 + batch, tag: 'inserted behind' });
      await items.insert({ _id: `${id(taken + 30)}b`, n: 2000 + batch, tag: 'inserted ahead' });
      await items.upsert({ _id: id(taken + 40), n: taken + 40, tag: `replaced ahead ${batch}` });
      disk.release();
      disk.hold();
    }
    disk.release();
    await purge;

    expect(await exists(`${file}~`)).toBe(false);
    const expected = await items.find({}, { sort: { n: 1 } });
    expect(expected).toHaveLength(200);
    await store.close();
    // the new file alone holds every write made during the snapshot, and each document once at most per write
    expect((await linesOf(file)).length).toBeLessThanOrEqual(200 + 3 * 7);
    const again = await EmbeddedStore.open(dir);
    expect(await (await again.collection<Item>(SPEC)).find({}, { sort: { n: 1 } })).toEqual(expected);
    await again.close();
  });

  test('a write the disk refuses while a snapshot is taken in batches is in no batch (each batch waits for the writes before it)', async () => {
    const failing = new FailingDisk();
    const disk = new GatedDisk(0, () => undefined, failing);
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir, { files: disk, snapshotBatch: 10, copyLines: false });
    const items = await store.collection<Item>(SPEC);
    await items.insertNew(Array.from({ length: 40 }, (_, n) => ({ _id: `i${String(n).padStart(2, '0')}`, n, tag: 'kept' })));
    await items.updateOne({ _id: 'i00' }, { $set: { tag: 'superseded once' } });

    disk.hold();
    const purge = items.purgeSuperseded();
    await eventually(() => disk.rewriteWrites >= 1, { withinMs: 20000, everyMs: 10, what: 'the first batch of the snapshot' });
    // a write ahead of the walk, applied in memory, waiting for its sync: the next batch must not take it
    failing.holdSyncs = true;
    const refused = items.updateOne({ _id: 'i35' }, { $set: { tag: 'refused' } });
    await eventually(() => failing.syncsWaiting >= 1, { withinMs: 20000, everyMs: 10, what: 'the write waiting for its sync' });
    disk.release();
    // the rewrite goes on as far as it may (its next batch waits in the collection's queue)
    await new Promise((resolve) => setTimeout(resolve, 200));
    failing.failSync = true;
    failing.holdSyncs = false;
    failing.releaseSyncs();
    await expect(refused).rejects.toThrow();
    failing.failSync = false;
    await purge;

    expect((await items.findOne({ _id: 'i35' }))?.tag).toBe('kept');
    await store.close();
    expect(await exists(`${file}~`)).toBe(false);
    expect((await linesOf(file)).some((line) => line.includes('refused'))).toBe(false);
    const again = await EmbeddedStore.open(dir);
    const reread = await again.collection<Item>(SPEC);
    expect(await reread.count({})).toBe(40);
    expect((await reread.findOne({ _id: 'i35' }))?.tag).toBe('kept');
    await again.close();
  });

  test('closing stops a rewrite under way at once: the old file stays whole, the temporary file goes', async () => {
    const disk = new GatedDisk();
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 5; n++) await items.insert({ _id: `i${n}`, n });
    await items.updateOne({ _id: 'i0' }, { $set: { tag: 'x' } });
    disk.hold();
    const purge = items.purgeSuperseded();
    await eventually(() => disk.rewriteWrites > 0, { withinMs: 20000, everyMs: 20, what: 'a rewrite under way' });
    const closing = store.close();
    disk.release(); // the chunk already handed over completes; the next is not written
    await closing;
    await purge;
    expect(await exists(`${file}~`)).toBe(false);
    const again = await EmbeddedStore.open(dir);
    expect(await (await again.collection<Item>(SPEC)).count({})).toBe(5);
    expect(await (await again.collection<Item>(SPEC)).findOne({ _id: 'i0' })).toEqual({ _id: 'i0', n: 0, tag: 'x' });
    await again.close();
  });

  test('a process killed (SIGKILL) in the middle of a compaction loses no confirmed write', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['-r', path.join(projectRoot, 'test/support/tsRegister.js'), path.join(projectRoot, 'test/support/compactingWriter.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let out = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // killed once a rewrite is under way and ten more updates were confirmed during it
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no compaction seen: ${stderr}`)), 90000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const at = out.indexOf('rewriting\n');
        if (at >= 0 && (out.slice(at).match(/^confirmed /gm) ?? []).length >= 10) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`writer exited: ${stderr}`)));
    });
    expect(await exists(path.join(dir, 'items.db~'))).toBe(true); // killed mid-way: the new file was never put in place
    expect(await exited).toBe('SIGKILL');

    const confirmed = new Map<string, number>();
    for (const [, id, n] of out.matchAll(/^confirmed (\S+) (\d+)$/gm)) confirmed.set(id, Number(n));
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<{ _id: string; n: number }>(WRITER_SPEC);
    expect(await items.count({})).toBe(WRITER_DOCS);
    const stored = new Map((await items.find({})).map((d) => [d._id, d.n]));
    // an update the process made but was killed before printing may be there too: never less than confirmed
    for (const [id, n] of confirmed) expect(stored.get(id)).toBeGreaterThanOrEqual(n);
    expect(store.quarantined()).toEqual([]);
    await store.close();
  }, 120000);
});

describe('embedded store: size', () => {
  test('a collection above the documents limit is warned about at load (counts only), one below it is not', async () => {
    const dir = await tempDir();
    let store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 6; n++) await items.insert({ _id: `i${n}`, n, tag: 'Maria Rossi' });
    await store.close();

    let logger = recordingLogger();
    store = await EmbeddedStore.open(dir, { logger, documentsLimit: 6 });
    await store.collection<Item>(SPEC);
    expect(logger.entries.filter((e) => e.level === 'warn')).toEqual([]);
    await store.close();

    logger = recordingLogger();
    store = await EmbeddedStore.open(dir, { logger, documentsLimit: 5 });
    await store.collection<Item>(SPEC);
    const warnings = logger.entries.filter((e) => e.level === 'warn');
    expect(warnings).toEqual([{ level: 'warn', obj: { collection: 'items', documents: 6, limit: 5, loadMs: expect.any(Number) }, msg: expect.stringMatching(/MongoDB/) }]);
    expect(JSON.stringify(warnings)).not.toContain('Maria');
    await store.close();
  });
});
