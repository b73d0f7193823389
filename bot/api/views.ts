/**
 * What a caller is shown of a referral (lead). Staff see everything. An operator sees what they need to decide
 * whether to take it (outcome and reasons, province, sector, firm, times, reference, status, project, who holds
 * it); the worker's contact details, the date they left and the internal notes only once they claimed it
 * themselves: data minimisation, since a referral is worked by one operator. People are shown by account name.
 */
import { z } from 'zod';
import { LEAD_STATUSES, type Lead, type LeadAction } from '../../models/leads/lead';
import { leadVisibleTo } from '../../models/leads/leadService';
import { LEAD_LANGUAGES, leadLanguageOf, type StaffLanguageNames } from '../../models/leads/leadLanguage';
import type { Principal } from './auth';
import { isoDateTime } from './schemas';

/** account id -> login name (AccountService.namesByIds) */
export type AccountNames = ReadonlyMap<string, string>;

// ---- what the API answers (the OpenAPI components are generated from these; the views below are typed by them) ----

const nullableText = (description: string) => z.string().nullable().meta({ description });
const REFERENCE = /^AR-[2-9A-HJ-NP-Z]{5}$/;
const LEAD_ACTIONS = ['submitted', 'resubmitted', 'project_assigned', 'claimed', 'status_changed', 'note_added', 'erased', 'merged'] as const satisfies readonly LeadAction[];

export const contactSchema = z
  .object({
    name: z.string(),
    phone: z.string().meta({ description: 'E.164', example: '+393331234567' }).optional(),
    email: z.string().meta({ format: 'email' }).optional(),
    preferredTime: z.string().optional(),
  })
  .meta({ id: 'Contact', description: 'Personal data: shown only to staff and to the operator who claimed the referral' });

export const referralLanguageSchema = z
  .object({
    code: z.enum(LEAD_LANGUAGES).meta({ description: 'The language code; `unknown` on referrals recorded without one' }),
    label: z.object({ it: z.string(), en: z.string() }).meta({ description: 'Its name for staff, in Italian and in English', example: { it: 'Arabo (ar)', en: 'Arabic (ar)' } }),
  })
  .meta({ id: 'ReferralLanguage', description: 'The language the worker used in the chat (after any switch): call with an interpreter when needed' });

export const referralSummarySchema = z
  .object({
    id: z.string(),
    reference: z.string().regex(REFERENCE).meta({ description: 'The code the worker quotes', example: 'AR-7F3K2' }),
    status: z.enum(LEAD_STATUSES),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
    province: nullableText('Province sigla of the work site; null when the worker did not know'),
    sector: nullableText('A sector code (SECTORS of models/projects/project.ts)'),
    firm: nullableText('The employer as the worker named it'),
    outcome: z.string().meta({ description: 'Pre-check outcome code' }),
    reasons: z.array(z.string()),
    crisisKind: z.string(),
    situation: z.string(),
    projectId: nullableText('null: not assigned to a project yet'),
    claimedBy: nullableText('Account name of the operator who claimed it'),
    locale: z.string(),
    language: referralLanguageSchema,
    channel: z.string(),
    contactVisible: z.boolean().meta({ description: 'Whether contact, leftOn (and notes) are included for this caller' }),
    contact: contactSchema.optional(),
    leftOn: z.string().meta({ description: 'When the worker left the firm (YYYY-MM-DD)', format: 'date' }).optional(),
  })
  .meta({ id: 'ReferralSummary' });

export const historyEntrySchema = z
  .object({
    at: isoDateTime(),
    by: z.string().meta({ description: 'Account name, "worker" or "system"' }),
    action: z.enum(LEAD_ACTIONS),
    from: z.string().meta({ description: 'Status, project id (project_assigned), or the id of the referral folded in (merged)' }).optional(),
    to: z.string().meta({ description: 'Status, or project id (project_assigned)' }).optional(),
    reason: z.string().meta({ description: 'Close reason (`merged` when folded into another referral), or how the project was chosen' }).optional(),
  })
  .meta({ id: 'HistoryEntry' });

export const noteSchema = z.object({ at: isoDateTime(), by: z.string().meta({ description: 'Account name' }), text: z.string() }).meta({ id: 'Note' });

/** Another referral with the same phone or e-mail from another chat identity (never the worker's data). */
export const possibleDuplicateSchema = z
  .object({
    id: z.string(),
    reference: z.string().regex(REFERENCE),
    status: z.enum(LEAD_STATUSES),
    createdAt: isoDateTime(),
    projectId: nullableText('null: not assigned to a project yet'),
    claimedBy: nullableText('Account name of the operator who claimed it'),
  })
  .meta({ id: 'PossibleDuplicate' });

export const referralDetailSchema = referralSummarySchema
  .extend({
    history: z.array(historyEntrySchema),
    notes: z.array(noteSchema).meta({ description: 'Present when contactVisible' }).optional(),
    possibleDuplicates: z.array(possibleDuplicateSchema).meta({
      description:
        'Open referrals of other chat identities with the same phone or e-mail that the caller may see: perhaps the same ' +
        'person on a second device (merge after speaking to them), perhaps someone using another\'s contacts. The worker is never told.',
    }),
    mergedInto: z.string().meta({ description: 'On a referral folded into another (closed, reason merged): the id of the kept referral' }).optional(),
  })
  .meta({ id: 'ReferralDetail' });

export const referralPageSchema = z
  .object({ items: z.array(referralSummarySchema), nextCursor: z.string().meta({ description: 'Present when there are more: pass as `cursor`' }).optional() })
  .meta({ id: 'ReferralPage' });

/** `contact` (and `leftOn`, notes) only when `contactVisible`; `claimedBy` is the name of the account that claimed it */
export type ReferralSummary = z.infer<typeof referralSummarySchema>;
export type ReferralDetail = z.infer<typeof referralDetailSchema>;
export type ReferralPage = z.infer<typeof referralPageSchema>;

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

export function referralSummary(lead: Lead, principal: Principal, names: AccountNames, languages: StaffLanguageNames): ReferralSummary {
  const language = leadLanguageOf(lead.locale);
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
    language: { code: language, label: languages.labels(language) },
    channel: lead.channel,
    contactVisible: visible,
    ...(visible && lead.contact ? { contact: { ...lead.contact } } : {}),
    ...(visible && answers.leftOn ? { leftOn: answers.leftOn } : {}),
  };
}

/** `duplicates`: the lead's possible duplicates (LeadService.possibleDuplicatesOf); those the caller may not see are left out. */
export function referralDetail(lead: Lead, principal: Principal, names: AccountNames, languages: StaffLanguageNames, duplicates: readonly Lead[] = []): ReferralDetail {
  const summary = referralSummary(lead, principal, names, languages);
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
