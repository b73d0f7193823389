/**
 * Lead events: what others must hear about a lead (a new referral, its project assigned, its claim, its withdrawal),
 * recorded by LeadService with the change itself and delivered to each consumer (the Teams cards, the webhook).
 *
 * Why the event travels inside the lead document first. Neither store has transactions across documents (the
 * embedded one none at all, FerretDB none), so "the change and its event land together or not at all" can only be
 * true of ONE document write. LeadService therefore pushes the event onto the lead (`pendingEvents`, with the flag
 * `eventsPending`) in the very write that makes the change: no crash can separate them. Right after the write it
 * publishes the pending events here (an insert into `lead_events` with the event's deterministic id, plus one
 * delivery row per consumer with a deterministic id: writing either twice is harmless) and then clears them from
 * the lead (conditional on the revision it read, so a later change's events are never cleared unseen). A crash, a
 * full disk or an unreachable database between the change and the publication leaves the events on the lead, and
 * the relay sweep (`LeadService.relayPendingEvents`, at start and every poll) publishes them later: nothing is
 * lost, and nothing is published twice under different ids.
 *
 * Delivery: each consumer has its own rows (`lead_event_deliveries`, `_id` `<consumer>|<event id>`), so one failing
 * consumer never delays another. An attempt is taken by inserting the lease ticket `<row id>:<attempt>`
 * (models/teams/leases.ts, shared with the other outboxes): the unique `_id` lets exactly one of several instances
 * take each attempt, on every store (FerretDB included, whose conditional updates are not atomic). Delivery is at least once (an instance that dies
 * mid-delivery has the attempt retried after its lease) with handlers that are idempotent where they can be (the
 * Teams handler writes an outbox row with a deterministic id), and a failed attempt is retried with exponential
 * backoff up to `maxAttempts`, then the row ends `failed`.
 *
 * Events carry ids and codes only: no name, phone, e-mail or free text (handlers read the lead when they need more).
 *
 * Purge (`purgeFinishedBefore`, run by the retention job): delivery rows that ended (delivered, skipped, failed)
 * before the cut-off, the events published before it, and the lease tickets (of every outbox) that ended before it
 * go, a chunk at a time.
 * A row still pending (due, retried later, or leased) has no `doneAt` and stays, whatever its age. An event's log
 * row is not needed to deliver it (each delivery row carries its event whole), so it goes by age alone.
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { Logger } from '../logger';
import { describeError } from '../errorDescription';
import { LEASE_TICKETS_COLLECTION, LeasedRows, type LeaseTicket } from '../teams/leases';
import { WorkLoop } from '../work/workLoop';
import { deleteBefore } from '../retention/finishedRows';

export const LEAD_EVENT_KINDS = ['new', 'assigned', 'claimed', 'withdrawn'] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

export type LeadEvent = {
  /** deterministic per change: `<lead id>:new`, `<lead id>:claimed:<round>`, `<lead id>:withdrawn`, `<lead id>:assigned:<id>` */
  _id: string;
  kind: LeadEventKind;
  leadId: string;
  /** the lead's project after the change (null: the unassigned queue) */
  projectId: string | null;
  /** claimed: the operator's account id */
  operatorId?: string;
  /** when the change happened (the service's clock) */
  at: Date;
};

export const LEAD_EVENTS_COLLECTION: CollectionSpec = {
  name: 'lead_events',
  indexes: [{ field: 'leadId' }, { field: 'at' }],
  // a referral's events in order (forLead)
  sortIndexes: [{ leadId: 1, at: 1, _id: 1 }],
};

export type LeadEventDeliveryStatus = 'pending' | 'delivered' | 'skipped' | 'failed';

export type LeadEventDelivery = {
  /** `<consumer>|<event id>` */
  _id: string;
  consumer: string;
  event: LeadEvent;
  status: LeadEventDeliveryStatus;
  /** attempts taken */
  attempts: number;
  availableAt: Date;
  leaseOwner?: string;
  /** last error or skip reason: a code, never a message with data */
  lastError?: string;
  createdAt: Date;
  doneAt?: Date;
};

export const LEAD_EVENT_DELIVERIES_COLLECTION: CollectionSpec = {
  name: 'lead_event_deliveries',
  // doneAt: the purge walks ended rows by it. No index on `consumer`: its few values put every row under one key,
  // and the embedded store (nedb) rewrites a key's whole list on each update or delete of one of its rows; the due
  // rows are found through `status` and `availableAt`.
  indexes: [{ field: 'status' }, { field: 'availableAt' }, { field: 'doneAt' }],
};

