/**
 * Brings the operator's side to the worker's chat, from whichever instance: every instance looks every
 * RELAY_INTERVAL_MS at the open requests (and those whose end the worker was not told yet), and sends through the
 * worker's stored conversation reference what is new: that an operator joined, each operator message (with the
 * operator's name and role), and how it ended. Each send is taken by a unique insert (HandoffService.claimDelivery),
 * so two instances never send the same one; a send that fails is given back and tried again at the next pass, and
 * nothing after it is sent before it (the worker reads them in order).
 *
 * While the operator types (their console's typing signal, HandoffService.typingNow), each instance sends the worker
 * a typing activity at most every TYPING_RESEND_MS: ephemeral, never recorded, so two instances may both send one
 * (harmless) and a failed one is not retried (the next pass sends another while the signal lasts).
 *
 * What the worker is told at the end: unanswered and operator_idle come with the call-back offer; closed,
 * returned_to_bot and referral name the operator; abandoned and worker_left were the worker's own doing and need no
 * telling. Then the reference is forgotten.
 *
 * A conversation taken from a Teams card (`operatorChat`) has a second direction, to the operator's personal chat, by
 * the same rules and the same unique records (`op:` before each): who and what first (a card with the end, hand-back
 * and referral buttons), then each worker message once and in order (its own cursor), the worker typing, and how it
 * ended; then that reference is forgotten too. A chat the Connector says is gone (403/404) is let go of at once: the
 * conversation goes on in the console. The id of each worker message's activity there is kept
 * (HandoffService.relayedToOperatorChat), so it can be deleted there if the transcript goes without consent.
 *
 * A chat that is gone is given up on: the Connector answering 403 or 404 (a Web Chat tab closed past the Direct
 * Line's idle time, the bot removed in Teams) will answer so for ever, and one that fails otherwise for
 * GIVE_UP_AFTER_END_MS after the end is treated alike. The reference is forgotten then, as after a told end: retried
 * for ever, it would keep the transcript the worker never consented to keep (its messages wait for the relay) and log
 * a warning every second. A conversation still open then ends as if the worker left (`worker_left`): its operator
 * would otherwise go on writing to nobody.
 */
import { describeError } from '../errorDescription';
import type { Logger } from '../logger';
import { DeliveryError } from '../teams/dispatcher';
import { PeriodicPass } from '../work/periodicPass';
import { isFinal, type EndReason, type Handoff, type OperatorRole, type WorkerDelivery } from './handoff';
import type { HandoffService } from './handoffService';

/** how often each instance looks for something to send: the worst added latency operator -> worker */
export const RELAY_INTERVAL_MS = 1000;
/** operator messages looked at per request and pass */
const RELAY_PAGE = 50;
/** a send taken this long ago and not done belongs to an instance that stopped: it is taken again */
const STALE_CLAIM_MS = 60_000;
/** while the operator types, a typing activity goes to the worker at most this often (Web Chat shows one for ~5 s) */
export const TYPING_RESEND_MS = 3000;
/** an ended request whose worker could not be told for this long is given up on (the Direct Line forgets a chat idle an hour) */
export const GIVE_UP_AFTER_END_MS = 60 * 60_000;

export type WorkerNotice =
  | { kind: 'joined'; name: string; role: OperatorRole }
  | { kind: 'message'; name: string; role: OperatorRole; text: string }
  /** `precheck`: the worker's pre-check answers go with a referral (said only when there are some) */
  | { kind: 'ended'; reason: EndReason | 'unanswered'; name?: string; precheck?: boolean }
  /** the operator is typing: shown as the channel's typing indicator */
  | { kind: 'typing' };

/** Sends one notice to a worker's chat, worded in their language (the bot's adapter does it: bot/handoff/). */
export interface WorkerPoster {
  send(reference: Record<string, unknown>, language: string, notice: WorkerNotice): Promise<void>;
}

export type OperatorChatNotice =
  /** who and what (codes as labels, as the channel's card), with the end, hand-back and referral buttons */
  | { kind: 'joined' }
  /** one worker message, as the console shows it to the operator holding the conversation */
  | { kind: 'message'; text: string }
  | { kind: 'ended'; reason: EndReason }
  | { kind: 'typing' };

