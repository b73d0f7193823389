/**
 * The campaign's delivery outbox: one row per recipient of an announcement, written when its send starts, with id
 * `<announcementId>:<subscriptionId>` so writing the snapshot again (after a crash) adds no second row. Rows are
 * taken with the same exclusive lease as the Teams outbox (models/teams/leases.ts): with several instances each row is
 * sent by exactly one, and a row leased by an instance that died is taken again when its lease ends.
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import { LANGUAGES } from '../i18n';
import type { Store } from '../store/store';
import { LeasedRows, type LeaseTicket } from '../teams/leases';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export type DeliveryRow = {
  /** `<announcementId>:<subscriptionId>` */
  _id: string;
  announcementId: string;
  subscriptionId: string;
  status: DeliveryStatus;
  attempts: number;
  availableAt: Date;
  leaseOwner?: string;
  /** a status or reason code (`http_403`, `unsubscribed`), never message text */
  lastError?: string;
  /** the language the recipient got */
  language?: string;
  createdAt: Date;
  doneAt?: Date;
};

export const DELIVERIES_COLLECTION: CollectionSpec = {
  name: 'campaign_deliveries',
  indexes: [{ field: 'announcementId' }, { field: 'status' }, { field: 'availableAt' }],
  sortIndexes: [{ status: 1, availableAt: 1 }],
};

export function deliveryRowId(announcementId: string, subscriptionId: string): string {
  return `${announcementId}:${subscriptionId}`;
}

export interface DeliveryCounts {
  recipients: number;
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
}

/** What a finished send did: kept on the announcement once its rows are purged (./announcements.ts). */
export interface DeliveryReport extends DeliveryCounts {
  /** failed and skipped rows by reason code (`http_403`, `unsubscribed`, `cancelled`) */
  failures: Record<string, number>;
  /** messages sent per language */
  languages: Record<string, number>;
}

export class DeliveryOutbox {
  readonly rows: LeasedRows<DeliveryRow>;

  private constructor(private readonly docs: DocumentCollection<DeliveryRow>, tickets: DocumentCollection<LeaseTicket>) {
    this.rows = new LeasedRows(docs, tickets);
  }

  static async open(store: Store): Promise<DeliveryOutbox> {
    return new DeliveryOutbox(await store.collection<DeliveryRow>(DELIVERIES_COLLECTION), await LeasedRows.tickets(store));
  }

  /** Writes a recipient's row; false when it was already there. */
  async enqueue(announcementId: string, subscriptionId: string, now: Date): Promise<boolean> {
    try {
      await this.docs.insert({ _id: deliveryRowId(announcementId, subscriptionId), announcementId, subscriptionId, status: 'pending', attempts: 0, availableAt: now, createdAt: now });
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  count(announcementId: string, status?: DeliveryStatus): Promise<number> {
    return this.docs.count({ announcementId, ...(status ? { status } : {}) });
  }

  async counts(announcementId: string): Promise<DeliveryCounts> {
    const [recipients, sent, failed, skipped, pending] = await Promise.all([
      this.count(announcementId),
      this.count(announcementId, 'sent'),
      this.count(announcementId, 'failed'),
      this.count(announcementId, 'skipped'),
      this.count(announcementId, 'pending'),
    ]);
    return { recipients, sent, failed, skipped, pending };
  }

  /** Failures by reason code (the delivery report). */
  async failureReasons(announcementId: string): Promise<Record<string, number>> {
    const reasons: Record<string, number> = {};
    for (const row of await this.docs.find({ announcementId, status: { $in: ['failed', 'skipped'] } })) {
      const reason = row.lastError ?? row.status;
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    return reasons;
  }

  /** Counts, failure reasons and languages, read from the rows (while the send runs, or to keep when it ends). */
  async report(announcementId: string): Promise<DeliveryReport> {
    const counts = await this.counts(announcementId);
    const failures = counts.failed + counts.skipped > 0 ? await this.failureReasons(announcementId) : {};
    const languages: Record<string, number> = {};
    for (const language of LANGUAGES) {
      const n = await this.docs.count({ announcementId, status: 'sent', language });
      if (n > 0) languages[language] = n;
    }
    return { ...counts, failures, languages };
  }

  /**
   * Deletes an ended send's rows once its report is kept on the announcement: without this every broadcast would
   * leave one row per recipient behind, and the embedded store keeps its documents in memory.
   */
  async purge(announcementId: string): Promise<number> {
    // the rows' lease tickets (./teams/leases.ts) go with them
    const rows = await this.docs.find({ announcementId });
    for (let i = 0; i < rows.length; i += 500) await this.rows.forget(rows.slice(i, i + 500).map((row) => row._id));
    return this.docs.deleteMany({ announcementId });
  }

  get(id: string): Promise<DeliveryRow | null> {
    return this.docs.findOne({ _id: id });
  }
}
