/**
 * A live handoff: a worker asked for a person and an operator may take the chat over. What is stored, in these
 * collections, none of which holds a chat user id in clear, a display name from the channel, or the text of a bot
 * exchange:
 *
 * - `handoffs`: one document per request. `userKey` is the worker's chat identity hashed (leadService.userKeyOf,
 *   never logged); `openKey` is the same value while the request is open (waiting or accepted) and is removed when
 *   it ends: its unique index allows one open request per identity, on every store. `reference` is the worker's chat
 *   address the relay sends through (workerAddress.ts: channel, service URL, conversation id, bot id; no user id or
 *   name), kept until the end is told; the sweep's hourly housekeeping then rewrites the embedded store's file, so no
 *   earlier line keeps it (purgeForgottenReferences).
 * - `handoff_decisions`: who decided a step, one record per step, its `_id` `<handoff>:wait` (accepted by an
 *   operator, unanswered, abandoned) or `<handoff>:end` (closed, returned to the bot, referral, worker left, operator
 *   idle). The first insert wins (the database's unique `_id`), exactly as referral claims: FerretDB does not make
 *   conditional updates atomic, but it enforces unique keys. The handoff document follows its decisions.
 * - `handoff_messages`: both directions, `_id` `<handoff>:<seq>`: the sequence is the cursor every instance reads
 *   from. A message is written only after the one before it is visible, so the sequence has no gap.
 * - `handoff_signals`: typing indicators, short-lived (`until`), one per handoff and side.
 * - `handoff_operators`: who is available, for which provinces and projects, and when they were last seen.
 * - `handoff_waits`: the wait of each accepted request (day, province, language, channel, milliseconds), no id of
 *   the worker: the median wait is read from it, not from the requests.
 * - `handoff_operator_chats`: which conversation each Teams personal chat of an operator holds, `_id` the chat's
 *   conversation id: the unique `_id` lets one conversation at a time be attached to a chat (what the operator writes
 *   there has one worker to go to), and a message in any Teams personal chat is looked up by it (a read by `_id`).
 * - `handoff_deliveries`: what the relay sent the worker (`<handoff>:m<seq>`, `:joined`, `:end`) and, for a conversation
 *   taken from a Teams card, the operator's personal chat (`:op:joined`, `:op:m<seq>`, `:op:end`), ids only: the unique
 *   `_id` lets one instance alone send each.
 * - `handoff_chat_retractions`: the worker's messages relayed into an operator's Teams chat that are to be deleted there,
 *   because the store deleted them without the worker's consent (models/handoff/operatorChatRetractor.ts): one row per
 *   Teams activity (`<handoff>:<activity id>`) and one for the operator's single line about it (`<handoff>:notice`),
 *   with the chat's reference; ids only.
 */
import type { CollectionSpec } from '../store/collection';
import type { LeasedRow } from '../teams/leases';

