/**
 * The rules of referrals: a worker's submission becomes one lead (idempotent per submission, one open lead per
 * chat identity), operators claim and move it through its lifecycle, the worker can see and erase it.
 *
 * A lead belongs to the chat identity that created it (channel + user id, stored hashed). A phone number or an
 * e-mail never decides ownership: a submission from another identity with the same contacts is a lead of its own,
 * marked for operators as a possible duplicate, and only an operator merges the two after speaking to the person.
 *
 * Races are decided by the store, so several bot instances on one MongoDB, or concurrent requests on the embedded
 * store, cannot both win: a claim by inserting a claim record with a unique key (atomic even where conditional
 * updates are not, as on FerretDB), one open lead per identity by a unique key, a transition by a conditional
 * update on the status it was checked against, read-modify-write updates (resubmission, erasure) on `rev`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DuplicateKeyError, type Filter, type Update } from '../store/collection';
import { matchProject, type MatchRule } from '../projects/matching';
import type { NetworkProject } from '../projects/project';
import type { Contact, ContactInput } from './contact';
import {
  OPEN_STATUSES,
  checkTransition,
  isLeadStatus,
  isOpen,
  newReference,
  projectTimeKey,
  projectTimePrefix,
  statusTimeKey,
  type ConversationRef,
  type Employer,
  type Lead,
  type LeadHistoryEntry,
  type LeadStatus,
  type Precheck,
} from './lead';
import { inBatches } from './leadCounters';
import { parseLeadSubmission } from './submission';
import type { LeadClaim, LeadRepository } from './leadRepository';
import type { LeadEvent, LeadEventKind, LeadEventSink } from './leadEvents';
import { afterPrefix, type Page, type PageRequest } from './paging';
import { allLeadsChunks, openUnassignedChunks } from './openUnassignedChunks';
import { GroupFormation, type GroupCandidate, type GroupFormationOptions } from '../projects/groupFormation';
import type { LifecycleStep } from '../analytics/funnel';
import { romeDay } from '../text/dates';
import type { LanguageCode } from '../languages';
import { BatchSize, cpuMsNow, yieldToLoop } from '../timeSlices';

export interface LeadSubmission {
  precheck: Precheck;
  contact: ContactInput;
  employer?: Employer;
  consent: { noticeVersion: string; textHash: string; language?: LanguageCode; givenAt?: Date };
  locale: string;
  channel: string;
  /**
   * The channel's id of the chat user (on Teams the AAD object id): the lead's owner, stored only as sha256
   * (userKeys). Without it (e.g. a lead written by a script) the lead has no owner: every such submission is a
   * lead of its own, never updated by a later one, and no chat identity sees it in "i miei dati".
   */
  channelUserId?: string;
  conversationRef?: ConversationRef;
}

export interface SubmitResult {
  lead: Lead;
  /** a new lead was written */
  created: boolean;
  /** the open lead of this same chat identity was updated instead of creating a second one */
  updatedExisting: boolean;
}

export interface SubmitOptions {
  /**
   * When a new lead's events are published (see leadEvents.ts): 'before' (the default) resolves once they are in
   * the outbox and cleared from the lead; 'after' resolves as soon as the lead itself (its reference, and its events
   * inside it) is on disk, and publishes right after, in the background (`publicationsSettled` awaits it). A chat
   * turn uses 'after': the worker's reply waits for one synced write instead of three. Either way nothing is lost:
   * a publication that fails or is cut short by a crash leaves the events on the lead for the relay's sweep.
   */
  events?: 'before' | 'after';
}

/** Who a chat user is, for their own data: the channel and the channel's user id. */
export interface WorkerIdentity {
  channel: string;
  userId: string;
  /**
   * Ids the same user was known by before on this channel (on Teams the per-bot `29:` id, used before the AAD
   * object id became the identity): their leads are theirs too in "i miei dati" and its erasure.
   */
  formerUserIds?: readonly string[];
}

export type LeadScope = { role: 'staff' } | { role: 'operator'; projectIds: readonly string[] };

export interface LeadFilters {
  status?: LeadStatus | readonly LeadStatus[];
  province?: string;
  /** a project id, or null for leads no project has yet (staff only) */
  projectId?: string | null;
  /** createdAt >= from */
  from?: Date;
  /** createdAt < to */
  to?: Date;
}

export interface TransitionOptions {
  by: string;
  /** close reason (not_eligible | unreachable | withdrawn), required when closing */
  reason?: string;
  /** when set, only the operator who claimed the lead may move it (ForbiddenError otherwise) */
  requireClaimedBy?: boolean;
}

/** Where the projects come from (ProjectRepository satisfies it). */
export interface ProjectSource {
  listActive(): Promise<NetworkProject[]>;
}

export interface LeadServiceDeps {
  now: () => Date;
  /** random bytes for reference codes (tests force collisions with it) */
  random?: (bytes: number) => Uint8Array;
  newId?: () => string;
  /** when given, new leads are matched to a project on submission */
  projects?: ProjectSource;
  /**
   * Where the events of changes are published (leadEvents.ts). Without it (the CLIs) they stay on the lead and the
   * bot's relay publishes them.
   */
  events?: LeadEventSink;
}

export const NOTE_MAX = 2000;
const REFERENCE_ATTEMPTS = 8;
const RACE_ATTEMPTS = 5;
/**
 * A submission's read-modify-write loses only to another write that succeeded, so n concurrent submissions of one
 * identity need at most n rounds: generous, since a worker may double-submit from several tabs at once.
 */
const SUBMIT_ATTEMPTS = 20;
const HISTORY_ACTIONS = new Set(['submitted', 'resubmitted', 'project_assigned', 'claimed', 'status_changed', 'note_added', 'erased', 'merged']);
/** a loser of a claim race waits this long (real time) for the winner's update to show on the lead */
const CLAIM_SETTLE_MS = 3000;
/**
 * A claim record whose lead still shows `new` this long after it was written (by the service's clock) belongs to a
 * claimer that stopped between the record and the lead update (a crash): the next claim attempt completes it.
 */
export const CLAIM_STALE_MS = 60_000;
/** the close reason of a lead an operator folded into another */
export const MERGED_REASON = 'merged';

