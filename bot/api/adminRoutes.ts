/**
 * Staff tools and shared lists:
 *   GET /api/groups    staff: where new network projects could be formed (group formation over open leads no
 *                      project has taken)
 *   GET /api/audit     staff: the audit log, newest first, filters and cursor paging
 *   GET /api/projects  staff: every project; operator: the projects assigned to them
 * Staff changes (the console's projects and accounts pages), each audited:
 *   POST  /api/projects                   add a project (the import file's row format)
 *   PATCH /api/projects/:id               edit fields; `active: false` deactivates
 *   POST  /api/projects/import            { projects: [...] }: all rows checked first, nothing written on error
 *   GET   /api/accounts                   every account (never a token or password hash)
 *   POST  /api/accounts                   { name, role, projectIds?, password? } -> the bearer token, shown once
 *   PATCH /api/accounts/:name             { disabled?, projectIds? }
 *   POST  /api/accounts/:name/token       a new bearer token (shown once); the old one stops working
 *   POST  /api/accounts/:name/password    { password }: sets the console password; the account's sessions end
 *   POST  /api/admin/store/quarantine/ack  the embedded store's damaged records (set aside at start, reported by
 *                                          /readyz) are acknowledged: no longer reported, their files kept
 */
import { z } from 'zod';
import { ROLES, type AccountView, type Role } from '../../models/accounts/accountService';
import type { AuditDetails } from '../../models/audit/auditLog';
import { ConflictError, ValidationError } from '../../models/errors';
import { LOMBARDY_PROVINCES, PROJECT_ROW, SECTORS, parseProjectRow, type NetworkProject } from '../../models/projects/project';
import { importProjects } from '../../models/projects/projectRepository';
import { PASSWORD_MAX, PASSWORD_MIN, checkPasswordPolicy } from '../../models/sessions/passwords';
import type { Store } from '../../models/store/store';
import { quarantineReportSchema } from '../http/probesRoute';
import { AUTH_ERRORS, jsonAnswer, responseRef, schemaRef } from './apiDocs';
import type { Principal } from './auth';
import { errorSchema } from './errors';
import type { ApiDeps } from './request';
import { route, type ApiRoute, type JsonObject } from './routeTable';
import { DATE_RANGE_QUERY, PAGE_QUERY, count, intQueryOr, isoDateTime, pageOf, reasons, toAfterFrom } from './schemas';

const CODE = /^[A-Za-z0-9_.:@-]{1,200}$/;
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
/** the most rows one import request may carry */
export const MAX_IMPORT_ROWS = 500;

// ---- what the routes answer (the OpenAPI components are generated from these; the views are typed by them) -----

export const projectViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    leadPartner: z.string(),
    provinces: z.array(z.enum(LOMBARDY_PROVINCES)),
    sectors: z.array(z.enum(SECTORS)),
    firms: z.array(z.string()),
    contact: z.object({ email: z.string().optional(), phone: z.string().optional(), website: z.string().optional() }),
    active: z.boolean(),
    sample: z.boolean().meta({ description: 'true for the bundled [ESEMPIO] projects' }),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'Project' });
