/**
 * What a caller is shown of a referral (lead). Staff see everything. An operator sees what they need to decide
 * whether to take it (outcome and reasons, province, sector, firm, times, reference, status, project, who holds
 * it); the worker's contact details, the date they left and the internal notes only once they claimed it
 * themselves: data minimisation, since a referral is worked by one operator. People are shown by account name.
 */
import type { Contact } from '../../models/leads/contact';
import type { Lead, LeadAction, LeadStatus } from '../../models/leads/lead';
import { leadVisibleTo } from '../../models/leads/leadService';
import type { Principal } from './auth';

/** account id -> login name (AccountService.namesByIds) */
export type AccountNames = ReadonlyMap<string, string>;

export interface ReferralSummary {
  id: string;
  reference: string;
  status: LeadStatus;
  createdAt: string;
  updatedAt: string;
  /** null when the worker did not know where the work site is */
  province: string | null;
  sector: string | null;
  firm: string | null;
  outcome: string;
  reasons: string[];
  crisisKind: string;
  situation: string;
  projectId: string | null;
  /** the name of the account that claimed it */
  claimedBy: string | null;
  locale: string;
  channel: string;
  /** whether `contact` (and `leftOn`, notes) are shown to this caller */
  contactVisible: boolean;
  contact?: Contact;
  leftOn?: string;
}

export interface ReferralHistoryView {
  at: string;
  /** an account name, "worker" or "system" */
  by: string;
  action: LeadAction;
  from?: string;
  to?: string;
  reason?: string;
}

export interface ReferralNoteView {
  at: string;
  by: string;
  text: string;
}

/** Another referral with the same phone or e-mail from another chat identity (never the worker's data). */
export interface PossibleDuplicateView {
  id: string;
  reference: string;
  status: LeadStatus;
  createdAt: string;
  projectId: string | null;
  claimedBy: string | null;
}

export interface ReferralDetail extends ReferralSummary {
  history: ReferralHistoryView[];
  /** present when contactVisible */
  notes?: ReferralNoteView[];
  /**
   * Open referrals of other chat identities with the same phone or e-mail, that this caller may see: perhaps the
   * same person on a second device (merge them after speaking to the person), perhaps someone using another's
   * contacts. The worker is never told.
   */
  possibleDuplicates: PossibleDuplicateView[];
  /** on a referral folded into another by a merge: the id of the kept referral */
  mergedInto?: string;
}

const NOT_ACCOUNTS = new Set(['worker', 'system']);

/** Whether the caller may see the worker's personal data on this referral. */
export function seesPersonalData(principal: Principal, lead: Pick<Lead, 'operatorId'>): boolean {
  return principal.role === 'staff' || (lead.operatorId !== undefined && lead.operatorId === principal.accountId);
}

/** The account ids a view of these leads names (to look up once). */
export function accountIdsOf(leads: readonly Lead[], withHistory: boolean): string[] {
  const ids = new Set<string>();
  for (const lead of leads) {
    if (lead.operatorId) ids.add(lead.operatorId);
    if (!withHistory) continue;
    for (const entry of lead.history) if (!NOT_ACCOUNTS.has(entry.by)) ids.add(entry.by);
    for (const note of lead.notes) if (!NOT_ACCOUNTS.has(note.by)) ids.add(note.by);
  }
  return [...ids];
}

function nameOf(id: string, names: AccountNames): string {
  if (NOT_ACCOUNTS.has(id)) return id;
  return names.get(id) ?? 'unknown-account';
}

export function referralSummary(lead: Lead, principal: Principal, names: AccountNames): ReferralSummary {
  const visible = seesPersonalData(principal, lead);
  const answers = lead.precheck.answers;
  return {
    id: lead._id,
    reference: lead.reference,
    status: lead.status,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    province: lead.province ?? null,
    sector: lead.employer?.sector ?? null,
    firm: lead.employer?.name ?? null,
    outcome: lead.precheck.outcome,
    reasons: [...lead.precheck.reasons],
    crisisKind: answers.crisisKind,
    situation: answers.situation,
    projectId: lead.projectId,
    claimedBy: lead.operatorId ? nameOf(lead.operatorId, names) : null,
    locale: lead.locale,
    channel: lead.channel,
    contactVisible: visible,
    ...(visible && lead.contact ? { contact: { ...lead.contact } } : {}),
    ...(visible && answers.leftOn ? { leftOn: answers.leftOn } : {}),
  };
}

/** `duplicates`: the lead's possible duplicates (LeadService.possibleDuplicatesOf); those the caller may not see are left out. */
export function referralDetail(lead: Lead, principal: Principal, names: AccountNames, duplicates: readonly Lead[] = []): ReferralDetail {
  const summary = referralSummary(lead, principal, names);
  return {
    ...summary,
    possibleDuplicates: duplicates
      .filter((d) => leadVisibleTo(principal.scope, d))
      .map((d) => ({
        id: d._id,
        reference: d.reference,
        status: d.status,
        createdAt: d.createdAt.toISOString(),
        projectId: d.projectId,
        claimedBy: d.operatorId ? nameOf(d.operatorId, names) : null,
      })),
    ...(lead.mergedInto ? { mergedInto: lead.mergedInto } : {}),
    history: lead.history.map((h) => ({
      at: h.at.toISOString(),
      by: nameOf(h.by, names),
      action: h.action,
      ...(h.from !== undefined ? { from: h.from } : {}),
      ...(h.to !== undefined ? { to: h.to } : {}),
      ...(h.reason !== undefined ? { reason: h.reason } : {}),
    })),
    ...(summary.contactVisible ? { notes: lead.notes.map((n) => ({ at: n.at.toISOString(), by: nameOf(n.by, names), text: n.text })) } : {}),
  };
}

/** The lead as this caller may export it: without contact, leaving date and notes unless they may see them. */
export function exportableLead(lead: Lead, principal: Principal): Lead {
  if (seesPersonalData(principal, lead)) return lead;
  const { contact: _contact, ...rest } = lead;
  const { leftOn: _leftOn, ...answers } = lead.precheck.answers;
  return { ...rest, precheck: { ...lead.precheck, answers }, notes: [] };
}
