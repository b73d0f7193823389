/**
 * Sends announcements: starts the ones whose time has come, writes each one's audience snapshot into the delivery
 * outbox, and delivers the rows at a steady rate with several in flight.
 *
 * - Rate: at most `ratePerSecond` sends start per second from this instance (the Bot Framework/Teams limits are
 *   per bot; with N instances the total is N times the rate, so set it per instance), and at most `concurrency`
 *   are in flight.
 * - 429: the row is retried after the Connector's Retry-After (or an exponential backoff), and this instance
 *   pauses every send until then. 5xx and network errors: the row is retried with backoff, up to `maxAttempts`.
 * - 403/404 (the bot was blocked or removed, the conversation is gone): the subscription ends and the row counts
 *   as failed. Other 4xx: failed.
 * - Unsubscribed workers get nothing: each row checks its subscription right before it is sent (a worker who
 *   unsubscribes during the send is skipped from that moment on).
 * - Stopped by staff mid-send: no new message starts (each row reads its announcement right before it is sent);
 *   messages already handed to the Connector arrive; the rows left are skipped (`cancelled`) at store speed.
 * - When a send ends its report is kept on the announcement and its rows are purged, so the outbox (and the
 *   embedded store's memory) does not grow with every broadcast.
 * - Several instances: each walks the due rows in its own random order, leases a row (a unique insert, exclusive
 *   on every store, FerretDB included) and only then spends a rate token, so N instances send N times the rate.
 * - Once per recipient: each row is taken with an exclusive lease, kept while its message is on the way however long
 *   the Connector takes (./leaseKeeper.ts), and marked sent right after the Connector accepts it; a row leased by an
 *   instance that died is taken again when its lease ends, so no row is ever skipped. What may repeat, and only
 *   once: a message the dead instance had handed to the Connector without hearing back (or not yet marked sent) is
 *   sent again, since nothing tells whether the Connector accepted it. That is at most `concurrency` rows per
 *   instance that dies; a live instance never repeats one (it renews its lease; an instance whose store does not
 *   answer for three quarters of a lease counts as dead).
 */
import { LoopWorker, WorkLoop } from '../work/workLoop';
import type { Language } from '../i18n';
import { isLanguage } from '../i18n';
import type { Logger } from '../logger';
import { DeliveryError } from '../teams/dispatcher';
import { LeasedRows } from '../teams/leases';
import { textFor, type Announcement, type AnnouncementStore } from './announcements';
import type { DeliveryOutbox, DeliveryRow } from './deliveries';
import { LeaseKeeper } from './leaseKeeper';
import type { StoredReference, SubscriptionStore } from './subscriptions';
import { describeError } from '../errorDescription';

/** Sends one message to a stored conversation; throws DeliveryError (status, Retry-After) when it cannot. */
export interface BroadcastPoster {
  send(reference: StoredReference, text: string): Promise<void>;
}

export interface SenderOptions {
  /** sends started per second by this instance (default 8) */
  ratePerSecond?: number;
  /** sends in flight at once (default 4) */
  concurrency?: number;
  /** how long a lease lasts: longer than one send can take (default 60 s) */
  leaseMs?: number;
  /** first retry delay of a 5xx/network failure or a 429 without Retry-After; doubles per attempt (default 1000) */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** attempts before a row is marked failed (default 8) */
  maxAttempts?: number;
  /** look for work this often besides the timers (other instances' sends, expired leases); 0 = never (default 5000) */
  pollMs?: number;
  /** rows read per query (default 200) */
  batch?: number;
}

export interface SenderDeps {
  announcements: AnnouncementStore;
  deliveries: DeliveryOutbox;
  subscriptions: SubscriptionStore;
  poster: BroadcastPoster;
  /** the message a subscriber reads, in their language */
  compose: (announcement: Announcement, language: Language) => string;
  logger: Logger;
  /** real time (delivery timing), not the business clock */
  clock?: () => Date;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** audience rows written at once while a send starts */
const SNAPSHOT_CHUNK = 25;

/** lost leases in a row after which the due rows are read again (other instances have taken the ones read) */
const STALE_READ_LOSSES = 3;

/** A copy of `items` in random order (Fisher-Yates). */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** how stale the drain's read of an announcement may be (it only picks the fast skip of a stopped send) */
const ANNOUNCEMENT_MAX_AGE_MS = 1000;

/** Starts at most `rate` per second, `concurrency` at once, none while paused (after a 429). */
class Limiter {
  private nextAt = 0;
  private pausedUntil = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  /** rate tokens handed out so far: each one a send started */
  spent = 0;

