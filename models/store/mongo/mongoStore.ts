import mongoose, { type Connection } from 'mongoose';
import { DuplicateKeyError, StoreUnavailableError, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type FindOptions, type Update } from '../collection';
import type { QuarantineReport, Store } from '../store';

type MongoCollection = ReturnType<Connection['collection']>;

function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: number; message?: unknown };
  // MongoDB (and FerretDB on inserts) say 11000; FerretDB v1 answers an update that would break a unique index with
  // its SQLite backend's own error instead ("UNIQUE constraint failed: index ...", SQLite's code 2067)
  return code === 11000 || (typeof message === 'string' && /UNIQUE constraint failed: index /.test(message));
}

/**
 * The driver's errors that mean "the database cannot be reached or cannot write now" (a network fault, no server
 * selectable, a closed client, a full disk): callers get StoreUnavailableError, as on the embedded store, so the
 * API answers 503 and the worker hears that the request was not completed instead of a generic failure.
 */
const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);
const OUT_OF_DISK_SPACE = 14031;

function translated(collection: string, err: unknown): unknown {
  if (isDuplicateKey(err)) return new DuplicateKeyError(collection, err);
  const { name, code } = (typeof err === 'object' && err !== null ? err : {}) as { name?: string; code?: number };
  if ((name !== undefined && UNAVAILABLE_ERRORS.has(name)) || code === OUT_OF_DISK_SPACE) return new StoreUnavailableError(collection, err);
  return err;
}

/** Direct driver calls through mongoose's connection: the schemas and indexes are declared once, in CollectionSpec. */
class MongoDocumentCollection<T extends Doc> implements DocumentCollection<T> {
  constructor(
    private readonly name: string,
    private readonly collection: MongoCollection,
    /** the server is FerretDB: see updateOne */
    private readonly ferretDb = false,
  ) {}

