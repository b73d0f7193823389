/**
 * Rows that one worker at a time may take: the lease primitive behind the Teams outbox and the campaign's delivery
 * outbox. A row is `pending` until it ends; `availableAt` says when it may next be taken (creation, a retry's
 * backoff, or the end of a lease). Taking it is one conditional update (`status: pending, availableAt <= now`), so
 * of concurrent workers, in one process or several, exactly one gets it; a worker that dies holding a lease loses
 * it when the lease ends, and the row is taken again by the next one. Every later write is conditional on the
 * lease owner, so a worker whose lease expired cannot overwrite the work of the one that took the row over.
 */
import { randomUUID } from 'node:crypto';
import type { Doc, DocumentCollection, Filter } from '../store/collection';

export type LeasedRow = Doc & {
  status: string;
  /** leases taken (delivery attempts started) */
  attempts: number;
  availableAt: Date;
  leaseOwner?: string;
  lastError?: string;
  doneAt?: Date;
};

export class LeasedRows<T extends LeasedRow> {
  constructor(readonly docs: DocumentCollection<T>) {}

  /** Pending rows that may be leased now (optionally narrowed by `where`), oldest first. */
  due(now: Date, limit: number, where: Filter = {}): Promise<T[]> {
    return this.docs.find({ ...where, status: 'pending', availableAt: { $lte: now } }, { sort: { availableAt: 1 }, limit });
  }

  /** When the next pending row becomes due (to set a timer), or undefined. */
  async nextDueAt(where: Filter = {}): Promise<Date | undefined> {
    const [next] = await this.docs.find({ ...where, status: 'pending' }, { sort: { availableAt: 1 }, limit: 1 });
    return next?.availableAt;
  }

  /** Takes the row for `leaseMs`; null when another worker has it, or it is done, or not due yet. */
  lease(id: string, owner: string, now: Date, leaseMs: number): Promise<T | null> {
    return this.docs.updateOne(
      { _id: id, status: 'pending', availableAt: { $lte: now } },
      { $set: { availableAt: new Date(now.getTime() + leaseMs), leaseOwner: owner }, $inc: { attempts: 1 } },
    );
  }

  /** Ends the row (only by the lease holder); null when the lease was lost. */
  finish(id: string, owner: string, status: string, now: Date, lastError?: string, extra: Record<string, unknown> = {}): Promise<T | null> {
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { ...extra, status, doneAt: now, ...(lastError ? { lastError } : {}) }, $unset: { leaseOwner: true } });
  }

  /** Gives the row back, to be taken again at `at`. */
  retryAt(id: string, owner: string, at: Date, lastError: string): Promise<T | null> {
    return this.docs.updateOne({ _id: id, leaseOwner: owner }, { $set: { availableAt: at, lastError }, $unset: { leaseOwner: true } });
  }

  static newOwner(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }
}