/** What LeadService needs: somewhere to publish the events its changes recorded. */
export interface LeadEventSink {
  publish(events: readonly LeadEvent[]): Promise<void>;
}

async function insertOnce<T extends { _id: string }>(docs: DocumentCollection<T>, doc: T): Promise<boolean> {
  try {
    await docs.insert(doc);
    return true;
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false;
    throw err;
  }
}

/** The event log and every consumer's delivery rows. */
export class LeadEventLog implements LeadEventSink {
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly events: DocumentCollection<LeadEvent>,
    readonly deliveries: DocumentCollection<LeadEventDelivery>,
    /** the lease tickets of the delivery rows (models/teams/leases.ts), shared with the other outboxes */
    readonly tickets: DocumentCollection<LeaseTicket>,
    private readonly consumers: readonly string[],
    private readonly clock: () => Date,
    private readonly logger?: Logger,
  ) {}

  /** `consumers`: the names of the consumers that get a delivery row for every event published from now on. */
  static async open(store: Store, options: { consumers: readonly string[]; clock?: () => Date; logger?: Logger }): Promise<LeadEventLog> {
    return new LeadEventLog(
      await store.collection<LeadEvent>(LEAD_EVENTS_COLLECTION),
      await store.collection<LeadEventDelivery>(LEAD_EVENT_DELIVERIES_COLLECTION),
      await LeasedRows.tickets(store),
      [...new Set(options.consumers)],
      options.clock ?? (() => new Date()),
      options.logger,
    );
  }

  /**
   * Writes each event and its consumers' delivery rows; idempotent (deterministic ids), so a relay that repeats a
   * publication after a crash, or two instances publishing the same lead's events, write each row once.
   * An event's log row and its delivery rows are written at once (none needs another: each delivery row carries its
   * event whole), so a referral's turn waits for one write round, not one per row: on the embedded store the
   * delivery rows share one sync. Events go one after the other, so their delivery rows keep the events' order.
   */
  async publish(events: readonly LeadEvent[]): Promise<void> {
    try {
      for (const event of events) {
        const now = this.clock();
        const writes = [
          insertOnce(this.events, event),
          ...this.consumers.map((consumer) => insertOnce(this.deliveries, { _id: `${consumer}|${event._id}`, consumer, event, status: 'pending', attempts: 0, availableAt: now, createdAt: now })),
        ];
        // every write settled before the outcome is known: a failure leaves no write of this call still running
        const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
    } catch (err) {
      this.logger?.warn({ events: events.map((e) => e._id), err: describeError(err) }, 'lead events: publication deferred to the relay');
      throw err;
    }
    if (events.length > 0) for (const listener of this.listeners) listener();
  }

  /** Called after each publication in this process (consumers wake up instead of waiting for their poll). */
  onPublished(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every event of a lead, oldest first (tests and audits). */
  forLead(leadId: string): Promise<LeadEvent[]> {
    return this.events.find({ leadId }, { sort: { at: 1, _id: 1 } });
  }

  delivery(consumer: string, eventId: string): Promise<LeadEventDelivery | null> {
    return this.deliveries.findOne({ _id: `${consumer}|${eventId}` });
  }

  /** Deletes what ended before `cutoff` (see the module's comment); how many of each went. */
  async purgeFinishedBefore(cutoff: Date): Promise<Record<string, number>> {
    return {
      [LEAD_EVENT_DELIVERIES_COLLECTION.name]: await deleteBefore(this.deliveries, 'doneAt', cutoff, { status: { $ne: 'pending' } }),
      [LEAD_EVENTS_COLLECTION.name]: await deleteBefore(this.events, 'at', cutoff),
      // the tickets of every outbox (one collection, models/teams/leases.ts): a lease that ended before the cut-off
      // is superseded either way (its row moved past it, or its holder died and the next lease steps over it)
      [LEASE_TICKETS_COLLECTION.name]: await deleteBefore(this.tickets, 'until', cutoff),
    };
  }
}

/** What a handler made of one event. `retry` is transient (tried again later); the others end the row. */
export type LeadEventOutcome =
  | { outcome: 'delivered' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'retry'; reason: string; retryAfterMs?: number };

export type LeadEventHandler = (event: LeadEvent) => Promise<LeadEventOutcome>;

export interface LeadEventConsumerOptions {
  /** first retry delay; doubles per attempt (default 1000) */
  retryBaseMs?: number;
  /** longest retry delay (default 10 minutes) */
  retryMaxMs?: number;
  /** attempts before a row is marked failed (default 8) */
  maxAttempts?: number;
  /** how long an attempt holds its row (default 60 s): longer than one delivery */
  leaseMs?: number;
  /** also look for due rows every this often (other instances' rows, retries); 0 = only on events and timers (default 30000) */
  pollMs?: number;
}

/** One consumer of the lead events (one per process and consumer name; several processes share the rows). */
export class LeadEventConsumer {
  private readonly owner = LeasedRows.newOwner('lead-events');
  private readonly rows: LeasedRows<LeadEventDelivery>;
  private readonly options: Required<LeadEventConsumerOptions>;
  private readonly loop: WorkLoop;
  private readonly clock: () => Date;
  private unsubscribe?: () => void;

  constructor(
    private readonly log: LeadEventLog,
    private readonly name: string,
    private readonly handle: LeadEventHandler,
    private readonly deps: { logger: Logger; clock?: () => Date },
    options: LeadEventConsumerOptions = {},
  ) {
    // a delivery's lease and end are synced later: the event's row is durable from its publication, a handler's
    // effects are its own durable writes (the Teams outbox row, with an id of its own) or a delivery that is at
    // least once anyway (the webhook), so losing them with a crash of the machine only repeats an attempt
    this.rows = new LeasedRows(log.deliveries, log.tickets, { syncLater: true });
    this.clock = deps.clock ?? (() => new Date());
    this.options = { retryBaseMs: 1000, retryMaxMs: 10 * 60 * 1000, maxAttempts: 8, leaseMs: 60_000, pollMs: 30_000, ...options };
    this.loop = new WorkLoop(
      { pass: () => this.drainOnce(), nextDueAt: () => this.rows.nextDueAt({ consumer: this.name }) },
      { pollMs: this.options.pollMs, clock: this.clock, logger: deps.logger, name: `lead events (${name})` },
    );
  }

  start(): void {
    this.unsubscribe = this.log.onPublished(() => this.loop.kick());
    this.loop.start();
  }

  kick(): void {
    this.loop.kick();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
  }

  private async drainOnce(): Promise<void> {
    for (;;) {
      const due = await this.rows.due(this.clock(), 50, { consumer: this.name });
      let taken = 0;
      for (const candidate of due) {
        if (this.loop.stopped) return;
        const row = await this.take(candidate);
        if (!row) continue; // another instance has this attempt
        taken += 1;
        await this.deliver(row);
      }
      if (taken === 0 || due.length === 0) return;
    }
  }

  /** Takes the row's next attempt: a unique lease ticket decides, so of several instances exactly one has it. */
  private take(row: LeadEventDelivery): Promise<LeadEventDelivery | null> {
    return this.rows.lease(row._id, this.owner, this.clock(), this.options.leaseMs, row);
  }

  private backoff(attempts: number): number {
    return Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  }

  private async deliver(row: LeadEventDelivery): Promise<void> {
    const { logger } = this.deps;
    const context = { consumer: this.name, eventId: row.event._id, kind: row.event.kind, attempt: row.attempts };
    let result: LeadEventOutcome;
    try {
      result = await this.handle(row.event);
    } catch (err) {
      logger.warn({ ...context, err: describeError(err) }, 'lead events: handler failed, will retry');
      result = { outcome: 'retry', reason: 'error' };
    }
    const now = this.clock();
    if (result.outcome === 'retry') {
      if (row.attempts >= this.options.maxAttempts) {
        await this.rows.finish(row._id, this.owner, 'failed', now, result.reason);
        logger.error({ ...context, reason: result.reason }, 'lead events: delivery gave up');
        return;
      }
      const delay = result.retryAfterMs ?? this.backoff(row.attempts);
      await this.rows.retryAt(row._id, this.owner, new Date(now.getTime() + delay), result.reason);
      return;
    }
    if (result.outcome === 'failed') logger.error({ ...context, reason: result.reason }, 'lead events: delivery failed');
    await this.rows.finish(row._id, this.owner, result.outcome, now, result.outcome === 'delivered' ? undefined : result.reason);
  }
}

/**
 * Publishes what a crash left behind: runs `sweep` (LeadService.relayPendingEvents, which finds leads still holding
 * pending events through an index) at start and every `pollMs`, on every instance (publication is idempotent).
 */
export class LeadEventRelay {
  private readonly loop: WorkLoop;

  constructor(sweep: () => Promise<unknown>, deps: { logger: Logger; pollMs: number; clock?: () => Date }) {
    this.loop = new WorkLoop(
      { pass: async () => void (await sweep()), nextDueAt: async () => undefined },
      { pollMs: deps.pollMs, clock: deps.clock ?? (() => new Date()), logger: deps.logger, name: 'lead events relay' },
    );
  }

  start(): void {
    this.loop.start();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
