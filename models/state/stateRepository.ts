import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { deleteInBatches } from '../store/deleteInBatches';

/** One stored state item; `eTag` is the optimistic-concurrency token of the Bot Framework storage contract. */
export type StateItem = Record<string, unknown> & { eTag?: string };

/** A stored item as stored: its JSON (without the eTag) and its eTag. */
export interface SerializedStateItem {
  json: string;
  eTag: string;
}

interface StateDoc {
  _id: string;
  eTag: string;
  /** the item as JSON: state may hold keys with '.' or '$', which neither database accepts as field names */
  json: string;
  /** the last write, by the injected clock: the item expires `ttlMs` after it unless it is long-lived */
  updatedAt: Date;
  /** outlives the TTL (user state: the chosen language only); absent = expires, also for items written before */
  longLived?: boolean;
  /** when this item expires if not written again: MongoDB's TTL index deletes it then (the sweep does elsewhere) */
  expiresAt?: Date;
  [field: string]: unknown;
}

/**
 * How long state lives. Conversation state holds what a worker typed into a dialog they may never finish (a name,
 * a phone number half-way through a referral), so it expires `ttlMs` after its last write: an expired item reads
 * as absent at once, and the retention job deletes it (deleteExpired). Items for which `longLived` says so (user
 * state, which keeps only the chosen language) live longer, `idleTtlMs` after their last write (STATE_TTL_DAYS), so
 * state stays bounded however many people ever chatted; they must never hold personal data.
 */
export interface StateLifetime {
  /** 0 = nothing expires */
  ttlMs: number;
  longLived: (key: string) => boolean;
  /** how long a long-lived item is kept after its last write; 0 or absent = for ever */
  idleTtlMs?: number;
}

interface Cutoffs {
  /** for items that are not long-lived (conversation state) */
  short: number | undefined;
  /** for long-lived items (user state) */
  long: number | undefined;
}

interface CachedItem {
  eTag: string;
  json: string;
  updatedAt: number;
  longLived: boolean;
}

export class ETagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

// expiresAt: a TTL index on MongoDB (expireAfterSeconds 0: each item carries its own moment); FerretDB v1 and the
// embedded store lack TTL indexes, and there the retention job's sweep (deleteExpired) removes what expired
/** expired items deleted per step of the sweep, at most (each step is sized by its CPU time: BatchSize) */
const SWEEP_BATCH = 500;

/**
 * Conversation state is no promise to anyone (a reference shown to a worker lives on the lead, written and synced
 * before the reply): on the embedded store its writes are synced together at most this long after they are
 * answered, instead of each turn waiting for a sync of its own (issue 19: a FAQ, pre-check or referral turn writes
 * state, a menu turn does not). A crash of the bot loses nothing; a crash of the machine at most this stretch, and
 * the worker repeats a step. Deletions (an erasure) are still synced before they are answered.
 */
export const STATE_SYNC_DELAY_MS = 200;

export const STATE_COLLECTION: CollectionSpec = {
  name: 'bot_state',
  indexes: [{ field: 'updatedAt' }, { field: 'expiresAt', sparse: true, expireAfterSeconds: 0 }],
  deferredSyncMs: STATE_SYNC_DELAY_MS,
};

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
/**
 * A key known to have no item: user state stays unwritten for as long as nobody picks a language, and without this
 * every turn would look it up in the store, where a read waits behind every pending write's sync.
 */
const ABSENT = 'absent';

class StateCache {
  private readonly entries = new Map<string, CachedItem | typeof ABSENT>();
  constructor(private readonly capacity: number) {}

  get(key: string): CachedItem | typeof ABSENT | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedItem | typeof ABSENT): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries `expired` selects (after the retention job deleted their documents). */
  deleteWhere(expired: (entry: CachedItem) => boolean): void {
    for (const [key, entry] of this.entries) if (entry !== ABSENT && expired(entry)) this.entries.delete(key);
  }
}

export class StateRepository {
  private constructor(
    private readonly docs: DocumentCollection<StateDoc>,
    private readonly cache: StateCache | undefined,
    private readonly lifetime: StateLifetime,
    private readonly now: () => Date,
    private readonly sweepBatch: number,
  ) {}

  /**
   * `lifetime` is required: whoever opens bot state decides how long what workers typed may stay. `sweepBatch`: the
   * most items deleteExpired() deletes per step (SWEEP_BATCH; tests pass a small one to show several steps on a few
   * dozen items instead of writing hundreds)
   */
  static async open(store: Store, options: { lifetime: StateLifetime; now: () => Date; cacheEntries?: number; sweepBatch?: number }): Promise<StateRepository> {
    const cache = store.kind === 'embedded' ? new StateCache(options.cacheEntries ?? 10000) : undefined;
    return new StateRepository(await store.collection<StateDoc>(STATE_COLLECTION), cache, options.lifetime, options.now, options.sweepBatch ?? SWEEP_BATCH);
  }

  /** Items last written at or before these instants have expired (undefined: those never expire). */
  private cutoff(): Cutoffs {
    const now = this.now().getTime();
    const idle = this.lifetime.idleTtlMs ?? 0;
    return { short: this.lifetime.ttlMs > 0 ? now - this.lifetime.ttlMs : undefined, long: idle > 0 ? now - idle : undefined };
  }

  private expired(item: { updatedAt: number; longLived: boolean }, cutoff: Cutoffs): boolean {
    const at = item.longLived ? cutoff.long : cutoff.short;
    return at !== undefined && item.updatedAt <= at;
  }

