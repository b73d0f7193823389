/**
 * The embedded store on a disk that fills up, a file torn by a crash, and a file nedb wrote: a write either reaches
 * the disk or changes nothing; a torn line never damages the next record; damaged lines go to quarantine, reported
 * until acknowledged; nedb's files stay readable both ways.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import Datastore from '@seald-io/nedb';
import { StoreUnavailableError, type Doc, type DocumentCollection } from '../../models/store/collection';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { readLine, serializeRecord } from '../../models/store/embedded/nedbFormat';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { eventually } from '../support/eventually';
import { FailingDisk, recordingLogger } from '../support/failingDisk';
import { linesOf } from '../support/storeFiles';

interface Item extends Doc {
  _id: string;
  n: number;
  tag?: string;
  email?: string;
  at?: Date;
}

const SPEC = { name: 'items', indexes: [{ field: 'n' }, { field: 'email', unique: true, sparse: true }] };

/** What a crash at this moment would leave: a copy of the folder's data file, opened by a new store. */
async function reopenCopy(dir: string, options: Parameters<typeof EmbeddedStore.open>[1] = {}): Promise<{ store: EmbeddedStore; items: DocumentCollection<Item>; dir: string }> {
  const copy = await tempDir('adr-crash-copy-');
  await fs.copyFile(path.join(dir, 'items.db'), path.join(copy, 'items.db'));
  const store = await EmbeddedStore.open(copy, options);
  return { store, items: await store.collection<Item>(SPEC), dir: copy };
}

/** A fresh folder, removed after the file's tests. */
const tempDir = tempDirsRemovedAfterAll();