  constructor(private readonly rate: number, private readonly concurrency: number) {}

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Resolves when one more row may be taken (and counts it as in flight); false when `stopped()` turned true. */
  async acquireSlot(stopped: () => boolean): Promise<boolean> {
    for (;;) {
      if (stopped()) return false;
      if (this.inFlight < this.concurrency) {
        this.inFlight += 1;
        return true;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves when one more send may start at the rate (none while paused); false when `stopped()` turned true. */
  async acquireRate(stopped: () => boolean): Promise<boolean> {
    for (;;) {
      if (stopped()) return false;
      const now = Date.now();
      const wait = Math.max(this.nextAt, this.pausedUntil) - now;
      if (wait > 0) {
        await sleep(Math.min(wait, 1000));
        continue;
      }
      this.nextAt = Math.max(now, this.nextAt) + 1000 / this.rate;
      this.spent += 1;
      return true;
    }
  }

  release(): void {
    this.inFlight -= 1;
    this.waiters.shift()?.();
  }

  async drained(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

export class BroadcastSender extends LoopWorker {
  readonly owner = LeasedRows.newOwner('sender');
  private readonly clock: () => Date;
  private readonly options: Required<SenderOptions>;
  private readonly limiter: Limiter;
  private readonly cache = new Map<string, { announcement: Announcement; readAt: number }>();
  protected readonly loop: WorkLoop;

  constructor(private readonly deps: SenderDeps, options: SenderOptions = {}) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.options = { ratePerSecond: 8, concurrency: 4, leaseMs: 60_000, retryBaseMs: 1000, retryMaxMs: 10 * 60 * 1000, maxAttempts: 8, pollMs: 5000, batch: 200, ...options };
    this.limiter = new Limiter(this.options.ratePerSecond, this.options.concurrency);
    this.loop = new WorkLoop(
      { pass: () => this.pass(), nextDueAt: () => this.nextDueAt() },
      { pollMs: this.options.pollMs, clock: this.clock, logger: deps.logger, name: 'campaign sender' },
    );
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  /** Rate tokens this instance has spent: one per send started, none on a lease another instance won. */
  get rateTokensSpent(): number {
    return this.limiter.spent;
  }

  get ratePerSecond(): number {
    return this.options.ratePerSecond;
  }

  /** Stops taking rows, lets the sends in flight finish (and be marked), then resolves. */
  override async stop(): Promise<void> {
    await super.stop();
    await this.limiter.drained();
  }

  private async pass(): Promise<void> {
    const { announcements } = this.deps;
    for (const due of await announcements.due(this.clock())) {
      const claimed = await announcements.claimStart(due._id, this.owner, this.clock(), this.options.leaseMs);
      if (claimed) await this.snapshot(claimed);
    }
    for (const left of await announcements.unfinishedSnapshots(this.clock())) {
      const claimed = await announcements.claimSnapshot(left._id, this.owner, this.clock(), this.options.leaseMs);
      if (claimed) await this.snapshot(claimed);
    }
    await this.drain();
    await this.limiter.drained();
    await this.finishEnded();
  }

  /** Keeps the report of each send with no row left pending (sent, or stopped and drained), then purges its rows. */
  private async finishEnded(): Promise<void> {
    const { announcements, deliveries, logger } = this.deps;
    const drained = async (a: Announcement): Promise<boolean> => (await deliveries.count(a._id, 'pending')) === 0;
    for (const sending of await announcements.sending()) {
      if (!(await drained(sending))) continue;
      const done = await announcements.markSent(sending._id, this.clock(), await deliveries.report(sending._id));
      if (done) logger.info({ announcementId: done._id, sent: done.report?.sent, failed: done.report?.failed }, 'campaign: announcement sent');
    }
    for (const stopped of await announcements.stoppedWithoutReport()) {
      if (!(await drained(stopped))) continue;
      const kept = await announcements.keepReport(stopped._id, this.clock(), await deliveries.report(stopped._id));
      if (kept) logger.info({ announcementId: kept._id, sent: kept.report?.sent }, 'campaign: stopped send drained');
    }
    for (const ended of await announcements.unpurged()) {
      const purged = await deliveries.purge(ended._id);
      await announcements.markPurged(ended._id);
      this.cache.delete(ended._id);
      logger.debug({ announcementId: ended._id, purged }, 'campaign: delivery rows purged');
    }
  }

  /** One delivery row per subscriber in the audience now; rows already written are left as they are. */
  private async snapshot(announcement: Announcement): Promise<void> {
    const { subscriptions, deliveries, announcements, logger } = this.deps;
    let after: string | undefined;
    let written = 0;
    for (;;) {
      const page = await subscriptions.page(announcement, after, this.options.batch);
      if (page.length === 0) break;
      const now = this.clock();
      // a few rows at once (one round trip each would make a large audience slow on a remote database), and the
      // lease extended after each few, so a slow store does not let another instance take the snapshot over
      for (let start = 0; start < page.length; start += SNAPSHOT_CHUNK) {
        const added = await Promise.all(page.slice(start, start + SNAPSHOT_CHUNK).map((subscription) => deliveries.enqueue(announcement._id, subscription._id, now)));
        written += added.filter(Boolean).length;
        if (!(await announcements.extendSnapshot(announcement._id, this.owner, new Date(this.clock().getTime() + this.options.leaseMs)))) {
          logger.info({ announcementId: announcement._id, written }, 'campaign: send stopped while its audience was being written');
          return;
        }
      }
      after = page[page.length - 1]._id;
    }
    const recipients = await deliveries.count(announcement._id);
    await announcements.snapshotDone(announcement._id, this.owner, recipients);
    logger.info({ announcementId: announcement._id, recipients, written }, 'campaign: audience written, sending');
  }

  /**
   * Sends the due rows. Each instance reads the oldest due rows and walks them in its own random order, so several
   * instances on one store take different rows instead of all fighting for the oldest; a row is leased first (a
   * unique insert: a lost race costs one write) and only a leased row waits for a rate token, so every token this
   * instance spends is a message sent, and N instances send N times the per-instance rate. The next rows are read as
   * soon as this batch's leases are decided, not when its sends end: one slow Connector call holds one of the
   * `concurrency` slots, never the whole broadcast (a leased row is not due, so the next read skips the ones in flight).
   */
  private async drain(): Promise<void> {
    const { deliveries } = this.deps;
    for (;;) {
      const due = shuffled(await deliveries.rows.due(this.clock(), this.options.batch));
      let leased = 0;
      let lostInARow = 0;
      const leasing: Array<Promise<void>> = [];
      for (const candidate of due) {
        // several lost in a row: this read is stale (other instances took those rows), read again
        if (this.stopped || lostInARow >= STALE_READ_LOSSES) break;
        if (!(await this.limiter.acquireSlot(() => this.stopped))) break;
        leasing.push(
          this.take(candidate).then((taken) => {
            if (taken) {
              leased += 1;
              lostInARow = 0;
            } else lostInARow += 1;
          }),
        );
      }
      await Promise.all(leasing);
      if (this.stopped || due.length === 0 || leased === 0) return;
    }
  }

  /**
   * Leases one row (holding one of the `concurrency` slots, so leases run side by side too) and resolves with
   * whether it was won; a won row is then sent in the background, still holding its slot until its send ends
   * (`stop` and each pass wait for every slot). The rate token is spent only once the lease is won.
   */
  private async take(candidate: DeliveryRow): Promise<boolean> {
    const { deliveries, logger } = this.deps;
    const takenAt = this.clock();
    let row: DeliveryRow | null;
    try {
      row = await deliveries.rows.lease(candidate._id, this.owner, takenAt, this.options.leaseMs, candidate);
    } catch (err) {
      logger.error({ rowId: candidate._id, err: describeError(err) }, 'campaign: lease failed unexpectedly');
      this.limiter.release();
      return true; // not a lost race: the row is tried again on a later read
    }
    if (!row) {
      this.limiter.release();
      return false;
    }
    void this.sendLeased(row, new LeaseKeeper(deliveries.rows, row, this.options.leaseMs, this.clock, logger, takenAt));
    return true;
  }

  /** Sends a leased row (or skips it when its send was stopped), then frees its slot; never rejects. */
  private async sendLeased(row: DeliveryRow, lease: LeaseKeeper): Promise<void> {
    const { deliveries, logger } = this.deps;
    try {
      if ((await this.announcement(row.announcementId)).status === 'cancelled') {
        // stopped by staff: skipped at store speed, not at the sending rate
        await deliveries.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'cancelled');
        return;
      }
      if (!(await this.limiter.acquireRate(() => this.stopped))) {
        await deliveries.rows.giveBack(row._id, this.owner, this.clock()); // stopping: the next instance sends it now
        return;
      }
      await this.deliver(row, lease);
    } catch (err) {
      logger.error({ rowId: row._id, err: describeError(err) }, 'campaign: delivery failed unexpectedly'); // its lease ends and the row is taken again
    } finally {
      await lease.release().catch((err: unknown) => logger.error({ rowId: row._id, err: describeError(err) }, 'campaign: lease release failed'));
      this.limiter.release();
    }
  }

  /** The announcement, read at most ANNOUNCEMENT_MAX_AGE_MS ago, or now when `fresh`. */
  private async announcement(id: string, fresh = false): Promise<Announcement> {
    const cached = this.cache.get(id);
    if (!fresh && cached && Date.now() - cached.readAt < ANNOUNCEMENT_MAX_AGE_MS) return cached.announcement;
    const announcement = await this.deps.announcements.get(id);
    this.cache.set(id, { announcement, readAt: Date.now() });
    return announcement;
  }

  private backoff(attempts: number): number {
    return Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  }

  private async deliver(row: DeliveryRow, lease: LeaseKeeper): Promise<void> {
    const { deliveries, subscriptions, logger } = this.deps;
    const subscription = await subscriptions.get(row.subscriptionId);
    if (!subscription || subscription.status !== 'active' || !subscription.reference) {
      await deliveries.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'unsubscribed');
      return;
    }
    const announcement = await this.announcement(row.announcementId, true); // a stop counts up to the last moment
    if (announcement.status === 'cancelled') {
      await deliveries.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'cancelled');
      return;
    }
    const language: Language = isLanguage(subscription.language) ? subscription.language : 'it';
    const sentIn = textFor(announcement, language).language;
    // the lease is confirmed right before the message goes, and kept while it is on the way (however long the
    // Connector takes): another instance takes this row only once this one stopped renewing (it died)
    if (!(await lease.confirm())) {
      await lease.giveUp();
      logger.warn({ rowId: row._id, attempt: row.attempts }, 'campaign: lease not confirmed before the send; left to be taken again');
      return;
    }
    const startedAt = Date.now();
    lease.hold();
    try {
      await this.deps.poster.send(subscription.reference, this.deps.compose(announcement, language));
    } catch (err) {
      await lease.release();
      const failure = err instanceof DeliveryError ? err : new DeliveryError(undefined);
      const code = failure.status !== undefined ? `http_${failure.status}` : 'network';
      if (failure.gone) {
        await subscriptions.end(subscription._id, 'unreachable');
        await deliveries.rows.finish(row._id, this.owner, 'failed', this.clock(), code);
        logger.warn({ announcementId: row.announcementId, subscriptionId: subscription._id, status: failure.status }, 'campaign: conversation unreachable, subscription ended');
        return;
      }
      if (failure.transient && row.attempts < this.options.maxAttempts) {
        const delay = failure.retryAfterMs ?? this.backoff(row.attempts);
        if (failure.status === 429) this.limiter.pause(Date.now() + delay);
        await deliveries.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + delay), code);
        logger.warn({ announcementId: row.announcementId, status: failure.status, attempt: row.attempts, delayMs: delay }, 'campaign: send refused, will retry');
        return;
      }
      await deliveries.rows.finish(row._id, this.owner, 'failed', this.clock(), code);
      logger.error({ announcementId: row.announcementId, status: failure.status, attempts: row.attempts }, 'campaign: send failed');
      return;
    }
    await lease.release();
    const marked = await deliveries.rows.finish(row._id, this.owner, 'sent', this.clock(), undefined, { language: sentIn });
    // which row, which round, how long the Connector took: enough to tell a repeat's cause from the logs
    logger.debug({ rowId: row._id, attempt: row.attempts, owner: this.owner, startedAt, sendMs: Date.now() - startedAt, marked: marked !== null }, 'campaign: message sent');
    if (!marked) logger.warn({ rowId: row._id }, 'campaign: sent after its lease ended (another instance may send it too)');
  }

  /** The earliest of the next due delivery row and the next scheduled announcement. */
  private async nextDueAt(): Promise<Date | undefined> {
    const [row, scheduled] = await Promise.all([this.deps.deliveries.rows.nextDueAt(), this.deps.announcements.nextScheduledAt()]);
    return [row, scheduled].filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime())[0];
  }
}
