/**
 * The console's sign-in limits, kept in the store so that every bot instance counts the same attempts: with the
 * in-memory LoginThrottle (./loginThrottle.ts) each instance counted its own, and N instances behind a balancer
 * let N times the limit through.
 *
 * Each key (an account name, a client address) has `limit` slots; an attempt takes a free slot for `windowMs`
 * before its password is checked. Taking a slot is an insert of `<key>#<n>` (a unique `_id`), so of concurrent
 * attempts, on one instance or several and on every store (FerretDB included, whose conditional updates are not
 * atomic), at most `limit` get one: the (limit + 1)th concurrent attempt is refused without running scrypt. A slot
 * frees itself when its window ends (it is deleted by the next attempt on that key). A success frees the name's
 * slots (and its own on the address); an attempt never checked frees its own. Keys are stored hashed: no account
 * name or address lands in the store.
 */
import { createHash } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { AttemptDecision, ThrottlePolicy } from './loginThrottle';

type AttemptSlot = { _id: string; key: string; slot: number; until: Date };

export const LOGIN_ATTEMPTS_COLLECTION: CollectionSpec = { name: 'login_attempts', indexes: [{ field: 'key' }, { field: 'until' }] };

/** how often an instance deletes every ended slot (keys never tried again, such as a flood of made-up names) */
const SWEEP_EVERY_MS = 60_000;

const hashed = (key: string): string => createHash('sha256').update(key).digest('base64url');

/** An asynchronous ticket: what the caller reports once the password was checked (see loginThrottle.ts). */
export interface StoredAttemptTicket {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
  cancelled(): Promise<void>;
}

export interface StoredAttemptDecision extends Omit<AttemptDecision, 'ticket'> {
  ticket?: StoredAttemptTicket;
}

export class StoreLoginThrottle {
  private sweptAt = 0;

  private constructor(
    private readonly slots: DocumentCollection<AttemptSlot>,
    private readonly policy: ThrottlePolicy,
    private readonly now: () => Date,
  ) {}

  static async open(store: Store, policy: ThrottlePolicy, now: () => Date): Promise<StoreLoginThrottle> {
    return new StoreLoginThrottle(await store.collection<AttemptSlot>(LOGIN_ATTEMPTS_COLLECTION), policy, now);
  }

  /**
   * Takes one slot on every key (the first is the account name; `limits[i]` is key i's limit, the policy's by
   * default), or none: refused when any key is full, with how long until its earliest slot frees.
   */
  async attempt(keys: readonly string[], limits: readonly number[] = []): Promise<StoredAttemptDecision> {
    const at = this.now().getTime();
    if (at - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = at;
      await this.slots.deleteMany({ until: { $lte: new Date(at) } });
    }
    const held: string[] = [];
    for (const [i, key] of keys.entries()) {
      const taken = await this.take(hashed(key), limits[i] ?? this.policy.maxFailures, at);
      if (typeof taken !== 'string') {
        await this.release(held);
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(taken.waitMs / 1000)) };
      }
      held.push(taken);
    }
    let settled = false;
    const settle = async (release: () => Promise<void>): Promise<void> => {
      if (settled) return;
      settled = true;
      await release();
    };
    return {
      allowed: true,
      retryAfterSeconds: 0,
      ticket: {
        succeeded: () => settle(async () => {
          await this.slots.deleteMany({ key: hashed(keys[0]) });
          await this.release(held.slice(1));
        }),
        failed: () => settle(async () => undefined), // the attempt stays counted
        cancelled: () => settle(() => this.release(held)),
      },
    };
  }

  /** A free slot's id once taken, or how long until the earliest one frees. */
  private async take(key: string, limit: number, at: number): Promise<string | { waitMs: number }> {
    const slots = await this.slots.find({ key });
    const live = new Set<number>();
    let earliest = Number.POSITIVE_INFINITY;
    const ended: string[] = [];
    for (const slot of slots) {
      const until = new Date(slot.until).getTime();
      if (until > at) {
        live.add(slot.slot);
        earliest = Math.min(earliest, until);
      } else ended.push(slot._id);
    }
    // `until` in the filter: a slot taken again meanwhile by another attempt is not deleted
    if (ended.length > 0) await this.slots.deleteMany({ _id: { $in: ended }, until: { $lte: new Date(at) } });
    for (let n = 0; n < limit; n++) {
      if (live.has(n)) continue;
      const id = `${key}#${n}`;
      try {
        await this.slots.insert({ _id: id, key, slot: n, until: new Date(at + this.policy.windowMs) });
        return id;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        live.add(n); // taken by a concurrent attempt
      }
    }
    return { waitMs: Number.isFinite(earliest) ? earliest - at : this.policy.windowMs };
  }

  private async release(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.slots.deleteMany({ _id: { $in: ids } });
  }
}
