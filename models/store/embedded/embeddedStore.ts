import * as path from 'node:path';
import Datastore from '@seald-io/nedb';
import { silentLogger, type Logger } from '../../logger';
import { TimeSlice } from '../../timeSlices';
import { DuplicateKeyError, SYNC_LATER_MS, StoreUnavailableError, type WriteOptions, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type FindOptions, type IndexSpec, type SortSpec, type Update, sortIndexName } from '../collection';
import type { QuarantineReport, Store } from '../store';
import { CollectionFile, RewriteStopped, quarantineFileOf } from './collectionFile';
import { CommitQueue, type Applied } from './commitQueue';
import { DataDirLock } from './dataDirLock';
import { errnoOf, nodeFileSystem, readIfExists, syncDir, writeAll, type StoreFileSystem } from './fileSystem';
import { documentsAfter } from './idOrderWalk';
import { updateIndexesInPlace } from './inPlaceIndexUpdate';
import { deletionRecord, readLine, serializeRecord, type StoredRecord } from './nedbFormat';

export { StoreLockedError } from './dataDirLock';

type NedbDoc = Record<string, unknown>;

/**
 * Superseded lines (updates and removals since the last compaction) a file may carry before it is compacted: as
 * many as its live documents, and at least this. Compaction follows writes only: no timer, nothing when idle.
 */
const COMPACT_MIN_SUPERSEDED = 1000;
/** documents in one batch of a compaction's snapshot, at most (a batch also ends with its time slice) */
const SNAPSHOT_BATCH_MAX = 20_000;
/**
 * Documents in one collection above which the embedded store is the wrong choice: it keeps every document in
 * memory and reads the whole file at start (100,000 leads: about 6-7 s and 500 MB on 2 cores). Above it the store
 * warns at start; the README ("When to move to MongoDB") says to move to MongoDB there.
 */
export const EMBEDDED_DOCUMENTS_LIMIT = 50_000;
/** bytes the readiness probe writes after a failed write: enough to need fresh disk blocks */
const PROBE_BYTES = 64 * 1024;
const QUARANTINE_SUFFIX = '.db.quarantine';

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

function needsCompaction(superseded: number, live: number, minSuperseded: number): boolean {
  return superseded > Math.max(live, minSuperseded);
}

/**
 * Puts the loaded documents in memory. nedb's own loader calls `_resetIndexes(docs)`, which indexes them as they
 * are; `insertAsync` would copy and check each twice more (three times slower at 100k leads). The documents were
 * checked as they were read (nedbFormat.readLine). A unique index that two of them break refuses the whole load,
 * as nedb does: that is never a state this store writes.
 */
async function fill(db: Datastore<NedbDoc>, docs: StoredRecord[]): Promise<void> {
  const internal = db as unknown as { _resetIndexes?: (docs: StoredRecord[]) => void };
  if (typeof internal._resetIndexes !== 'function') {
    await db.insertAsync(docs);
    return;
  }
  try {
    internal._resetIndexes(docs);
  } catch (err) {
    internal._resetIndexes([]);
    throw err;
  }
}

/** What this store uses of an nedb index (internal to nedb, as `_resetIndexes` above). */
interface NedbIndex {
  _fields?: string[];
  sparse: boolean;
  remove(doc: NedbDoc): void;
  tree: { search(key: unknown): NedbDoc[]; delete(key: unknown, value: NedbDoc): void };
}

