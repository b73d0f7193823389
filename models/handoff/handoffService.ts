/**
 * The rules of a live handoff (the collections are described in handoff.ts):
 *
 *   waiting --accept (an operator)--> accepted --end--> ended (closed / returned_to_bot / referral / worker_left / operator_idle)
 *   waiting --no accept within waitMs--> unanswered        waiting --the worker leaves--> abandoned
 *
 * Every step out of `waiting` and out of `accepted` is decided by inserting a decision record with a unique `_id`, so
 * of two operators accepting at once exactly one wins, and an acceptance racing the expiry sweep cannot both happen,
 * on every store (FerretDB included). The handoff document is then brought in line with its decision by an idempotent
 * update; a process that stopped in between is completed by the next reader of the decision (accept, end, sweep).
 *
 * Privacy: the worker's identity is stored hashed; messages are deleted at the end, except after an end that offers a
 * call-back, where they wait TRANSCRIPT_HOLD_MS for the worker's answer (kept with their referral on a yes, deleted on
 * a no or with no answer); kept ones go by erasure ("cancella i miei dati", every copy) or retention. Nothing here logs, and errors
 * name ids and codes only. Whenever messages go without the worker's consent, those the relay put in an operator's Teams
 * chat are queued for deletion there too (retractRelayed; operatorChatRetractor.ts deletes them).
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DuplicateKeyError, type DocumentCollection, type Filter } from '../store/collection';
import type { Store } from '../store/store';
import { romeDay } from '../text/dates';
import { userKeyOf, type WorkerIdentity } from '../leads/leadService';
import {
  CALL_BACK_ENDS,
  EXCHANGE_CODE,
  HANDOFF_CHAT_RETRACTIONS_COLLECTION,
  HANDOFF_DECISIONS_COLLECTION,
  HANDOFF_DELIVERIES_COLLECTION,
  HANDOFF_MESSAGES_COLLECTION,
  HANDOFF_OPERATOR_CHATS_COLLECTION,
  HANDOFF_OPERATORS_COLLECTION,
  HANDOFF_SIGNALS_COLLECTION,
  HANDOFF_WAITS_COLLECTION,
  HANDOFFS_COLLECTION,
  isFinal,
  type ChatRetraction,
  type EndReason,
  type Handoff,
  type HandoffDecision,
  type HandoffMessage,
  type MessageAuthor,
  type OperatorChat,
  type OperatorChatHold,
  type OperatorEndReason,
  type OperatorPresence,
  type OperatorRef,
  type TranscriptConsent,
  type TypingSignal,
  type WaitRecord,
  type WorkerDelivery,
} from './handoff';
import { workerAddressOf } from './workerAddress';

/** the longest message either side may send (a worker's longer text is cut by the input limit before it gets here) */
export const MESSAGE_MAX = 2000;
/** a typing indicator lasts this long unless repeated (clients repeat it every few seconds while typing) */
export const TYPING_MS = 6000;
/** an operator who has not called the handoff API for this long (closed console) no longer counts as available */
export const PRESENCE_MS = 90_000;
/** default HANDOFF_IDLE_MINUTES: an accepted conversation whose operator has been silent this long ends */
export const DEFAULT_IDLE_MINUTES = 10;
/**
 * The rule for the transcript after a call-back offer (CALL_BACK_ENDS): its messages wait this long for the worker's
 * answer to "may we attach this conversation to your request?", asked by the referral dialog. A yes kept with a sent
 * referral attaches them to it (keepTranscript); a no, a referral declined or cancelled, deletes them at once
 * (discardTranscript); with no answer, the sweep deletes them once this time is past (and TRANSCRIPT_HOLD_GRACE_MS more,
 * so a yes given at the last second on another instance, whose clock may differ a little, is never raced).
 */
export const TRANSCRIPT_HOLD_MS = 30 * 60_000;
export const TRANSCRIPT_HOLD_GRACE_MS = 60_000;
const MESSAGE_ATTEMPTS = 50;
const LIST_MAX = 100;

/** The funnel's handoff events (models/analytics/analyticsRecorder.ts metricOf counts them). */
export type HandoffEvent = 'handoff.accepted' | 'handoff.unanswered' | 'handoff.abandoned' | 'handoff.referral';
export type HandoffCounter = (event: HandoffEvent, dims: { province?: string; language: string; channel: string }) => void;

export interface HandoffServiceDeps {
  now: () => Date;
  /** HANDOFF_WAIT_SECONDS: a request not accepted by then is unanswered */
  waitMs: number;
  /** HANDOFF_IDLE_MINUTES: an accepted conversation with no operator message for this long ends */
  idleMs: number;
  /** the funnel's counters (AnalyticsRecorder.count); each step is counted once, by whoever decided it */
  count?: HandoffCounter;
  /**
   * Of these account ids, the enabled ones (AccountService.enabledIds): an operator whose account staff disabled no
   * longer counts as available, though their availability (said in Teams, for hours) is still stored, and the
   * conversations they hold end at the next sweep
   */
  enabledAccounts?: (ids: readonly string[]) => Promise<ReadonlySet<string>>;
  /**
   * Of these account ids, the enabled ones as operators now (operatorNow.ts: their active projects and those
   * projects' provinces): whether anyone is available for a request is decided from these, not from the projects
   * stored with the availability, which staff may have changed since
   */
  operatorsNow?: (ids: readonly string[]) => Promise<readonly OperatorRef[]>;
  /** deletions of relayed messages in an operator's Teams chat were queued (the retractor: a pass now) */
  onRetractions?: () => void;
  newId?: () => string;
}

export interface HandoffRequest {
  identity: WorkerIdentity;
  language: string;
  province?: string;
  sector?: string;
  projectId?: string;
  /** codes only (EXCHANGE_CODE): what the last exchange with the bot was about */
  lastExchange?: readonly string[];
  /** the worker's conversation reference: where the relay sends operator messages (handoffRelay.ts) */
  reference?: Record<string, unknown>;
}

/** A lost acceptance: who holds the request (their account name). */
export class HandoffTakenError extends ConflictError {
  constructor(readonly takenBy: string) {
    super(`already_taken_by:${takenBy}`);
  }
}

export type HandoffView = 'waiting' | 'mine' | 'closed';

export interface MessagePage {
  items: HandoffMessage[];
  /** the last sequence returned (or the one asked from): pass it as `after` next time */
  cursor: number;
}

/** What "i miei dati" shows of the worker's handoffs. */
export interface WorkerHandoffSummary {
  id: string;
  status: Handoff['status'];
  endReason?: EndReason;
  createdAt: Date;
  transcriptKept: boolean;
  messages: number;
}

/** A transcript a referral may take along: the request it belongs to, and until when it waits for the answer. */
export interface HeldTranscript {
  handoffId: string;
  heldUntil: Date;
  messages: number;
  /** the operator turned the conversation into this referral (else a call-back the worker took) */
  fromOperator: boolean;
}

/** A referral's kept transcript, as the operators who may see the referral's personal data read it. */
export interface LeadTranscript {
  handoffId: string;
  endedAt?: Date;
  consent: TranscriptConsent;
  messages: HandoffMessage[];
}

