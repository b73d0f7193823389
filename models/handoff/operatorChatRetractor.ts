/**
 * Deletes from an operator's Teams chat the worker's messages the relay put there, once the store has deleted them
 * for want of the worker's consent (HandoffService.retractRelayed queues them: `handoff_chat_retractions`, one row per
 * Teams activity, with the chat's reference). The transcript is kept only with the worker's consent, and a copy in
 * Teams is a copy too: a bot may delete the activities it sent (DELETE /v3/conversations/{id}/activities/{id}).
 *
 * The rows are worked as the Teams outboxes' (./../teams/leases.ts): leased by a unique ticket, so across instances
 * and restarts one worker at a time deletes each; 404 means it is gone already (done); 429, 5xx and network errors
 * are retried with backoff (Retry-After honoured) up to `maxAttempts`, then given up with a log line (ids and a
 * status, nothing of the worker); 403 (the bot removed from that chat) is given up at once: no retry could delete it.
 *
 * Once every deletion of a conversation has ended with none given up, the operator gets one line saying the worker's
 * messages were removed because they are kept only with the worker's consent (a row `<handoff>:notice`, once across
 * instances): without it, an operator would see lines vanish from the chat and not know why.
 */
import { DuplicateKeyError, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { Logger } from '../logger';
import { describeError } from '../errorDescription';
import { LoopWorker, WorkLoop } from '../work/workLoop';
import { deleteBefore } from '../retention/finishedRows';
import { DeliveryError } from '../teams/dispatcher';
import { LeasedRows, type LeaseTicket } from '../teams/leases';
import { HANDOFF_CHAT_RETRACTIONS_COLLECTION, type ChatRetraction } from './handoff';

/** Deletes and tells in an operator's Teams chat, through the bot's Connector (bot/teams/operatorChat.ts). */
export interface OperatorChatEraser {
  /** Deletes one activity the bot sent there; a DeliveryError (status, Retry-After) when the Connector refused. */
  deleteActivity(reference: Record<string, unknown>, activityId: string): Promise<void>;
  /** The one line saying why the worker's messages went, in the chat's language. */
  tellRemoved(reference: Record<string, unknown>, language: string): Promise<void>;
}

export interface OperatorChatRetractorDeps {
  store: Store;
  eraser: OperatorChatEraser;
  logger: Logger;
  /** real time (leases, backoff), not the business clock */
  clock?: () => Date;
}

export interface OperatorChatRetractorOptions {
  /** also look for rows this often (other instances' rows, a restart); 0 = only on kicks and due times (default 5000) */
  pollMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
  leaseMs?: number;
}

const noticeId = (handoffId: string): string => `${handoffId}:notice`;

export class OperatorChatRetractor extends LoopWorker {
  private readonly owner = LeasedRows.newOwner('chat-retractions');
  private readonly clock: () => Date;
  private readonly options: Required<OperatorChatRetractorOptions>;
  protected readonly loop: WorkLoop;

  private constructor(
    private readonly rows: LeasedRows<ChatRetraction>,
    private readonly docs: DocumentCollection<ChatRetraction>,
    private readonly deps: OperatorChatRetractorDeps,
    options: OperatorChatRetractorOptions,
  ) {
    super();
    this.clock = deps.clock ?? (() => new Date());
    this.options = { pollMs: 5000, retryBaseMs: 1000, retryMaxMs: 10 * 60_000, maxAttempts: 8, leaseMs: 60_000, ...options };
    this.loop = new WorkLoop({ pass: () => this.pass(), nextDueAt: () => this.rows.nextDueAt() }, { pollMs: this.options.pollMs, clock: this.clock, logger: deps.logger, name: 'operator chat retractions' });
  }

  static async open(deps: OperatorChatRetractorDeps, options: OperatorChatRetractorOptions = {}): Promise<OperatorChatRetractor> {
    const docs = await deps.store.collection<ChatRetraction>(HANDOFF_CHAT_RETRACTIONS_COLLECTION);
    const tickets: DocumentCollection<LeaseTicket> = await LeasedRows.tickets(deps.store);
    return new OperatorChatRetractor(new LeasedRows(docs, tickets), docs, deps, options);
  }

  /** The rows of one conversation (tests and support: ids, statuses, no text). */
  rowsOf(handoffId: string): Promise<ChatRetraction[]> {
    return this.docs.find({ handoffId });
  }

  /** Retention: rows that ended before `cutoff` go, with their lease tickets (ids only). */
  async purgeFinishedBefore(cutoff: Date): Promise<Record<string, number>> {
    const ended = await this.docs.find({ status: { $in: ['done', 'failed'] }, doneAt: { $lt: cutoff } }, { limit: 5000 });
    await this.rows.forget(ended.map((r) => r._id));
    return { [HANDOFF_CHAT_RETRACTIONS_COLLECTION.name]: await deleteBefore(this.docs, 'doneAt', cutoff, { status: { $in: ['done', 'failed'] } }) };
  }

  private async pass(): Promise<void> {
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
          this.deps.logger.warn({ handoffId: row.handoffId, kind: row.kind, err: describeError(err) }, 'handoff: operator chat retraction not handled, retried');
          await this.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + this.backoff(row.attempts)), 'error');
        }
      }
      if (leased === 0 || due.length === 0) return;
    }
  }

  private backoff(attempts: number): number {
    return Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  }

  private async work(row: ChatRetraction): Promise<void> {
    try {
      if (row.kind === 'delete' && row.activityId) await this.deps.eraser.deleteActivity(row.reference, row.activityId);
      else if (row.kind === 'notice') await this.deps.eraser.tellRemoved(row.reference, row.language);
    } catch (err) {
      const failure = err instanceof DeliveryError ? err : new DeliveryError(undefined);
      // 404: the activity (or the chat) is gone already, which is what was wanted
      if (failure.status === 404) {
        await this.finished(row, 'done', 'gone');
        return;
      }
      if (failure.transient && row.attempts < this.options.maxAttempts) {
        await this.rows.retryAt(row._id, this.owner, new Date(this.clock().getTime() + (failure.retryAfterMs ?? this.backoff(row.attempts))), failure.status !== undefined ? `http_${failure.status}` : 'network');
        return;
      }
      // ids and a status only: nothing of what the worker wrote, nor who the operator is
      this.deps.logger.warn({ handoffId: row.handoffId, kind: row.kind, status: failure.status ?? null, attempts: row.attempts }, 'handoff: could not delete a worker message from the operator chat, given up');
      await this.finished(row, 'failed', failure.status !== undefined ? `http_${failure.status}` : 'network');
      return;
    }
    await this.finished(row, 'done');
  }

  private async finished(row: ChatRetraction, status: 'done' | 'failed', lastError?: string): Promise<void> {
    if (!(await this.rows.finish(row._id, this.owner, status, this.clock(), lastError))) return;
    if (row.kind === 'delete') await this.noticeWhenAllDone(row);
  }

  /**
   * The conversation's last deletion ended: its one line to the operator is queued (a unique `_id`). Each finisher
   * writes its own row first and reads the others after, so of two finishing at once the later sees both ended.
   */
  private async noticeWhenAllDone(row: ChatRetraction): Promise<void> {
    const rows = await this.docs.find({ handoffId: row.handoffId, kind: 'delete' });
    if (rows.some((r) => r.status === 'pending') || rows.some((r) => r.status === 'failed')) return;
    const now = this.clock();
    try {
      await this.docs.insert({ _id: noticeId(row.handoffId), handoffId: row.handoffId, kind: 'notice', reference: row.reference, language: row.language, status: 'pending', attempts: 0, availableAt: now, createdAt: now });
      this.loop.kick();
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
}
