/**
 * The durable outbox of Teams notifications. A row is written for each new referral right after the lead (its id
 * is derived from the lead, so writing it twice is harmless), and one more each time staff put the referral in
 * another project (id derived from the lead and that project), so that project's channels get the card too; a
 * dispatcher delivers pending rows. Each delivery
 * attempt first takes an exclusive lease on the row (a unique ticket insert, ./leases.ts), so several bot
 * instances, or a restart racing a retry, never deliver the same row twice. Each channel that received the card
 * is recorded on the row (with the posted activity id, to update the card later), so a retry after a partial
 * failure posts only to the channels still missing it.
 *
 * Purge (`purgeFinishedBefore`, run by the retention job): a row that ended before the cut-off without posting a
 * card goes. A row that posted cards is what updates those cards when the
 * referral changes (`deliveriesForLead`), so it stays until its lead is erased; a pending row always stays. The
 * lease tickets of every outbox are purged once, with the lead events' (LeadEventLog.purgeFinishedBefore).
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { LeasedRows, type LeaseTicket } from './leases';
import { deleteBefore } from '../retention/finishedRows';

export type OutboxStatus = 'pending' | 'delivered' | 'undelivered' | 'skipped' | 'failed';

export interface OutboxDelivery {
  linkId: string;
  conversationId: string;
  /** the id of the posted message, for card updates */
  activityId: string;
  at: Date;
}

export type OutboxRow = {
  /** `referral.new:<leadId>`, or `referral.assigned:<leadId>:<projectId>` */
  _id: string;
  kind: 'referral.new';
  leadId: string;
  /** the project whose channels get the card (rows written before it was recorded: the lead's project) */
  projectId?: string;
  status: OutboxStatus;
  /** delivery attempts started (leases taken) */
  attempts: number;
  /** when the row may next be leased: creation, a retry's backoff, or the end of a lease */
  availableAt: Date;
  /** the dispatcher holding the lease */
  leaseOwner?: string;
  deliveries: OutboxDelivery[];
  /** last error code (status or reason), never a message with data */
  lastError?: string;
  createdAt: Date;
  doneAt?: Date;
};

export const OUTBOX_COLLECTION: CollectionSpec = {
  name: 'teams_outbox',
  // doneAt: the purge walks ended rows by it
  indexes: [{ field: 'status' }, { field: 'leadId' }, { field: 'availableAt' }, { field: 'doneAt' }],
  sortIndexes: [{ status: 1, availableAt: 1 }],
};

export function outboxRowId(leadId: string): string {
  return `referral.new:${leadId}`;
}

export class Outbox {
  private readonly rows: LeasedRows<OutboxRow>;

  private constructor(private readonly docs: DocumentCollection<OutboxRow>, tickets: DocumentCollection<LeaseTicket>) {
    this.rows = new LeasedRows(docs, tickets);
  }

  static async open(store: Store): Promise<Outbox> {
    return new Outbox(await store.collection<OutboxRow>(OUTBOX_COLLECTION), await LeasedRows.tickets(store));
  }

  /** Writes the row for a new referral (for `projectId`'s channels when given); false when it was already there. */
  enqueue(leadId: string, now: Date, projectId?: string): Promise<boolean> {
    return this.insert({ _id: outboxRowId(leadId), kind: 'referral.new', leadId, ...(projectId ? { projectId } : {}), status: 'pending', attempts: 0, availableAt: now, deliveries: [], createdAt: now });
  }

  /** Writes the row for a referral staff put in `projectId`; false when that project already had one. */
  enqueueAssigned(leadId: string, projectId: string, now: Date): Promise<boolean> {
    return this.insert({ _id: `referral.assigned:${leadId}:${projectId}`, kind: 'referral.new', leadId, projectId, status: 'pending', attempts: 0, availableAt: now, deliveries: [], createdAt: now });
  }

  private async insert(row: OutboxRow): Promise<boolean> {
    try {
      await this.docs.insert(row);
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  /** Pending rows that may be leased now, oldest first. */
  due(now: Date, limit = 50): Promise<OutboxRow[]> {
    return this.rows.due(now, limit);
  }

  /** When the next pending row becomes due (to set a timer), or undefined. */
  nextDueAt(): Promise<Date | undefined> {
    return this.rows.nextDueAt();
  }

  /**
   * Takes the row for `leaseMs`: atomic, so of concurrent dispatchers exactly one gets it. A dispatcher that dies
   * holding a lease loses it when it expires, and the row is delivered by the next one.
   */
  lease(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxRow | null> {
    return this.rows.lease(id, owner, now, leaseMs);
  }

  async recordDelivery(id: string, owner: string, delivery: OutboxDelivery): Promise<void> {
    await this.docs.updateOne({ _id: id, leaseOwner: owner }, { $push: { deliveries: delivery } });
  }

  async finish(id: string, owner: string, status: Exclude<OutboxStatus, 'pending'>, now: Date, lastError?: string): Promise<void> {
    await this.rows.finish(id, owner, status, now, lastError);
  }

  async retryAt(id: string, owner: string, at: Date, lastError: string): Promise<void> {
    await this.rows.retryAt(id, owner, at, lastError);
  }

  /** The row written when the referral arrived. */
  forLead(leadId: string): Promise<OutboxRow | null> {
    return this.docs.findOne({ _id: outboxRowId(leadId) });
  }

  /** Every card posted for the referral, in every project it was in (to update them all when it changes). */
  async deliveriesForLead(leadId: string): Promise<OutboxDelivery[]> {
    return (await this.docs.find({ leadId })).flatMap((row) => row.deliveries);
  }

  /**
   * Deletes the rows that ended before `cutoff` without a card posted, the ended rows of `erasedLeadIds` (referrals
   * erased: their cards are never updated again); how many went. Lease tickets go with the lead events' purge.
   */
  async purgeFinishedBefore(cutoff: Date, erasedLeadIds: readonly string[] = []): Promise<Record<string, number>> {
    let rows = await deleteBefore(this.docs, 'doneAt', cutoff, { status: { $ne: 'pending' }, deliveries: { $size: 0 } });
    for (let i = 0; i < erasedLeadIds.length; i += 500) {
      rows += await this.docs.deleteMany({ leadId: { $in: erasedLeadIds.slice(i, i + 500) }, status: { $ne: 'pending' } });
    }
    return { [OUTBOX_COLLECTION.name]: rows };
  }

  static newOwner(): string {
    return LeasedRows.newOwner('dispatcher');
  }
}