/** sha256 of channel and user id: the only form in which a chat user's id is stored. */
export function userKeyOf(identity: WorkerIdentity): string {
  return createHash('sha256').update(`${identity.channel}\u0000${identity.userId}`).digest('hex');
}

/** Every key this identity's leads may be stored under: its own, then those of its former ids. */
function userKeysOf(identity: WorkerIdentity): string[] {
  const ids = [identity.userId, ...(identity.formerUserIds ?? [])].filter((id) => typeof id === 'string' && id !== '');
  return [...new Set(ids.map((userId) => userKeyOf({ channel: identity.channel, userId })))];
}

/** A claim thrown to a loser: who holds the lead (an account id), also before the winner's update shows. */
export class LeadAlreadyClaimedError extends ConflictError {
  constructor(readonly operatorId: string) {
    super('already_claimed');
  }
}

/** Whether this scope may see the lead (operators: leads of their projects only). */
export function leadVisibleTo(scope: LeadScope, lead: Pick<Lead, 'projectId'>): boolean {
  return scope.role === 'staff' || (lead.projectId !== null && scope.projectIds.includes(lead.projectId));
}

/** What the worker is shown of their own lead ("i miei dati"): their data, not operators' internal notes. */
export function workerView(lead: Lead): {
  reference: string;
  status: LeadStatus;
  createdAt: Date;
  updatedAt: Date;
  contact?: Contact;
  employer?: Employer;
  precheck: Precheck;
  projectId: string | null;
  consent: Lead['consent'];
} {
  return {
    reference: lead.reference,
    status: lead.status,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
    ...(lead.contact ? { contact: lead.contact } : {}),
    ...(lead.employer ? { employer: lead.employer } : {}),
    precheck: lead.precheck,
    projectId: lead.projectId,
    consent: lead.consent,
  };
}

/** What erasure and withdrawal remove from a lead: everything that names or reaches the person. */
const PERSONAL_FIELDS = {
  contact: true,
  employer: true,
  conversationRef: true,
  phoneKey: true,
  emailKey: true,
  openPhoneKey: true,
  openEmailKey: true,
  openOwnerKey: true,
  userKeys: true,
  // which other leads had the same contacts would link the tombstone to a person
  possibleDuplicates: true,
  'precheck.answers.leftOn': true,
} as const;

/** When a lead reached its final status (closed or placed): its last status change, else its last update. */
function finishedAtOf(lead: Lead): Date | undefined {
  if (lead.status !== 'closed' && lead.status !== 'placed') return undefined;
  for (let i = lead.history.length - 1; i >= 0; i--) {
    const h = lead.history[i];
    if (h.action === 'status_changed' && h.to === lead.status) return h.at;
  }
  return lead.updatedAt;
}

/** History without anything that could be personal: known actions, codes and ids only. */
function scrubHistory(history: readonly LeadHistoryEntry[]): LeadHistoryEntry[] {
  return history
    .filter((h) => HISTORY_ACTIONS.has(h.action))
    .map((h) => ({
      at: h.at,
      by: h.by,
      action: h.action,
      ...(h.from !== undefined ? { from: h.from } : {}),
      ...(h.to !== undefined ? { to: h.to } : {}),
      ...(h.reason !== undefined ? { reason: h.reason } : {}),
    }));
}

/**
 * A submission checked (submission.ts; a ValidationError names its first problem) and made ready to store: the
 * contact in canonical form with its duplicate keys, the consent dated (now when the chat gave no time), the owner
 * as its key.
 */
export function checkSubmission(input: LeadSubmission, now: () => Date): CheckedSubmission {
  const s = parseLeadSubmission(input);
  const { contact, phoneKey, emailKey } = s.contact;
  return {
    precheck: s.precheck,
    contact,
    ...(phoneKey ? { phoneKey } : {}),
    ...(emailKey ? { emailKey } : {}),
    ...(s.employer ? { employer: s.employer } : {}),
    consent: {
      noticeVersion: s.consent.noticeVersion,
      textHash: s.consent.textHash,
      ...(s.consent.language !== undefined ? { language: s.consent.language } : {}),
      givenAt: s.consent.givenAt ?? now(),
    },
    locale: s.locale,
    channel: s.channel,
    ...(s.channelUserId !== undefined ? { userKey: userKeyOf({ channel: s.channel, userId: s.channelUserId }) } : {}),
    ...(s.conversationRef ? { conversationRef: s.conversationRef } : {}),
  };
}

export interface CheckedSubmission {
  precheck: Precheck;
  contact: Contact;
  phoneKey?: string;
  emailKey?: string;
  employer?: Employer;
  consent: Lead['consent'];
  locale: string;
  channel: string;
  userKey?: string;
  conversationRef?: ConversationRef;
}

/** the longest group formation clusters before letting other work run */
const GROUP_SLICE_MS = 10;
/** leads read per step of the retention pass, at most (each step is sized by its CPU time: BatchSize) */
const RETENTION_BATCH = 500;

export class LeadService {
  private readonly now: () => Date;
  private readonly random: (bytes: number) => Uint8Array;
  private readonly newId: () => string;
  /** a one-off recount of the lifecycle counters under way (ensureCounters) */
  private recounting: Promise<unknown> = Promise.resolve();
  /** publications started after submit returned (SubmitOptions.events 'after'), until they settle */
  private readonly publications = new Set<Promise<unknown>>();

  constructor(private readonly leads: LeadRepository, private readonly deps: LeadServiceDeps) {
    this.now = deps.now;
    this.random = deps.random ?? ((n) => randomBytes(n));
    this.newId = deps.newId ?? randomUUID;
  }

  /**
   * The event of a change others must hear about (ids and codes only). Its id is deterministic where the same
   * change may be written twice (a claim completed by another claimer: `<lead>:claimed:<round>`), so publishing it
   * twice writes it once; `discriminator` tells apart changes of one kind that may repeat.
   */
  private leadEvent(kind: LeadEventKind, lead: Pick<Lead, '_id' | 'projectId'>, at: Date, discriminator?: string): LeadEvent {
    return { _id: `${lead._id}:${kind}${discriminator !== undefined ? `:${discriminator}` : ''}`, kind, leadId: lead._id, projectId: lead.projectId, at };
  }