describe('embedded store: a full disk', () => {
  test('a refused write changes nothing in memory, rejects with StoreUnavailableError, and leaves no torn line', async () => {
    const disk = new FailingDisk();
    const dir = await tempDir();
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    await items.insert({ _id: 'a', n: 1, tag: 'kept', email: 'a@example.org' });
    await items.insert({ _id: 'b', n: 2 });
    await expect(store.ping()).resolves.toBeUndefined();

    disk.full = true;
    await expect(items.insert({ _id: 'c', n: 3, email: 'c@example.org' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(items.updateOne({ _id: 'a' }, { $set: { tag: 'changed' } })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(items.upsert({ _id: 'b', n: 20 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(items.upsert({ _id: 'd', n: 4 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(items.deleteMany({})).rejects.toBeInstanceOf(StoreUnavailableError);
    // a batch is refused whole: none of its documents stays in memory (nor holds its unique key: see below)
    await expect(items.insertNew([{ _id: 'a', n: 9 }, { _id: 'e', n: 5, email: 'c@example.org' }, { _id: 'f', n: 6 }])).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(disk.refused).toBeGreaterThanOrEqual(6);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    // memory is as it was: nothing refused is visible, nothing refused is missing
    expect(await items.find({}, { sort: { n: 1 } })).toEqual([
      { _id: 'a', n: 1, tag: 'kept', email: 'a@example.org' },
      { _id: 'b', n: 2 },
    ]);
    // the file was cut back: every line is whole, and none of the refused writes is in it
    const lines = await linesOf(path.join(dir, 'items.db'));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(readLine(line).kind).toBe('doc');

    disk.full = false;
    // readiness comes back by itself: the probe write succeeds
    await expect(store.ping()).resolves.toBeUndefined();
    // the refused insert left no trace in the unique index either
    await items.insert({ _id: 'c', n: 3, email: 'c@example.org' });
    const crashed = await reopenCopy(dir);
    expect((await crashed.items.find({}, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['a', 'b', 'c']);
    expect(crashed.store.quarantined()).toEqual([]);
    await crashed.store.close();
    await store.close();
  });

  test('when even cutting the torn tail back fails, the next record starts on a new line and survives a restart; the fragment goes to quarantine', async () => {
    const disk = new FailingDisk();
    const dir = await tempDir();
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    await items.insert({ _id: 'a', n: 1 });

    disk.full = true;
    disk.failTruncate = true;
    // the rewrite that would drop the fragment at once cannot replace the file either: the fragment stays
    disk.failRename = true;
    await expect(items.insert({ _id: 'torn', n: 2, tag: 'never confirmed' })).rejects.toBeInstanceOf(StoreUnavailableError);
    disk.full = false;
    await items.insert({ _id: 'next', n: 3, tag: 'confirmed' });
    expect(await fs.readFile(path.join(dir, 'items.db'), 'utf8')).toContain('"torn"'); // the fragment is there

    const logger = recordingLogger();
    const crashed = await reopenCopy(dir, { logger });
    expect(await crashed.items.findOne({ _id: 'next' })).toEqual({ _id: 'next', n: 3, tag: 'confirmed' });
    expect(await crashed.items.findOne({ _id: 'torn' })).toBeNull();
    expect(crashed.store.quarantined()).toEqual([{ collection: 'items', lines: 1, file: 'items.db.quarantine' }]);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', obj: expect.objectContaining({ collection: 'items', lines: 1 }) }));
    await crashed.store.close();

    // with the disk healthy again, closing rewrites the file from memory: the fragment is gone
    disk.failTruncate = false;
    disk.failRename = false;
    await store.close();
    const again = await EmbeddedStore.open(dir);
    expect((await (await again.collection<Item>(SPEC)).find({}, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['a', 'next']);
    expect(again.quarantined()).toEqual([]);
    await again.close();
  });
  test('insertUnless looks and writes in one turn: of two at once with the same condition one writes; behind a refused write it is refused', async () => {
    const disk = new FailingDisk();
    const dir = await tempDir();
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    // the same condition, asked at once: nothing can be applied between one's look and its insert
    const [first, second] = await Promise.all([items.insertUnless({ _id: 'p', n: 1, tag: 'twin' }, [{ tag: 'twin' }]), items.insertUnless({ _id: 'q', n: 2, tag: 'twin' }, [{ tag: 'twin' }])]);
    expect(first).toEqual({ inserted: { _id: 'p', n: 1, tag: 'twin' } });
    expect(second).toEqual({ found: [[{ _id: 'p', n: 1, tag: 'twin' }]] });

    // behind a write the disk refuses, a look that saw it is refused with it (it may have seen what never landed)
    disk.full = true;
    const refused = await Promise.allSettled([items.count({}), items.insert({ _id: 'r', n: 3, tag: 'late' }), items.insertUnless({ _id: 's', n: 4 }, [{ tag: 'late' }])]);
    expect(refused.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((refused[2] as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    disk.full = false;
    expect((await items.find({}, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['p']);
    // and after a restart, the one written is there, alone
    await store.close();
    const reopened = await EmbeddedStore.open(dir);
    expect((await (await reopened.collection<Item>(SPEC)).find({})).map((i) => i._id)).toEqual(['p']);
    await reopened.close();
  });

  test('writes queued together are committed together: a refused batch is undone and rejected whole, even the writes that built on an earlier one', async () => {
    const disk = new FailingDisk();
    const dir = await tempDir();
    const store = await EmbeddedStore.open(dir, { files: disk });
    const items = await store.collection<Item>(SPEC);
    // the count holds the queue for a moment, so the writes behind it are applied and synced as one batch
    const batch = (): Array<Promise<unknown>> => [
      items.count({}),
      items.insert({ _id: 'x', n: 1, email: 'x@example.org' }),
      items.updateOne({ _id: 'x' }, { $set: { tag: 'claimed' } }),
      items.insert({ _id: 'y', n: 2, email: 'x@example.org' }),
      items.findOne({ _id: 'x' }),
    ];

    disk.full = true;
    const refused = await Promise.allSettled(batch());
    expect(refused.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    for (const r of refused.slice(1, 4)) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    // the read behind the batch ran once the batch was undone: nothing of it
    expect((refused[4] as PromiseFulfilledResult<unknown>).value).toBeNull();
    expect(await items.count({})).toBe(0);

    disk.full = false;
    const kept = await Promise.allSettled(batch());
    expect(kept.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((kept[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'DUPLICATE_KEY' });
    expect((kept[4] as PromiseFulfilledResult<unknown>).value).toEqual({ _id: 'x', n: 1, email: 'x@example.org', tag: 'claimed' });
    const crashed = await reopenCopy(dir);
    expect(await crashed.items.find({})).toEqual([{ _id: 'x', n: 1, email: 'x@example.org', tag: 'claimed' }]);
    await crashed.store.close();
    await store.close();
  });
});

describe('embedded store: damaged lines at start', () => {
  test('are moved to <collection>.db.quarantine (exact bytes), logged by collection and count only, reported until acknowledged', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const damagedMiddle = '{"_id":"b","n":2,"tag":"Maria Rossi 333';
    const tornTail = '{"_id":"d","n":4,"em';
    await fs.writeFile(file, [serializeRecord({ _id: 'a', n: 1 }), damagedMiddle, serializeRecord({ _id: 'c', n: 3, at: new Date(0) }), tornTail].join('\n'));

    const logger = recordingLogger();
    let store = await EmbeddedStore.open(dir, { logger });
    let items = await store.collection<Item>(SPEC);
    expect(await items.find({}, { sort: { n: 1 } })).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'c', n: 3, at: new Date(0) },
    ]);
    expect(store.quarantined()).toEqual([{ collection: 'items', lines: 2, file: 'items.db.quarantine' }]);
    expect(await fs.readFile(`${file}.quarantine`, 'utf8')).toBe(`${damagedMiddle}\n${tornTail}\n`);
    // the data file no longer holds them: it was rewritten from what could be read
    expect((await linesOf(file)).map((l) => readLine(l).kind)).toEqual(['doc', 'doc']);
    const errors = logger.entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].obj).toMatchObject({ collection: 'items', lines: 2 });
    expect(JSON.stringify(logger.entries)).not.toMatch(/Maria|333|"em/);
    await items.insert({ _id: 'e', n: 5 });
    await store.close();

    // a restart reports it again (logged again), and sets nothing more aside
    const later = recordingLogger();
    store = await EmbeddedStore.open(dir, { logger: later });
    items = await store.collection<Item>(SPEC);
    expect(await items.count({})).toBe(3);
    expect(store.quarantined()).toEqual([{ collection: 'items', lines: 2, file: 'items.db.quarantine' }]);
    expect(later.entries.filter((e) => e.level === 'error')).toHaveLength(1);

    // staff acknowledge: the file is kept under another name, and no longer reported, now or after a restart
    expect(await store.acknowledgeQuarantine()).toEqual([{ collection: 'items', lines: 2, file: 'items.db.quarantine' }]);
    expect(store.quarantined()).toEqual([]);
    expect(await store.acknowledgeQuarantine()).toEqual([]);
    const kept = (await fs.readdir(dir)).filter((n) => n.startsWith('items.db.quarantine.acknowledged-'));
    expect(kept).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, kept[0]), 'utf8')).toBe(`${damagedMiddle}\n${tornTail}\n`);
    await store.close();
    store = await EmbeddedStore.open(dir);
    await store.collection<Item>(SPEC);
    expect(store.quarantined()).toEqual([]);
    await store.close();
  });

  test('a last line written whole but without its newline is kept, and the next record starts on a new line', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'items.db'), `${serializeRecord({ _id: 'a', n: 1 })}\n${serializeRecord({ _id: 'b', n: 2 })}`);
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    await items.insert({ _id: 'c', n: 3 });
    const crashed = await reopenCopy(dir);
    expect((await crashed.items.find({}, { sort: { n: 1 } })).map((i) => i._id)).toEqual(['a', 'b', 'c']);
    expect(crashed.store.quarantined()).toEqual([]);
    await crashed.store.close();
    await store.close();
  });
  test('a rewrite cut short leaves its temporary file: ignored and removed; a temporary file alone (nedb crashed before its first rename) is the data', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'items.db'), `${serializeRecord({ _id: 'a', n: 1 })}\n`);
    await fs.writeFile(path.join(dir, 'items.db~'), `${serializeRecord({ _id: 'half', n: 9 })}\n{"_id":"ha`);
    await fs.writeFile(path.join(dir, 'other.db~'), `${serializeRecord({ _id: 'o', n: 1 })}\n`);
    const store = await EmbeddedStore.open(dir);
    expect((await (await store.collection<Item>(SPEC)).find({})).map((i) => i._id)).toEqual(['a']);
    expect((await (await store.collection<Item>({ name: 'other', indexes: [] })).find({})).map((i) => i._id)).toEqual(['o']);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('~'))).toEqual([]);
    expect(store.quarantined()).toEqual([]);
    await store.close();
  });
});

describe('embedded store: nedb file format', () => {
  test('a file nedb wrote (updates, removals, index lines, dates) loads as nedb loads it, and nedb loads ours', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const nedb = new Datastore<Record<string, unknown>>({ filename: file });
    await nedb.loadDatabaseAsync();
    await nedb.ensureIndexAsync({ fieldName: 'n' });
    await nedb.insertAsync({ _id: 'a', n: 1, at: new Date('2025-01-02T03:04:05.678Z'), nested: { when: [new Date(0), null, 'x'], text: 'àèì 😀' } });
    await nedb.insertAsync({ _id: 'b', n: 2 });
    await nedb.insertAsync({ _id: 'c', n: 3 });
    await nedb.updateAsync({ _id: 'b' }, { $set: { tag: 'updated' } }, {});
    await nedb.removeAsync({ _id: 'c' }, {});
    const raw = await fs.readFile(file, 'utf8');
    expect(raw).toContain('$$deleted');
    expect(raw).toContain('$$indexCreated');
    const expected = (await nedb.findAsync({})).sort((x, y) => String(x._id).localeCompare(String(y._id)));

    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    expect(await items.find({}, { sort: { n: 1 } })).toEqual(expected);
    expect(store.quarantined()).toEqual([]);
    await items.updateOne({ _id: 'a' }, { $set: { tag: 'ours' } });
    await items.insert({ _id: 'd', n: 4, at: new Date('2030-01-01T00:00:00.000Z') });
    await store.close();

    const back = new Datastore<Record<string, unknown>>({ filename: file });
    await back.loadDatabaseAsync();
    const docs = (await back.findAsync({})).sort((x, y) => String(x._id).localeCompare(String(y._id)));
    expect(docs.map((d) => d._id)).toEqual(['a', 'b', 'd']);
    expect(docs[0]).toMatchObject({ tag: 'ours', at: new Date('2025-01-02T03:04:05.678Z'), nested: { when: [new Date(0), null, 'x'], text: 'àèì 😀' } });
    expect(docs[2].at).toEqual(new Date('2030-01-01T00:00:00.000Z'));
  });

  test('our reader reads every line as nedb\'s own deserialize does', () => {
    const model = require('@seald-io/nedb/lib/model.js') as { serialize(d: object): string; deserialize(l: string): unknown };
    const samples: object[] = [
      { _id: 'a', n: 0, s: '', b: false, z: null, d: new Date(0), arr: [1, [new Date(1), { x: new Date(2) }], 'y'] },
      { _id: 'b', deep: { deeper: { deepest: new Date('1999-12-31T23:59:59.999Z') } }, unicode: '«città» – 😀\u2028' },
      { _id: 'c', list: [], obj: {}, neg: -1.5, big: 1e21 },
    ];
    for (const doc of samples) {
      const line = model.serialize(doc);
      const ours = readLine(line);
      expect(ours.kind).toBe('doc');
      expect(ours.kind === 'doc' ? ours.doc : undefined).toEqual(model.deserialize(line));
    }
    expect(readLine('{"_id":"x","$bad":1}').kind).toBe('damaged');
    expect(readLine('{"_id":"x","a.b":1}').kind).toBe('damaged');
    expect(readLine('[1,2]').kind).toBe('damaged');
    expect(readLine('{"n":1}').kind).toBe('damaged');
    expect(readLine('{"$$deleted":true,"_id":"x"}')).toEqual({ kind: 'deleted', id: 'x' });
    expect(readLine('{"$$indexCreated":{"fieldName":"n","unique":false,"sparse":false}}').kind).toBe('index');
  });

  test('our writer writes every record as nedb\'s own serialize does, and refuses what it refuses', () => {
    const model = require('@seald-io/nedb/lib/model.js') as { serialize(d: object): string };
    class Point {
      constructor(
        readonly x: number,
        readonly at = new Date(5),
      ) {}
    }
    const samples: object[] = [
      { _id: 'a', n: 0, s: '', b: false, z: null, u: undefined, d: new Date(0), arr: [1, [new Date(1), { x: new Date(2) }], 'y', undefined, null] },
      { _id: 'b', deep: { deeper: { deepest: new Date('1999-12-31T23:59:59.999Z') } }, unicode: '«città» – 😀\u2028 "quoted" \\ \n' },
      { _id: 'c', list: [], obj: {}, neg: -1.5, big: 1e21, nan: Number.NaN, inf: Infinity, bad: new Date(Number.NaN), 2: 'integer key', f: () => 1 },
      { $$deleted: true, _id: 'd' },
      { $$indexCreated: { fieldName: 'n', unique: false, sparse: false } },
      { _id: 'e', point: new Point(3), withToJson: { toJSON: () => 'replaced' }, getTime: 'not a function', nested: { $$date: 7 } },
      Object.assign(Object.create(null) as object, { _id: 'f', n: 1 }),
    ];
    for (const doc of samples) expect(serializeRecord(doc)).toBe(model.serialize(doc));
    for (const bad of [{ _id: 'x', $bad: 1 }, { _id: 'x', nested: { 'a.b': 1 } }, { _id: 'x', list: [{ $set: 1 }] }, { _id: 'x', $$date: 'not a number' }]) {
      expect(() => model.serialize(bad)).toThrow();
      expect(() => serializeRecord(bad)).toThrow();
    }
  });
});

describe('embedded store: compaction', () => {
  test('an idle store never rewrites its files, and closing does not either (stopping stays quick at any size)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    let store = await EmbeddedStore.open(dir);
    let items = await store.collection<Item>(SPEC);
    for (let n = 0; n < 3; n++) await items.insert({ _id: `i${n}`, n });
    const inode = (await fs.stat(file)).ino;
    await store.close();
    expect((await fs.stat(file)).ino).toBe(inode); // only inserts: nothing superseded, nothing rewritten

    store = await EmbeddedStore.open(dir);
    items = await store.collection<Item>(SPEC);
    await items.findOne({ _id: 'i1' });
    await store.close();
    expect((await fs.stat(file)).ino).toBe(inode); // reads only

    store = await EmbeddedStore.open(dir);
    items = await store.collection<Item>(SPEC);
    await items.updateOne({ _id: 'i1' }, { $set: { tag: 'x' } });
    expect(await linesOf(file)).toHaveLength(4);
    await store.close();
    expect(await linesOf(file)).toHaveLength(4);
    expect((await fs.stat(file)).ino).toBe(inode);
  });

  test('purgeSuperseded leaves no earlier version in the file, and resolves once it is on disk', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    await items.insert({ _id: 'p', n: 1, tag: 'Maria Rossi' });
    await items.insert({ _id: 'q', n: 2, tag: 'Luigi Bianchi' });
    await items.updateOne({ _id: 'p' }, { $unset: { tag: true } });
    await items.deleteMany({ _id: 'q' });
    expect(await fs.readFile(file, 'utf8')).toMatch(/Maria Rossi[\s\S]*Luigi Bianchi/);
    await items.purgeSuperseded();
    const text = await fs.readFile(file, 'utf8');
    expect(text).not.toMatch(/Maria|Luigi/);
    expect(await linesOf(file)).toEqual([serializeRecord({ _id: 'p', n: 1 })]);
    await store.close();
  });

  test('a file with more superseded lines than live documents (and at least 1000) is compacted while in use', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'items.db');
    const store = await EmbeddedStore.open(dir);
    const items = await store.collection<Item>(SPEC);
    await items.insert({ _id: 'hot', n: 0 });
    for (let n = 1; n <= 1100; n++) await items.updateOne({ _id: 'hot' }, { $set: { n } });
    // the compaction runs in the background: the file shrinks soon after
    await eventually(async () => (await linesOf(file)).length < 200, { withinMs: 20000, everyMs: 20, what: 'the file compacted' });
    expect(await items.findOne({ _id: 'hot' })).toEqual({ _id: 'hot', n: 1100 });
    await store.close();
  });
});
