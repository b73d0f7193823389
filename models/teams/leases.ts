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
 * A holder whose work may outlast its lease (a slow channel) renews its ticket (`renew`); a taker of a later round
 * only stamps the row once every earlier ticket has ended. Both sides write first and read after (the holder writes
 * its ticket then looks for the next one; the taker inserts the next one then reads the earlier ones), so of a
 * renewal and a take-over that cross, at least one sees the other: either the taker backs off, or the holder learns
 * it is contested and starts nothing more. Only the owner ever writes its ticket, so none of this needs a
 * conditional update to be atomic (FerretDB).
 */
import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type WriteOptions } from '../store/collection';
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
    /**
     * how taking a row (its ticket, its stamp) and ending it are written: `syncLater` for an outbox whose handler's
     * own effects are durable and idempotent, so that a lease or an end lost with a crash of the machine only
     * repeats an attempt (see WriteOptions)
     */
    private readonly writes: WriteOptions = {},
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
   * `seen` only loses (its ticket is already taken). A row taken over from an earlier round is stamped only when
   * every earlier ticket has ended: a holder still renewing one (its send is in flight) keeps its row.
   */
  async lease(id: string, owner: string, now: Date, leaseMs: number, seen?: T): Promise<T | null> {
    const row = seen ?? (await this.docs.findOne({ _id: id }));
    if (!row || row.status !== 'pending' || row.availableAt.getTime() > now.getTime()) return null;
    const until = new Date(now.getTime() + leaseMs);
    for (let attempt = row.attempts + 1; attempt <= row.attempts + 1 + MAX_STALE_TICKETS; attempt++) {
      const ticketId = `${id}:${attempt}`;
      try {
        await this.tickets.insert({ _id: ticketId, rowId: id, owner, until }, this.writes);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const taken = await this.tickets.findOne({ _id: ticketId });
        if (taken && taken.until.getTime() > now.getTime()) return null; // another worker holds it now
        continue; // its holder's lease ended: the next attempt is free
      }
      // read after the insert: a holder that renews from now on finds this ticket (and sends nothing more)
      if (attempt > 1 && (await this.earlierTicketHeld(id, attempt, now))) {
        await this.tickets.deleteMany({ _id: ticketId }); // its holder renewed it meanwhile: still theirs
        return null;
      }
      const stamped = await this.docs.updateOne({ _id: id, status: 'pending', availableAt: { $lte: now } }, { $set: { availableAt: until, leaseOwner: owner, attempts: attempt } }, this.writes);
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
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { ...extra, status, doneAt: now, ...(lastError ? { lastError } : {}) }, $unset: { leaseOwner: true } }, this.writes);
  }

  /** Gives the row back, to be taken again at `at` (by the next attempt's ticket, which its own no longer blocks then). */
  async retryAt(id: string, owner: string, at: Date, lastError: string): Promise<T | null> {
    const row = await this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { availableAt: at, lastError }, $unset: { leaseOwner: true } });
    if (row) await this.endTicket(id, row.attempts, at);
    return row;
  }

  /** Gives the row back untouched, due now (the holder is stopping before it sent anything). */
  async giveBack(id: string, owner: string, now: Date): Promise<T | null> {
    const row = await this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { availableAt: now }, $unset: { leaseOwner: true } });
    if (row) await this.endTicket(id, row.attempts, now);
    return row;
  }

  /**
   * Extends the lease of round `attempt` (the row's `attempts` when it was leased) to `until`. 'held': no later
   * round has been taken, and none will be stamped before `until` (a taker reads the tickets after inserting its
   * own). 'contested': a worker has taken the next round's ticket (taking the row over, or about to back off):
   * start nothing more on the row. 'lost': the ticket is gone (the row was purged).
   */
  async renew(id: string, attempt: number, until: Date): Promise<'held' | 'contested' | 'lost'> {
    // by _id alone: only its owner writes a ticket, and FerretDB answers a filter of _id alone from its key
    if (!(await this.tickets.updateOne({ _id: `${id}:${attempt}` }, { $set: { until } }))) return 'lost';
    if (await this.tickets.findOne({ _id: `${id}:${attempt + 1}` })) return 'contested';
    // the row shows the lease too, so other workers do not keep trying it (no take-over can stamp it now: see above)
    await this.docs.updateOne({ _id: id, status: 'pending', attempts: attempt }, { $set: { availableAt: until } });
    return 'held';
  }

  /**
   * Ends round `attempt`'s ticket at `at` at the latest, without touching the row (a holder giving the row back, or
   * giving up a contested one). A ticket that ends sooner is left as it is (the purge of old tickets goes by it).
   */
  async endTicket(id: string, attempt: number, at: Date): Promise<void> {
    const ticketId = `${id}:${attempt}`;
    // read then write by _id alone (only its owner writes a ticket; FerretDB answers _id alone from its key)
    const ticket = await this.tickets.findOne({ _id: ticketId });
    if (ticket && ticket.until.getTime() > at.getTime()) await this.tickets.updateOne({ _id: ticketId }, { $set: { until: at } });
  }

  /** Whether a ticket of a round before `attempt` is still held (its holder renews it while its send is in flight). */
  private async earlierTicketHeld(id: string, attempt: number, now: Date): Promise<boolean> {
    // one read by key each (FerretDB scans the collection for $in): rounds are few (attempts and a stale step or two)
    const earlier = await Promise.all(Array.from({ length: attempt - 1 }, (_, i) => this.tickets.findOne({ _id: `${id}:${i + 1}` })));
    return earlier.some((ticket) => ticket !== null && ticket.until.getTime() > now.getTime());
  }

  /** Deletes the tickets of rows being purged. */
  forget(rowIds: string[]): Promise<number> {
    return rowIds.length === 0 ? Promise.resolve(0) : this.tickets.deleteMany({ rowId: { $in: rowIds } });
  }

  static newOwner(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}
