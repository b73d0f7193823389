import mongoose, { type Connection } from 'mongoose';
import { DuplicateKeyError, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type FindOptions, type Update } from '../collection';
import type { QuarantineReport, Store } from '../store';

type MongoCollection = ReturnType<Connection['collection']>;

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

/** Direct driver calls through mongoose's connection: the schemas and indexes are declared once, in CollectionSpec. */
class MongoDocumentCollection<T extends Doc> implements DocumentCollection<T> {
  constructor(private readonly name: string, private readonly collection: MongoCollection) {}

  async insert(doc: T): Promise<T> {
    try {
      // The driver types _id as ObjectId; ours are strings, which MongoDB accepts.
      await this.collection.insertOne({ ...doc } as unknown as Parameters<MongoCollection['insertOne']>[0]);
      return doc;
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.collection.findOne(filter)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.collection.find(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  count(filter: Filter): Promise<number> {
    return this.collection.countDocuments(filter);
  }

  async updateOne(filter: Filter, update: Update): Promise<T | null> {
    try {
      return (await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' })) as T | null;
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async upsert(doc: T): Promise<void> {
    try {
      await this.collection.replaceOne({ _id: doc._id } as Filter, doc, { upsert: true });
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateKeyError(this.name, err);
      throw err;
    }
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.collection.deleteMany(filter)).deletedCount;
  }

  /** MongoDB updates documents in place: there is no superseded copy to remove. */
  async purgeSuperseded(): Promise<void> {}
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
    return new MongoDocumentCollection<T>(spec.name, collection);
  }

  private async createIndexes(collection: MongoCollection, spec: CollectionSpec): Promise<void> {
    for (const index of spec.indexes) {
      await collection.createIndex(
        { [index.field]: 1 },
        // Sparse (not partial) so FerretDB accepts it too; repositories omit absent fields rather than store null,
        // which is the one case where the two differ.
        { unique: index.unique ?? false, sparse: index.sparse ?? false },
      );
    }
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
