/**
 * Posts a card for each live handoff request waiting for an operator to the Teams channels of the request's project
 * (or, when no project has it, of the projects of its province; a request whose province is not known: every
 * linked project's, as any operator may take it), and updates those cards once the request leaves `waiting`
 * (taken by someone, unanswered, abandoned).
 *
 * The same machinery as the referral cards (./dispatcher.ts, ./outbox.ts): one row per request (`handoff.card:<id>`,
 * written by a unique insert, so any instance may discover the request), delivered under a lease (./leases.ts), so
 * of several instances exactly one posts each card; every posted card is recorded on the row (channel, activity id),
 * so a retry posts only to the channels still missing it and the final update reaches every copy. 429/5xx are
 * retried with backoff; a channel answering 403/404 is marked inactive. Rows hold ids only.
 *
 *   pending (post) --every channel has it--> posted --the request left waiting--> pending (final) --> done
 *
 * While a row is `posted` nothing is written: each pass reads the posted rows' requests (few) and moves those no
 * longer waiting to their final update.
 */
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { describeError } from '../errorDescription';
import type { Logger } from '../logger';
import type { Handoff } from '../handoff/handoff';
import type { HandoffService } from '../handoff/handoffService';
import type { NetworkProject } from '../projects/project';
import { LoopWorker, WorkLoop } from '../work/workLoop';
import { deleteBefore } from '../retention/finishedRows';
import type { ChannelLink, ChannelLinkStore } from './channelLinks';
import { DeliveryError } from './dispatcher';
import { LeasedRows, type LeaseTicket } from './leases';
import type { OutboxDelivery } from './outbox';

export type HandoffCardRow = {
  /** `handoff.card:<handoffId>` */
  _id: string;
  handoffId: string;
  /** pending: to post (phase post) or to update (phase final); posted: out, showing "waiting"; done; skipped */
  status: 'pending' | 'posted' | 'done' | 'skipped' | 'failed';
  phase: 'post' | 'final';
  attempts: number;
  availableAt: Date;
  leaseOwner?: string;
  deliveries: OutboxDelivery[];
  /** the posted cards' activity ids (a reply in a card's thread names its card by it) */
  activityIds?: string[];
  lastError?: string;
  createdAt: Date;
  doneAt?: Date;
};

export const HANDOFF_CARDS_COLLECTION: CollectionSpec = {
  name: 'teams_handoff_cards',
  indexes: [{ field: 'status' }, { field: 'handoffId' }, { field: 'availableAt' }, { field: 'doneAt' }, { field: 'activityIds' }],
  sortIndexes: [{ status: 1, availableAt: 1 }],
};

/** Posts and updates a handoff's card in one channel (the bot's Connector: bot/teams/handoffTeams.ts). */
export interface HandoffCardPoster {
  post(link: ChannelLink, handoff: Handoff): Promise<string>;
  update(link: ChannelLink, activityId: string, handoff: Handoff): Promise<void>;
}

export interface HandoffCardDispatcherDeps {
  store: Store;
  handoffs: Pick<HandoffService, 'waitingRequests' | 'byIds' | 'get'>;
  links: ChannelLinkStore;
  projects: { listActive(): Promise<NetworkProject[]> };
  poster: HandoffCardPoster;
  logger: Logger;
  clock?: () => Date;
}

export interface HandoffCardDispatcherOptions {
  /** how often to look for new waiting requests and for posted cards to update (default 2000; 0 = only on kicks) */
  pollMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
  leaseMs?: number;
}

const rowId = (handoffId: string): string => `handoff.card:${handoffId}`;

export class HandoffCardDispatcher extends LoopWorker {
  private readonly owner = LeasedRows.newOwner('handoff-cards');
  private readonly clock: () => Date;
  private readonly options: Required<HandoffCardDispatcherOptions>;
  protected readonly loop: WorkLoop;

