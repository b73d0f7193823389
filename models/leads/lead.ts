/**
 * A lead: a worker's request to be referred to a network project, as the chat submits it and operators work it.
 * Types and the lifecycle rules only (pure); storage lives in leadRepository.ts, use cases in leadService.ts.
 */
import { ConflictError, ValidationError } from '../errors';
import type { LanguageCode } from '../languages';
import type { Contact } from './contact';
import type { LeadEvent } from './leadEvents';

export const LEAD_STATUSES = ['new', 'claimed', 'contacted', 'enrolled', 'placed', 'closed', 'erased'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * States in which someone is still working the lead. `placed` (the worker found a job through the project) is a
 * final outcome, like `closed`: a worker who comes back after it gets a new lead rather than reopening the old one.
 */
export const OPEN_STATUSES = ['new', 'claimed', 'contacted', 'enrolled'] as const satisfies readonly LeadStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const CLOSE_REASONS = ['not_eligible', 'unreachable', 'withdrawn'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Legal moves. `erased` is reached only through the worker's erasure request, from any state. */
const NEXT: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['claimed', 'closed'],
  claimed: ['contacted', 'closed'],
  contacted: ['enrolled', 'closed'],
  enrolled: ['placed', 'closed'],
  placed: [],
  closed: [],
  erased: [],
};

export function isOpen(status: LeadStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly LeadStatus[]).includes(status);
}

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}

export function isCloseReason(value: unknown): value is CloseReason {
  return typeof value === 'string' && (CLOSE_REASONS as readonly string[]).includes(value);
}

export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Throws ConflictError(`illegal_transition:<from>-><to>`) for a move the lifecycle does not allow, and
 * ValidationError when closing without one of the close reasons (or giving a reason to anything else).
 */
export function checkTransition(from: LeadStatus, to: LeadStatus, reason?: string): void {
  if (!canTransition(from, to)) throw new ConflictError(`illegal_transition:${from}->${to}`);
  if (to === 'closed' && !isCloseReason(reason)) throw new ValidationError('reason', 'close_reason_required');
  if (to !== 'closed' && reason !== undefined) throw new ValidationError('reason', 'only_when_closing');
}

export interface PrecheckAnswers {
  /** province code (sigla), e.g. "MI"; absent when the worker did not know */
  province?: string;
  /** kind of company crisis, a code from the eligibility rules (e.g. "cigs", "fallimento") */
  crisisKind: string;
  /** the worker's situation, a code from the eligibility rules (e.g. "unemployed", "cig_with_redundancies") */
  situation: string;
  /** ISO date (YYYY-MM-DD) the worker left or was suspended, when known */
  leftOn?: string;
}

/** The eligibility pre-check as the chat ran it; codes only, the rules live in the eligibility module. */
export interface Precheck {
  answers: PrecheckAnswers;
  /** e.g. "eligible", "to_verify", "not_eligible" */
  outcome: string;
  reasons: string[];
  rulesVersion: string;
}

export interface Employer {
  name?: string;
  /** a sector code from models/projects (SECTORS) */
  sector?: string;
}

export interface Consent {
  /** version of the privacy notice shown: each language has its own (models/privacyNotice.ts) */
  noticeVersion: string;
  /** sha256 (or version id) of the consent text the worker accepted */
  textHash: string;
  /** the language the consent text was shown in; absent on consents recorded before languages were recorded */
  language?: LanguageCode;
  givenAt: Date;
}

export interface LeadNote {
  by: string;
  at: Date;
  text: string;
}

export type LeadAction =
  | 'submitted'
  | 'resubmitted'
  | 'project_assigned'
  | 'claimed'
  | 'status_changed'
  | 'note_added'
  | 'erased'
  /** on the kept lead of an operator's merge: `from` is the id of the lead folded into it */
  | 'merged';

/**
 * One line of the lead's history. Never personal data: `by` is an account id, "worker" or "system"; `from`/`to`
 * are statuses (status_changed, claimed), project ids (project_assigned) or a lead id (merged); `reason` is a
 * close-reason code (or `merged` when an operator folded the lead into another).
 */
export interface LeadHistoryEntry {
  at: Date;
  by: string;
  action: LeadAction;
  from?: string;
  to?: string;
  reason?: string;
}

/** Who submitted and where from: the channel's user id is stored only as a hash (userKeys). */
export type ConversationRef = Record<string, unknown>;

