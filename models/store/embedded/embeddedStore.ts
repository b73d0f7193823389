import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import Datastore from '@seald-io/nedb';
import { DuplicateKeyError, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type FindOptions, type Update } from '../collection';
import type { Store } from '../store';

type NedbDoc = Record<string, unknown>;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

/** nedb reads and writes in one process, through one queue per datastore: each call is atomic. */
class NedbCollection<T extends Doc> implements DocumentCollection<T> {
  constructor(private readonly name: string, private readonly db: Datastore<NedbDoc>) {}

  async insert(doc: T): Promise<T> {
    try {
      return (await this.db.insertAsync(doc)) as T;
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.db.findOneAsync(filter)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.db.findAsync(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor) as T[];
  }

  count(filter: Filter): Promise<number> {
    return this.db.countAsync(filter);
  }

  async updateOne(filter: Filter, update: Update): Promise<T | null> {
    try {
      const result = await this.db.updateAsync(filter, update, { returnUpdatedDocs: true, multi: false });
      return (result.numAffected > 0 ? result.affectedDocuments : null) as T | null;
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async upsert(doc: T): Promise<void> {
    try {
      await this.db.updateAsync({ _id: doc._id }, doc, { upsert: true });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.db.removeAsync(filter, { multi: true });
  }

  async purgeSuperseded(): Promise<void> {
    await this.db.compactDatafileAsync();
  }
}

/**
 * The zero-setup store for one instance: one append-only nedb file per collection under dataDir. nedb appends
 * each write to its file before its callback resolves, so a write the bot confirmed survives a crash.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, Promise<Datastore<NedbDoc>>>();
  private closed = false;

  private constructor(private readonly dataDir: string) {}

  static async open(dataDir: string): Promise<EmbeddedStore> {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.access(dataDir, fs.constants.W_OK);
    return new EmbeddedStore(dataDir);
  }

  async collection<T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>> {
    if (this.closed) throw new Error('store is closed');
    let db = this.collections.get(spec.name);
    if (!db) {
      db = this.load(spec);
      this.collections.set(spec.name, db);
    }
    return new NedbCollection<T>(spec.name, await db);
  }

  private async load(spec: CollectionSpec): Promise<Datastore<NedbDoc>> {
    const db = new Datastore<NedbDoc>({ filename: path.join(this.dataDir, `${spec.name}.db`), timestampData: false });
    await db.loadDatabaseAsync();
    for (const index of spec.indexes) {
      await db.ensureIndexAsync({ fieldName: index.field, unique: index.unique ?? false, sparse: index.sparse ?? false });
    }
    // Compacting now and then keeps the append log from growing without bound.
    db.setAutocompactionInterval(10 * 60 * 1000);
    return db;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('store is closed');
    await fs.access(this.dataDir, fs.constants.W_OK);
  }

  async serverInfo(): Promise<undefined> {
    return undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.collections.values()) {
      // A collection that failed to load (its open already reported why) has nothing to flush.
      const db = await pending.catch(() => undefined);
      if (!db) continue;
      db.stopAutocompaction();
      // Rewrites the file without superseded lines; every write was already on disk.
      await db.compactDatafileAsync();
    }
    this.collections.clear();
  }
}