/** Sends one notice to the operator's Teams personal chat (bot/teams/operatorChat.ts); the id of the activity posted. */
export interface OperatorChatPoster {
  send(handoff: Handoff, notice: OperatorChatNotice): Promise<string | undefined>;
}

export interface HandoffRelayDeps {
  handoffs: Pick<HandoffService, 'relayCandidates' | 'deliveriesOf' | 'claimDelivery' | 'completeDelivery' | 'releaseDelivery' | 'delivered' | 'forgetReference' | 'forgetOperatorChat' | 'messagesSince' | 'typingNow' | 'chatGone' | 'relayedToOperatorChat'>;
  poster: WorkerPoster;
  /** the operator's Teams personal chat, for conversations taken from a Teams card */
  operatorChat?: OperatorChatPoster;
  /** the clock the service stamps its delivery records with */
  now: () => Date;
  logger: Logger;
  intervalMs?: number;
}

const TOLD_AT_END: ReadonlySet<string> = new Set(['unanswered', 'operator_idle', 'closed', 'returned_to_bot', 'referral']);

export class HandoffRelay {
  private readonly periodic: PeriodicPass<number>;
  /** when this instance last sent each accepted request's worker a typing activity (real time, not the business clock) */
  private readonly typingSentAt = new Map<string, number>();
  /** the same towards the operator's Teams chat (the worker typing) */
  private readonly operatorTypingSentAt = new Map<string, number>();

  constructor(private readonly deps: HandoffRelayDeps) {
    this.periodic = new PeriodicPass(() => this.pass(), { intervalMs: deps.intervalMs ?? RELAY_INTERVAL_MS, logger: deps.logger, name: 'handoff relay' });
  }

  /** One pass; how many notices this instance sent. Concurrent calls share it. */
  runOnce(): Promise<number> {
    return this.periodic.runOnce();
  }

  /** Something new to send (a message written on this instance): a pass now, or right after the one under way. */
  kick(): void {
    this.periodic.kick();
  }

  private async pass(): Promise<number> {
    let sent = 0;
    const candidates = await this.deps.handoffs.relayCandidates();
    const accepted = new Set(candidates.filter((h) => h.status === 'accepted').map((h) => h._id));
    for (const typing of [this.typingSentAt, this.operatorTypingSentAt]) for (const id of typing.keys()) if (!accepted.has(id)) typing.delete(id);
    for (const handoff of candidates) {
      let records: Map<string, WorkerDelivery>;
      try {
        records = await this.deps.handoffs.deliveriesOf(handoff._id);
        sent += await this.relay(handoff, records);
      } catch (err) {
        this.deps.logger.warn({ handoffId: handoff._id, err: describeError(err) }, 'handoff relay: not delivered, retried next pass');
        continue;
      }
      try {
        sent += await this.relayToOperator(handoff, records);
      } catch (err) {
        this.deps.logger.warn({ handoffId: handoff._id, err: describeError(err) }, 'handoff relay: not delivered to the operator chat, retried next pass');
      }
    }
    return sent;
  }

