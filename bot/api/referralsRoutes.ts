/**
 * Referrals for operators and staff:
 *   GET    /api/referrals             newest first, filters and cursor paging
 *   GET    /api/referrals/export.csv  the same filters, every row the caller may see, as a spreadsheet-safe CSV
 *   GET    /api/referrals/:id         one referral with its history (and notes, once the caller may see them)
 *   POST   /api/referrals/:id/claim   atomic: of concurrent claims exactly one wins, the others get 409 naming it
 *   PATCH  /api/referrals/:id         status / close reason / note / project (staff)
 *   POST   /api/referrals/:id/notes   add a note
 *   POST   /api/referrals/:id/merge   fold another referral of the same person (`duplicate`) into this one
 * `:id` is the referral's id or its reference (AR-XXXXX). A referral of another project answers 404, exactly as
 * an unknown one. Every change is written to the audit log with the account name, ids and codes only.
 */
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../models/errors';
import { toCsv, CSV_FIELDS } from '../../models/leads/csv';
import { STAFF_LANGUAGES, type StaffLanguageNames } from '../../models/leads/leadLanguage';
import { CLOSE_REASONS, LEAD_STATUSES, REFERENCE_PATTERN, isLeadStatus, type Lead, type LeadStatus } from '../../models/leads/lead';
import { LeadAlreadyClaimedError, NOTE_MAX, leadVisibleTo, type LeadFilters } from '../../models/leads/leadService';
import type { AuditDetails } from '../../models/audit/auditLog';
import { AUTH_ERRORS, jsonAnswer, pathParam, responseRef, str } from './apiDocs';
import type { Principal } from './auth';
import { AlreadyClaimedError } from './errors';
import type { ApiDeps } from './request';
import { route, type ApiRoute } from './routeTable';
import { DATE_RANGE_QUERY, PAGE_QUERY, pageOf, reasons, toAfterFrom } from './schemas';
import { accountIdsOf, exportableLead, referralDetail, referralDetailSchema, referralPageSchema, referralSummary, type ReferralDetail, type ReferralPage } from './views';

/** statuses PATCH may set (claiming has its own endpoint, erasure is the worker's) */
export const PATCH_STATUSES = ['contacted', 'enrolled', 'placed', 'closed'] as const;
/** an export larger than this asks for narrower filters instead of building a huge file in memory */
export const MAX_EXPORT_ROWS = 10_000;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const EXPORT_PAGE = 100;

// ---- schemas ----------------------------------------------------------------------------------------------------

/** The referral filters of the query string; `project=none` is the unassigned queue. */
const FILTER_QUERY = {
  status: z
    .string()
    .transform((value, ctx) => {
      const statuses = value.split(',').map((s) => s.trim());
      if (statuses.length > LEAD_STATUSES.length || !statuses.every(isLeadStatus)) {
        ctx.addIssue({ code: 'custom', message: 'unknown_status' });
        return z.NEVER;
      }
      return statuses as LeadStatus[];
    })
    .meta({ description: `One status or a comma-separated list: ${LEAD_STATUSES.join(', ')}`, pattern: `^(${LEAD_STATUSES.join('|')})(,(${LEAD_STATUSES.join('|')}))*$`, example: 'new,claimed' })
    .optional(),
  province: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: 'invalid_province' })
    .transform((p) => p.toUpperCase())
    .meta({ description: 'Province sigla of the work site', example: 'BG' })
    .optional(),
  project: z
    .string()
    .regex(/^(none|[a-z0-9][a-z0-9-]{2,63})$/, { error: 'invalid_project_id' })
    .transform((p) => (p === 'none' ? null : p))
    .meta({ description: 'A project id, or `none` for referrals no project has yet (staff only; operators: one of their projects)', example: 'esempio-bg-metalmeccanico' })
    .optional(),
  ...DATE_RANGE_QUERY,
};

const exportQuery = z
  .object({
    ...FILTER_QUERY,
    lang: z
      .enum(STAFF_LANGUAGES, { error: 'unsupported_language' })
      .meta({ description: 'The language of the `languageName` column (the worker\'s language named for staff): it (default) or en' })
      .optional(),
  })
  .superRefine(toAfterFrom);
