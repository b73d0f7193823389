/**
 * Keeps a delivery row's lease while its message is on the way, so a send that outlasts the lease (a slow Connector,
 * a store slowed by load) is not taken over and sent a second time by another instance.
 *
 * - Before the message is handed over, the lease is confirmed: renewed first when a quarter of it has passed since
 *   it was last confirmed. A lease that is contested (another instance has taken the row's next round) or lost is
 *   given up: nothing is sent, and the row is left to whoever takes it.
 * - While the message is in flight, the lease is renewed every quarter of it, so it never lapses under a live sender
 *   whose store answers within three quarters of a lease. An instance that is killed stops renewing: its rows are
 *   taken again once their leases end.
 * How a renewal and a take-over that cross are told apart on a store without atomic conditional updates (FerretDB):
 * models/teams/leases.ts.
 */
import type { Logger } from '../logger';
import type { LeasedRows } from '../teams/leases';
import type { DeliveryRow } from './deliveries';

export class LeaseKeeper {
  /** when the lease was last known held: it lasts `leaseMs` from then */
  private confirmedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<boolean> | undefined;
  private holding = false;
  private lost = false;

  constructor(
    private readonly rows: LeasedRows<DeliveryRow>,
    private readonly row: DeliveryRow,
    private readonly leaseMs: number,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    /** when the lease was taken (the time it was asked for: its end is counted from then) */
    takenAt: Date,
  ) {
    this.confirmedAt = takenAt.getTime();
  }

  private get beat(): number {
    return Math.max(1, Math.floor(this.leaseMs / 4));
  }

  /** True when a send may start now: the lease is held, with at least three quarters of it ahead. */
  async confirm(): Promise<boolean> {
    if (this.lost) return false;
    if (this.clock().getTime() - this.confirmedAt < this.beat) return true;
    return this.renew();
  }

  /** Renews the lease every quarter of it until `release`. */
  hold(): void {
    this.holding = true;
    this.schedule();
  }

  /** Stops renewing; resolves once no renewal is being written (the row's end is written after it). */
  async release(): Promise<void> {
    this.holding = false;
    clearTimeout(this.timer);
    await this.renewing;
  }

  /** Gives up a lease that could not be confirmed: its ticket ends now, the row is not written (it may be another's). */
  async giveUp(): Promise<void> {
    await this.release();
    if (!this.lost) await this.rows.endTicket(this.row._id, this.row.attempts, this.clock());
  }

  private schedule(): void {
    if (!this.holding || this.lost) return;
    this.timer = setTimeout(() => void this.renew().finally(() => this.schedule()), this.beat);
  }

  /** One renewal at a time; true when the lease is confirmed held. */
  private renew(): Promise<boolean> {
    this.renewing ??= (async () => {
      const askedAt = this.clock().getTime();
      try {
        const outcome = await this.rows.renew(this.row._id, this.row.attempts, new Date(askedAt + this.leaseMs));
        const tookMs = this.clock().getTime() - askedAt;
        // a renewal has three quarters of a lease to land: one that took a quarter is worth knowing (store load)
        if (tookMs >= this.beat) this.logger.warn({ rowId: this.row._id, tookMs, leaseMs: this.leaseMs }, 'campaign: lease renewal slow');
        if (outcome === 'held') {
          this.confirmedAt = askedAt;
          return true;
        }
        if (outcome === 'lost') this.lost = true;
        // contested: another instance is taking the row's next round; while a send is in flight the beat goes on,
        // so that instance finds the lease held and backs off
        this.logger.warn({ rowId: this.row._id, attempt: this.row.attempts, outcome, sending: this.holding }, 'campaign: delivery lease not confirmed');
        return false;
      } catch {
        return false; // the store did not answer: not confirmed; a holder tries again at the next beat
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }
}
