/**
 * Which worker makes attempt n of a leased row: decided by inserting the claim `<row id>#<n>`, whose unique `_id`
 * lets exactly one of concurrent workers (in one process or several) have it, on every store. A conditional update
 * alone (LeasedRows.lease) is atomic on MongoDB and the embedded store but not on FerretDB v1, where two workers
 * could both lease one row and deliver it twice; with the claim first, only its winner goes on to lease the row.
 *
 * A winner that dies between its claim and its lease leaves the row unchanged (still due, attempt counter n-1)
 * and the claim in place: once the claim is older than a lease, `take` answers `stale`, and the caller moves the
 * row's counter past it (an idempotent `$set`), so the next pass can claim attempt n+1.
 *
 * Claims are purged by age (`purgeBefore`, the retention job): a claim older than a lease is superseded either way
 * (its row has moved past it, or its claimer stopped and the claim would answer `stale`), so without it the next
 * take of that attempt simply succeeds. The retention's cut-off is days old, leases last seconds.
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { deleteBefore } from '../retention/finishedRows';

type AttemptClaim = { _id: string; owner: string; at: Date };

export type AttemptTake = 'taken' | 'held' | 'stale';

export class ExclusiveAttempts {
  private constructor(readonly claims: DocumentCollection<AttemptClaim>) {}

  /** `name`: the claims' collection (one per kind of row). */
  static async open(store: Store, name: string): Promise<ExclusiveAttempts> {
    // `at`: the purge walks the claims by age
    const spec: CollectionSpec = { name, indexes: [{ field: 'at' }] };
    return new ExclusiveAttempts(await store.collection<AttemptClaim>(spec));
  }

  /**
   * Claims attempt `attempt` of row `rowId` for `owner`: `taken` (go on and lease the row), `held` (another worker
   * has it), or `stale` (held by a worker that has evidently stopped: the caller moves the row past it).
   */
  async take(rowId: string, attempt: number, owner: string, now: Date, leaseMs: number): Promise<AttemptTake> {
    const id = `${rowId}#${attempt}`;
    try {
      await this.claims.insert({ _id: id, owner, at: now });
      return 'taken';
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const held = await this.claims.findOne({ _id: id });
    return held && now.getTime() - held.at.getTime() >= leaseMs ? 'stale' : 'held';
  }

  /** Deletes the claims taken before `cutoff` (which must be older than any lease); how many went. */
  purgeBefore(cutoff: Date): Promise<number> {
    return deleteBefore(this.claims, 'at', cutoff);
  }
}