/** A key of a one-field index that can be grouped by value (what a Map compares; a Date by its time). */
function groupKeyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return `n${value}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  return undefined;
}

/**
 * Takes documents (the ones in memory, not copies) out of every index, many at a time. nedb removes one document by
 * filtering the list of documents sharing its key in each index: an outbox's `status` index holds every `delivered`
 * row under one key, so a purge of k rows from a backlog of n cost k x n (155-207 ms per chunk at 20,000 rows). Here
 * each key's list is filtered once per call, keeping one of the documents to remove, which nedb's own delete then
 * takes out (dropping the key from the tree when it was the last). Keys that are arrays or missing go through
 * nedb's per-document removal, as before.
 */
function removeFromIndexes(db: Datastore<NedbDoc>, docs: NedbDoc[]): void {
  const indexes = Object.values((db as unknown as { indexes: Record<string, NedbIndex> }).indexes);
  for (const index of indexes) {
    const field = index._fields?.length === 1 && !index._fields[0].includes('.') ? index._fields[0] : undefined;
    const groups = new Map<string, { key: unknown; docs: Set<NedbDoc> }>();
    for (const doc of docs) {
      const key = field === undefined ? undefined : doc[field];
      const group = field === undefined ? undefined : groupKeyOf(key);
      if (group === undefined) {
        index.remove(doc);
        continue;
      }
      const found = groups.get(group);
      if (found) found.docs.add(doc);
      else groups.set(group, { key, docs: new Set([doc]) });
    }
    for (const { key, docs: leaving } of groups.values()) {
      const [kept] = leaving;
      if (leaving.size > 1) {
        // the live list of the key's documents (nedb's search returns the node's own array): filtered in place
        const list = index.tree.search(key);
        let at = 0;
        for (const doc of list) if (!leaving.has(doc) || doc === kept) list[at++] = doc;
        list.length = at;
      }
      index.tree.delete(key, kept);
    }
  }
}

/**
 * Whether nedb would ever read a compound index on these fields. It never uses one for a sort or a range, only to
 * find the documents of a query that fixes every one of its fields to a value, and only when no field of that
 * query has an index of its own (`_getRawCandidates`: a one-field match comes first). So a compound index with
 * `_id` or another indexed field among its fields is never read. A one-field sort index is an ordinary index.
 */
function nedbCanUse(fields: readonly string[], indexes: readonly IndexSpec[]): boolean {
  if (fields.length === 1) return true;
  return !fields.some((field) => field === '_id' || indexes.some((index) => index.field === field));
}

/** nedb's name of the compound index of a sort: its fields, sorted, joined by commas (one field: the field). */
function nedbIndexName(keys: SortSpec): string {
  return Object.keys(keys).sort().join(',');
}

/**
 * Top-level fields above which a document nedb builds in memory is held in V8's slow (dictionary) form: nedb copies
 * every document it stores key by key (`deepCopy` on insert and on every update), and V8 turns an object that gets
 * more than about a dozen properties that way into a hash table. A lead (about 25 fields) then takes a
 * 198-entry NameDictionary, about 1.6 KB more than the same lead read from the file, and every full garbage
 * collection walks all of it: at 100,000 leads, the heap grew by 142 MB over a soak that updated a third of them.
 */
const SETTLE_ABOVE_FIELDS = 12;

function hasManyFields(doc: NedbDoc): boolean {
  let fields = 0;
  for (const key in doc) {
    if (Object.hasOwn(doc, key) && ++fields > SETTLE_ABOVE_FIELDS) return true;
  }
  return false;
}

/**
 * Puts in nedb's memory, in place of the stored document with this id, the same document as a load reads it from
 * its line (serialised and parsed again: JSON.parse builds compact objects), when nedb's own copy is a large one
 * (hasManyFields). nedb's own index update swaps it in every index; the keys are the same, so no index refuses it.
 */
function settle(db: Datastore<NedbDoc>, id: unknown): void {
  const byId = (db as unknown as { indexes: Record<string, NedbIndex> }).indexes._id;
  const held = byId.tree.search(id)[0];
  if (!held || !hasManyFields(held)) return;
  const reading = readLine(serializeRecord(held));
  if (reading.kind !== 'doc') return;
  (db as unknown as { _updateIndexes(oldDoc: NedbDoc, newDoc: NedbDoc): void })._updateIndexes(held, reading.doc);
}

/** What a collection tells its store about the disk. */
interface DiskWatch {
  failed(collection: string, err: unknown): void;
  succeeded(): void;
  isClosed(): boolean;
  logger: Logger;
  /** superseded lines before a compaction is due (at least; and more than the live documents) */
  compactMinSuperseded: number;
  /** documents in one batch of a compaction's snapshot, at most */
  snapshotBatch: number;
  /** a compaction copies the old file's live lines byte for byte (false: serialises every document from memory) */
  copyLines: boolean;
}

/**
 * One collection: nedb in memory answers the queries and keeps the indexes, CollectionFile keeps the data on
 * disk. Every operation runs through one commit queue per collection (group commit): a write is answered once it is
 * on disk, a write the disk refuses is undone in memory, and a read is answered only once every earlier write it
 * could see is on disk, so nobody is told of a change that may yet be undone.
 */
class EmbeddedCollection<T extends Doc> implements DocumentCollection<T> {
  /** every operation goes through the commit queue, in the order it was called */
  readonly appliesInCallOrder = true;
  private readonly queue: CommitQueue;
  /** the deferred sync waiting to run (deferredSyncMs), if any */
  private syncTimer: NodeJS.Timeout | undefined;
  /** the compaction under way, if any: one at a time */
  private compaction: Promise<void> | undefined;
  /** close() was called: a compaction under way stops at its next chunk */
  private closing = false;
  /** after a failed compaction, the next is not tried before the file has this many more lines */
  private retryAtLines = 0;

  constructor(
    private readonly name: string,
    private readonly db: Datastore<NedbDoc>,
    private readonly file: CollectionFile,
    private readonly disk: DiskWatch,
    /** documents in memory, kept by each write and its undo (nedb can only count them by walking them all) */
    private live: number,
    private readonly sortIndexes: readonly SortSpec[] = [],
    /** the declared one-field indexes (which compound indexes nedb could use depends on them) */
    private readonly indexes: readonly IndexSpec[] = [],
    /** CollectionSpec.deferredSyncMs: writes answered once written, synced within this delay */
    private readonly deferredSyncMs?: number,
  ) {
    this.queue = new CommitQueue((records, sync) => this.persist(records, sync));
  }

  private read<R>(task: () => Promise<R>): Promise<R> {
    if (this.disk.isClosed()) return Promise.reject(new Error('store is closed'));
    return this.queue.read(task);
  }

  private write<R>(apply: () => Promise<Applied<R>>): Promise<R> {
    if (this.disk.isClosed()) return Promise.reject(new Error('store is closed'));
    return this.queue.write(apply);
  }

  insert(doc: T, options: WriteOptions = {}): Promise<T> {
    return this.write(() => this.applyInsert(doc, options.syncLater));
  }

  /** The look and the insert are one turn of the queue: nothing is applied between them. */
  insertUnless(doc: T, unless: readonly Filter[]): Promise<{ inserted: T } | { found: T[][] }> {
    return this.write(async (): Promise<Applied<{ inserted: T } | { found: T[][] }>> => {
      const found: T[][] = [];
      for (const filter of unless) found.push((await this.db.findAsync(filter)) as T[]);
      if (found.some((docs) => docs.length > 0)) return { records: [], result: { found } };
      const applied = await this.applyInsert(doc);
      return { ...applied, result: { inserted: applied.result } };
    });
  }

  private async applyInsert(doc: T, syncLater?: boolean): Promise<Applied<T>> {
    const inserted = await this.unique(() => this.db.insertAsync(doc));
    settle(this.db, inserted._id);
    this.live += 1;
    const undo = async (): Promise<void> => {
      await this.db.removeAsync({ _id: inserted._id }, {});
      this.live -= 1;
    };
    return { records: [inserted], undo, result: inserted as T, syncLater };
  }

  insertNew(docs: readonly T[]): Promise<number> {
    return this.write(async (): Promise<Applied<number>> => {
      const inserted: NedbDoc[] = [];
      const undo = async (): Promise<void> => {
        await this.db.removeAsync({ _id: { $in: inserted.map((d) => d._id) } }, { multi: true });
        this.live -= inserted.length;
      };
      // many documents: in slices (the queue lets nothing else in meanwhile, so the batch stays one write)
      const slice = new TimeSlice();
      try {
        for (const doc of docs) {
          await slice.pause();
          try {
            const stored = await this.db.insertAsync(doc);
            settle(this.db, stored._id);
            inserted.push(stored);
            this.live += 1;
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
          }
        }
      } catch (err) {
        await undo(); // none of the batch is kept
        throw err;
      }
      if (inserted.length === 0) return { records: [], result: 0 };
      return { records: inserted, undo, result: inserted.length };
    });
  }

  findOne(filter: Filter): Promise<T | null> {
    return this.read(async () => (await this.db.findOneAsync(filter)) as T | null);
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.read(async () => {
      let cursor = this.db.findAsync(filter);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return (await cursor) as T[];
    });
  }

  /**
   * nedb's index names (a field, or a compound's fields sorted and joined by commas), and the declared sort indexes
   * by MongoDB's names: each one built as an nedb compound index, or one nedb could never use (nedbCanUse), whose
   * queries its single-field indexes serve.
   */
  async indexNames(): Promise<string[]> {
    const names = Object.keys((this.db as unknown as { indexes: Record<string, unknown> }).indexes);
    const sorts = this.sortIndexes.filter((keys) => names.includes(nedbIndexName(keys)) || !nedbCanUse(Object.keys(keys), this.indexes)).map(sortIndexName);
    return [...names, ...sorts];
  }

  count(filter: Filter): Promise<number> {
    return this.read(() => this.db.countAsync(filter));
  }

  updateOne(filter: Filter, update: Update, options: WriteOptions = {}): Promise<T | null> {
    return this.write(async (): Promise<Applied<T | null>> => {
      // the version to put back if the disk refuses; nedb returns copies
      const before = await this.db.findOneAsync(filter);
      if (!before) return { records: [], result: null };
      const after = await this.replaceOrUpdate(before._id, update, false);
      if (!after) return { records: [], result: null };
      return { records: [after], undo: () => this.db.updateAsync({ _id: before._id }, before, {}), result: after as T, syncLater: options.syncLater };
    });
  }

  updateMany(filter: Filter, update: Update): Promise<number> {
    return this.write(async (): Promise<Applied<number>> => {
      // the versions to put back if the disk refuses; nothing else writes in between (one write at a time)
      const before = await this.db.findAsync(filter);
      const after: NedbDoc[] = [];
      const undo = async (): Promise<void> => {
        const slice = new TimeSlice();
        for (const doc of before) {
          await slice.pause();
          await this.db.updateAsync({ _id: doc._id }, doc, {});
        }
      };
      // many documents: in slices (the queue lets nothing else in meanwhile, so the batch stays one write)
      const slice = new TimeSlice();
      try {
        for (const doc of before) {
          await slice.pause();
          const updated = await this.replaceOrUpdate(doc._id, update, false);
          if (updated) after.push(updated);
        }
      } catch (err) {
        await undo(); // a unique key taken half-way: none of the batch is written
        throw err;
      }
      if (after.length === 0) return { records: [], result: 0 };
      return { records: after, undo, result: after.length };
    });
  }

  upsert(doc: T): Promise<void> {
    return this.write(async (): Promise<Applied<void>> => {
      const before = await this.db.findOneAsync({ _id: doc._id });
      const after = await this.replaceOrUpdate(doc._id, doc, true);
      if (!after) return { records: [], result: undefined };
      if (!before) this.live += 1;
      const undo = async (): Promise<void> => {
        if (before) {
          await this.db.updateAsync({ _id: doc._id }, before, {});
        } else {
          await this.db.removeAsync({ _id: doc._id }, {});
          this.live -= 1;
        }
      };
      return { records: [after], undo, result: undefined };
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.write(async (): Promise<Applied<number>> => {
      const gone = await this.db.findAsync(filter);
      if (gone.length === 0) return { records: [], result: 0 };
      const ids = gone.map((d) => d._id as string);
      const byId = (this.db as unknown as { indexes: Record<string, NedbIndex> }).indexes._id;
      removeFromIndexes(this.db, ids.map((id) => byId.tree.search(id)[0]));
      this.live -= gone.length;
      const undo = async (): Promise<void> => {
        await this.db.insertAsync(gone);
        this.live += gone.length;
      };
      return { records: ids.map((id) => deletionRecord(id)), undo, result: gone.length };
    });
  }

  /**
   * Rewrites the file from memory, now (after any compaction under way, whose snapshot may predate the caller's
   * erasure), and resolves once the new file is on disk. Reads and writes go on meanwhile.
   */
  async purgeSuperseded(): Promise<void> {
    if (this.disk.isClosed()) throw new Error('store is closed');
    await this.compaction?.catch(() => undefined);
    // a file without superseded lines holds no earlier copy of anything: nothing to rewrite (asked in a queue turn,
    // where no write is applied in memory and not yet in the file)
    if (await this.queue.exclusive(async () => this.file.superseded(this.live) === 0)) return;
    await this.compact();
  }

  /** Starts a compaction in the background when one is due (at load: the store is ready without waiting for it). */
  compactIfDue(): void {
    if (this.compaction || !this.compactionDue()) return;
    this.compact().catch((err: unknown) => this.disk.logger.warn({ collection: this.name, code: errnoOf(err) ?? 'unknown' }, 'compaction failed'));
  }

  /**
   * Stops a compaction under way (the old file, whole, stays), waits for what is queued, and lets the file go. It
   * does not compact (unless a failed write left a fragment): stopping stays quick at any size, and the next start
   * compacts in the background if due.
   */
  async close(): Promise<void> {
    if (this.file.hasFragment) {
      // rare (a write failed, then the disk came back): rewrite now, or the next load quarantines the fragment
      await this.compaction?.catch(() => undefined);
      await this.compact().catch((err: unknown) => this.disk.logger.warn({ collection: this.name, code: errnoOf(err) ?? 'unknown' }, 'could not compact the collection on close'));
    }
    this.closing = true;
    await this.compaction?.catch(() => undefined);
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    // file.close() syncs what a deferred sync had yet to
    await this.queue.exclusive(() => this.file.close());
  }

  private async unique<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  private async replaceOrUpdate(id: unknown, update: Update, upsert: boolean): Promise<NedbDoc | null> {
    const result = await this.unique(() => this.db.updateAsync({ _id: id }, update, { returnUpdatedDocs: true, multi: false, upsert }));
    if (result.numAffected === 0) return null;
    settle(this.db, id);
    return result.affectedDocuments as NedbDoc;
  }

  private compactionDue(): boolean {
    if (this.closing || this.file.superseded(this.live) + this.live < this.retryAtLines) return false;
    return this.file.hasFragment || needsCompaction(this.file.superseded(this.live), this.live, this.disk.compactMinSuperseded);
  }

  /**
   * Appends a batch's records and syncs them (the commit queue undoes the batch in memory if this throws); with
   * deferredSyncMs, or when every write of the batch may be synced later (`sync` false), a batch without deletions
   * is synced by the next deferred sync instead.
   */
  private async persist(records: StoredRecord[], sync: boolean): Promise<void> {
    const defer = (this.deferredSyncMs !== undefined || !sync) && !records.some((record) => record.$$deleted === true);
    try {
      await this.file.append(records, { sync: !defer });
    } catch (err) {
      if (errnoOf(err) === undefined) throw err;
      this.disk.failed(this.name, err);
      throw new StoreUnavailableError(this.name, err);
    }
    this.disk.succeeded();
    if (defer) this.scheduleSync();
    // in the background: this batch is already on disk; a failure is logged, the data is safe in the append log
    this.compactIfDue();
  }

  /**
   * One sync for every unsynced write of the next deferredSyncMs, outside the commit queue: writes go on meanwhile
   * (a sync takes whatever the file holds by then). A failed sync is logged; the lines stay marked unsynced and the
   * next write schedules another.
   */
  private scheduleSync(): void {
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      this.file.syncDeferred().catch((err: unknown) => this.disk.logger.warn({ collection: this.name, code: errnoOf(err) ?? 'unknown' }, 'a deferred sync failed: retried after the next write'));
    }, this.deferredSyncMs ?? SYNC_LATER_MS);
    // a pending sync does not keep the process alive; close() syncs what is left
    this.syncTimer.unref();
  }

  /**
   * The live documents for a rewrite that cannot copy the file's lines (some line's place is unknown, or
   * `copyLines: false`), in `_id` order, a time slice's worth per batch, each batch taken in a queue
   * turn of its own (every earlier write on disk, none half applied: a batch never holds a write the disk may yet
   * refuse). A document changed or removed after the rewrite started may be in a batch as it was before or after:
   * its change is confirmed after startRewrite, so it is carried over behind the snapshot and wins when the file is
   * read. One that stays as it was is taken exactly once (documentsAfter resumes by key). Taking all of them in one
   * turn (nedb's getAllData) held the loop 20-100 ms at 100,000 leads.
   */
  private async *snapshotBatches(): AsyncGenerator<StoredRecord[]> {
    let after: { key: unknown } | undefined;
    for (;;) {
      const batch = await this.queue.exclusive(async () => {
        const slice = new TimeSlice();
        return documentsAfter(this.db, after, this.disk.snapshotBatch, () => slice.spent);
      });
      if (batch.docs.length > 0) yield batch.docs;
      if (batch.done) return;
      // never an early end: a snapshot cut short would replace the file without the documents not yet taken
      if (this.closing) throw new RewriteStopped();
      after = batch.after;
    }
  }

  /** One compaction at a time: a caller arriving during one shares it. */
  private compact(): Promise<void> {
    this.compaction ??= this.rewriteInBackground().finally(() => {
      this.compaction = undefined;
    });
    return this.compaction;
  }

  /**
   * Compaction that never holds up the collection: the rewrite starts in one queue turn (every earlier write on
   * disk, no later one applied; from then on every confirmed record is also kept for the new file), the snapshot
   * (each live document's latest line, copied from the old file; or, failing that, the documents taken from memory a
   * batch at a time by snapshotBatches) is streamed to the new file in chunks while reads and writes go on
   * (the writes are also appended to the old file, and carried over after the snapshot), and the new file takes
   * the old one's place in a last, short turn. A crash at any moment leaves the old file whole, or the new one
   * complete.
   */
  private async rewriteInBackground(): Promise<void> {
    try {
      await this.queue.exclusive(() => this.file.startRewrite({ copyLines: this.disk.copyLines }));
      await this.file.writeRewrite(() => this.snapshotBatches(), () => this.closing);
      await this.queue.exclusive(() => this.file.finishRewrite());
    } catch (err) {
      await this.file.abandonRewrite();
      if (err instanceof RewriteStopped) return;
      // not again before as many more lines as the policy's minimum: a full disk is not hammered on every write
      this.retryAtLines = this.file.superseded(this.live) + this.live + this.disk.compactMinSuperseded;
      this.disk.failed(this.name, err);
      throw new StoreUnavailableError(this.name, err);
    }
    this.retryAtLines = 0;
    this.disk.succeeded();
  }
}

export interface EmbeddedStoreOptions {
  /** who holds the folder, in words, for the message a second process gets */
  owner?: string;
  logger?: Logger;
  files?: StoreFileSystem;
  /** superseded lines a file may carry before it is compacted, at least (default 1000; tests lower it) */
  compactMinSuperseded?: number;
  /** a collection with more documents than this is warned about at load (default EMBEDDED_DOCUMENTS_LIMIT) */
  documentsLimit?: number;
  /** documents in one batch of a compaction's snapshot, at most (default 20,000; a batch also ends with its time slice; tests lower it) */
  snapshotBatch?: number;
  /**
   * a compaction copies each live document's latest line from the old file, byte for byte (default true); false
   * serialises every document from memory, as the store also does whenever some line's place is not known (tests
   * use it to reach that path)
   */
  copyLines?: boolean;
}

/**
 * The zero-setup store for one instance: one file per collection under dataDir, in nedb's format. A write is
 * appended and synced before it resolves; one the disk refuses changes nothing and rejects with
 * StoreUnavailableError. One process owns the folder (store.lock). Lines found damaged at load go to
 * `<collection>.db.quarantine` and are reported until staff acknowledge them.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, Promise<EmbeddedCollection<Doc>>>();
  private readonly quarantine = new Map<string, QuarantineReport>();
  private closed = false;
  /** the last write failed, and no write or probe has succeeded since */
  private failing: { collection: string; code: string } | undefined;

  private constructor(
    private readonly dataDir: string,
    private readonly files: StoreFileSystem,
    private readonly lock: DataDirLock,
    private readonly logger: Logger,
    private readonly compactMinSuperseded: number,
    private readonly documentsLimit: number,
    private readonly snapshotBatch: number,
    private readonly copyLines: boolean,
  ) {}

  static async open(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
    const files = options.files ?? nodeFileSystem;
    await files.mkdir(dataDir, { recursive: true });
    const lock = await DataDirLock.acquire(files, dataDir, options.owner ?? `${path.basename(process.argv[1] ?? 'node')}`);
    const store = new EmbeddedStore(dataDir, files, lock, options.logger ?? silentLogger, options.compactMinSuperseded ?? COMPACT_MIN_SUPERSEDED, options.documentsLimit ?? EMBEDDED_DOCUMENTS_LIMIT, options.snapshotBatch ?? SNAPSHOT_BATCH_MAX, options.copyLines ?? true);
    try {
      await store.findQuarantine();
    } catch (err) {
      await lock.release();
      throw err;
    }
    return store;
  }

  async collection<T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>> {
    if (this.closed) throw new Error('store is closed');
    let loading = this.collections.get(spec.name);
    if (!loading) {
      loading = this.load(spec);
      this.collections.set(spec.name, loading);
    }
    return (await loading) as unknown as DocumentCollection<T>;
  }

  private async load(spec: CollectionSpec): Promise<EmbeddedCollection<Doc>> {
    const started = Date.now();
    const { file, docs, quarantined } = await CollectionFile.load(this.files, this.dataDir, spec.name).catch((err: unknown) => {
      throw new Error(`cannot load the ${spec.name} collection from ${this.dataDir}: ${errnoOf(err) ?? (err as Error).message}`, { cause: err });
    });
    if (quarantined > 0) {
      // counts and names only: a damaged line may hold personal data
      this.logger.error({ collection: spec.name, lines: quarantined, file: path.basename(quarantineFileOf(file.path)) }, 'damaged lines found in a data file: moved to quarantine, staff must acknowledge them');
      await this.noteQuarantine(spec.name);
    }
    const db = new Datastore<NedbDoc>({ inMemoryOnly: true, timestampData: false });
    updateIndexesInPlace(db);
    for (const index of spec.indexes) {
      await db.ensureIndexAsync({ fieldName: index.field, unique: index.unique ?? false, sparse: index.sparse ?? false });
    }
    // the declared sort indexes too, as nedb compound indexes (no direction), but only those nedb could ever use:
    // see nedbCanUse. The others (every lead listing's) would hold a key object and a tree node per document for
    // nothing (88 MB of heap at 100,000 leads, more load time and more work per write); indexNames still lists them,
    // the declaration staying the one source on both stores.
    for (const keys of spec.sortIndexes ?? []) {
      const fields = Object.keys(keys);
      if (!nedbCanUse(fields, spec.indexes)) continue;
      await db.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0] : fields });
    }
    if (docs.length > 0) {
      await fill(db, docs).catch((err: unknown) => {
        // nedb's message quotes the duplicated value, which may be personal data
        if (isUniqueViolation(err)) throw new Error(`cannot load the ${spec.name} collection from ${this.dataDir}: two documents share a value of a unique index`);
        throw err;
      });
    }
    const collection = new EmbeddedCollection<Doc>(
      spec.name,
      db,
      file,
      {
        failed: (name, err) => {
          if (!this.failing) this.logger.error({ collection: name, code: errnoOf(err) ?? 'unknown' }, 'a write to the data folder failed: nothing of it was kept');
          this.failing = { collection: name, code: errnoOf(err) ?? 'unknown' };
        },
        succeeded: () => {
          if (this.failing) this.logger.info({ collection: this.failing.collection }, 'writes to the data folder work again');
          this.failing = undefined;
        },
        isClosed: () => this.closed,
        logger: this.logger,
        compactMinSuperseded: this.compactMinSuperseded,
        snapshotBatch: this.snapshotBatch,
        copyLines: this.copyLines,
      },
      docs.length,
      spec.sortIndexes,
      spec.indexes,
      spec.deferredSyncMs,
    );
    collection.compactIfDue();
    if (docs.length > this.documentsLimit) {
      this.logger.warn(
        { collection: spec.name, documents: docs.length, limit: this.documentsLimit, loadMs: Date.now() - started },
        'the embedded store holds more documents than it is meant for: it keeps them all in memory and reads them all at start; move to MongoDB (MONGODB_URI; README, "When to move to MongoDB")',
      );
    }
    return collection;
  }

  /** Ready when not closed and, after a failed write, when a probe write of its own reaches the disk. */
  async ping(): Promise<void> {
    if (this.closed) throw new Error('store is closed');
    if (!this.failing) return;
    const probe = path.join(this.dataDir, '.write-probe');
    try {
      const handle = await this.files.open(probe, 'w', 0o600);
      try {
        await writeAll(handle, Buffer.alloc(PROBE_BYTES));
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw new StoreUnavailableError(this.failing?.collection ?? '(probe)', err);
    } finally {
      await this.files.unlink(probe).catch(() => undefined);
    }
    if (this.failing) this.logger.info({ collection: this.failing.collection }, 'writes to the data folder work again');
    this.failing = undefined;
  }

  quarantined(): QuarantineReport[] {
    return [...this.quarantine.values()].map((q) => ({ ...q }));
  }

  /** Renames each reported quarantine file to `<file>.acknowledged-<time>`: kept for inspection, not reported. */
  async acknowledgeQuarantine(): Promise<QuarantineReport[]> {
    const acknowledged: QuarantineReport[] = [];
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const report of this.quarantine.values()) {
      const from = path.join(this.dataDir, report.file);
      try {
        await this.files.rename(from, `${from}.acknowledged-${stamp}`);
      } catch (err) {
        // already moved away by hand: acknowledged all the same
        if (errnoOf(err) !== 'ENOENT') throw new StoreUnavailableError(report.collection, err);
      }
      acknowledged.push({ ...report });
      this.quarantine.delete(report.collection);
    }
    if (acknowledged.length > 0) await syncDir(this.files, this.dataDir).catch(() => undefined);
    return acknowledged;
  }

  async serverInfo(): Promise<undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      for (const pending of this.collections.values()) {
        // A collection that failed to load (its open already reported why) has nothing to flush.
        const collection = await pending.catch(() => undefined);
        await collection?.close();
      }
      this.collections.clear();
    } finally {
      await this.lock.release();
    }
  }

  /** Quarantine files left unacknowledged by an earlier run are reported (and logged) again. */
  private async findQuarantine(): Promise<void> {
    for (const name of await this.files.readdir(this.dataDir)) {
      if (!name.endsWith(QUARANTINE_SUFFIX)) continue;
      const collection = name.slice(0, -QUARANTINE_SUFFIX.length);
      await this.noteQuarantine(collection);
      const report = this.quarantine.get(collection);
      if (report) this.logger.error({ ...report }, 'damaged lines are in quarantine, not yet acknowledged by staff');
    }
  }

  private async noteQuarantine(collection: string): Promise<void> {
    const file = `${collection}${QUARANTINE_SUFFIX}`;
    const raw = await readIfExists(this.files, path.join(this.dataDir, file));
    const lines = raw ? raw.toString('utf8').split('\n').filter((l) => l.trim() !== '').length : 0;
    if (lines > 0) this.quarantine.set(collection, { collection, lines, file });
  }
}