  /** Every driver call goes through here, so its errors reach callers in the port's terms. */
  private async call<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (err) {
      throw translated(this.name, err);
    }
  }

  insert(doc: T): Promise<T> {
    return this.call(async () => {
      // The driver types _id as ObjectId; ours are strings, which MongoDB accepts.
      await this.collection.insertOne({ ...doc } as unknown as Parameters<MongoCollection['insertOne']>[0]);
      return doc;
    });
  }

  /** A look, then an insert: not one step, as an insert after a look never was here; unique indexes decide races. */
  async insertUnless(doc: T, unless: readonly Filter[]): Promise<{ inserted: T } | { found: T[][] }> {
    const found = await Promise.all(unless.map((filter) => this.find(filter)));
    if (found.some((docs) => docs.length > 0)) return { found };
    return { inserted: await this.insert(doc) };
  }

  insertNew(docs: readonly T[]): Promise<number> {
    if (docs.length === 0) return Promise.resolve(0);
    return this.call(async () => {
      try {
        // unordered: a taken key does not stop the documents after it
        const batch = docs.map((doc) => ({ ...doc })) as unknown as Parameters<MongoCollection['insertMany']>[0];
        return (await this.collection.insertMany(batch, { ordered: false })).insertedCount;
      } catch (err) {
        const { writeErrors, insertedCount } = err as { writeErrors?: unknown; insertedCount?: number };
        const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
        // only taken keys: the rest went in
        if (errors.length > 0 && errors.every(isDuplicateKey) && typeof insertedCount === 'number') return insertedCount;
        throw err;
      }
    });
  }

  findOne(filter: Filter): Promise<T | null> {
    return this.call(async () => (await this.collection.findOne(filter)) as T | null);
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.call(async () => {
      let cursor = this.collection.find(filter);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return (await cursor.toArray()) as unknown as T[];
    });
  }

  count(filter: Filter): Promise<number> {
    return this.call(() => this.collection.countDocuments(filter));
  }

  updateOne(filter: Filter, update: Update): Promise<T | null> {
    return this.call(async () => {
      const byKey = this.ferretDb ? keyAndConditions(filter) : undefined;
      if (byKey) {
        // FerretDB v1 answers a filter from its key only when it is `_id` alone (`{ _id, status }` reads the whole
        // collection: 150-270 ms at 3,000 documents against 10-15 ms): so the document is read by its key, the rest
        // of the filter checked here, and the update written by key. Not atomic, as FerretDB's own conditional
        // update is not either; races are decided by unique inserts (models/teams/leases.ts).
        const current = await this.collection.findOne({ _id: byKey.id } as Filter);
        if (!current) return null;
        const matches = matchesFilter(current, byKey.conditions);
        if (matches === false) return null;
        if (matches) return (await this.collection.findOneAndUpdate({ _id: byKey.id } as Filter, update, { returnDocument: 'after' })) as T | null;
      }
      return (await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' })) as T | null;
    });
  }

  updateMany(filter: Filter, update: Update): Promise<number> {
    return this.call(async () => (await this.collection.updateMany(filter, update)).modifiedCount);
  }

  upsert(doc: T): Promise<void> {
    return this.call(async () => {
      await this.collection.replaceOne({ _id: doc._id } as Filter, doc, { upsert: true });
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.call(async () => (await this.collection.deleteMany(filter)).deletedCount);
  }

  indexNames(): Promise<string[]> {
    return this.call(async () => (await this.collection.indexes()).map((index) => String(index.name)));
  }

  /** MongoDB updates documents in place: there is no superseded copy to remove. */
  async purgeSuperseded(): Promise<void> {}
}

/**
 * `{ _id: <string>, ...conditions }` split in two, when the conditions are plain field comparisons (no logical
 * operator, no null, which MongoDB and the in-memory matcher read differently); undefined otherwise.
 */
function keyAndConditions(filter: Filter): { id: string; conditions: Filter } | undefined {
  const { _id: id, ...conditions } = filter as Record<string, unknown>;
  if (typeof id !== 'string' || Object.keys(conditions).length === 0) return undefined;
  for (const [key, value] of Object.entries(conditions)) {
    if (key.startsWith('$') || value === null || value === undefined) return undefined;
    if (typeof value === 'object' && !(value instanceof Date) && Object.values(value as object).some((v) => v === null)) return undefined;
  }
  return { id, conditions };
}

// nedb's matcher (the embedded store's query engine) speaks the same comparisons ($lte, $in, $exists, equality)
const nedbModel = require('@seald-io/nedb/lib/model.js') as { match(doc: unknown, query: unknown): boolean };

/** Whether `doc` matches; undefined when the matcher does not know an operator (the server decides then). */
function matchesFilter(doc: unknown, conditions: Filter): boolean | undefined {
  try {
    return nedbModel.match(doc, conditions);
  } catch {
    return undefined;
  }
}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly ready = new Map<string, Promise<void>>();

  private constructor(private readonly connection: Connection) {}

  static async connect(uri: string): Promise<MongoStore> {
    const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, autoIndex: false });
    await connection.asPromise();
    return new MongoStore(connection);
  }

  async collection<T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>> {
    const collection = this.connection.collection(spec.name);
    let ready = this.ready.get(spec.name);
    if (!ready) {
      ready = this.createIndexes(collection, spec);
      this.ready.set(spec.name, ready);
    }
    await ready;
    return new MongoDocumentCollection<T>(spec.name, collection, await this.isFerretDb());
  }

  /** One command per index: FerretDB v1 panics on a createIndexes of several when some of them exist already. */
  private async createIndexes(collection: MongoCollection, spec: CollectionSpec): Promise<void> {
    for (const index of spec.indexes) {
      // FerretDB v1 answers "not implemented" to a TTL index: a plain one there (the repository sweeps)
      const ttl = index.expireAfterSeconds !== undefined && !(await this.isFerretDb()) ? { expireAfterSeconds: index.expireAfterSeconds } : {};
      await collection.createIndex(
        { [index.field]: 1 },
        // Sparse (not partial) so FerretDB accepts it too; repositories omit absent fields rather than store null,
        // which is the one case where the two differ.
        { unique: index.unique ?? false, sparse: index.sparse ?? false, ...ttl },
      );
    }
    for (const keys of spec.sortIndexes ?? []) await collection.createIndex(keys);
  }

  private ferretDb: Promise<boolean> | undefined;

  /** FerretDB (what CI runs the MongoDB adapter on): no TTL indexes, and a key lookup only for `_id` alone. */
  private isFerretDb(): Promise<boolean> {
    this.ferretDb ??= this.serverInfo().then((info) => info.ferretdbVersion !== undefined);
    return this.ferretDb;
  }

  async ping(): Promise<void> {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    await db.admin().ping();
  }

  /** MongoDB keeps its own integrity: nothing is ever set aside here. */
  quarantined(): QuarantineReport[] {
    return [];
  }

  async acknowledgeQuarantine(): Promise<QuarantineReport[]> {
    return [];
  }

  async serverInfo(): Promise<Record<string, unknown>> {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    return db.admin().buildInfo();
  }

  /** For tests: throws the whole database away. */
  async dropDatabase(): Promise<void> {
    await this.connection.dropDatabase();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
