/**
 * Brings the operator's side to the worker's chat, from whichever instance: every instance looks every
 * RELAY_INTERVAL_MS at the open requests (and those whose end the worker was not told yet), and sends through the
 * worker's stored conversation reference what is new: that an operator joined, each operator message (with the
 * operator's name and role), and how it ended. Each send is taken by a unique insert (HandoffService.claimDelivery),
 * so two instances never send the same one; a send that fails is given back and tried again at the next pass.
 *
 * What the worker is told at the end: unanswered and operator_idle come with the call-back offer; closed,
 * returned_to_bot and referral name the operator; abandoned and worker_left were the worker's own doing and need no
 * telling. Then the reference is forgotten.
 */
import { describeError } from '../errorDescription';
import type { Logger } from '../logger';
import type { EndReason, Handoff, OperatorRole } from './handoff';
import type { HandoffService } from './handoffService';

/** how often each instance looks for something to send: the worst added latency operator -> worker */
export const RELAY_INTERVAL_MS = 1000;

export type WorkerNotice =
  | { kind: 'joined'; name: string; role: OperatorRole }
  | { kind: 'message'; name: string; role: OperatorRole; text: string }
  | { kind: 'ended'; reason: EndReason | 'unanswered'; name?: string };

/** Sends one notice to a worker's chat, worded in their language (the bot's adapter does it: bot/handoff/). */
export interface WorkerPoster {
  send(reference: Record<string, unknown>, language: string, notice: WorkerNotice): Promise<void>;
}

export interface HandoffRelayDeps {
  handoffs: Pick<HandoffService, 'relayCandidates' | 'claimDelivery' | 'releaseDelivery' | 'delivered' | 'forgetReference' | 'messagesSince'>;
  poster: WorkerPoster;
  logger: Logger;
  intervalMs?: number;
}

const TOLD_AT_END: ReadonlySet<string> = new Set(['unanswered', 'operator_idle', 'closed', 'returned_to_bot', 'referral']);

export class HandoffRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: HandoffRelayDeps) {}

  /** One pass; how many notices this instance sent. Concurrent calls share it. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    let sent = 0;
    for (const handoff of await this.deps.handoffs.relayCandidates()) {
      try {
        sent += await this.relay(handoff);
      } catch (err) {
        this.deps.logger.warn({ handoffId: handoff._id, err: describeError(err) }, 'handoff relay: not delivered, retried next pass');
      }
    }
    return sent;
  }

  private async relay(handoff: Handoff): Promise<number> {
    const reference = handoff.reference;
    if (!reference) return 0;
    let sent = 0;
    const notified = new Set(handoff.notified ?? []);
    if (handoff.status === 'accepted' && handoff.operatorName && handoff.operatorRole && !notified.has('joined')) {
      if (await this.sendOnce(handoff, 'joined', { kind: 'joined', name: handoff.operatorName, role: handoff.operatorRole })) sent += 1;
      await this.deps.handoffs.delivered(handoff._id, { notice: 'joined' });
    }
    const page = await this.deps.handoffs.messagesSince(handoff._id, handoff.workerCursor ?? 0, 50);
    for (const message of page.items) {
      if (message.from !== 'operator') continue;
      const notice: WorkerNotice = { kind: 'message', name: message.operatorName ?? '', role: message.operatorRole ?? 'operator', text: message.text };
      if (await this.sendOnce(handoff, `m${message.seq}`, notice)) sent += 1;
    }
    if (page.items.length > 0) await this.deps.handoffs.delivered(handoff._id, { cursor: page.cursor });
    if (handoff.status === 'accepted' || page.items.length === 50) return sent;
    // ended: told once, then the reference goes
    const reason = handoff.status === 'unanswered' ? 'unanswered' : handoff.endReason;
    if (reason && TOLD_AT_END.has(reason) && !notified.has('end')) {
      if (await this.sendOnce(handoff, 'end', { kind: 'ended', reason, ...(handoff.operatorName ? { name: handoff.operatorName } : {}) })) sent += 1;
    }
    await this.deps.handoffs.forgetReference(handoff._id);
    return sent;
  }

  /** Sends one notice if this instance takes it; a failed send is given back (and thrown, to be logged). */
  private async sendOnce(handoff: Handoff, what: string, notice: WorkerNotice): Promise<boolean> {
    if (!(await this.deps.handoffs.claimDelivery(handoff._id, what))) return false;
    try {
      await this.deps.poster.send(handoff.reference ?? {}, handoff.language, notice);
    } catch (err) {
      await this.deps.handoffs.releaseDelivery(handoff._id, what);
      throw err;
    }
    return true;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.deps.logger.warn({ err: describeError(err) }, 'handoff relay failed'));
    }, this.deps.intervalMs ?? RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
