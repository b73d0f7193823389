/**
 * A lease that one instance at a time holds for a job (the retention pass): several instances on one database
 * each tick, and only the holder works.
 *
 * Leases are numbered rounds, one document each, `_id` = `<job>:<round>`. Taking the lease is inserting the next
 * round after the latest one, once that one has ended (released, or past `until` because its holder died): the
 * database's unique `_id` lets exactly one of concurrent takers insert it, on every store, FerretDB included (whose
 * conditional updates are not atomic, so a lease taken by a conditional update would not be exclusive there). The
 * holder renews its round while it works and releases it by ending it; nobody else ever writes that document.
 */
import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from './collection';
import type { Store } from './store';

export const JOB_LEASES: CollectionSpec = { name: 'job_leases', indexes: [{ field: 'job' }], sortIndexes: [{ job: 1, round: -1 }] };

type LeaseDoc = { _id: string; job: string; round: number; owner: string; takenAt: Date; until: Date };

/** rounds kept for inspection; older ones are deleted by the next taker */
const ROUNDS_KEPT = 20;

export class JobLease {
  private held: string | undefined;

  constructor(
    private readonly docs: DocumentCollection<LeaseDoc>,
    readonly job: string,
    /** how long a holder may work before others may take over (a holder that died releases nothing) */
    private readonly leaseMs: number,
    readonly owner: string = `${job}-${randomUUID()}`,
  ) {}

  static async open(store: Store, job: string, leaseMs: number): Promise<JobLease> {
    return new JobLease(await store.collection<LeaseDoc>(JOB_LEASES), job, leaseMs);
  }

  /** Takes the lease when nobody holds it: true when this instance now holds it. */
  async acquire(now: Date): Promise<boolean> {
    if (this.held) return false;
    const [latest] = await this.docs.find({ job: this.job }, { sort: { round: -1 }, limit: 1 });
    if (latest && latest.until.getTime() > now.getTime()) return false;
    const round = (latest?.round ?? 0) + 1;
    const _id = `${this.job}:${round}`;
    try {
      await this.docs.insert({ _id, job: this.job, round, owner: this.owner, takenAt: now, until: new Date(now.getTime() + this.leaseMs) });
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false; // another instance took this round first
      throw err;
    }
    this.held = _id;
    await this.docs.deleteMany({ job: this.job, round: { $lt: round - ROUNDS_KEPT } });
    return true;
  }

  /**
   * Extends this instance's round by the lease's length from `now` (a holder working longer than one lease renews
   * it while it works, so a live holder is never taken over). Only the holder writes its round, so this needs no
   * atomicity. false when this instance holds no lease.
   */
  async renew(now: Date): Promise<boolean> {
    const held = this.held;
    if (!held) return false;
    return (await this.docs.updateOne({ _id: held, owner: this.owner }, { $set: { until: new Date(now.getTime() + this.leaseMs) } })) !== null;
  }

  /** Ends this instance's round, so the next tick of any instance may take the lease. */
  async release(now: Date): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    await this.docs.updateOne({ _id: held, owner: this.owner }, { $set: { until: now } });
  }
}
