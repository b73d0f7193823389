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
 *
 * Work that may outlast a lease (a send held up by a slow Connector or a loaded machine) holds it with `hold`: the
 * lease is renewed while the work runs, and the work checks it still holds its round before it takes effect. The
 * round (the ticket's attempt number) is a fencing token: the row's writes by a holder match it as well as the
 * owner, so a holder whose lease lapsed and was taken over (even by itself, in a later round) writes nothing.
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

/** Who writes a leased row: an owner, or an owner in one round (the fencing token of `hold`). */
export type LeaseHolder = string | { owner: string; round: number };

function holderFilter(holder: LeaseHolder): Filter {
  return typeof holder === 'string' ? { leaseOwner: holder } : { leaseOwner: holder.owner, attempts: holder.round };
}

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
  finish(id: string, owner: LeaseHolder, status: string, now: Date, lastError?: string, extra: Record<string, unknown> = {}): Promise<T | null> {
    return this.docs.updateOne({ _id: id, ...holderFilter(owner) }, { $set: { ...extra, status, doneAt: now, ...(lastError ? { lastError } : {}) }, $unset: { leaseOwner: true } });
  }

  /** Gives the row back, to be taken again at `at` (by the next attempt's ticket). */
  retryAt(id: string, owner: LeaseHolder, at: Date, lastError: string): Promise<T | null> {
    return this.docs.updateOne({ _id: id, ...holderFilter(owner) }, { $set: { availableAt: at, lastError }, $unset: { leaseOwner: true } });
  }

  /** Gives the row back untouched, due now (the holder is stopping before it sent anything). */
  giveBack(id: string, owner: LeaseHolder, now: Date): Promise<T | null> {
    return this.docs.updateOne({ _id: id, ...holderFilter(owner) }, { $set: { availableAt: now }, $unset: { leaseOwner: true } });
  }

  /**
   * Extends the lease of round `round` (the row's `attempts` when it was leased) to `until`: 'lost' when that round
   * is no longer held (the row was ended, or taken over), 'contested' when a worker holds the next round's ticket
   * (it is taking the row over, or will fail to: its stamp requires the lease to have ended). Only the holder writes
   * its row and ticket, so the extension needs no atomicity; what makes it safe on FerretDB is the order of the
   * steps. A worker taking the row over inserts the next ticket before it stamps the row, and its stamp requires the
   * lease to have ended: so once this extension is written, either the next ticket is already there (found here)
   * or its taker's stamp will see the extended lease and fail. The ticket is extended too, so a worker with a stale
   * read of the row does not step over it as the ticket of a holder that died.
   */
  async renew(id: string, owner: string, round: number, until: Date): Promise<'held' | 'lost' | 'contested'> {
    const extended = await this.docs.updateOne({ _id: id, status: 'pending', leaseOwner: owner, attempts: round }, { $set: { availableAt: until } });
    if (!extended) return 'lost';
    await this.tickets.updateOne({ _id: `${id}:${round}` }, { $set: { until } });
    return (await this.tickets.findOne({ _id: `${id}:${round + 1}` })) === null ? 'held' : 'contested';
  }

  /** Holds a row just leased while work on it runs: see HeldLease. */
  hold(row: T, owner: string, leaseMs: number, clock: () => Date, leasedAt: Date): HeldLease {
    return new HeldLease((until) => this.renew(row._id, owner, row.attempts, until), { owner, round: row.attempts }, leaseMs, clock, leasedAt);
  }

  /** Deletes the tickets of rows being purged. */
  forget(rowIds: string[]): Promise<number> {
    return rowIds.length === 0 ? Promise.resolve(0) : this.tickets.deleteMany({ rowId: { $in: rowIds } });
  }

  static newOwner(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}

/**
 * A lease held while work runs: renewed every third of its length (a heartbeat, like JobLease.renew), so a live
 * holder is never taken over however long the work takes; `stillHeld` says, right before the work takes effect
 * (a message handed to the Connector), whether the round is still this holder's. It costs no store call while
 * two thirds of the lease are left since it was last confirmed (nobody may take a row before its lease ends; this
 * assumes the instances' clocks agree within a third of a lease), and one renewal otherwise.
 */
export class HeldLease {
  /** the round was found taken over or ended: its work must not take effect */
  lost = false;
  /** until when the lease is known to be held (ms) */
  private confirmedUntil: number;
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<boolean>;
  private released = false;

  constructor(
    private readonly extend: (until: Date) => Promise<'held' | 'lost' | 'contested'>,
    /** the fencing token to write the row's end with */
    readonly holder: { owner: string; round: number },
    private readonly leaseMs: number,
    private readonly clock: () => Date,
    leasedAt: Date,
  ) {
    this.confirmedUntil = leasedAt.getTime() + leaseMs;
    this.schedule();
  }

  private schedule(): void {
    if (this.released || this.lost) return;
    this.timer = setTimeout(() => void this.renew().finally(() => this.schedule()), Math.max(1, Math.floor(this.leaseMs / 3)));
  }

  /** Extends the lease now (one at a time); true when it is confirmed held. */
  renew(): Promise<boolean> {
    if (this.lost) return Promise.resolve(false);
    this.renewing ??= (async () => {
      const asked = this.clock().getTime();
      let held = false;
      try {
        const outcome = await this.extend(new Date(asked + this.leaseMs));
        if (outcome === 'held') {
          this.confirmedUntil = asked + this.leaseMs;
          held = true;
        }
        // contested: not confirmed (no send may start on it), but the beat goes on, so a send already in flight
        // keeps its row; lost: taken over or ended, nothing left to renew
        if (outcome === 'lost') this.lost = true;
      } catch {
        // a store error: the lease is not known to be extended; the next beat tries again, and stillHeld renews
      } finally {
        this.renewing = undefined;
      }
      return held;
    })();
    return this.renewing;
  }

  /** Whether the round is still held with at least two thirds of a lease ahead (renewing first when less is left). */
  async stillHeld(): Promise<boolean> {
    if (this.lost) return false;
    if (this.confirmedUntil - this.clock().getTime() >= (this.leaseMs * 2) / 3) return true;
    return (await this.renew()) && this.confirmedUntil - this.clock().getTime() >= (this.leaseMs * 2) / 3;
  }

  /** Stops the heartbeat (the row ended or was given back). */
  release(): void {
    this.released = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
