/**
 * The rules of referrals: a worker's submission becomes one lead (idempotent per submission, one open lead per
 * person), operators claim and move it through its lifecycle, the worker can see and erase it.
 *
 * Every write is one atomic conditional update, so several bot instances on one MongoDB, or concurrent requests
 * on the embedded store, cannot both win a race: a claim is conditional on `status: 'new'`, a transition on the
 * status it was checked against, read-modify-write updates (resubmission, erasure) on the revision `rev`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DuplicateKeyError, type Filter, type Update } from '../store/collection';
import { matchProject, type MatchRule } from '../projects/matching';
import type { NetworkProject } from '../projects/project';
import { normalizeContact, type Contact, type ContactInput } from './contact';
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
import type { LeadRepository } from './leadRepository';
import { afterPrefix, type Page, type PageRequest } from './paging';

export interface LeadSubmission {
  precheck: Precheck;
  contact: ContactInput;
  employer?: Employer;
  consent: { noticeVersion: string; textHash: string; givenAt?: Date };
  locale: string;
  channel: string;
  /** the channel's id of the chat user; stored only as sha256 (userKeys), for "i miei dati" */
  channelUserId?: string;
  conversationRef?: ConversationRef;
}

export interface SubmitResult {
  lead: Lead;
  /** a new lead was written */
  created: boolean;
  /** the person's open lead was updated instead of creating a second one */
  updatedExisting: boolean;
}

/** Who a chat user is, for their own data: the channel and the channel's user id. */
export interface WorkerIdentity {
  channel: string;
  userId: string;
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
}

export const NOTE_MAX = 2000;
const REFERENCE_ATTEMPTS = 8;
const RACE_ATTEMPTS = 5;
const CONVERSATION_REF_MAX = 8 * 1024;
const CODE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/i;
const HISTORY_ACTIONS = new Set(['submitted', 'resubmitted', 'project_assigned', 'claimed', 'status_changed', 'note_added', 'erased']);

/** sha256 of channel and user id: the only form in which a chat user's id is stored. */
export function userKeyOf(identity: WorkerIdentity): string {
  return createHash('sha256').update(`${identity.channel}\u0000${identity.userId}`).digest('hex');
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

function requireCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CODE.test(value)) throw new ValidationError(field, 'invalid_code');
  return value;
}

function checkPrecheck(input: Precheck): Precheck {
  if (typeof input !== 'object' || input === null || typeof input.answers !== 'object' || input.answers === null) {
    throw new ValidationError('precheck', 'required');
  }
  const { answers } = input;
  // The worker may not know where the work site is ("non lo so"): then there is no province, never a made-up one.
  const province = typeof answers.province === 'string' ? answers.province.trim().toUpperCase() : '';
  if (province !== '' && !/^[A-Z]{2}$/.test(province)) throw new ValidationError('precheck.answers.province', 'invalid_province');
  if (answers.province !== undefined && typeof answers.province !== 'string') throw new ValidationError('precheck.answers.province', 'invalid_province');
  const checked: Precheck = {
    answers: {
      ...(province ? { province } : {}),
      crisisKind: requireCode(answers.crisisKind, 'precheck.answers.crisisKind'),
      situation: requireCode(answers.situation, 'precheck.answers.situation'),
    },
    outcome: requireCode(input.outcome, 'precheck.outcome'),
    reasons: [],
    rulesVersion: requireCode(input.rulesVersion, 'precheck.rulesVersion'),
  };
  if (answers.leftOn !== undefined) {
    if (typeof answers.leftOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(answers.leftOn) || Number.isNaN(Date.parse(answers.leftOn))) {
      throw new ValidationError('precheck.answers.leftOn', 'not_an_iso_date');
    }
    checked.answers.leftOn = answers.leftOn;
  }
  if (!Array.isArray(input.reasons) || input.reasons.length > 20) throw new ValidationError('precheck.reasons', 'invalid');
  checked.reasons = input.reasons.map((r, i) => requireCode(r, `precheck.reasons.${i}`));
  return checked;
}

