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
import type { Server } from 'restify';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../models/errors';
import { toCsv, CSV_FIELDS } from '../../models/leads/csv';
import { CLOSE_REASONS, LEAD_STATUSES, REFERENCE_PATTERN, isCloseReason, isLeadStatus, type Lead, type LeadStatus } from '../../models/leads/lead';
import { LeadAlreadyClaimedError, NOTE_MAX, leadVisibleTo, type LeadFilters } from '../../models/leads/leadService';
import type { AuditDetails } from '../../models/audit/auditLog';
import type { Principal } from './auth';
import { AlreadyClaimedError } from './errors';
import { apiRoute, dateRange, jsonBody, pageRequest, stringField, type ApiDeps, type JsonObject } from './request';
import { accountIdsOf, exportableLead, referralDetail, referralSummary, type ReferralDetail } from './views';

export const FILTER_PARAMS = ['status', 'province', 'project', 'from', 'to'] as const;
export const LIST_PARAMS = [...FILTER_PARAMS, 'limit', 'cursor'] as const;
/** statuses PATCH may set (claiming has its own endpoint, erasure is the worker's) */
export const PATCH_STATUSES = ['contacted', 'enrolled', 'placed', 'closed'] as const;
export const PATCH_FIELDS = ['status', 'reason', 'note', 'projectId'] as const;
/** an export larger than this asks for narrower filters instead of building a huge file in memory */
export const MAX_EXPORT_ROWS = 10_000;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const EXPORT_PAGE = 100;

type PatchStatus = (typeof PATCH_STATUSES)[number];

/** The referral filters of the query string, checked; `project=none` is the unassigned queue. */
export function leadFilters(query: ReadonlyMap<string, string>): LeadFilters {
  const filters: LeadFilters = {};
  const status = query.get('status');
  if (status !== undefined) {
    const statuses = status.split(',').map((s) => s.trim());
    if (statuses.length > LEAD_STATUSES.length || !statuses.every(isLeadStatus)) throw new ValidationError('status', 'unknown_status');
    filters.status = statuses as LeadStatus[];
  }
  const province = query.get('province');
  if (province !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(province)) throw new ValidationError('province', 'invalid_province');
    filters.province = province.toUpperCase();
  }
  const project = query.get('project');
  if (project !== undefined) {
    if (project === 'none') filters.projectId = null;
    else if (PROJECT_ID.test(project)) filters.projectId = project;
    else throw new ValidationError('project', 'invalid_project_id');
  }
  return { ...filters, ...dateRange(query) };
}

function filterDetails(query: ReadonlyMap<string, string>): AuditDetails {
  const details: AuditDetails = {};
  for (const key of FILTER_PARAMS) {
    const value = query.get(key);
    if (value !== undefined) details[key] = value.slice(0, 100);
  }
  return details;
}

export type ReferralApiDeps = ApiDeps;

