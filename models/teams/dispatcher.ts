/**
 * Delivers the outbox: posts each new referral's card to every active channel linked to the lead's project.
 *
 * - 429 and 5xx (and network errors) are transient: the row is retried later with exponential backoff, or after
 *   the Connector's Retry-After when it gives one; after `maxAttempts` the row is marked failed.
 * - 403 and 404 (the bot was removed from the team, the channel deleted) mark that link inactive; the project's
 *   other channels still receive the card. When no channel received it, the row ends `undelivered` and the
 *   fallback notifier is told (the referral also stays in the operators' API queue).
 * - Rows are written by the Teams consumer of the lead events (teamsLeadEventHandler), so a crash between a lead's
 *   change and its row is covered by the events' relay. On start the dispatcher drains every pending row (a crash
 *   between the row and the delivery is replayed); the lease on each row makes the replay once across restarts.
 */
import { LoopWorker, WorkLoop } from '../work/workLoop';
import type { Lead } from '../leads/lead';
import type { Logger } from '../logger';
import type { ReferralNotifier } from '../notify/referralNotifier';
import type { ChannelLink, ChannelLinkStore } from './channelLinks';
import { Outbox, type OutboxRow } from './outbox';
import { describeError } from '../errorDescription';
import type { LeadEventHandler } from '../leads/leadEvents';