function checkEmployer(input: Employer | undefined): Employer | undefined {
  if (input === undefined) return undefined;
  const employer: Employer = {};
  if (input.name !== undefined) {
    if (typeof input.name !== 'string') throw new ValidationError('employer.name', 'not_a_string');
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (name.length > 200) throw new ValidationError('employer.name', 'too_long');
    if (name) employer.name = name;
  }
  if (input.sector !== undefined && input.sector !== '') {
    const sector = requireCode(input.sector, 'employer.sector').toLowerCase();
    employer.sector = sector;
  }
  return Object.keys(employer).length > 0 ? employer : undefined;
}

/** Field names neither database accepts ($-prefixed, dotted) and oversized objects are refused. */
function checkConversationRef(value: ConversationRef | undefined): ConversationRef | undefined {
  if (value === undefined) return undefined;
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    throw new ValidationError('conversationRef', 'not_serialisable');
  }
  if (json.length > CONVERSATION_REF_MAX) throw new ValidationError('conversationRef', 'too_large');
  const copy = JSON.parse(json) as unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key.startsWith('$') || key.includes('.')) throw new ValidationError('conversationRef', 'invalid_key');
        walk(child);
      }
    }
  };
  walk(copy);
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) throw new ValidationError('conversationRef', 'not_an_object');
  return copy as ConversationRef;
}

function checkText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(field, 'required');
  const text = value.trim();
  if (text.length > max) throw new ValidationError(field, 'too_long');
  return text;
}

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

interface CheckedSubmission {
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

export class LeadService {
  private readonly now: () => Date;
  private readonly random: (bytes: number) => Uint8Array;
  private readonly newId: () => string;

  constructor(private readonly leads: LeadRepository, private readonly deps: LeadServiceDeps) {
    this.now = deps.now;
    this.random = deps.random ?? ((n) => randomBytes(n));
    this.newId = deps.newId ?? randomUUID;
  }

