/**
 * Store calls that many concurrent callers each need made after they asked, shared between them. A caller arriving
 * while a call is under way waits for the next one, which serves everyone who arrived meanwhile at once: every
 * caller still gets a call that started after it asked, and N callers in flight cost one round trip per call
 * instead of N. On a database that answers slowly (FerretDB serialises its work) this is most of a broadcast's
 * store calls: the sends in flight each read their subscription and announcement right before sending, and mark
 * their row once sent.
 */
import type { Doc } from './collection';

type Waiter<R> = { resolve: (result: R) => void; reject: (err: unknown) => void };

export class CoalescedCalls<I, R> {
  /** items asked for since the call under way started, with whoever asked */
  private next: Array<{ item: I; waiter: Waiter<R> }> = [];
  private running = false;

  /** `call` answers the items it is given, in their order. */
  constructor(private readonly call: (items: I[]) => Promise<R[]>) {}

  /** The answer of a call started after this one was made. */
  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.next.push({ item, waiter: { resolve, reject } });
      if (!this.running) void this.callAll();
    });
  }

  private async callAll(): Promise<void> {
    this.running = true;
    try {
      while (this.next.length > 0) {
        const batch = this.next;
        this.next = [];
        try {
          const results = await this.call(batch.map((b) => b.item));
          batch.forEach((b, i) => b.waiter.resolve(results[i]));
        } catch (err) {
          for (const b of batch) b.waiter.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** Fresh reads by id, shared (one `$in` query per call). */
export class SharedFreshReads<T extends Doc> {
  private readonly calls: CoalescedCalls<string, T | null>;

  constructor(readMany: (ids: string[]) => Promise<T[]>) {
    this.calls = new CoalescedCalls(async (ids) => {
      const found = new Map((await readMany([...new Set(ids)])).map((doc) => [doc._id, doc]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** The document as read after this call (null when there is none). */
  get(id: string): Promise<T | null> {
    return this.calls.run(id);
  }
}