  private constructor(
    private readonly rows: LeasedRows<HandoffCardRow>,
    private readonly docs: DocumentCollection<HandoffCardRow>,
    private readonly deps: HandoffCardDispatcherDeps,
    options: HandoffCardDispatcherOptions,
  ) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.options = { pollMs: 2000, retryBaseMs: 1000, retryMaxMs: 60_000, maxAttempts: 8, leaseMs: 60_000, ...options };
    this.loop = new WorkLoop({ pass: () => this.pass(), nextDueAt: () => this.rows.nextDueAt() }, { pollMs: this.options.pollMs, clock: this.clock, logger: deps.logger, name: 'teams handoff cards' });
  }

  static async open(deps: HandoffCardDispatcherDeps, options: HandoffCardDispatcherOptions = {}): Promise<HandoffCardDispatcher> {
    const docs = await deps.store.collection<HandoffCardRow>(HANDOFF_CARDS_COLLECTION);
    const tickets: DocumentCollection<LeaseTicket> = await LeasedRows.tickets(deps.store);
    return new HandoffCardDispatcher(new LeasedRows(docs, tickets), docs, deps, options);
  }

  /** Every card posted for the request (to update them). */
  async deliveriesFor(handoffId: string): Promise<OutboxDelivery[]> {
    return (await this.docs.findOne({ _id: rowId(handoffId) }))?.deliveries ?? [];
  }

  /** The request whose card was posted as this activity in this channel (a reply in its thread), or null. */
  async handoffOfCard(conversationId: string, activityId: string): Promise<string | null> {
    if (!activityId) return null;
    const rows = await this.docs.find({ activityIds: activityId }, { limit: 5 });
    return rows.find((r) => r.deliveries.some((d) => d.activityId === activityId && d.conversationId === conversationId))?.handoffId ?? null;
  }

  /** Retention: rows that ended before `cutoff` go (ids only; their request ended long ago). */
  async purgeFinishedBefore(cutoff: Date): Promise<Record<string, number>> {
    const ended = await this.docs.find({ status: { $in: ['done', 'skipped', 'failed'] }, doneAt: { $lt: cutoff } }, { limit: 5000 });
    await this.rows.forget(ended.map((r) => r._id));
    return { [HANDOFF_CARDS_COLLECTION.name]: await deleteBefore(this.docs, 'doneAt', cutoff, { status: { $in: ['done', 'skipped', 'failed'] } }) };
  }

  private async pass(): Promise<void> {
    await this.discover();
    await this.watchPosted();
    for (;;) {
      const due = await this.rows.due(this.clock(), 50);
      let leased = 0;
      for (const candidate of due) {
        if (this.loop.stopped) return;
        const row = await this.rows.lease(candidate._id, this.owner, this.clock(), this.options.leaseMs, candidate);
        if (!row) continue;
        leased += 1;
        try {
          await this.work(row);
        } catch (err) {
          this.deps.logger.warn({ handoffId: row.handoffId, err: describeError(err) }, 'teams: handoff card not handled, retried');
          await this.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + this.backoff(row.attempts)), 'error');
        }
      }
      if (leased === 0 || due.length === 0) return;
    }
  }

  /** A row for each waiting request that has none (the unique `_id` makes one across instances). */
  private async discover(): Promise<void> {
    const waiting = await this.deps.handoffs.waitingRequests();
    if (waiting.length === 0) return;
    const known = new Set((await this.docs.find({ _id: { $in: waiting.map((h) => rowId(h._id)) } })).map((r) => r.handoffId));
    const now = this.clock();
    for (const h of waiting) {
      if (known.has(h._id)) continue;
      try {
        await this.docs.insert({ _id: rowId(h._id), handoffId: h._id, status: 'pending', phase: 'post', attempts: 0, availableAt: now, deliveries: [], createdAt: now });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
  }

  /** Posted cards whose request left `waiting`: their final update is due. */
  private async watchPosted(): Promise<void> {
    const posted = await this.docs.find({ status: 'posted' }, { limit: 500 });
    if (posted.length === 0) return;
    const handoffs = new Map((await this.deps.handoffs.byIds(posted.map((r) => r.handoffId))).map((h) => [h._id, h]));
    for (const row of posted) {
      if (handoffs.get(row.handoffId)?.status === 'waiting') continue;
      await this.docs.updateOne({ _id: row._id, status: 'posted' }, { $set: { status: 'pending', phase: 'final', availableAt: this.clock() } });
    }
  }

  private backoff(attempts: number): number {
    return Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  }

  /** The channels that should show the request: its project's, or its province's projects' (deduplicated). */
  private async channelsFor(handoff: Handoff): Promise<ChannelLink[]> {
    const projectIds = handoff.projectId
      ? [handoff.projectId]
      : (await this.deps.projects.listActive()).filter((p) => handoff.province === undefined || (p.provinces as readonly string[]).includes(handoff.province)).map((p) => p._id);
    const seen = new Set<string>();
    const out: ChannelLink[] = [];
    for (const projectId of projectIds) {
      for (const link of await this.deps.links.activeForProject(projectId)) {
        if (seen.has(link.conversationId)) continue; // one card per channel, even when it serves two of the projects
        seen.add(link.conversationId);
        out.push(link);
      }
    }
    return out;
  }

  private async work(row: HandoffCardRow): Promise<void> {
    let handoff: Handoff;
    try {
      handoff = await this.deps.handoffs.get(row.handoffId);
    } catch {
      await this.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'handoff_not_found');
      return;
    }
    if (row.phase === 'post' && handoff.status === 'waiting') {
      await this.post(row, handoff);
      return;
    }
    // no longer waiting: the cards (if any went out) say how it went
    if (row.deliveries.length === 0) {
      await this.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'not_waiting');
      return;
    }
    await this.finalUpdate(row, handoff);
  }

  private async post(row: HandoffCardRow, handoff: Handoff): Promise<void> {
    const done = new Set(row.deliveries.map((d) => d.linkId));
    const targets = (await this.channelsFor(handoff)).filter((l) => !done.has(l._id));
    if (targets.length === 0 && row.deliveries.length === 0) {
      // no channel linked for this project or province (Teams not in use there): nothing to post, nothing to watch
      await this.rows.finish(row._id, this.owner, 'skipped', this.clock(), 'no_channel');
      return;
    }
    let transient: DeliveryError | undefined;
    for (const link of targets) {
      try {
        const activityId = await this.deps.poster.post(link, handoff);
        await this.docs.updateOne({ _id: row._id, leaseOwner: this.owner }, { $push: { deliveries: { linkId: link._id, conversationId: link.conversationId, activityId, at: this.clock() }, activityIds: activityId } });
      } catch (err) {
        const failure = err instanceof DeliveryError ? err : new DeliveryError(undefined);
        if (failure.gone) {
          await this.deps.links.markInactive(link._id, `connector_${failure.status}`);
          this.deps.logger.warn({ handoffId: handoff._id, linkId: link._id, status: failure.status }, 'teams: channel no longer reachable, link marked inactive');
        } else if (failure.transient) {
          if (!transient || (failure.retryAfterMs ?? 0) > (transient.retryAfterMs ?? 0)) transient = failure;
          this.deps.logger.warn({ handoffId: handoff._id, linkId: link._id, status: failure.status }, 'teams: handoff card not posted, will retry');
        } else {
          this.deps.logger.error({ handoffId: handoff._id, linkId: link._id, status: failure.status }, 'teams: the Connector refused the handoff card');
        }
      }
    }
    if (transient && row.attempts < this.options.maxAttempts) {
      await this.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + (transient.retryAfterMs ?? this.backoff(row.attempts))), transient.status !== undefined ? `http_${transient.status}` : 'network');
      return;
    }
    // every channel has it (or could not): watched until the request leaves waiting
    const posted = await this.rows.finish(row._id, this.owner, 'posted', this.clock(), transient ? 'gave_up' : undefined);
    // its lease ends now: the final update takes the next round's ticket as soon as the request leaves waiting
    if (posted) await this.rows.endTicket(row._id, row.attempts, this.clock());
  }

  private async finalUpdate(row: HandoffCardRow, handoff: Handoff): Promise<void> {
    let transient = false;
    for (const delivery of row.deliveries) {
      const link = await this.deps.links.get(delivery.linkId);
      if (!link || !link.active) continue;
      try {
        await this.deps.poster.update(link, delivery.activityId, handoff);
      } catch (err) {
        const failure = err instanceof DeliveryError ? err : new DeliveryError(undefined);
        if (failure.transient) transient = true;
        this.deps.logger.warn({ handoffId: handoff._id, linkId: link._id, status: failure.status }, 'teams: handoff card not updated');
      }
    }
    if (transient && row.attempts < this.options.maxAttempts) {
      await this.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + this.backoff(row.attempts)), 'update_failed');
      return;
    }
    await this.rows.finish(row._id, this.owner, transient ? 'failed' : 'done', this.clock());
  }
}