  /**
   * Records `event` in the same document write as the change (`update`): the change and its event land together
   * or not at all, on every store, without transactions (see leadEvents.ts for the whole design).
   */
  private withEvent(update: Update, event: LeadEvent): Update {
    const push = (update.$push ?? {}) as Record<string, unknown>;
    const set = (update.$set ?? {}) as Record<string, unknown>;
    return { ...update, $push: { ...push, pendingEvents: event }, $set: { ...set, eventsPending: true } };
  }

  /**
   * Publishes the events the lead holds and clears them from it, on the revision read (a newer change's events
   * stay for that change's own publication). Never fails the change, which is already durable: when publishing
   * fails (a full disk, an unreachable database) the events stay on the lead for the relay's sweep.
   */
  private async publishEvents(lead: Lead): Promise<Lead> {
    const events = lead.pendingEvents ?? [];
    if (!this.deps.events || events.length === 0) return lead;
    try {
      await this.deps.events.publish(events);
      // synced later: the events are on disk now, and should this mark be lost with a crash of the machine, the
      // relay publishes them again to the same ids (nothing twice); the leads' queue does not wait for its sync
      return (await this.leads.updateIf({ _id: lead._id, rev: lead.rev, eventsPending: true }, { $unset: { pendingEvents: true, eventsPending: true } }, { syncLater: true })) ?? lead;
    } catch {
      return lead; // the sink logged it; relayPendingEvents publishes them later
    }
  }

  /** publishEvents without the caller waiting; it never rejects (publishEvents keeps failures for the relay). */
  private publishInBackground(lead: Lead): void {
    const publication: Promise<unknown> = this.publishEvents(lead)
      .catch(() => undefined)
      .finally(() => this.publications.delete(publication));
    this.publications.add(publication);
  }

  /** Resolves once every publication started in the background (SubmitOptions.events 'after') has settled. */
  async publicationsSettled(): Promise<void> {
    while (this.publications.size > 0) await Promise.all([...this.publications]);
  }

  /**
   * Publishes the events of leads whose publication was interrupted (a crash, a failed write, a CLI without a
   * sink): found through the `eventsPending` index. Idempotent; returns how many leads were published.
   */
  async relayPendingEvents(): Promise<number> {
    if (!this.deps.events) return 0;
    let published = 0;
    for (const lead of await this.leads.find({ eventsPending: true })) {
      if ((await this.publishEvents(lead)).eventsPending !== true) published += 1;
    }
    return published;
  }

  private async match(s: Pick<CheckedSubmission, 'employer' | 'precheck'>): Promise<{ projectId: string; by: MatchRule } | null> {
    if (!this.deps.projects) return null;
    const found = matchProject(
      { firmName: s.employer?.name, sector: s.employer?.sector, province: s.precheck.answers.province },
      await this.deps.projects.listActive(),
    );
    return found ? { projectId: found.project._id, by: found.by } : null;
  }

  /**
   * Records a worker's referral request. The same submissionId always yields the same lead (a retried or doubled
   * submit creates nothing); a chat identity with an open lead has that lead updated instead of getting a second
   * one, even when two of its submissions race. A submission of another identity (or of none) with the same phone
   * or e-mail as an open lead never touches that lead: it becomes a lead of its own, and both are marked as
   * possible duplicates for operators. Resolves once the write is durable.
   */
  async submit(input: LeadSubmission, submissionId: string, options: SubmitOptions = {}): Promise<SubmitResult> {
    if (typeof submissionId !== 'string' || !/^[A-Za-z0-9_.:-]{1,200}$/.test(submissionId)) {
      throw new ValidationError('submissionId', 'invalid');
    }
    const s = checkSubmission(input, this.now);
    for (let attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
      // the looks for this submission and for the identity's open lead are made with the new lead's insert: the
      // worker's confirming turn waits for one round through the store (on the embedded store a read waits for the
      // writes before it to be synced, so every round is a sync's wait)
      const outcome = await this.create(s, submissionId, options.events ?? 'before');
      if (outcome === null) continue; // written meanwhile by another submission of this identity: look again
      if ('created' in outcome) return { ...outcome.created, lead: await this.markPossibleDuplicates(outcome.created.lead, outcome.sameContacts) };
      const { seen, owned } = outcome;
      if (seen) return { lead: seen, created: false, updatedExisting: false };

      const [own] = owned;
      try {
        const updated = await this.mergeInto(own, s, submissionId);
        if (updated) return { lead: await this.markPossibleDuplicates(updated), created: false, updatedExisting: true };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err; // the same submission won elsewhere: loop finds it
      }
      // someone else wrote the lead meanwhile: look again
    }
    throw new ConflictError('submission_contended');
  }