  /** When an item written now expires (undefined: never). */
  private expiresAt(longLived: boolean, now: Date): Date | undefined {
    const ttl = longLived ? (this.lifetime.idleTtlMs ?? 0) : this.lifetime.ttlMs;
    return ttl > 0 ? new Date(now.getTime() + ttl) : undefined;
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading');
    const items: Record<string, StateItem> = {};
    for (const [key, { json, eTag }] of Object.entries(await this.readSerialized(keys))) items[key] = { ...(JSON.parse(json) as StateItem), eTag };
    return items;
  }

  /**
   * read(), with each item as the JSON it is stored as (without its eTag) instead of parsed: the bot's state
   * classes (bot/state/storeStorage.ts) keep that text to tell at the end of the turn whether the state changed,
   * instead of serialising it once more.
   */
  async readSerialized(keys: string[]): Promise<Record<string, SerializedStateItem>> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading');
    const items: Record<string, SerializedStateItem> = {};
    const missing: string[] = [];
    const cutoff = this.cutoff();
    for (const key of keys) {
      const cached = this.cache?.get(key);
      if (!cached) missing.push(key);
      // An expired item reads as absent even before the retention job deletes it: the next write replaces it.
      else if (cached !== ABSENT && !this.expired(cached, cutoff)) items[key] = { json: cached.json, eTag: cached.eTag };
    }
    if (missing.length === 0) return items;
    // Bot state reads one key at a time (conversation, then user): an _id lookup is cheaper than $in.
    const found = missing.length === 1 ? [await this.docs.findOne({ _id: missing[0] })].filter((d): d is StateDoc => d !== null) : await this.docs.find({ _id: { $in: missing } });
    for (const doc of found) {
      const entry: CachedItem = { eTag: doc.eTag, json: doc.json, updatedAt: new Date(doc.updatedAt).getTime(), longLived: doc.longLived === true };
      this.cache?.set(doc._id, entry);
      if (!this.expired(entry, cutoff)) items[doc._id] = { json: doc.json, eTag: doc.eTag };
    }
    if (this.cache && found.length < missing.length) {
      // every write and delete of a key passes through this repository, which updates the entry: it cannot go stale
      const seen = new Set(found.map((doc) => doc._id));
      for (const key of missing) if (!seen.has(key)) this.cache.set(key, ABSENT);
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new TypeError('Changes are required when writing');
    await Promise.all(
      Object.entries(changes).map(([key, item]) => {
        const { eTag, ...value } = item;
        return this.writeOne(key, JSON.stringify(value), eTag);
      }),
    );
  }

  /** write(), with each item already serialised (its JSON without the eTag) by the caller, who had to anyway. */
  async writeSerialized(changes: Record<string, { json: string; eTag?: string }>): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new TypeError('Changes are required when writing');
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item.json, item.eTag)));
  }

  private async writeOne(key: string, json: string, expected: string | undefined): Promise<void> {
    const longLived = this.lifetime.longLived(key);
    const updatedAt = this.now();
    const expiresAt = this.expiresAt(longLived, updatedAt);
    const next: StateDoc = { _id: key, eTag: randomUUID(), json, updatedAt, ...(longLived ? { longLived: true } : {}), ...(expiresAt ? { expiresAt } : {}) };
    const entry: CachedItem = { eTag: next.eTag, json: next.json, updatedAt: next.updatedAt.getTime(), longLived };
    if (!expected || expected === '*') {
      await this.docs.upsert(next);
      this.cache?.set(key, entry);
      return;
    }
    // whether a key is long-lived follows from the key alone, so a conditional update never needs to unset it
    const updated = await this.docs.updateOne({ _id: key, eTag: expected }, { $set: { eTag: next.eTag, json: next.json, updatedAt: next.updatedAt, ...(longLived ? { longLived: true } : {}), ...(expiresAt ? { expiresAt } : {}) } });
    if (!updated) {
      // No match: either the key is new (the contract writes it) or someone else wrote first (conflict).
      try {
        await this.docs.insert(next);
      } catch (err) {
        if (err instanceof DuplicateKeyError) throw new ETagConflictError(key);
        throw err;
      }
    }
    this.cache?.set(key, entry);
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting');
    for (const key of keys) this.cache?.delete(key);
    if (keys.length > 0) await this.docs.deleteMany({ _id: { $in: keys } });
  }

  /**
   * Deletes every item whose TTL has run out (the retention job); how many. Their superseded copies are left to
   * the caller's purge (models/retention/personalData.ts), which compacts every collection it cleaned at once.
   */
  async deleteExpired(): Promise<number> {
    const cutoff = this.cutoff();
    // by the last write and the lifetime configured now (not expiresAt): items written before expiresAt existed,
    // or under a longer TTL than today's, go too; a batch at a time sized by its CPU time, the loop turning between
    let deleted = 0;
    if (cutoff.short !== undefined) deleted += await deleteInBatches(this.docs, { longLived: { $ne: true }, updatedAt: { $lte: new Date(cutoff.short) } }, { batch: this.sweepBatch });
    if (cutoff.long !== undefined) deleted += await deleteInBatches(this.docs, { longLived: true, updatedAt: { $lte: new Date(cutoff.long) } }, { batch: this.sweepBatch });
    this.cache?.deleteWhere((entry) => this.expired(entry, cutoff));
    return deleted;
  }
}
