/**
 * The storage port every repository is written against: a document collection speaking the common subset of the
 * MongoDB query language that both adapters implement natively (the embedded one through @seald-io/nedb, the
 * production one through MongoDB). Repositories are written once over this port, so the two adapters cannot
 * drift apart in behaviour; the contract suite in test/store proves they agree.
 */
export type Doc = { _id: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

export interface IndexSpec {
  /** one field; compound indexes are not needed yet and nedb lacks them */
  field: string;
  unique?: boolean;
  /** unique among documents that have the field (MongoDB partial index / nedb sparse) */
  sparse?: boolean;
  /**
   * A TTL index (MongoDB deletes a document this many seconds after the date in the field). Servers without TTL
   * indexes (FerretDB v1, the embedded store) get a plain index: whoever declares one also sweeps expired documents.
   */
  expireAfterSeconds?: number;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /**
   * One compound index per sort a query of this collection uses, keys in order: the fields it matches for equality
   * first, then the sort's (e.g. `{ userKeys: 1, createdAt: -1, _id: -1 }`). MongoDB creates them at start, so no
   * sort is done in memory, and a managed service that refuses a sort without a matching index (Cosmos DB's MongoDB
   * API) serves every one. Both stores list them (`indexNames`, by MongoDB's names), so the declaration is the one
   * source; but nedb uses a compound index for an exact match of all its fields only, never for a range or a sort,
   * and never one with `_id` or another indexed field among its fields: the embedded store builds only those it
   * could use (none of the leads'), and there the single-field indexes above (the timelines of leads/paging.ts)
   * keep the sorted sets small.
   */
  sortIndexes?: SortSpec[];
  /**
   * Embedded store only: a write is answered once its lines are written to the file (the operating system holds
   * them, so a crash of the bot loses nothing), and synced to the disk at most this many milliseconds later, with
   * every other write of that stretch (one sync). A power cut or a crash of the machine may lose that stretch. For
   * data no one was promised (conversation state: a worker repeats a step); deletions are always synced before
   * they are answered. Absent: every write is synced before it is answered. MongoDB keeps its own write concern.
   */
  deferredSyncMs?: number;
}

/**
 * How a write reaches the disk. `syncLater` (embedded store only): the write is answered once its lines are in the
 * file (the operating system holds them, so a crash of the bot loses nothing) and synced with the collection's next
 * deferred sync, within SYNC_LATER_MS, instead of before the answer; a power cut or a crash of the machine may lose
 * it. Only for bookkeeping whose loss repeats idempotent work and promises nobody anything: a lead's events marked
 * published (the relay publishes them again, to the same ids), a delivery attempt's lease and its end (delivery is
 * at least once). A write waits for its own sync whenever another write of its group needs one. MongoDB keeps its
 * own write concern.
 */
export interface WriteOptions {
  syncLater?: boolean;
}

/** The longest a `syncLater` write waits for its sync on the embedded store (with every other such write of it). */
export const SYNC_LATER_MS = 200;

/** MongoDB's default name of an index (`createdAt_-1__id_-1`): what both stores list for a declared sort index. */
export function sortIndexName(keys: SortSpec): string {
  return Object.entries(keys).map(([field, direction]) => `${field}_${direction}`).join('_');
}

export interface DocumentCollection<T extends Doc> {
  /**
   * True where a collection's operations take effect one at a time, in the order they were called (the embedded
   * store's commit queue): a read called right after a write, without waiting for it, sees that write as written
   * (or refused) and is answered no earlier than it. A caller may then ask both at once, and wait for one round
   * through the store instead of two. Absent (MongoDB): concurrent calls may be served in any order.
   */
  readonly appliesInCallOrder?: boolean;
  /** Inserts a new document; rejects with DuplicateKeyError when a unique index (or _id) is taken. */
  insert(doc: T, options?: WriteOptions): Promise<T>;
  /**
   * Inserts the documents whose _id (and unique keys) are not taken yet, in one batch: one command on MongoDB (441
   * single inserts cost FerretDB about 2 s, one batch of them 60 ms), one group-committed write on the embedded
   * store. A document whose key is taken is left out, not an error (another writer stored it: for documents whose
   * id is derived from their content, like the content seed's). How many were inserted.
   */
  insertNew(docs: readonly T[]): Promise<number>;
  /**
   * Inserts `doc` unless some document matches one of `unless`: then nothing is written, and each filter's
   * documents are the answer (in filter order). On the embedded store the look and the insert are one turn of its
   * queue, so a caller that must look before it writes waits for one round through the store instead of two; on
   * MongoDB they are a find and then an insert, as a look before an insert always was there (races are decided by
   * unique indexes either way). Rejects as insert does; on the embedded store, also when the disk refuses a write
   * before it in its group (what it found may never have landed).
   */
  insertUnless(doc: T, unless: readonly Filter[]): Promise<{ inserted: T } | { found: T[][] }>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Applies `update` to the one document matching `filter`, atomically (the match and the write are one step),
   * and returns the updated document, or null when nothing matched. This is what races are decided on.
   */
  updateOne(filter: Filter, update: Update, options?: WriteOptions): Promise<T | null>;
  /**
   * Applies `update` to every document matching `filter`; how many were updated. Each document's match and write
   * are one step (so a condition in the filter holds for what is written), the batch as a whole is not: use it for
   * rows that one worker alone owns (marking the rows it has sent), never to decide a race.
   */
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Replaces or creates the document with this _id. */
  upsert(doc: T): Promise<void>;
  deleteMany(filter: Filter): Promise<number>;
  /** The names of the indexes the database keeps for this collection (MongoDB's `a_1_b_-1`; nedb's field names). */
  indexNames(): Promise<string[]>;
  /**
   * Makes sure no superseded copy of a document survives in the collection's storage: after an erasure, personal
   * data must not linger in an append log until some later compaction. A no-op where the database rewrites in
   * place (MongoDB); on the embedded store, rewrites the collection's file and resolves once it is on disk.
   */
  purgeSuperseded(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  readonly code = 'DUPLICATE_KEY';
  constructor(collection: string, cause?: unknown) {
    super(`duplicate key in ${collection}`, { cause });
    this.name = 'DuplicateKeyError';
  }
}

/**
 * The store cannot take writes now (a full disk, an I/O error, a database that does not answer). The write it
 * refuses changed nothing: the caller may tell the person to try again later. The message names the collection
 * and the system's error code only.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    readonly collection: string,
    cause?: unknown,
  ) {
    const errno = (cause as { code?: unknown } | undefined)?.code;
    super(`store unavailable: ${collection} could not be written${typeof errno === 'string' ? ` (${errno})` : ''}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Whether `err`, or an error it wraps (`cause`, or `error` as botbuilder's DialogContextError carries it), is a
 * StoreUnavailableError: a turn's error reaches the adapter wrapped by the dialogs it went through.
 */
export function isStoreUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StoreUnavailableError) return true;
    const wrapper = current as { cause?: unknown; error?: unknown };
    current = wrapper.error ?? wrapper.cause;
  }
  return false;
}
