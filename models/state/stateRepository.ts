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
export class StateRepository {
  private constructor(private readonly docs: DocumentCollection<StateDoc>) {}

  static async open(store: Store): Promise<StateRepository> {
    return new StateRepository(await store.collection<StateDoc>(STATE_COLLECTION));
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading');
    if (keys.length === 0) return {};
    const found = await this.docs.find({ _id: { $in: keys } });
    const items: Record<string, StateItem> = {};
    for (const doc of found) items[doc._id] = { ...(JSON.parse(doc.json) as StateItem), eTag: doc.eTag };
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
      return;
    }
    const updated = await this.docs.updateOne({ _id: key, eTag: expected }, { $set: { eTag: next.eTag, json: next.json, updatedAt: next.updatedAt } });
    if (updated) return;
    // No match: either the key is new (the contract writes it) or someone else wrote first (conflict).
    try {
      await this.docs.insert(next);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ETagConflictError(key);
      throw err;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting');
    if (keys.length > 0) await this.docs.deleteMany({ _id: { $in: keys } });
  }
}