  /**
   * The new lead written, with the other open leads found with its phone or e-mail right after it; or, nothing
   * written, this submission's lead (`seen`) or the identity's open leads (`owned`, never empty without `seen`);
   * null: written meanwhile by another submission, look again.
   */
  private async create(
    s: CheckedSubmission,
    submissionId: string,
    events: 'before' | 'after',
  ): Promise<{ created: SubmitResult; sameContacts: Lead[] } | { seen: Lead | null; owned: Lead[] } | null> {
    const at = this.now();
    const match = await this.match(s);
    const history: LeadHistoryEntry[] = [{ at, by: 'worker', action: 'submitted', to: 'new' }];
    if (match) history.push({ at, by: 'system', action: 'project_assigned', to: match.projectId, reason: match.by });
    const lead: Lead = {
      _id: this.newId(),
      reference: '',
      submissionId,
      submissionIds: [submissionId],
      precheck: s.precheck,
      ...(s.precheck.answers.province ? { province: s.precheck.answers.province } : {}),
      contact: s.contact,
      ...(s.phoneKey ? { phoneKey: s.phoneKey } : {}),
      ...(s.emailKey ? { emailKey: s.emailKey } : {}),
      ...(s.employer ? { employer: s.employer } : {}),
      consent: s.consent,
      locale: s.locale,
      channel: s.channel,
      ...(s.conversationRef ? { conversationRef: s.conversationRef } : {}),
      ...(s.userKey ? { userKeys: [s.userKey], openOwnerKey: s.userKey } : {}),
      status: 'new',
      projectId: match?.projectId ?? null,
      projectTime: projectTimeKey(match?.projectId ?? null, at),
      statusTime: statusTimeKey('new', at),
      ...(match ? { matchedBy: match.by } : {}),
      notes: [],
      history,
      rev: 1,
      createdAt: at,
      updatedAt: at,
    };
    // the event is part of the lead's own insert: it exists exactly when the lead does
    lead.pendingEvents = [this.leadEvent('new', lead, at)];
    lead.eventsPending = true;
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
      lead.reference = newReference(this.random);
      try {
        const outcome = await this.leads.insertUnlessKnown(lead);
        if (!('inserted' in outcome)) return outcome;
        const { inserted, sameContacts } = outcome;
        if (events === 'after') {
          this.publishInBackground(inserted);
          return { created: { lead: inserted, created: true, updatedExisting: false }, sameContacts };
        }
        return { created: { lead: await this.publishEvents(inserted), created: true, updatedExisting: false }, sameContacts };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        // this submission was recorded meanwhile, or another submission of the same identity opened its lead first
        // (the caller's loop returns the one, updates the other), or the reference code is taken
        if (await this.leads.findBySubmission(submissionId)) return null;
        if (s.userKey) {
          if ((await this.leads.findOpenByOwner(s.userKey)).length > 0) return null;
          await this.leads.releaseStaleOwnerKey(s.userKey);
        }
      }
    }
    throw new ConflictError('reference_space_exhausted');
  }

  /** Updates the identity's own open lead with its new submission; null when the lead changed since it was read. */
  private async mergeInto(existing: Lead, s: CheckedSubmission, submissionId: string): Promise<Lead | null> {
    const at = this.now();
    // newer details win; a channel the worker did not repeat (phone or e-mail) is kept
    const contact: Contact = { ...existing.contact, ...s.contact };
    const phoneKey = s.phoneKey ?? (contact.phone ? existing.phoneKey : undefined);
    const emailKey = s.emailKey ?? (contact.email ? existing.emailKey : undefined);
    const set: Record<string, unknown> = {
      precheck: s.precheck,
      ...(s.precheck.answers.province ? { province: s.precheck.answers.province } : {}),
      contact,
      consent: s.consent,
      locale: s.locale,
      channel: s.channel,
      updatedAt: at,
    };
    const unset: Record<string, true> = {};
    if (phoneKey) set.phoneKey = phoneKey;
    if (emailKey) set.emailKey = emailKey;
    if (s.employer) set.employer = s.employer;
    if (s.conversationRef) set.conversationRef = s.conversationRef;
    const history: LeadHistoryEntry[] = [{ at, by: 'worker', action: 'resubmitted' }];
    // nobody works it yet and staff did not choose its project: match again on the new answers
    if (existing.status === 'new' && existing.matchedBy !== 'staff') {
      const match = await this.match({ employer: s.employer ?? existing.employer, precheck: s.precheck });
      const projectId = match?.projectId ?? null;
      if (projectId !== existing.projectId) {
        set.projectId = projectId;
        set.projectTime = projectTimeKey(projectId, existing.createdAt);
        if (match) set.matchedBy = match.by;
        else unset.matchedBy = true;
        history.push({
          at,
          by: 'system',
          action: 'project_assigned',
          ...(existing.projectId ? { from: existing.projectId } : {}),
          ...(match ? { to: match.projectId, reason: match.by } : {}),
        });
      }
    }
    const update: Update = {
      $set: set,
      $push: { submissionIds: submissionId, history: history.length === 1 ? history[0] : { $each: history } },
      $inc: { rev: 1 },
    };
    if (Object.keys(unset).length > 0) update.$unset = unset;
    const updated = await this.leads.updateIf({ _id: existing._id, rev: existing.rev }, update);
    await this.leads.counters.changed(existing, updated);
    return updated;
  }

  /**
   * Marks this lead and every other open lead with the same phone or e-mail as possible duplicates of each other
   * (operators see them; the worker never does). Run after the lead is written, so of two identities submitting
   * the same contacts at once the later look finds the other: no pair goes unmarked. Does not change `rev`: the
   * marks are a separate field no read-modify-write of the lead sets. `sameContacts`: that look, made already right
   * behind the lead's insert (LeadRepository.insertUnlessKnown).
   */
  private async markPossibleDuplicates(lead: Lead, sameContacts?: Lead[]): Promise<Lead> {
    if (!lead.phoneKey && !lead.emailKey) return lead;
    const others = (sameContacts ?? (await this.leads.findOpenByContactKeys(lead.phoneKey, lead.emailKey))).filter((o) => o._id !== lead._id);
    for (const other of others) {
      if (!(other.possibleDuplicates ?? []).includes(lead._id)) {
        await this.leads.updateIf({ _id: other._id }, { $addToSet: { possibleDuplicates: lead._id } });
      }
    }
    const missing = others.map((o) => o._id).filter((id) => !(lead.possibleDuplicates ?? []).includes(id));
    if (missing.length === 0) return lead;
    return (await this.leads.updateIf({ _id: lead._id }, { $addToSet: { possibleDuplicates: { $each: missing } } })) ?? lead;
  }

  async get(leadId: string): Promise<Lead> {
    const lead = await this.leads.findById(leadId);
    if (!lead) throw new NotFoundError('lead', leadId);
    return lead;
  }

  async getByReference(reference: string): Promise<Lead> {
    const lead = await this.leads.findByReference(reference.trim().toUpperCase());
    if (!lead) throw new NotFoundError('lead', reference);
    return lead;
  }

  /**
   * An operator takes a new lead. Decided by inserting the claim record `<lead id>:<claim round>`: the store's
   * unique `_id` lets exactly one of concurrent claims insert it, on every store (also FerretDB, whose conditional
   * updates are not atomic), and only that claimer writes the lead. The others get LeadAlreadyClaimedError
   * (`already_claimed`) naming the holder, once the lead shows the claim (or after CLAIM_SETTLE_MS). With
   * `projectIds`, only leads of those projects (ForbiddenError otherwise).
   *
   * A claimer that stops between its record and the lead update (a crash) leaves the lead `new` with a record:
   * the next claim attempt after CLAIM_STALE_MS completes that claim for the record's operator, so no lead stays
   * unclaimable; a claimer whose lead update fails withdraws its record.
   */
  async claim(leadId: string, operatorId: string, options: { projectIds?: readonly string[] } = {}): Promise<Lead> {
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      const lead = await this.get(leadId);
      if (options.projectIds && (lead.projectId === null || !options.projectIds.includes(lead.projectId))) {
        throw new ForbiddenError('lead_not_in_your_projects');
      }
      if (lead.status !== 'new') throw this.notClaimable(lead);
      const round = lead.claimRound ?? 0;
      const record: LeadClaim = { _id: `${lead._id}:${round}`, leadId: lead._id, round, operatorId, at: this.now() };
      try {
        await this.leads.insertClaim(record);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const held = await this.leads.findClaim(record._id);
        if (!held) continue; // withdrawn meanwhile: try again
        const settled = await this.settleClaim(held);
        if (settled === 'withdrawn') continue;
        // still `new`: the winner's update has not shown yet, but the record says who won
        throw settled.status === 'new' ? new LeadAlreadyClaimedError(held.operatorId) : this.notClaimable(settled);
      }
      let claimed: Lead | null;
      try {
        claimed = await this.applyClaim(record, options.projectIds);
      } catch (err) {
        await this.leads.deleteClaim(record._id, operatorId).catch(() => undefined);
        throw err;
      }
      if (claimed) return claimed;
      // the lead left `new` (closed, erased, moved to another project) between the read and the update
      await this.leads.deleteClaim(record._id, operatorId);
    }
    throw new ConflictError('concurrent_update');
  }

  private notClaimable(lead: Lead): ConflictError {
    if (lead.status === 'claimed' && lead.operatorId) return new LeadAlreadyClaimedError(lead.operatorId);
    return new ConflictError(`illegal_transition:${lead.status}->claimed`);
  }

  /**
   * Writes the claim a record decided onto the lead: idempotent (the same record always writes the same values on
   * the same revision), so the claimer and a later completion of a crashed claim cannot claim it twice. Null when
   * the lead is no longer `new` for another reason, or no longer in `projectIds`.
   */
  private async applyClaim(record: LeadClaim, projectIds?: readonly string[]): Promise<Lead | null> {
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      const lead = await this.leads.findById(record.leadId);
      if (!lead) throw new NotFoundError('lead', record.leadId);
      if (lead.status === 'claimed' && lead.operatorId === record.operatorId && (lead.claimRound ?? 0) === record.round) return lead;
      if (lead.status !== 'new' || (lead.claimRound ?? 0) !== record.round) return null;
      const filter: Filter = { _id: lead._id, rev: lead.rev, status: 'new' };
      if (projectIds) filter.projectId = { $in: [...projectIds] };
      const entry: LeadHistoryEntry = { at: record.at, by: record.operatorId, action: 'claimed', from: 'new', to: 'claimed' };
      const claimEvent = { ...this.leadEvent('claimed', lead, record.at, String(record.round)), operatorId: record.operatorId };
      const claimed = await this.leads.updateIf(
        filter,
        this.withEvent(
          {
            $set: {
              status: 'claimed',
              statusTime: statusTimeKey('claimed', lead.createdAt),
              operatorId: record.operatorId,
              updatedAt: record.at,
              history: [...lead.history, entry],
              rev: lead.rev + 1,
            },
          },
          claimEvent,
        ),
      );
      await this.leads.counters.changed(lead, claimed);
      if (claimed) return this.publishEvents(claimed);
      if (projectIds) {
        const now = await this.leads.findById(record.leadId);
        if (now && now.status === 'new' && (now.projectId === null || !projectIds.includes(now.projectId))) return null;
      }
    }
    throw new ConflictError('concurrent_update');
  }

  /**
   * A claim race was lost to `held`: waits (up to CLAIM_SETTLE_MS) for the winner's update to show on the lead,
   * and completes the claim when its claimer evidently stopped before writing the lead (record older than
   * CLAIM_STALE_MS). Returns the lead as it then is, or 'withdrawn' when the winner withdrew its record (its
   * update found the lead out of its projects): the round is free again.
   */
  private async settleClaim(held: LeadClaim): Promise<Lead | 'withdrawn'> {
    const until = Date.now() + CLAIM_SETTLE_MS;
    for (;;) {
      const lead = await this.get(held.leadId);
      if (lead.status !== 'new' || (lead.claimRound ?? 0) !== held.round) return lead;
      if (this.now().getTime() - held.at.getTime() >= CLAIM_STALE_MS) return (await this.applyClaim(held)) ?? (await this.get(held.leadId));
      if (Date.now() >= until) return (await this.leads.findClaim(held._id)) ? lead : 'withdrawn';
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Moves a lead along its lifecycle (see lead.ts); ConflictError names from and to when the move is illegal. */
  async transition(leadId: string, to: LeadStatus, options: TransitionOptions): Promise<Lead> {
    if (!isLeadStatus(to)) throw new ValidationError('status', 'unknown_status');
    if (to === 'claimed') return this.claim(leadId, options.by);
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      const lead = await this.get(leadId);
      checkTransition(lead.status, to, options.reason);
      if (options.requireClaimedBy && lead.operatorId !== options.by) throw new ForbiddenError('not_your_lead');
      const at = this.now();
      const entry: LeadHistoryEntry = { at, by: options.by, action: 'status_changed', from: lead.status, to };
      if (options.reason !== undefined) entry.reason = options.reason;
      const filter: Filter = { _id: leadId, status: lead.status };
      if (options.requireClaimedBy) filter.operatorId = options.by;
      const updated = await this.leads.updateIf(filter, {
        $set: { status: to, statusTime: statusTimeKey(to, lead.createdAt), updatedAt: at, ...(isOpen(to) ? {} : { endedAt: at.toISOString() }) },
        $push: { history: entry },
        $inc: { rev: 1 },
        // placed or closed: the identity may open a new referral
        ...(isOpen(to) ? {} : { $unset: { openOwnerKey: true, openPhoneKey: true, openEmailKey: true } }),
      });
      // what this write added is `entry` (the status filter kept any other step out); the rest is as stored now
      await this.leads.counters.changed(updated && { ...updated, history: lead.history }, updated);
      if (updated) return updated;
    }
    throw new ConflictError('concurrent_update');
  }

  /** Staff puts a new (unclaimed) lead in a project, or back in the unassigned queue with null. */
  async assignProject(leadId: string, projectId: string | null, by: string): Promise<Lead> {
    if (projectId !== null) {
      const active = this.deps.projects ? await this.deps.projects.listActive() : [];
      if (!active.some((p) => p._id === projectId)) throw new ValidationError('projectId', 'unknown_or_inactive_project');
    }
    const lead = await this.get(leadId);
    if (lead.status !== 'new') throw new ConflictError(`not_new:${lead.status}`);
    const at = this.now();
    const entry: LeadHistoryEntry = {
      at,
      by,
      action: 'project_assigned',
      ...(lead.projectId ? { from: lead.projectId } : {}),
      ...(projectId ? { to: projectId } : {}),
      reason: 'staff',
    };
    const update: Update = {
      $set: { projectId, projectTime: projectTimeKey(projectId, lead.createdAt), matchedBy: 'staff', updatedAt: at },
      $push: { history: entry },
      $inc: { rev: 1 },
    };
    // the new project's operators hear of it (its Teams channels get the card); the same project again is no news
    const moved = projectId !== lead.projectId;
    const updated = await this.leads.updateIf({ _id: leadId, status: 'new' }, moved ? this.withEvent(update, this.leadEvent('assigned', { _id: leadId, projectId }, at, this.newId())) : update);
    if (!updated) throw new ConflictError('already_claimed');
    return this.publishEvents(updated);
  }

  /** An operator's or staff note (1-2000 characters). Notes are internal and removed on erasure. */
  async addNote(leadId: string, by: string, text: string): Promise<Lead> {
    if (typeof text !== 'string' || text.trim() === '') throw new ValidationError('text', 'required');
    const body = text.trim();
    if ([...body].length > NOTE_MAX) throw new ValidationError('text', 'too_long');
    const at = this.now();
    const entry: LeadHistoryEntry = { at, by, action: 'note_added' };
    const updated = await this.leads.updateIf(
      { _id: leadId, status: { $ne: 'erased' } },
      { $push: { notes: { by, at, text: body }, history: entry }, $set: { updatedAt: at }, $inc: { rev: 1 } },
    );
    if (updated) return updated;
    await this.get(leadId);
    throw new ConflictError('erased');
  }

  /**
   * An operator (or staff) who spoke to the person folds the lead `duplicateId` into `keepId`: the duplicate is
   * closed with reason `merged` and points to the kept lead (`mergedInto`); the kept lead gains the duplicate's
   * owners, so each chat identity of the person sees it in "i miei dati" (and may erase it). Both must be open
   * and distinct; nothing else of the duplicate moves (it stays readable to operators until retention).
   */
  async merge(keepId: string, duplicateId: string, by: string): Promise<{ kept: Lead; merged: Lead }> {
    if (keepId === duplicateId) throw new ValidationError('duplicate', 'same_referral');
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      const keep = await this.get(keepId);
      const duplicate = await this.get(duplicateId);
      for (const lead of [keep, duplicate]) if (!isOpen(lead.status)) throw new ConflictError(`not_open:${lead.status}`);
      const at = this.now();
      const merged = await this.leads.updateIf(
        { _id: duplicate._id, rev: duplicate.rev, status: duplicate.status },
        {
          $set: { status: 'closed', statusTime: statusTimeKey('closed', duplicate.createdAt), mergedInto: keep._id, updatedAt: at, endedAt: at.toISOString() },
          // its identities' open lead is now the kept one
          $unset: { openOwnerKey: true, openPhoneKey: true, openEmailKey: true },
          $push: { history: { at, by, action: 'status_changed', from: duplicate.status, to: 'closed', reason: MERGED_REASON } },
          $inc: { rev: 1 },
        },
      );
      if (!merged) continue; // changed meanwhile: look again
      const owners = merged.userKeys ?? [];
      const kept = await this.leads.updateIf(
        { _id: keep._id, status: { $in: [...OPEN_STATUSES] } },
        {
          ...(owners.length > 0 ? { $addToSet: { userKeys: { $each: owners } } } : {}),
          $push: { history: { at, by, action: 'merged', from: duplicate._id } },
          $set: { updatedAt: at },
          $inc: { rev: 1 },
        },
      );
      if (!kept) throw new ConflictError(`not_open:${(await this.get(keepId)).status}`);
      // no longer "possible": the operator decided
      const unmark = async (lead: Lead, otherId: string): Promise<Lead> =>
        (await this.leads.updateIf({ _id: lead._id, possibleDuplicates: otherId }, { $pull: { possibleDuplicates: otherId } })) ?? lead;
      return { kept: await unmark(kept, duplicate._id), merged: await unmark(merged, keep._id) };
    }
    throw new ConflictError('concurrent_update');
  }

  /** The leads marked as possible duplicates of this one (both directions), for operators. */
  async possibleDuplicatesOf(lead: Lead): Promise<Lead[]> {
    const ids = new Set(lead.possibleDuplicates ?? []);
    for (const other of await this.leads.findNamingAsDuplicate(lead._id)) ids.add(other._id);
    ids.delete(lead._id);
    return (await this.leads.findByIds([...ids])).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** The leads this chat identity owns, newest first (erased ones excluded): "i miei dati". */
  async findForWorker(identity: WorkerIdentity): Promise<Lead[]> {
    return (await this.owned(identity)).filter((lead) => lead.status !== 'erased');
  }

  /** Every lead stored under one of the identity's keys, newest first, each once. */
  private async owned(identity: WorkerIdentity): Promise<Lead[]> {
    const found = new Map<string, Lead>();
    for (const key of userKeysOf(identity)) for (const lead of await this.leads.findByUserKey(key)) found.set(lead._id, lead);
    return [...found.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1));
  }

  /**
   * "Cancella i miei dati": every lead of the chat user becomes a tombstone (status erased, erasedAt) without
   * contact, employer, notes, conversation reference, contact keys, user keys or the date the worker left;
   * what remains (province, crisis kind, outcome codes, history of actions) has no personal data and keeps the
   * statistics honest. Returns how many leads were erased.
   */
  async eraseByUser(identity: WorkerIdentity): Promise<number> {
    let erased = 0;
    for (const found of await this.owned(identity)) {
      if (await this.erase(found)) erased += 1;
    }
    return erased;
  }

  /**
   * Retention: leads that reached a final status (closed, placed) before `cutoff` become the same tombstone as
   * "cancella i miei dati", by "system" with reason "retention". Returns the erased leads' ids and references.
   */
  async eraseFinishedBefore(cutoff: Date): Promise<Array<{ id: string; reference: string }>> {
    await this.recounting; // leads that ended before `endedAt` existed get it there
    const erased: Array<{ id: string; reference: string }> = [];
    // the indexed end date: only the leads that ended before the cut-off are read (erasure unsets it), a batch at a
    // time sized by its CPU time (a pass after a long pause may find thousands: one read of them all held the loop)
    const left: string[] = [];
    const size = new BatchSize(RETENTION_BATCH);
    for (;;) {
      const asked = size.size;
      const started = cpuMsNow();
      const chunk = await this.leads.find({ endedAt: { $lt: cutoff.toISOString() }, ...(left.length > 0 ? { _id: { $nin: left } } : {}) }, asked);
      size.took(chunk.length, cpuMsNow() - started);
      for (const lead of chunk) {
        const finishedAt = finishedAtOf(lead);
        const due = finishedAt !== undefined && finishedAt.getTime() < cutoff.getTime();
        if (due && (await this.erase(lead, { by: 'system', reason: 'retention' }))) erased.push({ id: lead._id, reference: lead.reference });
        // still in the range (not due after all, or erased meanwhile): not read again by this pass
        else left.push(lead._id);
      }
      if (chunk.length < asked) return erased;
      await yieldToLoop();
    }
  }

  /**
   * The lifecycle steps of every lead (claimed, contacted, enrolled, placed) counted per Italian day, province,
   * language and channel: the campaign funnel's figures, no personal data. Only days from `since` on.
   */
  async lifecycleSteps(since?: Date): Promise<LifecycleStep[]> {
    await this.recounting;
    // from the counters kept as leads change (leadCounters.ts), never from the leads themselves
    const counted = await this.leads.counters.steps(since ? romeDay(since) : undefined);
    return counted.map((c) => ({ day: c.day, step: c.step, province: c.province, locale: c.language, channel: c.channel, count: c.count }));
  }

  /**
   * At start: recounts the lifecycle counters from the leads when they were never built (an installation from before
   * them; one instance does it). Returns whether this call recounted.
   */
  ensureCounters(): Promise<boolean> {
    const leads = this.leads;
    const now = this.now();
    // read a bounded chunk at a time along createdAt (one read of 100,000 leads held the loop for seconds)
    async function* chunks(): AsyncGenerator<Lead[]> {
      // a new installation has no lead: the walk from its floor in 2000 would still ask some 320 empty windows (two
      // seconds of a new database's start on FerretDB)
      if ((await leads.find({}, 1)).length === 0) return;
      for await (const chunk of allLeadsChunks((filter, limit) => leads.find(filter, limit), now)) {
        // the same one-off pass gives leads that ended before `endedAt` existed their end date (retention reads it)
        const ended = chunk.filter((lead) => !lead.endedAt && finishedAtOf(lead));
        await inBatches(ended, (lead) => leads.updateIf({ _id: lead._id, status: lead.status, endedAt: { $exists: false } }, { $set: { endedAt: finishedAtOf(lead)?.toISOString() } }));
        yield chunk;
      }
    }
    const run = this.leads.counters.ensureBuilt(chunks, now);
    // the funnel and retention wait for it (start does not: at 100k leads it takes a while, once)
    this.recounting = run.catch(() => undefined);
    return run;
  }

  /** Recounts the lifecycle counters from every lead (scripts/recount-leads.ts); returns how many counters there are. */
  async recountCounters(): Promise<number> {
    return this.leads.counters.rebuild(await this.leads.find({}), this.now());
  }

  /**
   * "Ritiro il consenso" after the referral was sent: every open lead of the worker is closed with reason
   * `withdrawn` (a status_changed entry by "worker", so the operators' queue shows it withdrawn) and loses its
   * personal data exactly as an erased one does (PERSONAL_FIELDS); one already closed or placed becomes the erasure's
   * tombstone (reason `withdrawn`). Returns the leads withdrawn.
   */
  async withdrawByUser(identity: WorkerIdentity): Promise<Lead[]> {
    const withdrawn: Lead[] = [];
    for (const found of await this.owned(identity)) {
      if (isOpen(found.status)) {
        const lead = await this.withdraw(found);
        if (lead) withdrawn.push(lead);
      } else if (await this.erase(found, { by: 'worker', reason: 'withdrawn' })) {
        // already closed or placed: nothing to stop, but the consent no longer covers its personal data
        withdrawn.push(found);
      }
    }
    return withdrawn;
  }

  private async withdraw(found: Lead): Promise<Lead | null> {
    let lead: Lead | null = found;
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      if (!lead || !isOpen(lead.status)) return null;
      checkTransition(lead.status, 'closed', 'withdrawn');
      const at = this.now();
      const entry: LeadHistoryEntry = { at, by: 'worker', action: 'status_changed', from: lead.status, to: 'closed', reason: 'withdrawn' };
      const updated = await this.leads.updateIf(
        { _id: lead._id, rev: lead.rev },
        this.withEvent(
          {
            $set: { status: 'closed', statusTime: statusTimeKey('closed', lead.createdAt), updatedAt: at, endedAt: at.toISOString(), history: [...scrubHistory(lead.history), entry], notes: [] },
            $unset: PERSONAL_FIELDS,
            $inc: { rev: 1 },
          },
          this.leadEvent('withdrawn', lead, at),
        ),
      );
      if (updated) {
        for (const other of await this.leads.findNamingAsDuplicate(lead._id)) {
          await this.leads.updateIf({ _id: other._id, possibleDuplicates: lead._id }, { $pull: { possibleDuplicates: lead._id } });
        }
        return this.publishEvents(updated);
      }
      lead = await this.leads.findById(found._id);
    }
    throw new ConflictError('concurrent_update');
  }

  /**
   * The ids of the referrals erased since `since` (by the worker's "cancella i miei dati" or by retention): the
   * retention pass drops their Teams outbox rows, whose cards are never updated again. Read on the indexed erasure
   * time, so only the recent tombstones are read.
   */
  async erasedSince(since: Date): Promise<string[]> {
    return (await this.leads.find({ erasedTime: { $gte: since.toISOString() } })).map((lead) => lead._id);
  }

  /** true when this call erased it; false when it was already gone or erased. */
  private async erase(found: Lead, how: { by: string; reason?: string } = { by: 'worker' }): Promise<boolean> {
    let lead: Lead | null = found;
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      if (!lead || lead.status === 'erased') return false;
      const at = this.now();
      const entry: LeadHistoryEntry = { at, by: how.by, action: 'erased', from: lead.status, to: 'erased', ...(how.reason ? { reason: how.reason } : {}) };
      const updated = await this.leads.updateIf(
        { _id: lead._id, rev: lead.rev },
        {
          $set: {
            status: 'erased',
            statusTime: statusTimeKey('erased', lead.createdAt),
            erasedAt: at,
            erasedTime: at.toISOString(),
            updatedAt: at,
            history: [...scrubHistory(lead.history), entry],
            notes: [],
          },
          $unset: { ...PERSONAL_FIELDS, endedAt: true },
          $inc: { rev: 1 },
        },
      );
      if (updated) {
        for (const other of await this.leads.findNamingAsDuplicate(lead._id)) {
          await this.leads.updateIf({ _id: other._id, possibleDuplicates: lead._id }, { $pull: { possibleDuplicates: lead._id } });
        }
        return true;
      }
      lead = await this.leads.findById(found._id);
    }
    throw new ConflictError('concurrent_update');
  }

  /**
   * Newest first, for the operators' and staff API. Operators see only their projects' leads (a filter on another
   * project is ForbiddenError); staff see all, and `projectId: null` lists the unassigned ones.
   */
  async list(scope: LeadScope, filters: LeadFilters = {}, page: PageRequest = {}): Promise<Page<Lead>> {
    const where: Filter = {};
    let statuses: LeadStatus[] | undefined;
    if (filters.status !== undefined) {
      statuses = [...new Set(typeof filters.status === 'string' ? [filters.status] : filters.status)];
      if (statuses.length === 0 || !statuses.every(isLeadStatus)) throw new ValidationError('status', 'unknown_status');
      where.status = statuses.length === 1 ? statuses[0] : { $in: [...statuses] };
    }
    if (filters.province !== undefined) {
      const province = typeof filters.province === 'string' ? filters.province.trim().toUpperCase() : '';
      if (!/^[A-Z]{2}$/.test(province)) throw new ValidationError('province', 'invalid_province');
      where.province = province;
    }
    for (const key of ['from', 'to'] as const) {
      const value = filters[key];
      if (value !== undefined && (!(value instanceof Date) || Number.isNaN(value.getTime()))) throw new ValidationError(key, 'invalid_date');
    }
    // which projects' timelines to walk; undefined = all leads, along createdAt
    let projects: Array<string | null> | undefined;
    if (scope.role === 'operator') {
      if (filters.projectId !== undefined) {
        if (filters.projectId === null || !scope.projectIds.includes(filters.projectId)) throw new ForbiddenError('project_out_of_scope');
        projects = [filters.projectId];
      } else {
        projects = [...new Set(scope.projectIds)];
      }
      if (projects.length === 0) return { items: [] };
    } else if (filters.projectId !== undefined) {
      projects = [filters.projectId];
    }
    // walk the narrowest timelines: the projects' when scoped to projects, else the statuses', else createdAt
    const timelines = projects
      ? projects.map((id) => ({ field: 'projectTime', prefix: projectTimePrefix(id) }))
      : statuses?.map((status) => ({ field: 'statusTime', prefix: `${status}|` }));
    return this.leads.page({
      ...(timelines ? { timelines } : {}),
      where,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      page,
      now: this.now(),
    });
  }

  /**
   * Where new projects could be formed (staff, /api/groups): the open unassigned leads are read a bounded chunk at
   * a time and clustered chunk by chunk, yielding to the event loop between chunks, so that a worker's turn never
   * waits for the whole collection (openUnassignedChunks.ts).
   */
  async groupCandidates(options: GroupFormationOptions = {}): Promise<{ leads: number; items: GroupCandidate[] }> {
    const formation = new GroupFormation(options);
    let leads = 0;
    for await (const chunk of openUnassignedChunks((filter, limit) => this.leads.find(filter, limit), this.now())) {
      // clustered in slices of at most GROUP_SLICE_MS: a lead of a firm not seen before is compared with every
      // firm of its sector and province, so a chunk's cost depends on how many firms there are
      for (let i = 0; i < chunk.length; ) {
        const started = performance.now();
        while (i < chunk.length && performance.now() - started < GROUP_SLICE_MS) formation.addLead(chunk[i++]);
        await yieldToLoop();
      }
      leads += chunk.length;
    }
    return { leads, items: formation.candidates() };
  }

  /** Open leads no project has taken yet, in one query (tests and scripts; staff requests use groupCandidates). */
  listOpenUnassigned(): Promise<Lead[]> {
    // the unassigned leads' timeline ("|...") picks the candidates through its index
    const prefix = projectTimePrefix(null);
    return this.leads.find({ projectTime: { $gte: prefix, $lt: afterPrefix(prefix) }, status: { $in: [...OPEN_STATUSES] } });
  }
}