export type Lead = {
  _id: string;
  /** short code the worker and operators quote, e.g. AR-7F3K2 */
  reference: string;
  /** idempotency key of the chat submission that created the lead */
  submissionId: string;
  /** every submission id merged into this lead (the first included): a retried submission finds its lead */
  submissionIds: string[];
  precheck: Precheck;
  /** denormalised from precheck.answers.province for filtering; absent when unknown */
  province?: string;
  contact?: Contact;
  employer?: Employer;
  consent: Consent;
  locale: string;
  channel: string;
  /** Bot Framework conversation reference for later notifications, opaque to the domain */
  conversationRef?: ConversationRef;
  /**
   * The owners: sha256 of channel + channel user id (userKeyOf) of the chat identity that created the lead, plus
   * those an operator merged into it after speaking to the person. Only they see it in "i miei dati", erase it, or
   * update it by submitting again. A submission from any other identity never touches it, whatever its contacts.
   */
  userKeys?: string[];
  /**
   * The creating identity's key while the lead is open (unset when it is placed, closed or erased). Unique among
   * leads: one identity has one open lead even when two of its submissions race (the store refuses the second,
   * which then updates the first). Absent on leads submitted without a chat identity (they are never updated).
   */
  openOwnerKey?: string;
  phoneKey?: string;
  emailKey?: string;
  /**
   * Former per-contact uniqueness keys (one open lead per phone / e-mail), no longer written: they let anyone who
   * knew a worker's phone join the worker's lead. Still unset when a lead ends, for leads written before.
   */
  openPhoneKey?: string;
  openEmailKey?: string;
  /**
   * Open leads of other identities with the same phone or e-mail, for operators only (both leads name each other):
   * perhaps the same person on a second device, perhaps someone using another person's contacts. An operator who
   * spoke to the person merges them (LeadService.merge); the worker is never told.
   */
  possibleDuplicates?: string[];
  /** set on a lead an operator folded into another (closed, reason `merged`): the id of the kept lead */
  mergedInto?: string;
  /**
   * Which claim round the lead is in (absent = 0). A claim is decided by inserting the claim record
   * `<lead id>:<round>` (see LeadService.claim); any write that ever puts a lead back to `new` must increment it.
   */
  claimRound?: number;
  status: LeadStatus;
  /** null = not assigned to a project yet (staff triage) */
  projectId: string | null;
  /**
   * "<projectId or empty>|<createdAt ISO>": a (project, time) timeline for fast newest-first listings per project
   * (see paging.ts). Kept in step with projectId by every write that changes it (projectTimeKey).
   */
  projectTime: string;
  /** "<status>|<createdAt ISO>": a (status, time) timeline, kept in step with status (statusTimeKey) */
  statusTime: string;
  /** how the project was chosen: the matcher's rule, or "staff" */
  matchedBy?: string;
  operatorId?: string;
  notes: LeadNote[];
  history: LeadHistoryEntry[];
  /** revision, incremented by every write: read-modify-write updates are conditional on it */
  rev: number;
  createdAt: Date;
  updatedAt: Date;
  erasedAt?: Date;
  /**
   * erasedAt as an ISO string, the key of a sparse index (nedb's sparse indexes find no Date in a range; strings
   * they do): the retention pass reads the referrals erased lately by it (LeadService.erasedSince)
   */
  erasedTime?: string;
  /**
   * Events recorded by the write that made a change and not yet published to `lead_events` (see leadEvents.ts):
   * written in the same document write as the change, so a crash cannot separate them; `eventsPending` (indexed)
   * lets the relay find them.
   */
  pendingEvents?: LeadEvent[];
  eventsPending?: true;
  /**
   * When the lead reached a final status (closed, placed), as an ISO time: retention reads the leads that ended before
   * its cut-off through this field's index; unset on erasure. A string, not a Date: nedb leaves Date values out of a
   * sparse index (4.1.2 takes a Date for a missing key), and a non-sparse one puts every open lead under one key,
   * which nedb updates in time linear in their number.
   */
  endedAt?: string;
};

/** The `projectTime` key of a lead; '|' sorts after every character of a project id. */
export function projectTimeKey(projectId: string | null, createdAt: Date): string {
  return `${projectId ?? ''}|${createdAt.toISOString()}`;
}

/** The `statusTime` key of a lead. */
export function statusTimeKey(status: LeadStatus, createdAt: Date): string {
  return `${status}|${createdAt.toISOString()}`;
}

/** The timeline prefix of a project's leads ("" = the unassigned ones). */
export function projectTimePrefix(projectId: string | null): string {
  return `${projectId ?? ''}|`;
}

// 32 symbols: digits and capitals without 0/O and 1/I, so a code read over the phone cannot be misheard.
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const REFERENCE_PATTERN = /^AR-[2-9A-HJ-NP-Z]{5}$/;

/** "AR-" and 5 symbols (32^5 = 33.5 million codes); `random(n)` returns n random bytes. */
export function newReference(random: (bytes: number) => Uint8Array): string {
  const bytes = random(5);
  let code = '';
  // 256 is a multiple of 32, so the low five bits of a byte pick a symbol without bias
  for (let i = 0; i < 5; i++) code += REFERENCE_ALPHABET[bytes[i] & 31];
  return `AR-${code}`;
}