  private check(input: LeadSubmission): CheckedSubmission {
    if (typeof input !== 'object' || input === null) throw new ValidationError('submission', 'required');
    const { contact, phoneKey, emailKey } = normalizeContact(input.contact ?? { name: '' });
    const consent = input.consent;
    if (typeof consent !== 'object' || consent === null) throw new ValidationError('consent', 'required');
    const givenAt = consent.givenAt ?? this.now();
    if (!(givenAt instanceof Date) || Number.isNaN(givenAt.getTime())) throw new ValidationError('consent.givenAt', 'invalid_date');
    const locale = typeof input.locale === 'string' ? input.locale.trim() : '';
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) throw new ValidationError('locale', 'invalid');
    const employer = checkEmployer(input.employer);
    const conversationRef = checkConversationRef(input.conversationRef);
    let userKey: string | undefined;
    if (input.channelUserId !== undefined) {
      if (typeof input.channelUserId !== 'string' || input.channelUserId === '') throw new ValidationError('channelUserId', 'invalid');
      userKey = userKeyOf({ channel: input.channel, userId: input.channelUserId });
    }
    return {
      precheck: checkPrecheck(input.precheck),
      contact,
      ...(phoneKey ? { phoneKey } : {}),
      ...(emailKey ? { emailKey } : {}),
      ...(employer ? { employer } : {}),
      consent: {
        noticeVersion: checkText(consent.noticeVersion, 'consent.noticeVersion', 64),
        textHash: checkText(consent.textHash, 'consent.textHash', 128),
        givenAt,
      },
      locale,
      channel: requireCode(input.channel, 'channel'),
      ...(userKey ? { userKey } : {}),
      ...(conversationRef ? { conversationRef } : {}),
    };
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
   * submit creates nothing); a person (same phone or e-mail) with an open lead has that lead updated instead of
   * getting a second one. Resolves once the write is durable.
   */
  async submit(input: LeadSubmission, submissionId: string): Promise<SubmitResult> {
    if (typeof submissionId !== 'string' || !/^[A-Za-z0-9_.:-]{1,200}$/.test(submissionId)) {
      throw new ValidationError('submissionId', 'invalid');
    }
    const s = this.check(input);
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt++) {
      const seen = await this.leads.findBySubmission(submissionId);
      if (seen) return { lead: seen, created: false, updatedExisting: false };

      const open = await this.leads.findOpenByContactKeys(s.phoneKey, s.emailKey);
      if (open.length > 0) {
        const [existing, ...others] = open.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
        try {
          const updated = await this.mergeInto(existing, s, submissionId, others);
          if (updated) return { lead: updated, created: false, updatedExisting: true };
        } catch (err) {
          if (!(err instanceof DuplicateKeyError)) throw err; // the same submission won elsewhere: loop finds it
        }
        continue; // someone else wrote the lead meanwhile: look again
      }

      const created = await this.create(s, submissionId);
      if (created) return created;
    }
    throw new ConflictError('submission_contended');
  }

  private async create(s: CheckedSubmission, submissionId: string): Promise<SubmitResult | null> {
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
      ...(s.phoneKey ? { phoneKey: s.phoneKey, openPhoneKey: s.phoneKey } : {}),
      ...(s.emailKey ? { emailKey: s.emailKey, openEmailKey: s.emailKey } : {}),
      ...(s.employer ? { employer: s.employer } : {}),
      consent: s.consent,
      locale: s.locale,
      channel: s.channel,
      ...(s.conversationRef ? { conversationRef: s.conversationRef } : {}),
      ...(s.userKey ? { userKeys: [s.userKey] } : {}),
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
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
      lead.reference = newReference(this.random);
      try {
        return { lead: await this.leads.insert(lead), created: true, updatedExisting: false };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        // this submission was recorded meanwhile, or another submission of the same person opened a lead first
        // (the caller's loop returns the one, merges into the other), or the reference code is taken
        if (await this.leads.findBySubmission(submissionId)) return null;
        if ((await this.leads.findOpenByContactKeys(s.phoneKey, s.emailKey)).length > 0) return null;
        await this.leads.releaseStaleOpenKeys(s.phoneKey, s.emailKey);
      }
    }
    throw new ConflictError('reference_space_exhausted');
  }

  /** Updates the person's open lead with the new submission; null when the lead changed since it was read. */
  private async mergeInto(existing: Lead, s: CheckedSubmission, submissionId: string, others: readonly Lead[] = []): Promise<Lead | null> {
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
    // the open key of a contact another open lead of theirs already holds stays with that lead
    if (phoneKey && !others.some((o) => o.openPhoneKey === phoneKey)) set.openPhoneKey = phoneKey;
    if (emailKey && !others.some((o) => o.openEmailKey === emailKey)) set.openEmailKey = emailKey;
    if (s.employer) set.employer = s.employer;
    if (s.conversationRef) set.conversationRef = s.conversationRef;
    if (s.userKey && !(existing.userKeys ?? []).includes(s.userKey)) set.userKeys = [...(existing.userKeys ?? []), s.userKey];
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
    return this.leads.updateIf({ _id: existing._id, rev: existing.rev }, update);
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
   * An operator takes a new lead. One conditional update on `status: 'new'`: of concurrent claims exactly one
   * wins; the others get ConflictError('already_claimed'). With `projectIds`, only leads of those projects.
   */
  async claim(leadId: string, operatorId: string, options: { projectIds?: readonly string[] } = {}): Promise<Lead> {
    const before = await this.get(leadId);
    const at = this.now();
    const filter: Filter = { _id: leadId, status: 'new' };
    if (options.projectIds) filter.projectId = { $in: [...options.projectIds] };
    const entry: LeadHistoryEntry = { at, by: operatorId, action: 'claimed', from: 'new', to: 'claimed' };
    const claimed = await this.leads.updateIf(filter, {
      $set: { status: 'claimed', statusTime: statusTimeKey('claimed', before.createdAt), operatorId, updatedAt: at },
      $push: { history: entry },
      $inc: { rev: 1 },
    });
    if (claimed) return claimed;
    const lead = await this.get(leadId);
    if (options.projectIds && (lead.projectId === null || !options.projectIds.includes(lead.projectId))) {
      throw new ForbiddenError('lead_not_in_your_projects');
    }
    if (lead.status === 'claimed') throw new ConflictError(`already_claimed`);
    throw new ConflictError(`illegal_transition:${lead.status}->claimed`);
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
        $set: { status: to, statusTime: statusTimeKey(to, lead.createdAt), updatedAt: at },
        $push: { history: entry },
        $inc: { rev: 1 },
        // placed or closed: the person may open a new referral
        ...(isOpen(to) ? {} : { $unset: { openPhoneKey: true, openEmailKey: true } }),
      });
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
    const updated = await this.leads.updateIf(
      { _id: leadId, status: 'new' },
      {
        $set: { projectId, projectTime: projectTimeKey(projectId, lead.createdAt), matchedBy: 'staff', updatedAt: at },
        $push: { history: entry },
        $inc: { rev: 1 },
      },
    );
    if (!updated) throw new ConflictError('already_claimed');
    return updated;
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

  /** The chat user's own leads, newest first (erased ones excluded): "i miei dati". */
  async findForWorker(identity: WorkerIdentity): Promise<Lead[]> {
    const leads = await this.leads.findByUserKey(userKeyOf(identity));
    return leads.filter((lead) => lead.status !== 'erased');
  }

  /**
   * "Cancella i miei dati": every lead of the chat user becomes a tombstone (status erased, erasedAt) without
   * contact, employer, notes, conversation reference, contact keys, user keys or the date the worker left;
   * what remains (province, crisis kind, outcome codes, history of actions) has no personal data and keeps the
   * statistics honest. Returns how many leads were erased.
   */
  async eraseByUser(identity: WorkerIdentity): Promise<number> {
    let erased = 0;
    for (const found of await this.leads.findByUserKey(userKeyOf(identity))) {
      if (await this.erase(found)) erased += 1;
    }
    return erased;
  }

  /**
   * Retention: leads that reached a final status (closed, placed) before `cutoff` become the same tombstone as
   * "cancella i miei dati", by "system" with reason "retention". Returns the erased leads' ids and references.
   */
  async eraseFinishedBefore(cutoff: Date): Promise<Array<{ id: string; reference: string }>> {
    const erased: Array<{ id: string; reference: string }> = [];
    for (const lead of await this.leads.find({ status: { $in: ['closed', 'placed'] } })) {
      const finishedAt = finishedAtOf(lead);
      if (finishedAt === undefined || finishedAt.getTime() >= cutoff.getTime()) continue;
      if (await this.erase(lead, { by: 'system', reason: 'retention' })) erased.push({ id: lead._id, reference: lead.reference });
    }
    return erased;
  }

  /**
   * The lifecycle steps of every lead (claimed, contacted, enrolled, placed) with when they happened and the
   * lead's province, locale and channel: the campaign funnel's figures, no personal data. Only leads changed at
   * or after `since` can have steps after it.
   */
  async lifecycleSteps(since?: Date): Promise<Array<{ at: Date; step: 'claimed' | 'contacted' | 'enrolled' | 'placed'; province?: string; locale: string; channel: string }>> {
    const leads = await this.leads.find(since ? { updatedAt: { $gte: since } } : {});
    const steps: Array<{ at: Date; step: 'claimed' | 'contacted' | 'enrolled' | 'placed'; province?: string; locale: string; channel: string }> = [];
    for (const lead of leads) {
      for (const h of lead.history) {
        const step = h.action === 'claimed' ? 'claimed' : h.action === 'status_changed' && (h.to === 'contacted' || h.to === 'enrolled' || h.to === 'placed') ? h.to : undefined;
        if (step) steps.push({ at: h.at, step, ...(lead.province ? { province: lead.province } : {}), locale: lead.locale, channel: lead.channel });
      }
    }
    return steps;
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
            updatedAt: at,
            history: [...scrubHistory(lead.history), entry],
            notes: [],
          },
          $unset: {
            contact: true,
            employer: true,
            conversationRef: true,
            phoneKey: true,
            emailKey: true,
            openPhoneKey: true,
            openEmailKey: true,
            userKeys: true,
            'precheck.answers.leftOn': true,
          },
          $inc: { rev: 1 },
        },
      );
      if (updated) return true;
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

  /** Open leads no project has taken yet: the input of group formation (staff). */
  listOpenUnassigned(): Promise<Lead[]> {
    // the unassigned leads' timeline ("|...") picks the candidates through its index
    const prefix = projectTimePrefix(null);
    return this.leads.find({ projectTime: { $gte: prefix, $lt: afterPrefix(prefix) }, status: { $in: [...OPEN_STATUSES] } });
  }
}