export const HANDOFF_STATUSES = ['waiting', 'accepted', 'ended', 'unanswered', 'abandoned'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
/** the states a request ends in */
export const FINAL_STATUSES = ['ended', 'unanswered', 'abandoned'] as const satisfies readonly HandoffStatus[];

/** How an accepted conversation ended. */
export const END_REASONS = ['closed', 'returned_to_bot', 'referral', 'worker_left', 'operator_idle'] as const;
export type EndReason = (typeof END_REASONS)[number];
/** What an operator may end a conversation with. */
export const OPERATOR_END_REASONS = ['closed', 'returned_to_bot', 'referral'] as const satisfies readonly EndReason[];
export type OperatorEndReason = (typeof OPERATOR_END_REASONS)[number];

export type OperatorRole = 'operator' | 'staff';

/** Who acts as an operator: the account, as the API authenticated it. */
export interface OperatorRef {
  accountId: string;
  /** the account's name: what the worker and the other operators see */
  name: string;
  role: OperatorRole;
  /** the projects an operator works (empty for staff, who see every request) */
  projectIds: readonly string[];
  /** the provinces of those projects: requests with no project are seen by the operators of their province */
  provinces: readonly string[];
}

/**
 * The last exchange with the bot before the request, as codes only (e.g. `faq:naspi-requisiti`,
 * `precheck:likely_eligible`, `menu:person`): never what either side typed, so no personal data reaches the operators'
 * list or a Teams card (as a referral's card shows only codes and labels).
 */
export const EXCHANGE_CODE = /^[a-z0-9][a-z0-9_.:-]{0,79}$/i;

export interface TranscriptConsent {
  /** the version of the text the worker agreed to (as a referral's consent names its notice) */
  noticeVersion: string;
  /** sha256 of that text as shown */
  textHash: string;
  /** the language the text was shown in (the notice's version is that language's own) */
  language?: string;
  givenAt: Date;
}

/**
 * The ends that offer the worker a call-back (the referral): the transcript then waits for their answer to "may we
 * attach this conversation to your request?" (HandoffService.TRANSCRIPT_HOLD_MS) instead of going at once.
 */
export const CALL_BACK_ENDS: readonly string[] = ['referral', 'operator_idle', 'unanswered'];

export type Handoff = {
  _id: string;
  /** sha256 of channel and user id (leadService.userKeyOf); removed on erasure */
  userKey?: string;
  /** = userKey while open; unique among documents that have it */
  openKey?: string;
  channel: string;
  /** the worker's language (it, en, ...) */
  language: string;
  province?: string;
  sector?: string;
  projectId?: string;
  lastExchange: string[];
  status: HandoffStatus;
  createdAt: Date;
  /** accepted: who holds the conversation */
  operatorId?: string;
  operatorName?: string;
  operatorRole?: OperatorRole;
  acceptedAt?: Date;
  /** the idle clock: acceptance, then each operator message */
  lastOperatorAt?: Date;
  endedAt?: Date;
  endReason?: EndReason;
  /** the transcript may be kept after the end (with the referral) */
  consent?: TranscriptConsent;
  /** the transcript outlived the end: deleted by erasure or retention */
  transcriptKept?: boolean;
  /**
   * A call-back was offered at the end and the conversation has messages: they wait until this time for the worker's
   * answer (kept with their referral on a yes; deleted on a no, a referral not sent, or when this time has passed).
   */
  transcriptHeldUntil?: Date;
  /** the referral (lead id) the kept transcript is attached to */
  leadId?: string;
  /**
   * The operator turned the conversation into a referral: `pending` until the worker's next turn starts the referral
   * dialog (`taken`) or goes elsewhere (`dropped`).
   */
  referralOffer?: 'pending' | 'taken' | 'dropped';
  /** the worker's data was erased: this document keeps codes only */
  erasedAt?: Date;
  /**
   * The worker's conversation address (workerAddress.ts: what a send needs of the Bot Framework conversation
   * reference, no user id or name): where operator messages and the end are sent, from any instance. Removed once
   * the end was told, or on erasure.
   */
  reference?: Record<string, unknown>;
  /** the worker has been sent everything up to this message (the relay's cursor) */
  workerCursor?: number;
  /** notices the worker was sent (`joined`, `end`), and the operator's Teams chat (`op:joined`, `op:end`) */
  notified?: string[];
  /**
   * Taken from a Teams card: the operator's personal (1:1) chat with the bot, as the channel gave it, and the language
   * it is written to in. The worker's messages are relayed there and the operator's messages there go to the worker.
   * Removed once the end was told there, or on erasure.
   */
  operatorChat?: OperatorChat;
  /** the operator's chat has been sent every worker message up to this one (the relay's second cursor) */
  operatorCursor?: number;
  /**
   * The operator's Teams chat the worker's messages were relayed to, kept after `operatorChat` is let go of, with the
   * ids of the activities those messages are there (`relayedActivityIds`, never their text): while the transcript may
   * still go without the worker's consent (the end, the hold, erasure, retention), they must be deletable there too.
   * Removed once they are queued for deletion (`handoff_chat_retractions`).
   */
  relayedTo?: OperatorChat;
  relayedActivityIds?: string[];
  /** the transcript went without the worker's consent and its copies in the operator's Teams chat are being deleted */
  retractedAt?: Date;
};

/** An operator's personal chat with the bot in Teams: a Bot Framework conversation reference, and its language. */
export interface OperatorChat {
  conversationId: string;
  reference: Record<string, unknown>;
  language: string;
}

/** One thing the relay sends the worker, decided once by a unique `_id` (`<handoff>:<what>`). */
export type WorkerDelivery = {
  _id: string;
  handoffId: string;
  /** when it was taken: a record still not done long after belongs to an instance that stopped (taken again) */
  at: Date;
  /** sent (false while on its way) */
  done: boolean;
};

export type HandoffDecision = {
  /** `<handoff>:wait` or `<handoff>:end` */
  _id: string;
  handoffId: string;
  outcome: 'accepted' | 'unanswered' | 'abandoned' | EndReason;
  /** the operator's account id, or `system` / `worker` */
  by: string;
  byName?: string;
  byRole?: OperatorRole;
  at: Date;
};

export type MessageAuthor = 'worker' | 'operator';

export type HandoffMessage = {
  /** `<handoff>:<seq, 10 digits>` */
  _id: string;
  handoffId: string;
  /** 1, 2, 3...: the cursor */
  seq: number;
  from: MessageAuthor;
  text: string;
  at: Date;
  /** operator messages: shown to the worker as the operator */
  operatorName?: string;
  operatorRole?: OperatorRole;
};

export type TypingSignal = { _id: string; handoffId: string; side: MessageAuthor; until: Date };

export type OperatorPresence = {
  /** the account id */
  _id: string;
  name: string;
  role: OperatorRole;
  available: boolean;
  projectIds: string[];
  provinces: string[];
  /** the last call of this operator to the handoff API: a closed console stops counting after PRESENCE_MS */
  seenAt: Date;
  /**
   * Availability said in Teams ("disponibile"): no console polls to keep it live, so it holds until this time (or
   * until they say "non disponibile"); set from the console, it is absent and PRESENCE_MS rules.
   */
  heldUntil?: Date;
  updatedAt: Date;
};

export type WaitRecord = { _id: string; day: string; province: string; language: string; channel: string; waitMs: number };

export const HANDOFFS_COLLECTION: CollectionSpec = {
  name: 'handoffs',
  indexes: [{ field: 'openKey', unique: true, sparse: true }, { field: 'userKey' }, { field: 'status' }, { field: 'operatorId' }, { field: 'endedAt' }, { field: 'transcriptHeldUntil' }, { field: 'leadId' }],
  sortIndexes: [
    { status: 1, createdAt: 1 },
    { operatorId: 1, status: 1, createdAt: -1 },
    { status: 1, endedAt: -1 },
    { operatorId: 1, status: 1, endedAt: -1 },
    { userKey: 1, createdAt: -1 },
  ],
};
export const HANDOFF_DECISIONS_COLLECTION: CollectionSpec = { name: 'handoff_decisions', indexes: [{ field: 'handoffId' }] };
export const HANDOFF_MESSAGES_COLLECTION: CollectionSpec = { name: 'handoff_messages', indexes: [{ field: 'handoffId' }], sortIndexes: [{ handoffId: 1, seq: 1 }, { handoffId: 1, seq: -1 }] };
export const HANDOFF_SIGNALS_COLLECTION: CollectionSpec = { name: 'handoff_signals', indexes: [{ field: 'handoffId' }, { field: 'until' }] };
export const HANDOFF_OPERATORS_COLLECTION: CollectionSpec = { name: 'handoff_operators', indexes: [{ field: 'available' }] };
export const HANDOFF_WAITS_COLLECTION: CollectionSpec = { name: 'handoff_waits', indexes: [{ field: 'day' }] };
/** A Teams personal chat holding a conversation (ids only): `_id` the chat's conversation id. */
export type OperatorChatHold = { _id: string; handoffId: string; at: Date };
export const HANDOFF_OPERATOR_CHATS_COLLECTION: CollectionSpec = { name: 'handoff_operator_chats', indexes: [{ field: 'handoffId' }] };
/**
 * A worker's message relayed into an operator's Teams chat, to delete there (`kind: 'delete'`), or the operator's one
 * line saying why they went (`kind: 'notice'`). Delivered under a lease (models/teams/leases.ts): pending, then done
 * (deleted, or already gone) or failed (given up).
 */
export type ChatRetraction = LeasedRow & {
  /** `<handoff>:<activity id>` or `<handoff>:notice` */
  _id: string;
  handoffId: string;
  kind: 'delete' | 'notice';
  /** the operator's chat: a conversation reference (ids, the service's address) */
  reference: Record<string, unknown>;
  /** what the notice is written in */
  language: string;
  activityId?: string;
  status: 'pending' | 'done' | 'failed';
  createdAt: Date;
};
export const HANDOFF_CHAT_RETRACTIONS_COLLECTION: CollectionSpec = {
  name: 'handoff_chat_retractions',
  indexes: [{ field: 'status' }, { field: 'handoffId' }, { field: 'availableAt' }, { field: 'doneAt' }],
  sortIndexes: [{ status: 1, availableAt: 1 }],
};
export const HANDOFF_DELIVERIES_COLLECTION: CollectionSpec = { name: 'handoff_deliveries', indexes: [{ field: 'handoffId' }, { field: 'at' }] };

export function isFinal(status: HandoffStatus): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}