export type ProjectView = z.infer<typeof projectViewSchema>;
export const projectListSchema = z.object({ items: z.array(projectViewSchema) }).meta({ id: 'ProjectList' });
const projectImportResultSchema = z.object({ imported: count(), ids: z.array(z.string()) }).meta({ id: 'ProjectImportResult' });
const projectImportErrorsSchema = errorSchema
  .extend({
    rows: z
      .array(
        z.object({
          row: count('0-based; -1 for the whole file'),
          id: z.string().optional(),
          field: z.string(),
          reason: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ProjectImportErrors' });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: isoDateTime(),
    actor: z.string().meta({ description: 'Account name, "worker" or "system"' }),
    action: z.string().meta({ example: 'lead.claimed' }),
    target: z.string().meta({ example: 'lead:6f1c...' }),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({ description: 'Codes and ids only, never personal data' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().optional() }).meta({ id: 'AuditPage' });

const firmCountSchema = z.object({ firm: z.string(), workers: count() }).meta({ id: 'FirmCount' });
const groupFormationSchema = z
  .object({
    minWorkers: count(),
    maxFirms: count(),
    leads: count('Open unassigned referrals considered'),
    items: z.array(
      z
        .object({
          sector: z.string(),
          province: z.string(),
          firms: z.array(firmCountSchema).meta({ description: 'The best combination of up to maxFirms firms' }),
          workers: count(),
          canForm: z.boolean(),
          otherFirms: z.array(firmCountSchema),
          withoutFirm: count('Open referrals of this sector and province that named no firm'),
        })
        .meta({ id: 'GroupCandidate' }),
    ),
  })
  .meta({ id: 'GroupFormation' });

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    projectIds: z.array(z.string()),
    disabled: z.boolean(),
    createdAt: isoDateTime(),
    hasPassword: z.boolean().meta({ description: 'Can sign in to the console' }),
    teamsLinked: z.boolean(),
  })
  .meta({ id: 'Account' });
export type AccountAdminView = z.infer<typeof accountSchema>;
const accountListSchema = z.object({ items: z.array(accountSchema) }).meta({ id: 'AccountList' });
const accountCreatedSchema = z.object({ account: accountSchema, token: z.string().meta({ description: 'Bearer token, shown only now' }) }).meta({ id: 'AccountCreated' });
const accountTokenSchema = z.object({ name: z.string(), token: z.string().meta({ description: 'Shown only now' }) }).meta({ id: 'AccountToken' });
const quarantineAcknowledgedSchema = z.object({ acknowledged: z.array(quarantineReportSchema) }).meta({ id: 'QuarantineAcknowledged' });

function projectView(p: NetworkProject): ProjectView {
  return {
    id: p._id,
    title: p.title,
    leadPartner: p.leadPartner,
    provinces: [...p.provinces],
    sectors: [...p.sectors],
    firms: [...p.firms],
    contact: { ...p.contact },
    active: p.active,
    sample: p.sample,
    updatedAt: p.updatedAt.toISOString(),
  };
}

function accountAdminView(a: AccountView): AccountAdminView {
  return {
    id: a._id,
    name: a.name,
    role: a.role,
    projectIds: [...a.projectIds],
    disabled: a.disabled,
    createdAt: a.createdAt.toISOString(),
    hasPassword: a.passwordSetAt !== undefined,
    teamsLinked: a.teamsAadObjectId !== undefined,
  };
}

/** A project as an import row (what PATCH merges its fields into). */
function projectRow(p: NetworkProject): JsonObject {
  return { id: p._id, title: p.title, leadPartner: p.leadPartner, provinces: [...p.provinces], sectors: [...p.sectors], firms: [...p.firms], contact: { ...p.contact }, active: p.active, sample: p.sample };
}

function checkedProject(row: JsonObject, now: Date): NetworkProject {
  const checked = parseProjectRow(row, 0, now);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new ValidationError(first.field, first.reason);
  }
  return checked.project;
}

// ---- schemas ----------------------------------------------------------------------------------------------------

const code = (description: string) => z.string().regex(CODE, { error: 'invalid_code' }).meta({ description }).optional();
const auditQuery = z
  .object({
    actor: code('Account name (or worker/system)'),
    action: code('e.g. lead.claimed, lead.status_changed, lead.note_added, lead.project_assigned, lead.exported'),
    target: code('e.g. lead:<id>'),
    ...DATE_RANGE_QUERY,
    ...PAGE_QUERY,
  })
  .superRefine(toAfterFrom);

const groupsQuery = z.object({
  minWorkers: intQueryOr(1, 1000, 4, 10, 'Workers a project needs'),
  maxFirms: intQueryOr(1, 20, 4, 3, 'Firms a project may cover'),
});

/** A project as the import file writes it (models/, shared with the CLI's import); PATCH: any of its fields but id. */
const projectPatch = PROJECT_ROW.omit({ id: true }).partial().meta({ id: 'ProjectPatch', description: 'Any fields of ProjectInput but id' });
const projectImport = z
  .strictObject({
    projects: z
      .array(z.unknown(), reasons('not_a_list_of_projects'))
      .max(MAX_IMPORT_ROWS, { error: `too_many:max_${MAX_IMPORT_ROWS}` })
      .meta({ items: schemaRef('ProjectInput') }),
  })
  .meta({ id: 'ProjectImport' });

/** Operators' projects: a list of project ids (at most 50). */
const projectIdList = z
  .array(z.unknown(), { error: 'not_a_list_of_strings' })
  .superRefine((list, ctx) => {
    // one reason for the whole list, in this order (a list of strings, not too long, each an id)
    if (!list.every((v) => typeof v === 'string')) ctx.addIssue({ code: 'custom', message: 'not_a_list_of_strings' });
    else if (list.length > 50) ctx.addIssue({ code: 'custom', message: 'too_many' });
    else if (!list.every((v) => PROJECT_ID.test(v as string))) ctx.addIssue({ code: 'custom', message: 'invalid_project_id' });
  })
  .transform((list) => list as string[])
  .meta({ items: { type: 'string', pattern: PROJECT_ID.source }, maxItems: 50 });

const newAccount = z
  .strictObject({
    // the name's format, a taken name and the password's policy are the account service's to say (after the role)
    name: z.string({ error: 'not_a_string' }).meta({ pattern: ACCOUNT_NAME.source }).optional(),
    role: z.enum(ROLES, { error: (issue) => (issue.input === undefined || typeof issue.input === 'string' ? 'unknown_role' : 'not_a_string') }),
    projectIds: projectIdList.meta({ description: 'Operators only' }).optional(),
    password: z.string({ error: 'not_a_string' }).meta({ description: 'Console password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }).optional(),
  })
  .meta({ id: 'NewAccount' });
const accountPatch = z
  .strictObject({ projectIds: projectIdList.optional(), disabled: z.boolean({ error: 'not_a_boolean' }).optional() })
  .refine((patch) => patch.disabled !== undefined || patch.projectIds !== undefined, { error: 'nothing_to_change' })
  .meta({ id: 'AccountPatch' });
const passwordRequest = z.strictObject({ password: z.string(reasons('not_a_string')).meta({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }) }).meta({ id: 'PasswordRequest' });
const accountParams = z.object({ name: z.string().regex(ACCOUNT_NAME).meta({ description: 'The account\'s login name' }) });
const projectParams = z.object({ id: z.string().regex(PROJECT_ID).meta({ description: 'The project\'s id' }) });
const noBody = z.strictObject({});


/** A change happened: record it. The change stands even if the audit write fails (logged, without data). */
async function audit({ domain, logger }: ApiDeps, principal: Principal, action: string, target: string, details: AuditDetails = {}): Promise<void> {
  try {
    await domain.audit.append({ actor: principal.name, action, target, details });
  } catch (err) {
    logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
  }
}

// ---- the routes -------------------------------------------------------------------------------------------------

const STAFF = { staffOnly: true } as const;
const staffErrors = { ...AUTH_ERRORS, '403': responseRef('Forbidden') };
const changeErrors = { ...staffErrors, '415': responseRef('UnsupportedMediaType') };

export const ADMIN_ROUTES: ReadonlyArray<ApiRoute<ApiDeps>> = [
  route({
    ...STAFF,
    method: 'get',
    path: '/api/groups',
    operationId: 'listGroupCandidates',
    summary: 'Staff: where new network projects could be formed',
    description:
      'Open referrals no project has taken, per sector and province, grouped by firm: the best combination of ' +
      'up to `maxFirms` firms and whether it reaches `minWorkers` (fact sheet: at least 10 workers from at ' +
      'most 3 firms of one sector).',
    tags: ['staff'],
    query: groupsQuery,
    responses: { '200': jsonAnswer('Group candidates, formable first', groupFormationSchema), ...staffErrors },
    handler: async ({ res, query: { minWorkers, maxFirms } }, { domain }) => {
      const { leads, items } = await domain.leads.groupCandidates({ minWorkers, maxFirms });
      res.json({ minWorkers, maxFirms, leads, items } satisfies z.infer<typeof groupFormationSchema>);
    },
  }),
  route({
    ...STAFF,
    method: 'get',
    path: '/api/audit',
    operationId: 'listAuditEntries',
    summary: 'Staff: the audit log, newest first',
    tags: ['staff'],
    query: auditQuery,
    responses: { '200': jsonAnswer('A page of audit entries', auditPageSchema), ...staffErrors },
    handler: async ({ res, query }, { domain }) => {
      const { actor, action, target, from, to } = query;
      const filters = { ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(target ? { target } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
      const page = await domain.audit.list(filters, pageOf(query));
      res.json({
        items: page.items.map(
          (e): AuditEntryView => ({ id: e._id, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, details: { ...e.details } }),
        ),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      } satisfies z.infer<typeof auditPageSchema>);
    },
  }),
  route({
    method: 'get',
    path: '/api/projects',
    operationId: 'listProjects',
    summary: 'Network projects (staff: all; operators: their own)',
    tags: ['projects'],
    responses: { '200': jsonAnswer('Projects by id', projectListSchema), ...AUTH_ERRORS },
    handler: async ({ res, principal }, { domain }) => {
      const all = await domain.projects.list();
      const visible = principal.role === 'staff' ? all : all.filter((p) => principal.projectIds.includes(p._id));
      res.json({ items: visible.map(projectView) } satisfies z.infer<typeof projectListSchema>);
    },
  }),

  // ---- staff changes: projects -------------------------------------------------------------------------------
  route({
    ...STAFF,
    method: 'post',
    path: '/api/projects',
    operationId: 'createProject',
    summary: 'Staff: add a network project',
    description: 'The row format of `npm run projects -- import`. Audited as project.created.',
    tags: ['projects'],
    rawBody: PROJECT_ROW,
    responses: { '201': jsonAnswer('The project', projectViewSchema), ...changeErrors, '409': responseRef('Conflict') },
    handler: async ({ res, principal, body }, deps) => {
      const project = checkedProject(body, deps.now());
      if (await deps.domain.projects.exists(project._id)) throw new ConflictError('project_exists');
      await deps.domain.projects.save([project]);
      await audit(deps, principal, 'project.created', `project:${project._id}`, { active: project.active });
      res.status(201);
      res.json(projectView(project));
    },
  }),
  route({
    ...STAFF,
    method: 'patch',
    path: '/api/projects/:id',
    operationId: 'updateProject',
    summary: 'Staff: edit a project; `active: false` deactivates it (no new referrals)',
    description: 'Any fields but `id`; the whole project is checked again. Audited as project.updated, project.deactivated or project.activated.',
    tags: ['projects'],
    params: projectParams,
    notFoundAs: 'project',
    rawBody: projectPatch,
    requestExample: { active: false },
    responses: { '200': jsonAnswer('The project after the change', projectViewSchema), ...changeErrors, '404': responseRef('NotFound') },
    handler: async ({ res, principal, params: { id }, body }, deps) => {
      const changed = Object.keys(body);
      if (changed.length === 0) throw new ValidationError('(body)', 'nothing_to_change');
      const current = await deps.domain.projects.get(id);
      const project = checkedProject({ ...projectRow(current), ...body }, deps.now());
      await deps.domain.projects.save([project]);
      const action = changed.length === 1 && changed[0] === 'active' ? (project.active ? 'project.activated' : 'project.deactivated') : 'project.updated';
      await audit(deps, principal, action, `project:${id}`, { fields: changed.join(',').slice(0, 200), active: project.active });
      res.json(projectView(project));
    },
  }),
  route({
    ...STAFF,
    method: 'post',
    path: '/api/projects/import',
    operationId: 'importProjects',
    summary: 'Staff: create or replace projects by id from import rows',
    description: `Every row is checked first; with any problem the answer is 400 listing them all (\`rows\`) and nothing is written. At most ${MAX_IMPORT_ROWS} rows. Audited as project.imported.`,
    tags: ['projects'],
    body: projectImport,
    responses: {
      '200': jsonAnswer('Imported', projectImportResultSchema),
      '400': jsonAnswer('Invalid rows (nothing written), or an invalid request', projectImportErrorsSchema),
      '401': responseRef('Unauthorized'),
      '403': responseRef('Forbidden'),
      '415': responseRef('UnsupportedMediaType'),
      '500': responseRef('InternalError'),
    },
    handler: async ({ res, principal, body }, deps) => {
      const result = await importProjects(deps.domain.projects, body.projects, deps.now());
      if (!result.ok) {
        // every problem at once, so staff fix the file in one go; nothing was written
        res.status(400);
        res.json({ error: { code: 'VALIDATION', reason: 'invalid_rows', field: 'projects' }, rows: result.errors.slice(0, 200) } satisfies z.infer<typeof projectImportErrorsSchema>);
        return;
      }
      await audit(deps, principal, 'project.imported', 'projects', { count: result.imported, ids: result.ids.join(',').slice(0, 200) });
      res.json({ imported: result.imported, ids: result.ids } satisfies z.infer<typeof projectImportResultSchema>);
    },
  }),

  // ---- staff changes: accounts -------------------------------------------------------------------------------
  route({
    ...STAFF,
    method: 'get',
    path: '/api/accounts',
    operationId: 'listAccounts',
    summary: 'Staff: every account (never a token or password hash)',
    tags: ['accounts'],
    responses: { '200': jsonAnswer('Accounts by name', accountListSchema), ...staffErrors },
    handler: async ({ res }, { domain }) => {
      res.json({ items: (await domain.accounts.list()).map(accountAdminView) } satisfies z.infer<typeof accountListSchema>);
    },
  }),
  route({
    ...STAFF,
    method: 'post',
    path: '/api/accounts',
    operationId: 'createAccount',
    summary: 'Staff: add an account; its bearer token is in the answer, this once',
    description: 'With `password` (at least 12 characters) the account can also sign in to the console. Audited as account.created.',
    tags: ['accounts'],
    body: newAccount,
    requestExample: { name: 'op-bergamo-2', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] },
    responses: { '201': jsonAnswer('Created', accountCreatedSchema), ...changeErrors, '409': responseRef('Conflict') },
    handler: async ({ res, principal, body }, deps) => {
      const { domain } = deps;
      const { role, password } = body;
      // checked before anything is written, so a weak password leaves no half-made account
      if (password !== undefined) checkPasswordPolicy(password);
      const { account, token } = await domain.accounts.createAccount({ name: body.name ?? '', role: role as Role, projectIds: body.projectIds ?? [] });
      const withPassword = password !== undefined ? await domain.accounts.setPassword(account.name, password) : account;
      await audit(deps, principal, 'account.created', `account:${account.name}`, { role: account.role, projects: account.projectIds.join(',').slice(0, 200), consoleSignIn: password !== undefined });
      res.status(201);
      res.json({ account: accountAdminView(withPassword), token } satisfies z.infer<typeof accountCreatedSchema>);
    },
  }),
  route({
    ...STAFF,
    method: 'patch',
    path: '/api/accounts/:name',
    operationId: 'updateAccount',
    summary: 'Staff: disable or enable an account, or set the projects an operator works',
    description: 'A disabled account\'s token and console sessions stop working at once. Staff cannot disable their own account (409). Audited as account.disabled, account.enabled, account.projects_assigned.',
    tags: ['accounts'],
    params: accountParams,
    notFoundAs: 'account',
    body: accountPatch,
    requestExample: { disabled: true },
    responses: { '200': jsonAnswer('The account after the change', accountSchema), ...changeErrors, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, principal, params: { name }, body: { projectIds, disabled } }, deps) => {
      const { domain } = deps;
      if (disabled === true && name === principal.name) throw new ConflictError('cannot_disable_own_account');
      let account = await domain.accounts.getByName(name);
      if (projectIds !== undefined) {
        account = await domain.accounts.setProjects(name, projectIds);
        await audit(deps, principal, 'account.projects_assigned', `account:${name}`, { projects: account.projectIds.join(',').slice(0, 200) });
      }
      if (disabled !== undefined && disabled !== account.disabled) {
        account = await domain.accounts.setDisabled(name, disabled);
        await audit(deps, principal, disabled ? 'account.disabled' : 'account.enabled', `account:${name}`);
      }
      res.json(accountAdminView(account));
    },
  }),
  route({
    ...STAFF,
    method: 'post',
    path: '/api/accounts/:name/token',
    operationId: 'resetAccountToken',
    summary: 'Staff: a new bearer token for the account (shown this once); the old one stops working',
    tags: ['accounts'],
    params: accountParams,
    notFoundAs: 'account',
    body: noBody,
    bodyOptional: true,
    responses: { '200': jsonAnswer('The new token', accountTokenSchema), ...staffErrors, '404': responseRef('NotFound') },
    handler: async ({ res, principal, params: { name } }, deps) => {
      const token = await deps.domain.accounts.rotateToken(name);
      await audit(deps, principal, 'account.token_reset', `account:${name}`);
      res.json({ name, token } satisfies z.infer<typeof accountTokenSchema>);
    },
  }),
  route({
    ...STAFF,
    method: 'post',
    path: '/api/accounts/:name/password',
    operationId: 'setAccountPassword',
    summary: 'Staff: set the account\'s console password; its open console sessions end',
    tags: ['accounts'],
    params: accountParams,
    notFoundAs: 'account',
    body: passwordRequest,
    responses: { '204': { description: 'Set' }, ...changeErrors, '404': responseRef('NotFound') },
    handler: async ({ res, principal, params: { name }, body: { password } }, deps) => {
      await deps.domain.accounts.setPassword(name, password);
      await audit(deps, principal, 'account.password_set', `account:${name}`);
      res.status(204);
      res.end();
    },
  }),
];

// ---- staff: the embedded store's quarantine ---------------------------------------------------------------------

export interface StoreAdminDeps extends ApiDeps {
  store: Pick<Store, 'acknowledgeQuarantine'>;
}

export const STORE_ADMIN_ROUTES: ReadonlyArray<ApiRoute<StoreAdminDeps>> = [
  route({
    ...STAFF,
    method: 'post',
    path: '/api/admin/store/quarantine/ack',
    operationId: 'acknowledgeQuarantine',
    summary: 'Staff: acknowledge the records the embedded store set aside as damaged; /readyz stops reporting them',
    description:
      'Each quarantine file is renamed `<file>.acknowledged-<time>` and kept in the data folder for inspection (it may hold personal data: delete it once looked at). Audited as store.quarantine_acknowledged. Nothing to acknowledge answers an empty list.',
    tags: ['staff'],
    body: noBody,
    bodyOptional: true,
    responses: { '200': jsonAnswer('What was acknowledged', quarantineAcknowledgedSchema), ...staffErrors },
    handler: async ({ res, principal }, deps) => {
      const acknowledged = await deps.store.acknowledgeQuarantine();
      if (acknowledged.length > 0) {
        const details = { collections: acknowledged.map((q) => q.collection).join(',').slice(0, 200), lines: acknowledged.reduce((sum, q) => sum + q.lines, 0) };
        await deps.domain.audit.append({ actor: principal.name, action: 'store.quarantine_acknowledged', target: 'store', details });
      }
      res.json({ acknowledged } satisfies z.infer<typeof quarantineAcknowledgedSchema>);
    },
  }),
];