  /**
   * What is new for one request, in order: the operator joined, then each operator message, then the end. A notice
   * is sent by whoever takes it; a relay stops at the first one it cannot confirm sent (taken by another instance and
   * still on its way, or failed), so the worker never gets them out of order, and the cursor moves only past what
   * was sent.
   */
  private async relay(handoff: Handoff, records: Map<string, WorkerDelivery>): Promise<number> {
    if (!handoff.reference) return 0;
    const { handoffs } = this.deps;
    if (isFinal(handoff.status) && handoff.endedAt && handoff.endedAt.getTime() < this.deps.now().getTime() - GIVE_UP_AFTER_END_MS) {
      await this.giveUp(handoff, 'not_told_in_time');
      return 0;
    }
    const reference = handoff.reference;
    let sent = 0;
    let gone = false;
    const step = async (what: string, notice: WorkerNotice): Promise<boolean> => {
      const outcome = await this.deliver(handoff, what, () => this.deps.poster.send(reference, handoff.language, notice), records.get(what));
      if (outcome === 'sent') sent += 1;
      if (outcome === 'gone') gone = true;
      return outcome === 'sent' || outcome === 'done';
    };
    const stopped = async (): Promise<number> => {
      if (gone) await this.giveUp(handoff, 'chat_gone');
      return sent;
    };
    const notified = new Set(handoff.notified ?? []);
    if (handoff.operatorName && handoff.operatorRole && !notified.has('joined') && (handoff.status === 'accepted' || records.has('joined'))) {
      if (!(await step('joined', { kind: 'joined', name: handoff.operatorName, role: handoff.operatorRole }))) return stopped();
      await handoffs.delivered(handoff._id, { notice: 'joined' });
    }
    const page = await handoffs.messagesSince(handoff._id, handoff.workerCursor ?? 0, RELAY_PAGE);
    let cursor = handoff.workerCursor ?? 0;
    for (const message of page.items) {
      if (message.from === 'operator') {
        const notice: WorkerNotice = { kind: 'message', name: message.operatorName ?? '', role: message.operatorRole ?? 'operator', text: message.text };
        if (!(await step(`m${message.seq}`, notice))) break;
      }
      cursor = message.seq;
    }
    if (cursor > (handoff.workerCursor ?? 0)) await handoffs.delivered(handoff._id, { cursor });
    if (gone) return stopped();
    // everything sent so far: the operator typing is shown to the worker
    if (handoff.status === 'accepted' && cursor === page.cursor && page.items.length < RELAY_PAGE) {
      await this.typing(handoff, 'operator', this.typingSentAt, () => this.deps.poster.send(reference, handoff.language, { kind: 'typing' }));
    }
    if (handoff.status === 'accepted' || cursor < page.cursor || page.items.length === RELAY_PAGE) return sent;
    // ended and every message sent: the end is told once, then the reference goes
    const reason = handoff.status === 'unanswered' ? 'unanswered' : handoff.endReason;
    if (reason && TOLD_AT_END.has(reason) && !notified.has('end')) {
      const precheck = handoff.lastExchange.some((code) => code.startsWith('precheck:'));
      const notice: WorkerNotice = { kind: 'ended', reason, ...(handoff.operatorName ? { name: handoff.operatorName } : {}), ...(reason === 'referral' ? { precheck } : {}) };
      if (!(await step('end', notice))) return stopped();
    }
    await handoffs.forgetReference(handoff._id);
    return sent;
  }

  /**
   * Nothing more can reach this worker's chat: an open conversation ends as if the worker left, and the reference goes
   * (and, without consent, the transcript with it, HandoffService.forgetReference).
   */
  private async giveUp(handoff: Handoff, why: 'chat_gone' | 'not_told_in_time'): Promise<void> {
    // still open: it ends as if the worker left (the operator sees it ended, rather than writing to nobody)
    if (!isFinal(handoff.status)) await this.deps.handoffs.chatGone(handoff._id);
    await this.deps.handoffs.forgetReference(handoff._id);
    this.deps.logger.warn({ handoffId: handoff._id, status: handoff.status, why }, 'handoff relay: the worker\'s chat cannot be reached, given up');
  }

  /**
   * One side is typing: the other sees the typing indicator (sent at most every TYPING_RESEND_MS by this instance):
   * the operator typing to the worker's chat, the worker typing to the operator's Teams chat.
   */
  private async typing(handoff: Handoff, side: 'operator' | 'worker', sentAt: Map<string, number>, send: () => Promise<void>): Promise<void> {
    const last = sentAt.get(handoff._id);
    if (last !== undefined && Date.now() - last < TYPING_RESEND_MS) return;
    if (!(await this.deps.handoffs.typingNow(handoff._id))[side]) return;
    sentAt.set(handoff._id, Date.now());
    try {
      await send();
    } catch (err) {
      // ephemeral: the next pass sends another while the operator types
      this.deps.logger.debug({ handoffId: handoff._id, err: describeError(err) }, 'handoff relay: typing not delivered');
    }
  }

