/**
 * Rows that one worker at a time may take: the lease primitive behind the Teams outbox and the campaign's delivery
 * outbox. A row is `pending` until it ends; `availableAt` says when it may next be taken (creation, a retry's
 * backoff, or the end of a lease).
 *
 * Taking a row is decided by an insert, not by a conditional update: attempt `n` of row `r` is the ticket
 * `<r>:<n>` in a tickets collection (`_id` is unique), and of concurrent workers exactly one inserts it. This is
 * what makes the lease exclusive on every supported store: FerretDB (the MongoDB-compatible server CI runs on)
 * does not make a conditional update atomic under concurrency, but it does enforce a unique key. The winner then
 * stamps the row (attempt number, lease owner, lease end); nobody else writes it meanwhile, so that write needs no
 * atomicity. A ticket whose lease has ended without its row being stamped (its worker died between the two writes)
 * is stepped over: the next worker takes attempt `n + 1`. A worker that dies holding a lease loses it when the
 * lease ends, and the row is taken again by the next one. Every later write is conditional on the lease owner, so
 * a worker whose lease expired cannot overwrite the work of the one that took the row over (on MongoDB; on FerretDB
 * that window is as wide as one write).
 */
import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type Doc, type DocumentCollection, type Filter } from '../store/collection';
import type { Store } from '../store/store';

export type LeasedRow = Doc & {
  status: string;
  /** leases taken (delivery attempts started): the number of the last ticket */
  attempts: number;
  availableAt: Date;
  leaseOwner?: string;
  lastError?: string;
  doneAt?: Date;
};

/** One lease taken: `<rowId>:<attempt>`. Deleted with its row (the delivery outbox's purge). */
export type LeaseTicket = {
  _id: string;
  rowId: string;
  owner: string;
  /** when this lease ends */
  until: Date;
};

// until: the retention job purges the tickets whose lease ended long ago (LeadEventLog.purgeFinishedBefore)
export const LEASE_TICKETS_COLLECTION: CollectionSpec = { name: 'lease_tickets', indexes: [{ field: 'rowId' }, { field: 'until' }] };

/** Tickets already taken that a lease steps over (their holders died before stamping the row) before giving up. */
const MAX_STALE_TICKETS = 3;

export class LeasedRows<T extends LeasedRow> {
  constructor(
    readonly docs: DocumentCollection<T>,
    private readonly tickets: DocumentCollection<LeaseTicket>,
  ) {}

  static tickets(store: Store): Promise<DocumentCollection<LeaseTicket>> {
    return store.collection<LeaseTicket>(LEASE_TICKETS_COLLECTION);
  }

  /** Pending rows that may be leased now (optionally narrowed by `where`), oldest first. */
  due(now: Date, limit: number, where: Filter = {}): Promise<T[]> {
    return this.docs.find({ ...where, status: 'pending', availableAt: { $lte: now } }, { sort: { availableAt: 1 }, limit });
  }

  /** When the next pending row becomes due (to set a timer), or undefined. */
  async nextDueAt(where: Filter = {}): Promise<Date | undefined> {
    const [next] = await this.docs.find({ ...where, status: 'pending' }, { sort: { availableAt: 1 }, limit: 1 });
    return next?.availableAt;
  }

  /**
   * Takes the row for `leaseMs`; null when another worker has it, or it is done, or not due yet. `seen` is the row
   * as the caller read it (from `due`): its attempt count names the ticket to take, and saves a read. A stale
   * `seen` only loses (its ticket is already taken).
   */
  async lease(id: string, owner: string, now: Date, leaseMs: number, seen?: T): Promise<T | null> {
    const row = seen ?? (await this.docs.findOne({ _id: id }));
    if (!row || row.status !== 'pending' || row.availableAt.getTime() > now.getTime()) return null;
    const until = new Date(now.getTime() + leaseMs);
    for (let attempt = row.attempts + 1; attempt <= row.attempts + 1 + MAX_STALE_TICKETS; attempt++) {
      const ticketId = `${id}:${attempt}`;
      try {
        await this.tickets.insert({ _id: ticketId, rowId: id, owner, until });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const taken = await this.tickets.findOne({ _id: ticketId });
        if (taken && taken.until.getTime() > now.getTime()) return null; // another worker holds it now
        continue; // its holder's lease ended: the next attempt is free
      }
      const stamped = await this.docs.updateOne({ _id: id, status: 'pending', availableAt: { $lte: now } }, { $set: { availableAt: until, leaseOwner: owner, attempts: attempt } });
      if (!stamped) await this.tickets.deleteMany({ _id: ticketId }); // ended or put off meanwhile: nothing to hold
      return stamped;
    }
    return null;
  }

  /**
   * Ends the row (only by the lease holder); null when the lease was lost. Its tickets stay (one small document per
   * attempt) until its owner purges the rows (`forget`): deleting them here would cost a write per message.
   */
  finish(id: string, owner: string, status: string, now: Date, lastError?: string, extra: Record<string, unknown> = {}): Promise<T | null> {
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { ...extra, status, doneAt: now, ...(lastError ? { lastError } : {}) }, $unset: { leaseOwner: true } });
  }

  /** Gives the row back, to be taken again at `at` (by the next attempt's ticket). */
  retryAt(id: string, owner: string, at: Date, lastError: string): Promise<T | null> {
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { availableAt: at, lastError }, $unset: { leaseOwner: true } });
  }

  /** Gives the row back untouched, due now (the holder is stopping before it sent anything). */
  giveBack(id: string, owner: string, now: Date): Promise<T | null> {
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { availableAt: now }, $unset: { leaseOwner: true } });
  }

  /** Deletes the tickets of rows being purged. */
  forget(rowIds: string[]): Promise<number> {
    return rowIds.length === 0 ? Promise.resolve(0) : this.tickets.deleteMany({ rowId: { $in: rowIds } });
  }

  static newOwner(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}