/** A failed post: the Connector's HTTP status (none for a network error) and its Retry-After. */
export class DeliveryError extends Error {
  constructor(readonly status: number | undefined, readonly retryAfterMs?: number) {
    super(`delivery failed${status !== undefined ? `: HTTP ${status}` : ''}`);
    this.name = 'DeliveryError';
  }

  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }

  /** the bot can no longer post there */
  get gone(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

/** Posts a new referral's card to one channel; resolves with the posted activity's id. */
export interface ChannelPoster {
  postNewReferral(link: ChannelLink, lead: Lead): Promise<string>;
}

export interface DispatcherOptions {
  /** first retry delay; doubles per attempt (default 1000) */
  retryBaseMs?: number;
  /** longest retry delay (default 10 minutes) */
  retryMaxMs?: number;
  /** attempts before a row is marked failed (default 8) */
  maxAttempts?: number;
  /** how long a lease lasts (default 60 s): longer than one delivery attempt */
  leaseMs?: number;
  /** also look for due rows every this often (other instances' rows, lost timers); 0 = never (default 30000) */
  pollMs?: number;
}

export interface DispatcherDeps {
  outbox: Outbox;
  links: ChannelLinkStore;
  leads: { get(id: string): Promise<Lead> };
  poster: ChannelPoster;
  logger: Logger;
  /** told when no channel could receive a referral */
  fallback?: ReferralNotifier;
  /** real time (delivery timing), not the business clock */
  clock?: () => Date;
}

export class OutboxDispatcher extends LoopWorker {
  private readonly owner = Outbox.newOwner();
  private readonly clock: () => Date;
  private readonly options: Required<DispatcherOptions>;
  protected readonly loop: WorkLoop;

  constructor(private readonly deps: DispatcherDeps, options: DispatcherOptions = {}) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.options = { retryBaseMs: 1000, retryMaxMs: 10 * 60 * 1000, maxAttempts: 8, leaseMs: 60_000, pollMs: 30_000, ...options };
    this.loop = new WorkLoop(
      { pass: () => this.drainOnce(), nextDueAt: () => this.deps.outbox.nextDueAt() },
      { pollMs: this.options.pollMs, clock: this.clock, logger: deps.logger, name: 'teams outbox' },
    );
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  /**
   * Replays every pending row, and keeps polling. Rows missing after a crash are not this class's concern: they
   * come from lead events, which the relay publishes (models/leads/leadEvents.ts).
   */
  override start(): void {
    this.loop.start();
  }

  /** Writes the row of a new referral (idempotent) and starts delivering it. */
  async enqueue(lead: Pick<Lead, '_id' | 'projectId'>): Promise<void> {
    await this.deps.outbox.enqueue(lead._id, this.clock(), lead.projectId ?? undefined);
    this.kick();
  }

  /** Staff put the referral in a project: that project's channels get the card (once per project). */
  async assigned(lead: Pick<Lead, '_id' | 'projectId'>): Promise<void> {
    if (lead.projectId === null) return;
    await this.deps.outbox.enqueueAssigned(lead._id, lead.projectId, this.clock());
    this.kick();
  }

  private async drainOnce(): Promise<void> {
    for (;;) {
      const due = await this.deps.outbox.due(this.clock());
      let leased = 0;
      for (const candidate of due) {
        if (this.stopped) return;
        const row = await this.deps.outbox.lease(candidate._id, this.owner, this.clock(), this.options.leaseMs);
        if (!row) continue; // another dispatcher took it
        leased += 1;
        await this.deliver(row);
      }
      if (leased === 0 || due.length === 0) return;
    }
  }

  private backoff(attempts: number): number {
    return Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { outbox, links, logger } = this.deps;
    let lead: Lead;
    try {
      lead = await this.deps.leads.get(row.leadId);
    } catch {
      await outbox.finish(row._id, this.owner, 'skipped', this.clock(), 'lead_not_found');
      return;
    }
    if (lead.projectId === null || lead.status === 'erased') {
      await outbox.finish(row._id, this.owner, 'skipped', this.clock(), lead.projectId === null ? 'no_project' : 'erased');
      return;
    }
    if (row.projectId !== undefined && row.projectId !== lead.projectId) {
      // moved to another project before its card went out: that project's own row posts it there
      await outbox.finish(row._id, this.owner, 'skipped', this.clock(), 'reassigned');
      return;
    }
    const done = new Set(row.deliveries.map((d) => d.linkId));
    const targets = (await links.activeForProject(lead.projectId)).filter((l) => !done.has(l._id));
    let delivered = done.size;
    let transient: DeliveryError | undefined;
    let lastError: string | undefined;
    for (const link of targets) {
      try {
        const activityId = await this.deps.poster.postNewReferral(link, lead);
        await outbox.recordDelivery(row._id, this.owner, { linkId: link._id, conversationId: link.conversationId, activityId, at: this.clock() });
        delivered += 1;
      } catch (err) {
        const failure = err instanceof DeliveryError ? err : new DeliveryError(undefined);
        lastError = failure.status !== undefined ? `http_${failure.status}` : 'network';
        if (failure.gone) {
          await links.markInactive(link._id, `connector_${failure.status}`);
          logger.warn({ leadId: lead._id, linkId: link._id, status: failure.status }, 'teams: channel no longer reachable, link marked inactive');
        } else if (failure.transient) {
          if (!transient || (failure.retryAfterMs ?? 0) > (transient.retryAfterMs ?? 0)) transient = failure;
          logger.warn({ leadId: lead._id, linkId: link._id, status: failure.status, attempt: row.attempts }, 'teams: delivery failed, will retry');
        } else {
          logger.error({ leadId: lead._id, linkId: link._id, status: failure.status }, 'teams: the Connector refused the card');
        }
      }
    }
    if (transient) {
      if (row.attempts >= this.options.maxAttempts) {
        await outbox.finish(row._id, this.owner, 'failed', this.clock(), lastError);
        logger.error({ leadId: lead._id, attempts: row.attempts }, 'teams: delivery gave up');
        return;
      }
      const delay = Math.max(transient.retryAfterMs ?? 0, transient.retryAfterMs !== undefined ? 0 : this.backoff(row.attempts));
      await outbox.retryAt(row._id, this.owner, new Date(this.clock().getTime() + delay), lastError ?? 'transient');
      return;
    }
    if (delivered > 0) {
      await outbox.finish(row._id, this.owner, 'delivered', this.clock());
      return;
    }
    await outbox.finish(row._id, this.owner, 'undelivered', this.clock(), lastError ?? 'no_channel');
    if (this.deps.fallback) {
      try {
        await this.deps.fallback.newReferral(lead);
      } catch (err) {
        logger.warn({ leadId: lead._id, err: describeError(err) }, 'teams: fallback notification failed');
      }
    }
  }
}

/**
 * The Teams consumer of the lead events (models/leads/leadEvents.ts): a new referral in a project, or a referral
 * staff put in another project, becomes that project's outbox row (deterministic id, so an event handled twice
 * writes one row), which the dispatcher delivers. Other events are not for the channels.
 */
export function teamsLeadEventHandler(dispatcher: OutboxDispatcher): LeadEventHandler {
  return async (event) => {
    if (event.projectId === null) return { outcome: 'skipped', reason: 'no_project' }; // staff triage it from the API
    if (event.kind === 'new') await dispatcher.enqueue({ _id: event.leadId, projectId: event.projectId });
    else if (event.kind === 'assigned') await dispatcher.assigned({ _id: event.leadId, projectId: event.projectId });
    else return { outcome: 'skipped', reason: 'not_for_channels' };
    return { outcome: 'delivered' };
  };
}
