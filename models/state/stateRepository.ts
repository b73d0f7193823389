import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';

/** One stored state item; `eTag` is the optimistic-concurrency token of the Bot Framework storage contract. */
export type StateItem = Record<string, unknown> & { eTag?: string };

interface StateDoc {
  _id: string;
  eTag: string;
  /** the item as JSON: state may hold keys with '.' or '$', which neither database accepts as field names */
  json: string;
  updatedAt: Date;
  [field: string]: unknown;
}

export class ETagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export const STATE_COLLECTION = { name: 'bot_state', indexes: [{ field: 'updatedAt' }] };

/**
 * Conversation and user state with the semantics of botbuilder-core's storage contract: a new key, an eTag of
 * '*' or no eTag writes; a stale eTag rejects (never silently skips); every write stamps a new eTag; unknown keys
 * are omitted from reads. Conditional writes are single atomic updates, so several bot instances can share it.
 */
/**
 * Recently used state, by key. Only for a store this process alone writes (the embedded one): there every write
 * passes through this repository, so the cache cannot go stale. With MongoDB several instances write, so reads
 * always go to the database.
 */
class StateCache {
  private readonly entries = new Map<string, { eTag: string; json: string }>();
  constructor(private readonly capacity: number) {}

  get(key: string): { eTag: string; json: string } | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: { eTag: string; json: string }): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class StateRepository {
  private constructor(
    private readonly docs: DocumentCollection<StateDoc>,
    private readonly cache: StateCache | undefined,
  ) {}

  static async open(store: Store, options: { cacheEntries?: number } = {}): Promise<StateRepository> {
    const cache = store.kind === 'embedded' ? new StateCache(options.cacheEntries ?? 10000) : undefined;
    return new StateRepository(await store.collection<StateDoc>(STATE_COLLECTION), cache);
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading');
    const items: Record<string, StateItem> = {};
    const missing: string[] = [];
    for (const key of keys) {
      const cached = this.cache?.get(key);
      if (cached) items[key] = { ...(JSON.parse(cached.json) as StateItem), eTag: cached.eTag };
      else missing.push(key);
    }
    if (missing.length === 0) return items;
    // Bot state reads one key at a time (conversation, then user): an _id lookup is cheaper than $in.
    const found = missing.length === 1 ? [await this.docs.findOne({ _id: missing[0] })].filter((d): d is StateDoc => d !== null) : await this.docs.find({ _id: { $in: missing } });
    for (const doc of found) {
      this.cache?.set(doc._id, { eTag: doc.eTag, json: doc.json });
      items[doc._id] = { ...(JSON.parse(doc.json) as StateItem), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new TypeError('Changes are required when writing');
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  private async writeOne(key: string, item: StateItem): Promise<void> {
    const { eTag: expected, ...value } = item;
    const next: StateDoc = { _id: key, eTag: randomUUID(), json: JSON.stringify(value), updatedAt: new Date() };
    if (!expected || expected === '*') {
      await this.docs.upsert(next);
      this.cache?.set(key, { eTag: next.eTag, json: next.json });
      return;
    }
    const updated = await this.docs.updateOne({ _id: key, eTag: expected }, { $set: { eTag: next.eTag, json: next.json, updatedAt: next.updatedAt } });
    if (!updated) {
      // No match: either the key is new (the contract writes it) or someone else wrote first (conflict).
      try {
        await this.docs.insert(next);
      } catch (err) {
        if (err instanceof DuplicateKeyError) throw new ETagConflictError(key);
        throw err;
      }
    }
    this.cache?.set(key, { eTag: next.eTag, json: next.json });
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting');
    for (const key of keys) this.cache?.delete(key);
    if (keys.length > 0) await this.docs.deleteMany({ _id: { $in: keys } });
  }
}