/** The operator's "turn into a referral", taken by the worker's next turn. */
export interface ReferralOfferTaken {
  handoffId: string;
  /** the worker was already asked the referral's consent (the relay's end notice): this turn's message answers it */
  consentAsked: boolean;
}

/** One group of the handoff figures. */
export interface HandoffWaitStats {
  group: string;
  accepted: number;
  medianWaitSeconds: number | null;
}

const seqId = (handoffId: string, seq: number): string => `${handoffId}:${String(seq).padStart(10, '0')}`;

function codeOrUndefined(value: string | undefined, pattern: RegExp): string | undefined {
  return value !== undefined && pattern.test(value) ? value : undefined;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Whether an operator may see (and accept) a request: staff all; an operator their projects', or their provinces'
 * when no project has it; a request whose province nobody knows (no pre-check yet) any operator's who works a project.
 */
export function eligibleFor(handoff: Pick<Handoff, 'projectId' | 'province'>, operator: Pick<OperatorRef, 'role' | 'projectIds' | 'provinces'>): boolean {
  if (operator.role === 'staff') return true;
  // an operator on no (active) project works no request: staff removed them from their last one, or disabled it
  if (operator.projectIds.length === 0) return false;
  if (handoff.projectId) return operator.projectIds.includes(handoff.projectId);
  return handoff.province === undefined || operator.provinces.includes(handoff.province);
}

/** Available now: seen within PRESENCE_MS (a console polling), or within the time said in Teams (heldUntil). */
function isLive(presence: OperatorPresence, now: number): boolean {
  return presence.available && (presence.seenAt.getTime() > now - PRESENCE_MS || (presence.heldUntil !== undefined && presence.heldUntil.getTime() > now));
}

export class HandoffService {
  private readonly newId: () => string;
  /** a worker's chat address was forgotten since the last purgeForgottenReferences */
  private referencesForgotten = false;

  private constructor(
    private readonly handoffs: DocumentCollection<Handoff>,
    private readonly decisions: DocumentCollection<HandoffDecision>,
    private readonly messages: DocumentCollection<HandoffMessage>,
    private readonly signals: DocumentCollection<TypingSignal>,
    private readonly operators: DocumentCollection<OperatorPresence>,
    private readonly waits: DocumentCollection<WaitRecord>,
    private readonly deliveries: DocumentCollection<WorkerDelivery>,
    private readonly chatHolds: DocumentCollection<OperatorChatHold>,
    private readonly retractions: DocumentCollection<ChatRetraction>,
    private readonly deps: HandoffServiceDeps,
  ) {
    this.newId = deps.newId ?? randomUUID;
  }

  static async open(store: Store, deps: HandoffServiceDeps): Promise<HandoffService> {
    return new HandoffService(
      await store.collection<Handoff>(HANDOFFS_COLLECTION),
      await store.collection<HandoffDecision>(HANDOFF_DECISIONS_COLLECTION),
      await store.collection<HandoffMessage>(HANDOFF_MESSAGES_COLLECTION),
      await store.collection<TypingSignal>(HANDOFF_SIGNALS_COLLECTION),
      await store.collection<OperatorPresence>(HANDOFF_OPERATORS_COLLECTION),
      await store.collection<WaitRecord>(HANDOFF_WAITS_COLLECTION),
      await store.collection<WorkerDelivery>(HANDOFF_DELIVERIES_COLLECTION),
      await store.collection<OperatorChatHold>(HANDOFF_OPERATOR_CHATS_COLLECTION),
      await store.collection<ChatRetraction>(HANDOFF_CHAT_RETRACTIONS_COLLECTION),
      deps,
    );
  }

  get waitMs(): number {
    return this.deps.waitMs;
  }

  // ---- the worker's side ----------------------------------------------------------------------------------------

  /**
   * Opens a waiting request for this worker, or returns the one already open (one per identity: a second tab, a
   * repeated "operatore", another instance). `created` says which.
   */
  async request(input: HandoffRequest): Promise<{ handoff: Handoff; created: boolean }> {
    const userKey = userKeyOf(input.identity);
    const lastExchange = (input.lastExchange ?? []).filter((c) => EXCHANGE_CODE.test(c)).slice(-4);
    const address = workerAddressOf(input.reference);
    for (let attempt = 0; attempt < 5; attempt++) {
      const open = await this.handoffs.findOne({ openKey: userKey });
      if (open) return { handoff: open, created: false };
      const province = codeOrUndefined(input.province?.toUpperCase(), /^[A-Z]{2}$/);
      const sector = codeOrUndefined(input.sector, /^[a-z0-9_-]{1,40}$/);
      const projectId = codeOrUndefined(input.projectId, /^[a-z0-9][a-z0-9-]{2,63}$/);
      const handoff: Handoff = {
        _id: this.newId(),
        userKey,
        openKey: userKey,
        channel: codeOrUndefined(input.identity.channel, /^[a-z0-9_-]{1,40}$/i) ?? 'other',
        language: codeOrUndefined(input.language, /^[a-z]{2,3}$/) ?? 'unknown',
        ...(province ? { province } : {}),
        ...(sector ? { sector } : {}),
        ...(projectId ? { projectId } : {}),
        lastExchange,
        status: 'waiting',
        createdAt: this.deps.now(),
        // the address alone (workerAddress.ts): no user id or display name in the store
        ...(address ? { reference: address } : {}),
      };
      try {
        return { handoff: await this.handoffs.insert(handoff), created: true };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        // opened meanwhile by the same worker elsewhere: read it (or it ended already: try again)
      }
    }
    throw new ConflictError('concurrent_update');
  }

  /** The worker's open request (waiting or accepted), if any. */
  openFor(identity: WorkerIdentity): Promise<Handoff | null> {
    return this.handoffs.findOne({ openKey: userKeyOf(identity) });
  }

  /** A worker's message (waiting or accepted): stored for the operator. */
  async postWorkerMessage(identity: WorkerIdentity, text: string): Promise<HandoffMessage> {
    const handoff = await this.openFor(identity);
    if (!handoff) throw new ConflictError('no_open_handoff');
    return this.append(handoff, { from: 'worker', text });
  }

  /** The worker agreed to keep the transcript (with the text version shown, as a referral's consent). */
  async recordConsent(identity: WorkerIdentity, consent: Omit<TranscriptConsent, 'givenAt'> & { givenAt?: Date }): Promise<Handoff> {
    const handoff = await this.openFor(identity);
    if (!handoff) throw new ConflictError('no_open_handoff');
    if (!/^[A-Za-z0-9._:-]{1,80}$/.test(consent.noticeVersion)) throw new ValidationError('noticeVersion', 'invalid');
    if (!/^[0-9a-f]{64}$/.test(consent.textHash)) throw new ValidationError('textHash', 'invalid');
    const updated = await this.handoffs.updateOne({ _id: handoff._id, openKey: handoff.openKey }, { $set: { consent: { noticeVersion: consent.noticeVersion, textHash: consent.textHash, givenAt: consent.givenAt ?? this.deps.now() } } });
    if (!updated) throw new ConflictError('handoff_ended');
    return updated;
  }

  /**
   * The worker leaves ("torna al bot", the conversation ends): a waiting request is abandoned, an accepted one ends
   * with `worker_left`. Null when nothing was open.
   */
  async workerLeft(identity: WorkerIdentity): Promise<Handoff | null> {
    const handoff = await this.openFor(identity);
    if (!handoff) return null;
    if (handoff.status === 'waiting') return this.decideWait(handoff, { outcome: 'abandoned', by: 'worker' });
    return this.decideEnd(handoff, { outcome: 'worker_left', by: 'worker' });
  }

  /**
   * The worker's chat can no longer be reached (the channel says it is gone: the relay, handoffRelay.ts): an open
   * request ends as if the worker left, so no operator goes on writing to nobody. The request as it is now.
   */
  async chatGone(id: string): Promise<Handoff> {
    const handoff = await this.get(id);
    if (handoff.status === 'waiting') return this.decideWait(handoff, { outcome: 'abandoned', by: 'system' });
    if (handoff.status === 'accepted') return this.decideEnd(handoff, { outcome: 'worker_left', by: 'system' });
    return handoff;
  }

  /** The worker's handoffs for "i miei dati" (every key the identity was known by). */
  async summaryFor(identity: WorkerIdentity): Promise<WorkerHandoffSummary[]> {
    const mine = await this.handoffs.find({ userKey: { $in: this.keysOf(identity) } }, { sort: { createdAt: -1 } });
    const out: WorkerHandoffSummary[] = [];
    for (const h of mine) {
      out.push({ id: h._id, status: h.status, ...(h.endReason ? { endReason: h.endReason } : {}), createdAt: h.createdAt, transcriptKept: h.transcriptKept === true || !isFinal(h.status) || h.transcriptHeldUntil !== undefined, messages: await this.messages.count({ handoffId: h._id }) });
    }
    return out;
  }

  /**
   * "cancella i miei dati": an open request ends (the worker left), every message and signal of the worker's
   * handoffs is deleted and the handoffs keep codes only (no identity key, no consent). How many handoffs.
   */
  async eraseFor(identity: WorkerIdentity): Promise<number> {
    await this.workerLeft(identity);
    const mine = await this.handoffs.find({ userKey: { $in: this.keysOf(identity) } });
    for (const h of mine) await this.eraseTranscript(h);
    return mine.length;
  }

  /** Retention: transcripts kept after handoffs that ended before `cutoff` are deleted. How many. */
  async eraseTranscriptsEndedBefore(cutoff: Date): Promise<number> {
    const old = await this.handoffs.find({ transcriptKept: true, endedAt: { $lt: cutoff } });
    for (const h of old) await this.eraseTranscript(h);
    if (old.length > 0) {
      await this.leaveNoCopy();
      // the consents and identity keys unset with them
      await this.handoffs.purgeSuperseded().catch(() => undefined);
    }
    return old.length;
  }

  /**
   * Deleted messages leave no copy in the store's files: the embedded store appends every change, so a deleted
   * message stays in its collection file's superseded lines until a compaction, due only after a thousand changes or
   * more (a no-op on MongoDB, which deletes in place). Called after each deletion of what the worker never consented
   * to keep, or no longer does. A rewrite that fails (a full disk) leaves them to the next compaction: the deletion
   * itself is done, and whatever called it is not failed for that.
   */
  private async leaveNoCopy(): Promise<void> {
    await this.messages.purgeSuperseded().catch(() => undefined);
  }

  private keysOf(identity: WorkerIdentity): string[] {
    const ids = [identity.userId, ...(identity.formerUserIds ?? [])].filter((id) => typeof id === 'string' && id !== '');
    return [...new Set(ids.map((userId) => userKeyOf({ channel: identity.channel, userId })))];
  }

  /**
   * The worker's side goes (messages, identity, their chat's reference); an operator's Teams chat (the operator's, not
   * the worker's) stays until the relay has told it the conversation ended, with nothing of the worker left to send.
   */
  private async eraseTranscript(h: Handoff): Promise<void> {
    await this.retractRelayed(h._id);
    await this.messages.deleteMany({ handoffId: h._id });
    await this.signals.deleteMany({ handoffId: h._id });
    await this.deliveries.deleteMany({ handoffId: h._id });
    await this.handoffs.updateOne(
      { _id: h._id },
      { $set: { transcriptKept: false, erasedAt: this.deps.now(), lastExchange: [] }, $unset: { userKey: true, consent: true, reference: true, transcriptHeldUntil: true, leadId: true, referralOffer: true } },
    );
  }

  // ---- the transcript after a call-back offer (TRANSCRIPT_HOLD_MS) -------------------------------------------------

  /** The worker's latest transcript still waiting for their answer, if any (the referral dialog asks about it). */
  async heldTranscriptFor(identity: WorkerIdentity): Promise<HeldTranscript | null> {
    const now = this.deps.now();
    const [held] = await this.handoffs.find({ userKey: { $in: this.keysOf(identity) }, transcriptHeldUntil: { $gt: now } }, { sort: { createdAt: -1 }, limit: 1 });
    if (!held?.transcriptHeldUntil || held.transcriptKept) return null;
    const messages = await this.messages.count({ handoffId: held._id });
    if (messages === 0) return null;
    return { handoffId: held._id, heldUntil: held.transcriptHeldUntil, messages, fromOperator: held.endReason === 'referral' };
  }

  /**
   * The worker said yes and sent the referral: the transcript is kept, attached to it, with the consent (the text's
   * version, its hash and language). False when it is no longer held (the time passed, or erased): nothing kept.
   */
  async keepTranscript(handoffId: string, identity: WorkerIdentity, consent: TranscriptConsent, leadId: string): Promise<boolean> {
    // a privacy notice's version is "<file version>+<digest>" (models/privacyNotice.ts)
    if (!/^[A-Za-z0-9._:+-]{1,120}$/.test(consent.noticeVersion)) throw new ValidationError('noticeVersion', 'invalid');
    if (!/^[0-9a-f]{64}$/.test(consent.textHash)) throw new ValidationError('textHash', 'invalid');
    const kept = await this.handoffs.updateOne(
      { _id: handoffId, userKey: { $in: this.keysOf(identity) }, transcriptHeldUntil: { $gt: this.deps.now() } },
      {
        $set: { transcriptKept: true, leadId, consent: { noticeVersion: consent.noticeVersion, textHash: consent.textHash, ...(consent.language ? { language: consent.language } : {}), givenAt: consent.givenAt } },
        $unset: { transcriptHeldUntil: true },
      },
    );
    return kept !== null;
  }

  /** The worker said no (or sent no referral): the held transcript goes now. */
  async discardTranscript(handoffId: string, identity: WorkerIdentity): Promise<void> {
    const released = await this.handoffs.updateOne({ _id: handoffId, userKey: { $in: this.keysOf(identity) }, transcriptKept: { $ne: true } }, { $unset: { transcriptHeldUntil: true } });
    if (!released) return;
    await this.retractRelayed(handoffId);
    await this.messages.deleteMany({ handoffId });
  }

  /** The transcripts kept with a referral (oldest first), for whoever may read its personal data. */
  async transcriptsOfLead(leadId: string): Promise<LeadTranscript[]> {
    const kept = await this.handoffs.find({ leadId, transcriptKept: true }, { sort: { createdAt: 1 } });
    const out: LeadTranscript[] = [];
    for (const h of kept) {
      if (!h.consent) continue;
      out.push({ handoffId: h._id, ...(h.endedAt ? { endedAt: h.endedAt } : {}), consent: h.consent, messages: await this.messages.find({ handoffId: h._id }, { sort: { seq: 1 } }) });
    }
    return out;
  }

  /** The worker withdrew the referral's consent: the transcripts kept with it go with its personal data. How many. */
  async eraseTranscriptsOfLead(leadId: string): Promise<number> {
    const kept = await this.handoffs.find({ leadId });
    for (const h of kept) await this.eraseTranscript(h);
    return kept.length;
  }

  /** Held transcripts nobody answered for: deleted once TRANSCRIPT_HOLD_MS (and the grace) passed. How many. */
  private async expireHeldTranscripts(now: number): Promise<number> {
    const expired = await this.handoffs.find({ transcriptHeldUntil: { $lt: new Date(now - TRANSCRIPT_HOLD_GRACE_MS) } });
    let n = 0;
    for (const h of expired) {
      const released = await this.handoffs.updateOne({ _id: h._id, transcriptKept: { $ne: true }, transcriptHeldUntil: { $lt: new Date(now - TRANSCRIPT_HOLD_GRACE_MS) } }, { $unset: { transcriptHeldUntil: true } });
      if (!released) continue;
      await this.retractRelayed(h._id);
      await this.messages.deleteMany({ handoffId: h._id });
      n += 1;
    }
    if (n > 0) await this.leaveNoCopy();
    return n;
  }

  // ---- "turn into a referral": the worker's next turn starts the referral dialog ------------------------------------

  /**
   * The worker's next message after the operator turned the conversation into a referral: takes the offer (once: a
   * later turn finds it taken) and says whether the relay's end notice already asked the referral's consent. When the
   * notice was not on its way yet, this turn takes its sending (the same unique record the relay claims), so the
   * worker is never asked twice: the dialog asks itself. Null when there is no pending offer.
   */
  async takeReferralOffer(identity: WorkerIdentity): Promise<ReferralOfferTaken | null> {
    const [offer] = await this.handoffs.find({ userKey: { $in: this.keysOf(identity) }, referralOffer: 'pending' }, { sort: { createdAt: -1 }, limit: 1 });
    if (!offer) return null;
    // taken by a unique insert, as every step a race could double (FerretDB's conditional updates are not atomic)
    if (!(await this.claimDelivery(offer._id, 'referral'))) return null;
    await this.completeDelivery(offer._id, 'referral');
    await this.handoffs.updateOne({ _id: offer._id, referralOffer: 'pending' }, { $set: { referralOffer: 'taken' } });
    const end = (await this.deliveriesOf(offer._id)).get('end');
    if (end) return { handoffId: offer._id, consentAsked: true };
    if (!(await this.claimDelivery(offer._id, 'end'))) return { handoffId: offer._id, consentAsked: true };
    await this.completeDelivery(offer._id, 'end');
    await this.delivered(offer._id, { notice: 'end' });
    return { handoffId: offer._id, consentAsked: false };
  }

  /** The worker went elsewhere (a command) instead of the referral: the offer lapses. */
  async dropReferralOffer(identity: WorkerIdentity): Promise<void> {
    await this.handoffs.updateMany({ userKey: { $in: this.keysOf(identity) }, referralOffer: 'pending' }, { $set: { referralOffer: 'dropped' } });
  }

  // ---- the relay to the worker (handoffRelay.ts) --------------------------------------------------------------------

  /** Requests the relay may have something to send for: accepted ones, and ended ones whose end was not told yet. */
  relayCandidates(): Promise<Handoff[]> {
    return this.handoffs.find({ status: { $in: ['accepted', 'ended', 'unanswered', 'abandoned'] }, $or: [{ reference: { $exists: true } }, { operatorChat: { $exists: true } }] });
  }

  /**
   * Takes the sending of one thing to the worker (`m<seq>`, `joined`, `end`): true for exactly one caller across
   * instances. `release` gives it back when the send failed, so a later pass tries again.
   */
  async claimDelivery(handoffId: string, what: string): Promise<boolean> {
    try {
      await this.deliveries.insert({ _id: `${handoffId}:${what}`, handoffId, at: this.deps.now(), done: false });
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  /** The sends of this request, by what (`m<seq>`, `joined`, `end`). */
  async deliveriesOf(handoffId: string): Promise<Map<string, WorkerDelivery>> {
    const prefix = `${handoffId}:`;
    return new Map((await this.deliveries.find({ handoffId })).map((d) => [d._id.slice(prefix.length), d]));
  }

  /** The taker sent it. */
  async completeDelivery(handoffId: string, what: string): Promise<void> {
    await this.deliveries.updateOne({ _id: `${handoffId}:${what}` }, { $set: { done: true } });
  }

  /** Gives a send back (it failed, or its taker stopped): a later pass takes it again. */
  async releaseDelivery(handoffId: string, what: string): Promise<void> {
    await this.deliveries.deleteMany({ _id: `${handoffId}:${what}`, done: false });
  }

  /**
   * Notes what was sent: every message up to `cursor` to the worker, up to `operatorCursor` to the operator's Teams
   * chat, and a notice (`joined`, `op:joined`...).
   */
  async delivered(handoffId: string, update: { cursor?: number; operatorCursor?: number; notice?: string }): Promise<void> {
    if (update.cursor !== undefined) await this.handoffs.updateOne({ _id: handoffId, $or: [{ workerCursor: { $exists: false } }, { workerCursor: { $lt: update.cursor } }] }, { $set: { workerCursor: update.cursor } });
    if (update.operatorCursor !== undefined) {
      await this.handoffs.updateOne({ _id: handoffId, $or: [{ operatorCursor: { $exists: false } }, { operatorCursor: { $lt: update.operatorCursor } }] }, { $set: { operatorCursor: update.operatorCursor } });
    }
    if (update.notice !== undefined) await this.handoffs.updateOne({ _id: handoffId }, { $addToSet: { notified: update.notice } });
  }

  /**
   * The end was told (or needs no telling): the reference to the worker's chat goes. The delivery records stay (ids
   * only) so that a relay still working from an older read finds everything sent; purgeDeliveriesBefore drops them.
   */
  async forgetReference(handoffId: string): Promise<void> {
    const handoff = await this.handoffs.updateOne({ _id: handoffId }, { $unset: { reference: true } });
    if (handoff) this.referencesForgotten = true;
    await this.lastSent(handoff);
  }

  /**
   * The worker's chat addresses forgotten since the last call leave no copy in the store's files: the embedded store
   * keeps a changed document's earlier lines until a compaction, so the `handoffs` file would hold the address of
   * every ended conversation. Called by the sweep's hourly housekeeping (a rewrite of the collection per end would
   * cost too much); a no-op on MongoDB, which updates in place. The flag is this instance's: the embedded store is
   * one process's, so the instance that forgot a reference is the one whose sweep rewrites the file. Whether it
   * rewrote.
   */
  async purgeForgottenReferences(): Promise<boolean> {
    if (!this.referencesForgotten) return false;
    this.referencesForgotten = false;
    try {
      await this.handoffs.purgeSuperseded();
      return true;
    } catch {
      // a full disk: the next housekeeping tries again
      this.referencesForgotten = true;
      return false;
    }
  }

  /** The end was told in the operator's Teams chat (or it can no longer be reached): its reference goes. */
  async forgetOperatorChat(handoffId: string): Promise<void> {
    const handoff = await this.handoffs.updateOne({ _id: handoffId }, { $unset: { operatorChat: true } });
    // the chat is free for the operator's next conversation
    await this.chatHolds.deleteMany({ handoffId });
    await this.lastSent(handoff);
  }

  /** What afterEnd left for the relay: once neither chat has anything to receive, without consent (or a call-back answer still awaited), the transcript goes. */
  private async lastSent(handoff: Handoff | null): Promise<void> {
    if (!handoff || !isFinal(handoff.status) || handoff.reference || handoff.operatorChat || handoff.transcriptKept || handoff.transcriptHeldUntil) return;
    await this.retractRelayed(handoff._id);
    if ((await this.messages.deleteMany({ handoffId: handoff._id })) > 0) await this.leaveNoCopy();
  }

  // ---- the worker's messages in an operator's Teams chat, deleted there with the transcript ------------------------

  /**
   * The relay put a worker's message in the operator's Teams chat as this activity: its id is kept (never the text),
   * so it can be deleted there if the transcript goes without consent. If that already happened (an erasure while the
   * message was on its way), it is queued for deletion now. The id is written before the flag is read, and
   * retractRelayed writes the flag before it reads the ids: of the two, at least one sees the other.
   */
  async relayedToOperatorChat(handoffId: string, chat: OperatorChat, activityId: string): Promise<void> {
    if (typeof activityId !== 'string' || activityId === '') return;
    const now = await this.handoffs.updateOne({ _id: handoffId }, { $addToSet: { relayedActivityIds: activityId } });
    if (!now?.retractedAt) return;
    await this.queueRetractions(handoffId, chat, [activityId]);
    // queued: nothing of it need stay on the handoff (another id noted meanwhile saw the flag too, and queued itself)
    await this.handoffs.updateOne({ _id: handoffId }, { $unset: { relayedActivityIds: true } });
  }

  /**
   * The transcript goes without the worker's consent (an end without it, a hold declined or run out, erasure, consent
   * withdrawn, retention): what the relay put in an operator's Teams chat is queued for deletion there, one row per
   * activity (a unique `_id`: once across instances and calls), with the chat's reference, which outlives the
   * relay's (`relayedTo`). Then the handoff forgets both.
   */
  private async retractRelayed(handoffId: string): Promise<void> {
    const flagged = await this.handoffs.updateOne({ _id: handoffId, relayedTo: { $exists: true } }, { $set: { retractedAt: this.deps.now() } });
    if (!flagged?.relayedTo) return;
    await this.queueRetractions(handoffId, flagged.relayedTo, flagged.relayedActivityIds ?? []);
    await this.handoffs.updateOne({ _id: handoffId }, { $unset: { relayedTo: true, relayedActivityIds: true } });
  }

  private async queueRetractions(handoffId: string, chat: OperatorChat, activityIds: readonly string[]): Promise<void> {
    if (activityIds.length === 0) return;
    const now = this.deps.now();
    const at = new Date();
    const rows: ChatRetraction[] = activityIds.map((activityId) => ({
      _id: `${handoffId}:${activityId}`,
      handoffId,
      kind: 'delete',
      reference: chat.reference,
      language: chat.language,
      activityId,
      status: 'pending',
      attempts: 0,
      // real time: the retractor's leases and backoff run on it, not on the business clock
      availableAt: at,
      createdAt: now,
    }));
    if ((await this.retractions.insertNew(rows)) > 0) this.deps.onRetractions?.();
  }

  // ---- the operator's personal chat in Teams (a conversation taken from a Teams card) -------------------------------

  /**
   * The operator who holds the conversation will write from their Teams personal chat: the relay sends the worker's
   * messages there. False when that chat already holds another conversation of theirs (one at a time: what they write
   * there must have one worker to go to) or the conversation is no longer theirs and accepted.
   */
  async attachOperatorChat(id: string, operator: OperatorRef, chat: OperatorChat): Promise<boolean> {
    const mine = (h: Handoff | null): boolean => h !== null && h.status === 'accepted' && h.operatorId === operator.accountId;
    if (!mine(await this.handoffs.findOne({ _id: id }))) return false;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // the chat is taken by a unique insert (its conversation id), as every step a race could double
        await this.chatHolds.insert({ _id: chat.conversationId, handoffId: id, at: this.deps.now() });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const hold = await this.chatHolds.findOne({ _id: chat.conversationId });
        if (!hold) continue; // let go of meanwhile: take it
        if (hold.handoffId !== id) {
          const holder = await this.handoffs.findOne({ _id: hold.handoffId });
          // still on (relayed there, or being attached right now on another instance): busy; else a hold its end
          // left behind (let go of by the relay soon): taken over
          if (holder?.status === 'accepted') return false;
          await this.chatHolds.deleteMany({ _id: chat.conversationId, handoffId: hold.handoffId });
          continue;
        }
      }
      const attached = { conversationId: chat.conversationId, reference: chat.reference, language: chat.language };
      // relayedTo outlives operatorChat: where relayed messages are deleted if the transcript goes without consent
      const updated = await this.handoffs.updateOne({ _id: id, status: 'accepted', operatorId: operator.accountId }, { $set: { operatorChat: attached, relayedTo: attached } });
      if (updated) return true;
      // ended meanwhile: the chat stays free
      await this.chatHolds.deleteMany({ _id: chat.conversationId, handoffId: id });
      return false;
    }
    return false;
  }

  /** The accepted conversation relayed to this Teams chat, if any: a read by `_id` (every Teams personal message asks). */
  async heldInOperatorChat(conversationId: string): Promise<Handoff | null> {
    if (typeof conversationId !== 'string' || conversationId === '') return null;
    const hold = await this.chatHolds.findOne({ _id: conversationId });
    if (!hold) return null;
    const handoff = await this.handoffs.findOne({ _id: hold.handoffId });
    return handoff?.status === 'accepted' && handoff.operatorChat?.conversationId === conversationId ? handoff : null;
  }

  // ---- the operators' side --------------------------------------------------------------------------------------

  async get(id: string): Promise<Handoff> {
    const handoff = await this.handoffs.findOne({ _id: id });
    if (!handoff) throw new NotFoundError('handoff', id);
    return handoff;
  }

  /** Every waiting request, oldest first (the Teams cards' dispatcher posts a card for each: ids and codes only). */
  waitingRequests(limit = LIST_MAX): Promise<Handoff[]> {
    return this.handoffs.find({ status: 'waiting' }, { sort: { createdAt: 1 }, limit });
  }

  /** The requests of these ids (missing ones are left out). */
  byIds(ids: readonly string[]): Promise<Handoff[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.handoffs.find({ _id: { $in: [...ids] } });
  }

  /** A request this operator may see; another's answers 404, as an unknown one. */
  async getFor(id: string, operator: OperatorRef): Promise<Handoff> {
    const handoff = await this.get(id);
    if (!this.mayRead(handoff, operator)) throw new NotFoundError('handoff', id);
    return handoff;
  }

  private mayRead(handoff: Handoff, operator: OperatorRef): boolean {
    return operator.role === 'staff' || handoff.operatorId === operator.accountId || eligibleFor(handoff, operator);
  }

  /**
   * The operator's lists: `waiting` the requests they may accept (only while they are available: staff see every
   * waiting request regardless), `mine` the conversations they hold, `closed` those that ended (theirs; staff all).
   */
  async list(view: HandoffView, operator: OperatorRef, limit = 50): Promise<Handoff[]> {
    const max = Math.min(Math.max(1, limit), LIST_MAX);
    if (view === 'mine') return this.handoffs.find({ operatorId: operator.accountId, status: 'accepted' }, { sort: { createdAt: -1 }, limit: max });
    if (view === 'closed') {
      const filter: Filter = operator.role === 'staff' ? { status: { $in: ['ended', 'unanswered', 'abandoned'] } } : { operatorId: operator.accountId, status: 'ended' };
      return this.handoffs.find(filter, { sort: { endedAt: -1 }, limit: max });
    }
    let seenAs = operator;
    if (operator.role !== 'staff') {
      const presence = await this.operators.findOne({ _id: operator.accountId });
      if (!presence || !isLive(presence, this.deps.now().getTime())) return [];
      // the provinces they said they are available for (a subset of their projects')
      seenAs = { ...operator, provinces: presence.provinces.filter((p) => operator.provinces.includes(p)) };
    }
    const waiting = await this.handoffs.find({ status: 'waiting' }, { sort: { createdAt: 1 } });
    return waiting.filter((h) => eligibleFor(h, seenAs)).slice(0, max);
  }

  /**
   * Takes a waiting request: of concurrent acceptances exactly one wins; the others get HandoffTakenError naming the
   * winner. The same operator accepting twice (a double click) gets the request again.
   */
  async accept(id: string, operator: OperatorRef): Promise<Handoff> {
    return (await this.acceptOnce(id, operator)).handoff;
  }

  /**
   * As accept, saying whether this call took the request (`taken`) or found it taken already by the same operator
   * (another tab, a double click, both at once): what is audited once.
   */
  async acceptOnce(id: string, operator: OperatorRef): Promise<{ handoff: Handoff; taken: boolean }> {
    const handoff = await this.getFor(id, operator);
    if (handoff.status === 'accepted') {
      if (handoff.operatorId === operator.accountId) return { handoff, taken: false };
      throw new HandoffTakenError(handoff.operatorName ?? handoff.operatorId ?? 'unknown');
    }
    if (handoff.status !== 'waiting') throw new ConflictError(`illegal_transition:${handoff.status}->accepted`);
    const { handoff: decided, mine } = await this.decideWaitOwned(handoff, { outcome: 'accepted', by: operator.accountId, byName: operator.name, byRole: operator.role });
    if (decided.status === 'accepted' && decided.operatorId === operator.accountId) return { handoff: decided, taken: mine };
    if (decided.status === 'accepted') throw new HandoffTakenError(decided.operatorName ?? 'unknown');
    throw new ConflictError(`illegal_transition:${decided.status}->accepted`);
  }

  /** An operator's reply: only the holder of an accepted conversation may write. Resets the idle clock. */
  async postOperatorMessage(id: string, operator: OperatorRef, text: string): Promise<HandoffMessage> {
    const handoff = await this.holdBy(id, operator);
    const message = await this.append(handoff, { from: 'operator', text, operatorName: operator.name, operatorRole: operator.role });
    await this.handoffs.updateOne({ _id: id, status: 'accepted' }, { $set: { lastOperatorAt: message.at } });
    // the message is what was being typed: the worker's chat stops showing the operator typing
    await this.signals.deleteMany({ _id: `${id}:operator` });
    return message;
  }

  /** The messages after `after` (a sequence number), oldest first. */
  async messagesSince(id: string, after: number, limit = 100): Promise<MessagePage> {
    const items = await this.messages.find({ handoffId: id, seq: { $gt: after } }, { sort: { seq: 1 }, limit: Math.min(Math.max(1, limit), 500) });
    return { items, cursor: items.length > 0 ? items[items.length - 1].seq : after };
  }

  /**
   * The messages after `after` of a request, as this operator may read them: what the worker wrote is read by the
   * operator who took the conversation and by staff, as a referral's contact details by its claimer and staff. The
   * other operators who may see the request (any operator, when no pre-check gave its province) see what it is about
   * (codes) and who took it, not the conversation: an empty page, whatever its state.
   */
  async messagesFor(id: string, operator: OperatorRef, after: number, limit?: number): Promise<MessagePage> {
    const handoff = await this.getFor(id, operator);
    const holds = operator.role === 'staff' || handoff.operatorId === operator.accountId;
    // ended without the worker's consent: nothing to read, also while the transcript is held for the worker's answer
    // (it is theirs to give; once given it is read on the referral it is attached to, by its holder and staff)
    if (!holds || (isFinal(handoff.status) && handoff.transcriptKept !== true)) return { items: [], cursor: after };
    return this.messagesSince(id, after, limit);
  }

  /** One side is typing: shown to the other until TYPING_MS after the last signal. */
  async typing(id: string, side: MessageAuthor): Promise<void> {
    await this.signals.upsert({ _id: `${id}:${side}`, handoffId: id, side, until: new Date(this.deps.now().getTime() + TYPING_MS) });
  }

  /** The operator is typing (only the holder). */
  async operatorTyping(id: string, operator: OperatorRef): Promise<void> {
    await this.holdBy(id, operator);
    await this.typing(id, 'operator');
  }

  /** Who is typing now. */
  async typingNow(id: string): Promise<{ worker: boolean; operator: boolean }> {
    const now = this.deps.now().getTime();
    const live = (await this.signals.find({ handoffId: id })).filter((s) => s.until.getTime() > now);
    return { worker: live.some((s) => s.side === 'worker'), operator: live.some((s) => s.side === 'operator') };
  }

  /**
   * The holder ends the conversation: closed, returned to the bot, or turned into a referral (the intent only: the
   * bot asks the worker for contact details, pre-filled from the pre-check). Staff may end anyone's.
   */
  async end(id: string, operator: OperatorRef, reason: OperatorEndReason): Promise<Handoff> {
    const handoff = await this.getFor(id, operator);
    if (handoff.status !== 'accepted') throw new ConflictError(`illegal_transition:${handoff.status}->ended`);
    if (handoff.operatorId !== operator.accountId && operator.role !== 'staff') throw new ForbiddenError('not_your_handoff');
    const ended = await this.decideEnd(handoff, { outcome: reason, by: operator.accountId, byName: operator.name, byRole: operator.role });
    if (ended.endReason !== reason) throw new ConflictError(`illegal_transition:${ended.status}->ended`);
    return ended;
  }

  private async holdBy(id: string, operator: OperatorRef): Promise<Handoff> {
    const handoff = await this.getFor(id, operator);
    if (handoff.status !== 'accepted') throw new ConflictError(`illegal_transition:${handoff.status}->message`);
    if (handoff.operatorId !== operator.accountId) throw new ForbiddenError('not_your_handoff');
    return handoff;
  }

  // ---- availability ---------------------------------------------------------------------------------------------

  /**
   * An operator says they are available (or not) for requests: for all their projects' provinces, or the ones in
   * `provinces` (a subset of them; staff may name any). Also marks them seen.
   */
  async setAvailability(operator: OperatorRef, input: { available: boolean; provinces?: readonly string[]; holdMs?: number }): Promise<OperatorPresence> {
    const provinces = input.provinces ? [...new Set(input.provinces.map((p) => p.toUpperCase()))] : [...operator.provinces];
    if (operator.role !== 'staff') {
      const outside = provinces.findIndex((p) => !operator.provinces.includes(p));
      if (outside >= 0) throw new ValidationError(`provinces.${outside}`, 'not_your_province');
    }
    const now = this.deps.now();
    const presence: OperatorPresence = { _id: operator.accountId, name: operator.name, role: operator.role, available: input.available, projectIds: [...operator.projectIds], provinces, seenAt: now, updatedAt: now };
    // said in Teams: nothing polls, so it holds for holdMs (the console's polling keeps its own availability live)
    if (input.available && input.holdMs !== undefined && input.holdMs > 0) presence.heldUntil = new Date(now.getTime() + input.holdMs);
    await this.operators.upsert(presence);
    return presence;
  }

  /** The operator's availability as stored (not available when never set). */
  async availabilityOf(operator: OperatorRef): Promise<OperatorPresence> {
    const found = await this.operators.findOne({ _id: operator.accountId });
    const now = this.deps.now();
    return found ?? { _id: operator.accountId, name: operator.name, role: operator.role, available: false, projectIds: [...operator.projectIds], provinces: [...operator.provinces], seenAt: now, updatedAt: now };
  }

  /** The operator called the API (a console polling its lists): their availability stays live. */
  async seen(operatorId: string): Promise<void> {
    await this.operators.updateOne({ _id: operatorId, available: true }, { $set: { seenAt: this.deps.now() } });
  }

  /**
   * Whether someone available and seen within PRESENCE_MS could take a request of this province/project now: what
   * lets the bot say "I am looking for an operator" rather than offer the call-back at once.
   */
  async anyoneAvailableFor(request: Pick<Handoff, 'projectId' | 'province'>): Promise<boolean> {
    const now = this.deps.now().getTime();
    const live = (await this.operators.find({ available: true })).filter((o) => isLive(o, now));
    if (live.length === 0) return false;
    // who they are now (projects staff may have changed since they said "disponibile"); absent: disabled accounts
    const current = this.deps.operatorsNow ? new Map((await this.deps.operatorsNow(live.map((o) => o._id))).map((o) => [o.accountId, o])) : undefined;
    const could = live.flatMap((o) => {
      const who = current ? current.get(o._id) : o;
      if (!who) return [];
      // the provinces they said they are available for, of those their projects have now
      const provinces = who.role === 'staff' ? o.provinces : o.provinces.filter((p) => who.provinces.includes(p));
      const seenAs = { role: who.role, projectIds: who.projectIds, provinces };
      // an operator's own provinces narrow what they take: a request of another province is not theirs
      return eligibleFor(request, seenAs) && (seenAs.role === 'staff' || !request.province || provinces.includes(request.province)) ? [o] : [];
    });
    if (could.length === 0 || current || !this.deps.enabledAccounts) return could.length > 0;
    return (await this.deps.enabledAccounts(could.map((o) => o._id))).size > 0;
  }

  // ---- expiry -----------------------------------------------------------------------------------------------------

  /**
   * One sweep (under the sweep's lease, handoffSweep.ts): requests not accepted within waitMs become unanswered,
   * accepted conversations whose operator was silent for idleMs, or whose account was disabled, end (`operator_idle`),
   * stale typing signals go.
   */
  async sweep(): Promise<{ unanswered: number; idle: number }> {
    const now = this.deps.now().getTime();
    let unanswered = 0;
    let idle = 0;
    for (const h of await this.handoffs.find({ status: 'waiting' }, { sort: { createdAt: 1 } })) {
      if (h.createdAt.getTime() > now - this.deps.waitMs) continue;
      if ((await this.decideWait(h, { outcome: 'unanswered', by: 'system' })).status === 'unanswered') unanswered += 1;
    }
    const accepted = await this.handoffs.find({ status: 'accepted' });
    // a holder whose account staff disabled will not answer again (their token no longer works): gone silent now, not
    // HANDOFF_IDLE_MINUTES later
    const enabled = accepted.length > 0 && this.deps.enabledAccounts ? await this.deps.enabledAccounts(accepted.flatMap((h) => (h.operatorId ? [h.operatorId] : []))) : undefined;
    for (const h of accepted) {
      const last = (h.lastOperatorAt ?? h.acceptedAt ?? h.createdAt).getTime();
      const disabled = enabled !== undefined && h.operatorId !== undefined && !enabled.has(h.operatorId);
      if (last > now - this.deps.idleMs && !disabled) continue;
      if ((await this.decideEnd(h, { outcome: 'operator_idle', by: 'system' })).endReason === 'operator_idle') idle += 1;
    }
    await this.signals.deleteMany({ until: { $lt: new Date(now) } });
    await this.expireHeldTranscripts(now);
    return { unanswered, idle };
  }

  /** Housekeeping: delivery records (ids only) taken before `cutoff` go; how many. */
  purgeDeliveriesBefore(cutoff: Date): Promise<number> {
    return this.deliveries.deleteMany({ at: { $lt: cutoff } });
  }

  /** Whether a sweep has anything to look at (reads only: an idle installation writes nothing every few seconds). */
  async sweepHasWork(): Promise<boolean> {
    return (
      (await this.handoffs.count({ status: { $in: ['waiting', 'accepted'] } })) > 0 ||
      (await this.signals.count({})) > 0 ||
      (await this.handoffs.count({ transcriptHeldUntil: { $exists: true } })) > 0
    );
  }

  /** The waits of acceptances on Italian days fromDay <= day < toDay (no id of the worker): the funnel's median wait. */
  waitsBetween(fromDay?: string, toDay?: string): Promise<WaitRecord[]> {
    const day: Record<string, string> = { $gte: fromDay ?? '0000' };
    if (toDay) day.$lt = toDay;
    return this.waits.find({ day });
  }

  /** Median wait (seconds) and acceptances per province or language, for Italian days fromDay <= day < toDay. */
  async waitStats(groupBy: 'province' | 'language', range: { fromDay?: string; toDay?: string } = {}): Promise<{ rows: HandoffWaitStats[]; total: HandoffWaitStats }> {
    const day: Record<string, string> = { $gte: range.fromDay ?? '0000' };
    if (range.toDay) day.$lt = range.toDay;
    const records = await this.waits.find({ day });
    const groups = new Map<string, number[]>();
    for (const r of records) {
      const key = r[groupBy];
      groups.set(key, [...(groups.get(key) ?? []), r.waitMs]);
    }
    const stat = (group: string, waits: number[]): HandoffWaitStats => {
      const m = median(waits);
      return { group, accepted: waits.length, medianWaitSeconds: m === null ? null : Math.round(m / 100) / 10 };
    };
    return { rows: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([g, w]) => stat(g, w)), total: stat('total', records.map((r) => r.waitMs)) };
  }

  // ---- decisions --------------------------------------------------------------------------------------------------

  /**
   * The decision of record for a step: this one if its insert lands first (a unique `_id` per step, so exactly one
   * decider wins, FerretDB included), else the one that did.
   */
  private async firstDecision(record: HandoffDecision): Promise<{ decided: HandoffDecision; mine: boolean }> {
    try {
      await this.decisions.insert(record);
      return { decided: record, mine: true };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const decided = await this.decisions.findOne({ _id: record._id });
    if (!decided) throw new ConflictError('concurrent_update');
    return { decided, mine: false };
  }

  /** Decides how a waiting request leaves `waiting` (the first decision wins) and returns the request as it is now. */
  private async decideWait(handoff: Handoff, decision: Omit<HandoffDecision, '_id' | 'handoffId' | 'at'>): Promise<Handoff> {
    return (await this.decideWaitOwned(handoff, decision)).handoff;
  }

  /** decideWait, and whether this call's decision is the one of record. */
  private async decideWaitOwned(handoff: Handoff, decision: Omit<HandoffDecision, '_id' | 'handoffId' | 'at'>): Promise<{ handoff: Handoff; mine: boolean }> {
    const { decided, mine } = await this.firstDecision({ _id: `${handoff._id}:wait`, handoffId: handoff._id, ...decision, at: this.deps.now() });
    const applied = await this.applyWait(decided);
    if (mine) await this.counted(decided.outcome, applied, decided.at);
    return { handoff: applied, mine };
  }

  /** Brings a request in line with its wait decision: idempotent, so the decider and a later reader may both run it. */
  private async applyWait(decision: HandoffDecision): Promise<Handoff> {
    const set: Record<string, unknown> =
      decision.outcome === 'accepted'
        ? { status: 'accepted', operatorId: decision.by, operatorName: decision.byName, operatorRole: decision.byRole, acceptedAt: decision.at, lastOperatorAt: decision.at }
        : { status: decision.outcome, endedAt: decision.at };
    const update: Record<string, unknown> = { $set: set };
    if (decision.outcome !== 'accepted') update.$unset = { openKey: true };
    const updated = await this.handoffs.updateOne({ _id: decision.handoffId, status: 'waiting' }, update);
    const now = updated ?? (await this.get(decision.handoffId));
    if (updated && decision.outcome !== 'accepted') await this.afterEnd(updated);
    return now;
  }

  /** Decides how an accepted conversation ends (the first decision wins) and returns it as it is now. */
  private async decideEnd(handoff: Handoff, decision: Omit<HandoffDecision, '_id' | 'handoffId' | 'at'> & { outcome: EndReason }): Promise<Handoff> {
    const { decided, mine } = await this.firstDecision({ _id: `${handoff._id}:end`, handoffId: handoff._id, ...decision, at: this.deps.now() });
    const set: Record<string, unknown> = { status: 'ended', endReason: decided.outcome, endedAt: decided.at };
    // turned into a referral: the worker's next turn starts the referral dialog (takeReferralOffer)
    if (decided.outcome === 'referral') set.referralOffer = 'pending';
    const updated = await this.handoffs.updateOne({ _id: handoff._id, status: 'accepted' }, { $set: set, $unset: { openKey: true } });
    if (updated) await this.afterEnd(updated);
    const now = updated ?? (await this.get(handoff._id));
    if (mine && decided.outcome === 'referral') await this.counted('referral', now, decided.at);
    return now;
  }

  /**
   * At the end: the transcript goes unless the worker consented; the typing signals go. While the worker's chat
   * still has operator messages to receive (a reference the relay has not let go of), or the operator's Teams chat
   * worker messages, the messages stay until both have (forgetReference, forgetOperatorChat).
   */
  private async afterEnd(handoff: Handoff): Promise<void> {
    await this.signals.deleteMany({ handoffId: handoff._id });
    const messages = await this.messages.count({ handoffId: handoff._id });
    const offersCallBack = CALL_BACK_ENDS.includes(handoff.status === 'ended' ? (handoff.endReason ?? '') : handoff.status);
    if (handoff.consent && messages > 0) {
      await this.handoffs.updateOne({ _id: handoff._id }, { $set: { transcriptKept: true } });
    } else if (offersCallBack && messages > 0) {
      // the worker is asked whether to attach it to the call-back: it waits for the answer (TRANSCRIPT_HOLD_MS)
      await this.handoffs.updateOne({ _id: handoff._id }, { $set: { transcriptHeldUntil: new Date(this.deps.now().getTime() + TRANSCRIPT_HOLD_MS) } });
    } else if (!handoff.reference && !handoff.operatorChat && messages > 0) {
      await this.retractRelayed(handoff._id);
      await this.messages.deleteMany({ handoffId: handoff._id });
      await this.leaveNoCopy();
    }
  }

  /** Counts a decided step for the funnel; a figure that cannot be written never fails the step, which is done. */
  private async counted(outcome: HandoffDecision['outcome'], handoff: Handoff, at: Date): Promise<void> {
    const dims = { ...(handoff.province ? { province: handoff.province } : {}), language: handoff.language, channel: handoff.channel };
    if (outcome === 'accepted') {
      const waitMs = Math.max(0, at.getTime() - handoff.createdAt.getTime());
      // the wait of this acceptance, without the worker: the median is read from these (waitStats)
      await this.waits
        .upsert({ _id: handoff._id, day: romeDay(at), province: handoff.province ?? 'unknown', language: handoff.language, channel: handoff.channel, waitMs })
        .catch(() => undefined);
    }
    const event: HandoffEvent | undefined =
      outcome === 'accepted' ? 'handoff.accepted' : outcome === 'unanswered' ? 'handoff.unanswered' : outcome === 'abandoned' ? 'handoff.abandoned' : outcome === 'referral' ? 'handoff.referral' : undefined;
    if (event) this.deps.count?.(event, dims);
  }

  // ---- messages ---------------------------------------------------------------------------------------------------

  /**
   * Appends a message after the latest one: the next sequence is taken by a unique insert, so two writers (the
   * worker on one instance, the operator on another) never share a number, and a number is only taken once the one
   * before it is visible (no gap a reader could skip).
   */
  private async append(handoff: Handoff, message: Pick<HandoffMessage, 'from' | 'text' | 'operatorName' | 'operatorRole'>): Promise<HandoffMessage> {
    if (isFinal(handoff.status)) throw new ConflictError('handoff_ended');
    const text = message.text.trim();
    if (text === '') throw new ValidationError('text', 'empty');
    if (text.length > MESSAGE_MAX) throw new ValidationError('text', 'too_long');
    for (let attempt = 0; attempt < MESSAGE_ATTEMPTS; attempt++) {
      const [latest] = await this.messages.find({ handoffId: handoff._id }, { sort: { seq: -1 }, limit: 1 });
      const seq = (latest?.seq ?? 0) + 1;
      const doc: HandoffMessage = {
        _id: seqId(handoff._id, seq),
        handoffId: handoff._id,
        seq,
        from: message.from,
        text,
        at: this.deps.now(),
        ...(message.operatorName ? { operatorName: message.operatorName, operatorRole: message.operatorRole } : {}),
      };
      try {
        await this.messages.insert(doc);
        return doc;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    throw new ConflictError('concurrent_update');
  }
}