export function registerReferralRoutes(server: Server, deps: ReferralApiDeps): void {
  const { domain, logger } = deps;

  /** The referral by id or reference, if this caller may see it; 404 otherwise (no hint that it exists). */
  const visibleLead = async (rawId: unknown, principal: Principal): Promise<Lead> => {
    const id = typeof rawId === 'string' ? rawId : '';
    if (!ID.test(id)) throw new NotFoundError('lead');
    const lead = REFERENCE_PATTERN.test(id.toUpperCase()) ? await domain.leads.getByReference(id) : await domain.leads.get(id);
    if (!leadVisibleTo(principal.scope, lead)) throw new NotFoundError('lead', id);
    return lead;
  };

  const detailOf = async (lead: Lead, principal: Principal): Promise<ReferralDetail> => {
    const duplicates = await domain.leads.possibleDuplicatesOf(lead);
    return referralDetail(lead, principal, await domain.accounts.namesByIds(accountIdsOf([lead, ...duplicates], true)), duplicates);
  };

  /** A change happened: record it. The change stands even if the audit write fails (logged, without data). */
  const audit = async (principal: Principal, action: string, lead: Pick<Lead, '_id'>, details: AuditDetails): Promise<void> => {
    try {
      await domain.audit.append({ actor: principal.name, action, target: `lead:${lead._id}`, details });
    } catch (err) {
      logger.error({ action, leadId: lead._id, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };

  server.get(
    '/api/referrals',
    apiRoute(deps, { query: LIST_PARAMS }, async ({ res, query, principal }) => {
      const page = await domain.leads.list(principal.scope, leadFilters(query), pageRequest(query));
      const names = await domain.accounts.namesByIds(accountIdsOf(page.items, false));
      res.json({
        items: page.items.map((lead) => referralSummary(lead, principal, names)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    }),
  );

  server.get(
    '/api/referrals/export.csv',
    apiRoute(deps, { query: FILTER_PARAMS }, async ({ res, query, principal }) => {
      const filters = leadFilters(query);
      const rows: Lead[] = [];
      let cursor: string | undefined;
      do {
        const page = await domain.leads.list(principal.scope, filters, { limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
        rows.push(...page.items.map((lead) => exportableLead(lead, principal)));
        if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError('(query)', `too_many_rows:narrow_with_from_to:max_${MAX_EXPORT_ROWS}`);
        cursor = page.nextCursor;
      } while (cursor);
      const body = toCsv(rows, CSV_FIELDS);
      await domain.audit.append({ actor: principal.name, action: 'lead.exported', target: 'leads', details: { rows: rows.length, ...filterDetails(query) } });
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="referrals-${deps.now().toISOString().slice(0, 10)}.csv"`,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    }),
  );

  server.get(
    '/api/referrals/:id',
    apiRoute(deps, {}, async ({ req, res, principal }) => {
      const lead = await visibleLead(req.params?.id, principal);
      res.json(await detailOf(lead, principal));
    }),
  );

  server.post(
    '/api/referrals/:id/claim',
    apiRoute(deps, {}, async ({ req, res, principal }) => {
      jsonBody(req, [], true);
      const lead = await visibleLead(req.params?.id, principal);
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
      await audit(principal, 'lead.claimed', claimed, { reference: claimed.reference, from: 'new', to: 'claimed', projectId: claimed.projectId });
      res.json(await detailOf(claimed, principal));
    }),
  );

  const addNote = async (principal: Principal, lead: Lead, text: string): Promise<Lead> => {
    const updated = await domain.leads.addNote(lead._id, principal.accountId, text);
    await audit(principal, 'lead.note_added', updated, { reference: updated.reference, length: [...text.trim()].length });
    return updated;
  };

  /** Operators work only referrals they claimed; staff any. */
  const requireHolder = (principal: Principal, lead: Lead): void => {
    if (principal.role === 'operator' && lead.operatorId !== principal.accountId) throw new ForbiddenError('not_your_referral');
  };

  server.patch(
    '/api/referrals/:id',
    apiRoute(deps, {}, async ({ req, res, principal }) => {
      const body = jsonBody(req, PATCH_FIELDS);
      const change = parsePatch(body);
      let lead = await visibleLead(req.params?.id, principal);
      if (change.projectId !== undefined && principal.role !== 'staff') throw new ForbiddenError('assigning_is_staff_only');
      if (change.status !== undefined || change.note !== undefined) requireHolder(principal, lead);

      if (change.projectId !== undefined) {
        const from = lead.projectId;
        lead = await domain.leads.assignProject(lead._id, change.projectId, principal.accountId);
        await audit(principal, 'lead.project_assigned', lead, { reference: lead.reference, from, to: lead.projectId });
      }
      if (change.status !== undefined) {
        const from = lead.status;
        lead = await domain.leads.transition(lead._id, change.status, {
          by: principal.accountId,
          ...(change.reason !== undefined ? { reason: change.reason } : {}),
          requireClaimedBy: principal.role === 'operator',
        });
        await audit(principal, 'lead.status_changed', lead, { reference: lead.reference, from, to: lead.status, ...(change.reason ? { reason: change.reason } : {}) });
      }
      if (change.note !== undefined) lead = await addNote(principal, lead, change.note);
      res.json(await detailOf(lead, principal));
    }),
  );

  server.post(
    '/api/referrals/:id/notes',
    apiRoute(deps, {}, async ({ req, res, principal }) => {
      const body = jsonBody(req, ['text']);
      const text = noteText(stringField(body, 'text'), 'text');
      const lead = await visibleLead(req.params?.id, principal);
      requireHolder(principal, lead);
      const updated = await addNote(principal, lead, text);
      res.status(201);
      res.json(await detailOf(updated, principal));
    }),
  );

  /**
   * After speaking to the person, an operator (or staff) folds `duplicate` into this referral: the duplicate is
   * closed (reason `merged`) and points here; this one gains its chat identities. Operators: both referrals in
   * their projects (404 otherwise), this one claimed by them and the duplicate unclaimed or theirs (403).
   */
  server.post(
    '/api/referrals/:id/merge',
    apiRoute(deps, {}, async ({ req, res, principal }) => {
      const body = jsonBody(req, ['duplicate']);
      const duplicateId = stringField(body, 'duplicate');
      if (duplicateId === undefined || duplicateId.trim() === '') throw new ValidationError('duplicate', 'required');
      const keep = await visibleLead(req.params?.id, principal);
      const duplicate = await visibleLead(duplicateId.trim(), principal);
      if (keep._id === duplicate._id) throw new ValidationError('duplicate', 'same_referral');
      requireHolder(principal, keep);
      if (principal.role === 'operator' && duplicate.operatorId !== undefined && duplicate.operatorId !== principal.accountId) throw new ForbiddenError('duplicate_held_by_another');
      const { kept, merged } = await domain.leads.merge(keep._id, duplicate._id, principal.accountId);
      await audit(principal, 'lead.merged', kept, { reference: kept.reference, merged: merged.reference, mergedId: merged._id, from: duplicate.status, to: merged.status });
      res.json(await detailOf(kept, principal));
    }),
  );
}

function noteText(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw new ValidationError(field, 'required');
  if ([...value.trim()].length > NOTE_MAX) throw new ValidationError(field, 'too_long');
  return value;
}

export interface ReferralPatch {
  status?: PatchStatus;
  reason?: (typeof CLOSE_REASONS)[number];
  note?: string;
  /** null puts it back in the unassigned queue */
  projectId?: string | null;
}

/** The PATCH body, checked as a whole before anything is written. */
export function parsePatch(body: JsonObject): ReferralPatch {
  const patch: ReferralPatch = {};
  const status = stringField(body, 'status');
  if (status !== undefined) {
    if (status === 'claimed') throw new ValidationError('status', 'use_the_claim_endpoint');
    const allowed = PATCH_STATUSES.find((s) => s === status);
    if (allowed === undefined) throw new ValidationError('status', 'unknown_status');
    patch.status = allowed;
  }
  const reason = stringField(body, 'reason');
  if (reason !== undefined) {
    if (!isCloseReason(reason)) throw new ValidationError('reason', 'unknown_close_reason');
    if (patch.status !== 'closed') throw new ValidationError('reason', 'only_when_closing');
    patch.reason = reason;
  } else if (patch.status === 'closed') {
    throw new ValidationError('reason', 'close_reason_required');
  }
  const note = stringField(body, 'note');
  if (note !== undefined) patch.note = noteText(note, 'note');
  if (Object.prototype.hasOwnProperty.call(body, 'projectId')) {
    const projectId = body.projectId;
    if (projectId !== null && typeof projectId !== 'string') throw new ValidationError('projectId', 'not_a_string_or_null');
    if (typeof projectId === 'string' && !PROJECT_ID.test(projectId)) throw new ValidationError('projectId', 'invalid_project_id');
    patch.projectId = projectId;
  }
  if (patch.status === undefined && patch.note === undefined && patch.projectId === undefined) throw new ValidationError('(body)', 'nothing_to_change');
  return patch;
}