  /**
   * The operator's Teams chat, for a conversation taken from a Teams card: who and what, then each worker message,
   * then the end (the same order-keeping steps as the worker's side, their records named `op:...`).
   */
  private async relayToOperator(handoff: Handoff, records: Map<string, WorkerDelivery>): Promise<number> {
    const poster = this.deps.operatorChat;
    const chat = handoff.operatorChat;
    if (!chat || !poster) return 0;
    const { handoffs } = this.deps;
    let sent = 0;
    let gone = false;
    const step = async (what: string, notice: OperatorChatNotice): Promise<boolean> => {
      const send = async (): Promise<void> => {
        const activityId = await poster.send(handoff, notice);
        if (notice.kind !== 'message' || !activityId) return;
        // a worker's words there: deletable later, should the transcript go without consent. Sent it is, whatever
        // happens to this note: failing the send would post the message twice
        await handoffs.relayedToOperatorChat(handoff._id, chat, activityId).catch((err: unknown) => {
          this.deps.logger.warn({ handoffId: handoff._id, err: describeError(err) }, 'handoff relay: the id of a message relayed to the operator chat was not kept');
        });
      };
      const outcome = await this.deliver(handoff, `op:${what}`, send, records.get(`op:${what}`));
      if (outcome === 'sent') sent += 1;
      if (outcome === 'gone') gone = true;
      return outcome === 'sent' || outcome === 'done';
    };
    const letGo = async (): Promise<number> => {
      // the operator removed the bot or the chat: the conversation goes on in the console only
      this.deps.logger.warn({ handoffId: handoff._id }, 'handoff relay: the operator chat is gone, relayed to the console only');
      await handoffs.forgetOperatorChat(handoff._id);
      return sent;
    };
    const notified = new Set(handoff.notified ?? []);
    // who and what, while it is still on (ended before it went out: only the end is told)
    if (!notified.has('op:joined') && (handoff.status === 'accepted' || records.has('op:joined'))) {
      if (!(await step('joined', { kind: 'joined' }))) return gone ? letGo() : sent;
      await handoffs.delivered(handoff._id, { notice: 'op:joined' });
    }
    const page = await handoffs.messagesSince(handoff._id, handoff.operatorCursor ?? 0, RELAY_PAGE);
    let cursor = handoff.operatorCursor ?? 0;
    for (const message of page.items) {
      if (message.from === 'worker' && !(await step(`m${message.seq}`, { kind: 'message', text: message.text }))) break;
      cursor = message.seq;
    }
    if (cursor > (handoff.operatorCursor ?? 0)) await handoffs.delivered(handoff._id, { operatorCursor: cursor });
    if (gone) return letGo();
    const caughtUp = cursor === page.cursor && page.items.length < RELAY_PAGE;
    if (handoff.status === 'accepted' && caughtUp) await this.typing(handoff, 'worker', this.operatorTypingSentAt, async () => {
      await poster.send(handoff, { kind: 'typing' });
    });
    if (handoff.status === 'accepted' || !caughtUp) return sent;
    // ended (only an accepted conversation has an operator chat) and every worker message sent: the end, then let go
    if (handoff.endReason && !(await step('end', { kind: 'ended', reason: handoff.endReason }))) return gone ? letGo() : sent;
    await handoffs.forgetOperatorChat(handoff._id);
    return sent;
  }

  /**
   * One notice: 'done' when it was sent (now by this relay: 'sent', or before by anyone), 'pending' when another
   * instance has it on its way or the send failed (given back, so a later pass takes it again), 'gone' when the
   * channel says the chat no longer exists (403/404: no later pass could send it).
   */
  private async deliver(handoff: Handoff, what: string, send: () => Promise<void>, record: { done: boolean; at: Date } | undefined): Promise<'sent' | 'done' | 'pending' | 'gone'> {
    const { handoffs } = this.deps;
    if (record?.done) return 'done';
    if (record) {
      // taken by an instance that stopped before sending: given back for the next pass
      if (this.deps.now().getTime() - record.at.getTime() > STALE_CLAIM_MS) await handoffs.releaseDelivery(handoff._id, what);
      return 'pending';
    }
    if (!(await handoffs.claimDelivery(handoff._id, what))) return 'pending';
    try {
      await send();
    } catch (err) {
      await handoffs.releaseDelivery(handoff._id, what);
      if (err instanceof DeliveryError && err.gone) return 'gone';
      this.deps.logger.warn({ handoffId: handoff._id, what, err: describeError(err) }, 'handoff relay: not delivered, retried next pass');
      return 'pending';
    }
    await handoffs.completeDelivery(handoff._id, what);
    return 'sent';
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