const listQuery = z.object({ ...FILTER_QUERY, ...PAGE_QUERY }).superRefine(toAfterFrom);

function leadFilters(query: Omit<z.output<typeof exportQuery>, 'lang'>): LeadFilters {
  const { status, province, project, from, to } = query;
  return { ...(status ? { status } : {}), ...(province ? { province } : {}), ...(project !== undefined ? { projectId: project } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const noteText = z
  .string(reasons('not_a_string'))
  .refine((v) => v.trim() !== '', { error: 'required' })
  .refine((v) => [...v.trim()].length <= NOTE_MAX, { error: 'too_long' })
  .meta({ minLength: 1, maxLength: NOTE_MAX });

/** The PATCH body, checked as a whole before anything is written. */
export const referralPatchSchema = z
  .strictObject({
    status: z
      .enum(PATCH_STATUSES, { error: (issue) => (issue.input === 'claimed' ? 'use_the_claim_endpoint' : typeof issue.input === 'string' ? 'unknown_status' : 'not_a_string') })
      .optional(),
    reason: z.enum(CLOSE_REASONS, { error: (issue) => (typeof issue.input === 'string' ? 'unknown_close_reason' : 'not_a_string') }).optional(),
    note: noteText.optional(),
    projectId: z
      .string({ error: 'not_a_string_or_null' })
      .regex(PROJECT_ID, { error: 'invalid_project_id' })
      .nullable()
      .meta({ description: 'Staff only: assign a new (unclaimed) referral to an active project; null puts it back in the unassigned queue' })
      .optional(),
  })
  .superRefine((patch, ctx) => {
    if (patch.reason !== undefined && patch.status !== 'closed') ctx.addIssue({ code: 'custom', message: 'only_when_closing', path: ['reason'] });
    if (patch.reason === undefined && patch.status === 'closed') ctx.addIssue({ code: 'custom', message: 'close_reason_required', path: ['reason'] });
    if (patch.status === undefined && patch.note === undefined && patch.projectId === undefined) ctx.addIssue({ code: 'custom', message: 'nothing_to_change' });
  })
  .meta({ id: 'ReferralPatch', description: 'At least one field. `reason` is required with status closed, and refused otherwise.' });

export type ReferralPatch = z.infer<typeof referralPatchSchema>;

const noteRequest = z.strictObject({ text: noteText }).meta({ id: 'NoteRequest' });
const mergeRequest = z
  .strictObject({
    duplicate: z
      .string(reasons('not_a_string'))
      .transform((v) => v.trim())
      .refine((v) => v !== '', { error: 'required' })
      .meta({ description: 'Id or reference of the referral to fold into this one', minLength: 1 }),
  })
  .meta({ id: 'MergeRequest' });
const noBody = z.strictObject({});

// ---- the routes -------------------------------------------------------------------------------------------------

/** a referral's new project hears of it through the lead events LeadService records (models/leads/leadEvents.ts) */
export type ReferralApiDeps = ApiDeps & {
  /** the worker's language as staff read it ("Arabo (ar)"), on every view and in the CSV */
  languageNames: StaffLanguageNames;
};

/** The referral by id or reference, if this caller may see it; 404 otherwise (no hint that it exists). */
export async function visibleLead({ domain }: Pick<ReferralApiDeps, 'domain'>, rawId: unknown, principal: Principal): Promise<Lead> {
  const id = typeof rawId === 'string' ? rawId : '';
  if (!ID.test(id)) throw new NotFoundError('lead');
  const lead = REFERENCE_PATTERN.test(id.toUpperCase()) ? await domain.leads.getByReference(id) : await domain.leads.get(id);
  if (!leadVisibleTo(principal.scope, lead)) throw new NotFoundError('lead', id);
  return lead;
}

async function detailOf({ domain, languageNames }: ReferralApiDeps, lead: Lead, principal: Principal): Promise<ReferralDetail> {
  const duplicates = await domain.leads.possibleDuplicatesOf(lead);
  return referralDetail(lead, principal, await domain.accounts.namesByIds(accountIdsOf([lead, ...duplicates], true)), languageNames, duplicates);
}

/** A change happened: record it. The change stands even if the audit write fails (logged, without data). */
async function audit({ domain, logger }: ReferralApiDeps, principal: Principal, action: string, lead: Pick<Lead, '_id'>, details: AuditDetails): Promise<void> {
  try {
    await domain.audit.append({ actor: principal.name, action, target: `lead:${lead._id}`, details });
  } catch (err) {
    logger.error({ action, leadId: lead._id, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
  }
}

async function addNote(deps: ReferralApiDeps, principal: Principal, lead: Lead, text: string): Promise<Lead> {
  const updated = await deps.domain.leads.addNote(lead._id, principal.accountId, text);
  await audit(deps, principal, 'lead.note_added', updated, { reference: updated.reference, length: [...text.trim()].length });
  return updated;
}

/** Operators work only referrals they claimed; staff any. */
function requireHolder(principal: Principal, lead: Lead): void {
  if (principal.role === 'operator' && lead.operatorId !== principal.accountId) throw new ForbiddenError('not_your_referral');
}

/** The filters as sent, for the audit log. */
function filterDetails(query: ReadonlyMap<string, string>): AuditDetails {
  const details: AuditDetails = {};
  for (const key of Object.keys(FILTER_QUERY)) {
    const value = query.get(key);
    if (value !== undefined) details[key] = value.slice(0, 100);
  }
  return details;
}

const tags = ['referrals'];
export const referralId = [pathParam('id', 'The referral\'s id, or its reference (AR-XXXXX)', ID)];
const detail = (description: string) => jsonAnswer(description, referralDetailSchema);
const CHANGE_ERRORS = { ...AUTH_ERRORS, '403': responseRef('Forbidden'), '404': responseRef('NotFound'), '409': responseRef('Conflict'), '413': responseRef('PayloadTooLarge'), '415': responseRef('UnsupportedMediaType') };

export const REFERRAL_ROUTES: ReadonlyArray<ApiRoute<ReferralApiDeps>> = [
  route({
    method: 'get',
    path: '/api/referrals',
    operationId: 'listReferrals',
    summary: 'Referrals the caller may see, newest first',
    description:
      'Staff see all referrals; an operator those of their projects. Contact details appear only on referrals ' +
      'the operator has claimed (staff: always). Pass `nextCursor` back as `cursor` for the next page.',
    tags,
    query: listQuery,
    responses: { '200': jsonAnswer('A page of referrals', referralPageSchema), ...AUTH_ERRORS, '403': responseRef('Forbidden') },
    handler: async ({ res, query, principal }, { domain, languageNames }) => {
      const page = await domain.leads.list(principal.scope, leadFilters(query), pageOf(query));
      const names = await domain.accounts.namesByIds(accountIdsOf(page.items, false));
      res.json({
        items: page.items.map((lead) => referralSummary(lead, principal, names, languageNames)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      } satisfies ReferralPage);
    },
  }),
  route({
    method: 'get',
    path: '/api/referrals/export.csv',
    operationId: 'exportReferrals',
    summary: 'Every referral the caller may see, as CSV',
    description:
      'The same filters as the listing, without paging (at most ' +
      `${MAX_EXPORT_ROWS} rows: narrow with from/to beyond that). UTF-8 with a byte-order mark, CRLF, RFC 4180 ` +
      'quoting; cells a spreadsheet would run as a formula (= + - @ tab CR) start with an apostrophe. Operators ' +
      'get empty contact, leftOn and notes cells on referrals they have not claimed. Each export is audited.',
    tags,
    query: exportQuery,
    responses: {
      '200': {
        description: 'The CSV file',
        headers: { 'Content-Disposition': { description: 'attachment; filename="referrals-YYYY-MM-DD.csv"', schema: str() } },
        contentType: 'text/csv; charset=utf-8',
        schema: str('header row and one row per referral'),
      },
      ...AUTH_ERRORS,
      '403': responseRef('Forbidden'),
    },
    handler: async ({ res, query, rawQuery, principal }, deps) => {
      const { domain } = deps;
      const filters = leadFilters(query);
      const rows: Lead[] = [];
      let cursor: string | undefined;
      do {
        const page = await domain.leads.list(principal.scope, filters, { limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
        rows.push(...page.items.map((lead) => exportableLead(lead, principal)));
        if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError('(query)', `too_many_rows:narrow_with_from_to:max_${MAX_EXPORT_ROWS}`);
        cursor = page.nextCursor;
      } while (cursor);
      const reader = query.lang ?? 'it';
      const body = toCsv(rows, CSV_FIELDS, { languageName: (language) => deps.languageNames.label(language, reader) });
      await domain.audit.append({ actor: principal.name, action: 'lead.exported', target: 'leads', details: { rows: rows.length, ...filterDetails(rawQuery) } });
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="referrals-${deps.now().toISOString().slice(0, 10)}.csv"`,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    },
  }),
  route({
    method: 'get',
    path: '/api/referrals/:id',
    operationId: 'getReferral',
    summary: 'One referral with its history (and notes, when the caller may see personal data)',
    tags,
    parameters: referralId,
    responses: { '200': detail('The referral'), ...AUTH_ERRORS, '404': responseRef('NotFound') },
    handler: async ({ req, res, principal }, deps) => {
      const lead = await visibleLead(deps, req.params?.id, principal);
      res.json(await detailOf(deps, lead, principal));
    },
  }),
  route({
    method: 'post',
    path: '/api/referrals/:id/claim',
    operationId: 'claimReferral',
    summary: 'Take a new referral (atomic)',
    description:
      'Of concurrent claims exactly one succeeds; the others answer 409 with `reason` `already_claimed_by:<name>` ' +
      'and `claimedBy` (the account name of the holder). No body, or an empty JSON object.',
    tags,
    parameters: referralId,
    body: noBody,
    bodyOptional: true,
    responses: { '200': detail('Claimed: the referral, now with contact details'), ...AUTH_ERRORS, '404': responseRef('NotFound'), '409': responseRef('Conflict'), '415': responseRef('UnsupportedMediaType') },
    handler: async ({ req, res, principal }, deps) => {
      const { domain } = deps;
      const lead = await visibleLead(deps, req.params?.id, principal);
      let claimed: Lead;
      try {
        claimed = await domain.leads.claim(lead._id, principal.accountId, principal.role === 'operator' ? { projectIds: principal.projectIds } : {});
      } catch (err) {
        // staff moved it to another project meanwhile: for this operator it no longer exists
        if (err instanceof ForbiddenError) throw new NotFoundError('lead', lead._id);
        if (!(err instanceof ConflictError)) throw err;
        // the holder as the lead shows it, else as the claim record that decided the race says
        const holder = (await domain.leads.get(lead._id)).operatorId ?? (err instanceof LeadAlreadyClaimedError ? err.operatorId : undefined);
        if (!holder) throw err;
        const names = await domain.accounts.namesByIds([holder]);
        throw new AlreadyClaimedError(names.get(holder) ?? 'unknown-account');
      }
      await audit(deps, principal, 'lead.claimed', claimed, { reference: claimed.reference, from: 'new', to: 'claimed', projectId: claimed.projectId });
      res.json(await detailOf(deps, claimed, principal));
    },
  }),
  route({
    method: 'patch',
    path: '/api/referrals/:id',
    operationId: 'updateReferral',
    summary: 'Move a referral along its lifecycle, add a note, or (staff) assign it to a project',
    description:
      'Lifecycle: new -> claimed (POST .../claim) -> contacted -> enrolled -> placed; any open status -> closed ' +
      '(with a reason). Operators may change only referrals they claimed. Changes apply in the order project, ' +
      'status, note, each audited; an illegal move answers 409 with `from` and `to`.',
    tags,
    parameters: referralId,
    body: referralPatchSchema,
    requestExample: { status: 'closed', reason: 'unreachable', note: 'Tre tentativi senza risposta' },
    responses: { '200': detail('The referral after the change'), ...CHANGE_ERRORS },
    handler: async ({ req, res, principal, body: change }, deps) => {
      const { domain } = deps;
      let lead = await visibleLead(deps, req.params?.id, principal);
      if (change.projectId !== undefined && principal.role !== 'staff') throw new ForbiddenError('assigning_is_staff_only');
      if (change.status !== undefined || change.note !== undefined) requireHolder(principal, lead);

      if (change.projectId !== undefined) {
        const from = lead.projectId;
        lead = await domain.leads.assignProject(lead._id, change.projectId, principal.accountId);
        await audit(deps, principal, 'lead.project_assigned', lead, { reference: lead.reference, from, to: lead.projectId });
      }
      if (change.status !== undefined) {
        const from = lead.status;
        lead = await domain.leads.transition(lead._id, change.status, {
          by: principal.accountId,
          ...(change.reason !== undefined ? { reason: change.reason } : {}),
          requireClaimedBy: principal.role === 'operator',
        });
        await audit(deps, principal, 'lead.status_changed', lead, { reference: lead.reference, from, to: lead.status, ...(change.reason ? { reason: change.reason } : {}) });
      }
      if (change.note !== undefined) lead = await addNote(deps, principal, lead, change.note);
      res.json(await detailOf(deps, lead, principal));
    },
  }),
  route({
    method: 'post',
    path: '/api/referrals/:id/notes',
    operationId: 'addReferralNote',
    summary: 'Add an internal note (operators: on referrals they claimed)',
    tags,
    parameters: referralId,
    body: noteRequest,
    requestExample: { text: 'Richiamare lunedì mattina' },
    responses: { '201': detail('The referral with the note'), ...CHANGE_ERRORS },
    handler: async ({ req, res, principal, body }, deps) => {
      const lead = await visibleLead(deps, req.params?.id, principal);
      requireHolder(principal, lead);
      const updated = await addNote(deps, principal, lead, body.text);
      res.status(201);
      res.json(await detailOf(deps, updated, principal));
    },
  }),
  /**
   * After speaking to the person, an operator (or staff) folds `duplicate` into this referral: the duplicate is
   * closed (reason `merged`) and points here; this one gains its chat identities. Operators: both referrals in
   * their projects (404 otherwise), this one claimed by them and the duplicate unclaimed or theirs (403).
   */
  route({
    method: 'post',
    path: '/api/referrals/:id/merge',
    operationId: 'mergeReferrals',
    summary: 'Fold a duplicate referral of the same person into this one (after speaking to the person)',
    description:
      'A referral belongs to the chat identity that created it; the same person on a second device, or someone ' +
      'using another\'s phone or e-mail, makes a second referral, listed in `possibleDuplicates` of both. Once ' +
      'the operator has spoken to the person, this folds `duplicate` into the referral of the path: the ' +
      'duplicate is closed with reason `merged` and `mergedInto` pointing here; this referral gains its chat ' +
      'identities, so the worker sees it from both. Both must be open and distinct (409 `not_open:<status>`, ' +
      '400 `same_referral`). Operators: both referrals of their projects (404 otherwise), this one claimed by ' +
      'them (403 `not_your_referral`), the duplicate unclaimed or theirs (403 `duplicate_held_by_another`). ' +
      'Audited as `lead.merged`.',
    tags,
    parameters: referralId,
    body: mergeRequest,
    requestExample: { duplicate: 'AR-9K4MZ' },
    responses: { '200': detail('The kept referral'), ...CHANGE_ERRORS },
    handler: async ({ req, res, principal, body }, deps) => {
      const keep = await visibleLead(deps, req.params?.id, principal);
      const duplicate = await visibleLead(deps, body.duplicate, principal);
      if (keep._id === duplicate._id) throw new ValidationError('duplicate', 'same_referral');
      requireHolder(principal, keep);
      if (principal.role === 'operator' && duplicate.operatorId !== undefined && duplicate.operatorId !== principal.accountId) throw new ForbiddenError('duplicate_held_by_another');
      const { kept, merged } = await deps.domain.leads.merge(keep._id, duplicate._id, principal.accountId);
      await audit(deps, principal, 'lead.merged', kept, { reference: kept.reference, merged: merged.reference, mergedId: merged._id, from: duplicate.status, to: merged.status });
      res.json(await detailOf(deps, kept, principal));
    },
  }),
];
