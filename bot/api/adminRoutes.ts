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
import type { Server } from 'restify';
import { ROLES, type AccountView, type Role } from '../../models/accounts/accountService';
import type { AuditDetails, AuditEntry } from '../../models/audit/auditLog';
import { ConflictError, NotFoundError, ValidationError } from '../../models/errors';
import { groupFormation } from '../../models/projects/groupFormation';
import { validateProjectRow, type NetworkProject } from '../../models/projects/project';
import { importProjects } from '../../models/projects/projectRepository';
import { checkPasswordPolicy } from '../../models/sessions/passwords';
import type { Store } from '../../models/store/store';
import type { Principal } from './auth';
import { apiRoute, dateRange, jsonBody, pageRequest, stringField, type ApiDeps, type JsonObject } from './request';

export const AUDIT_PARAMS = ['actor', 'action', 'target', 'from', 'to', 'limit', 'cursor'] as const;
export const GROUP_PARAMS = ['minWorkers', 'maxFirms'] as const;

const CODE = /^[A-Za-z0-9_.:@-]{1,200}$/;

export interface ProjectView {
  id: string;
  title: string;
  leadPartner: string;
  provinces: string[];
  sectors: string[];
  firms: string[];
  contact: NetworkProject['contact'];
  active: boolean;
  sample: boolean;
  updatedAt: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: AuditEntry['details'];
}

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

function intParam(query: ReadonlyMap<string, string>, field: string, min: number, max: number): number | undefined {
  const raw = query.get(field);
  if (raw === undefined) return undefined;
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError(field, 'out_of_range');
  return n;
}

export function registerAdminRoutes(server: Server, deps: ApiDeps): void {
  const { domain } = deps;

  server.get(
    '/api/groups',
    apiRoute(deps, { staffOnly: true, query: GROUP_PARAMS }, async ({ res, query }) => {
      const minWorkers = intParam(query, 'minWorkers', 1, 1000) ?? 10;
      const maxFirms = intParam(query, 'maxFirms', 1, 20) ?? 3;
      const leads = await domain.leads.listOpenUnassigned();
      res.json({ minWorkers, maxFirms, leads: leads.length, items: groupFormation(leads, { minWorkers, maxFirms }) });
    }),
  );

  server.get(
    '/api/audit',
    apiRoute(deps, { staffOnly: true, query: AUDIT_PARAMS }, async ({ res, query }) => {
      const filters: { actor?: string; action?: string; target?: string } = {};
      for (const key of ['actor', 'action', 'target'] as const) {
        const value = query.get(key);
        if (value === undefined) continue;
        if (!CODE.test(value)) throw new ValidationError(key, 'invalid_code');
        filters[key] = value;
      }
      const page = await domain.audit.list({ ...filters, ...dateRange(query) }, pageRequest(query));
      res.json({
        items: page.items.map(
          (e): AuditEntryView => ({ id: e._id, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, details: { ...e.details } }),
        ),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    }),
  );

  server.get(
    '/api/projects',
    apiRoute(deps, {}, async ({ res, principal }) => {
      const all = await domain.projects.list();
      const visible = principal.role === 'staff' ? all : all.filter((p) => principal.projectIds.includes(p._id));
      res.json({ items: visible.map(projectView) });
    }),
  );

  registerProjectAdmin(server, deps);
  registerAccountAdmin(server, deps);
}

// ---- staff changes: projects and accounts --------------------------------------------------------------------------

const PROJECT_FIELDS = ['id', 'title', 'leadPartner', 'provinces', 'sectors', 'firms', 'contact', 'active', 'sample'] as const;
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
/** the most rows one import request may carry */
export const MAX_IMPORT_ROWS = 500;

export interface AccountAdminView {
  id: string;
  name: string;
  role: Role;
  projectIds: string[];
  disabled: boolean;
  createdAt: string;
  /** whether the account can sign in to the console */
  hasPassword: boolean;
  /** whether a Teams user is linked */
  teamsLinked: boolean;
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
  const checked = validateProjectRow(row, 0, now);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new ValidationError(first.field, first.reason);
  }
  return checked.project;
}

function projectIdsField(body: JsonObject): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(body, 'projectIds')) return undefined;
  const value = body.projectIds;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new ValidationError('projectIds', 'not_a_list_of_strings');
  if (value.length > 50) throw new ValidationError('projectIds', 'too_many');
  for (const id of value) if (!PROJECT_ID.test(id)) throw new ValidationError('projectIds', 'invalid_project_id');
  return value;
}

function accountName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw : '';
  if (!ACCOUNT_NAME.test(name)) throw new NotFoundError('account');
  return name;
}

function registerProjectAdmin(server: Server, deps: ApiDeps): void {
  const { domain, logger } = deps;
  const audit = async (principal: Principal, action: string, target: string, details: AuditDetails): Promise<void> => {
    try {
      await domain.audit.append({ actor: principal.name, action, target, details });
    } catch (err) {
      logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };

  server.post(
    '/api/projects',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const project = checkedProject(jsonBody(req, PROJECT_FIELDS), deps.now());
      if (await domain.projects.exists(project._id)) throw new ConflictError('project_exists');
      await domain.projects.save([project]);
      await audit(principal, 'project.created', `project:${project._id}`, { active: project.active });
      res.status(201);
      res.json(projectView(project));
    }),
  );

  server.patch(
    '/api/projects/:id',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const id = typeof req.params?.id === 'string' && PROJECT_ID.test(req.params.id) ? req.params.id : '';
      if (!id) throw new NotFoundError('project');
      const body = jsonBody(req, PROJECT_FIELDS.filter((f) => f !== 'id'));
      const changed = Object.keys(body);
      if (changed.length === 0) throw new ValidationError('(body)', 'nothing_to_change');
      const current = await domain.projects.get(id);
      const project = checkedProject({ ...projectRow(current), ...body }, deps.now());
      await domain.projects.save([project]);
      const action = changed.length === 1 && changed[0] === 'active' ? (project.active ? 'project.activated' : 'project.deactivated') : 'project.updated';
      await audit(principal, action, `project:${id}`, { fields: changed.join(',').slice(0, 200), active: project.active });
      res.json(projectView(project));
    }),
  );

  server.post(
    '/api/projects/import',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const body = jsonBody(req, ['projects']);
      const rows = body.projects;
      if (!Array.isArray(rows)) throw new ValidationError('projects', rows === undefined ? 'required' : 'not_a_list_of_projects');
      if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError('projects', `too_many:max_${MAX_IMPORT_ROWS}`);
      const result = await importProjects(domain.projects, rows, deps.now());
      if (!result.ok) {
        // every problem at once, so staff fix the file in one go; nothing was written
        res.status(400);
        res.json({ error: { code: 'VALIDATION', reason: 'invalid_rows', field: 'projects' }, rows: result.errors.slice(0, 200) });
        return;
      }
      await audit(principal, 'project.imported', 'projects', { count: result.imported, ids: result.ids.join(',').slice(0, 200) });
      res.json({ imported: result.imported, ids: result.ids });
    }),
  );
}

function registerAccountAdmin(server: Server, deps: ApiDeps): void {
  const { domain, logger } = deps;
  const audit = async (principal: Principal, action: string, name: string, details: AuditDetails = {}): Promise<void> => {
    try {
      await domain.audit.append({ actor: principal.name, action, target: `account:${name}`, details });
    } catch (err) {
      logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };

  server.get(
    '/api/accounts',
    apiRoute(deps, { staffOnly: true }, async ({ res }) => {
      res.json({ items: (await domain.accounts.list()).map(accountAdminView) });
    }),
  );

  server.post(
    '/api/accounts',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const body = jsonBody(req, ['name', 'role', 'projectIds', 'password']);
      const name = stringField(body, 'name') ?? '';
      const role = stringField(body, 'role');
      if (role === undefined || !(ROLES as readonly string[]).includes(role)) throw new ValidationError('role', 'unknown_role');
      const projectIds = projectIdsField(body) ?? [];
      const password = stringField(body, 'password');
      // checked before anything is written, so a weak password leaves no half-made account
      if (password !== undefined) checkPasswordPolicy(password);
      const { account, token } = await domain.accounts.createAccount({ name, role: role as Role, projectIds });
      const withPassword = password !== undefined ? await domain.accounts.setPassword(account.name, password) : account;
      await audit(principal, 'account.created', account.name, { role: account.role, projects: account.projectIds.join(',').slice(0, 200), consoleSignIn: password !== undefined });
      res.status(201);
      res.json({ account: accountAdminView(withPassword), token });
    }),
  );

  server.patch(
    '/api/accounts/:name',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const name = accountName(req.params?.name);
      const body = jsonBody(req, ['disabled', 'projectIds']);
      const projectIds = projectIdsField(body);
      const disabled = body.disabled;
      if (disabled !== undefined && typeof disabled !== 'boolean') throw new ValidationError('disabled', 'not_a_boolean');
      if (disabled === undefined && projectIds === undefined) throw new ValidationError('(body)', 'nothing_to_change');
      if (disabled === true && name === principal.name) throw new ConflictError('cannot_disable_own_account');
      let account = await domain.accounts.getByName(name);
      if (projectIds !== undefined) {
        account = await domain.accounts.setProjects(name, projectIds);
        await audit(principal, 'account.projects_assigned', name, { projects: account.projectIds.join(',').slice(0, 200) });
      }
      if (disabled !== undefined && disabled !== account.disabled) {
        account = await domain.accounts.setDisabled(name, disabled);
        await audit(principal, disabled ? 'account.disabled' : 'account.enabled', name);
      }
      res.json(accountAdminView(account));
    }),
  );

  server.post(
    '/api/accounts/:name/token',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const name = accountName(req.params?.name);
      jsonBody(req, [], true);
      const token = await domain.accounts.rotateToken(name);
      await audit(principal, 'account.token_reset', name);
      res.json({ name, token });
    }),
  );

  server.post(
    '/api/accounts/:name/password',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      const name = accountName(req.params?.name);
      const password = stringField(jsonBody(req, ['password']), 'password');
      if (password === undefined) throw new ValidationError('password', 'required');
      await domain.accounts.setPassword(name, password);
      await audit(principal, 'account.password_set', name);
      res.status(204);
      res.end();
    }),
  );
}

// ---- staff: the embedded store's quarantine ---------------------------------------------------------------------

export function registerStoreAdminRoutes(server: Server, deps: ApiDeps & { store: Pick<Store, 'acknowledgeQuarantine'> }): void {
  server.post(
    '/api/admin/store/quarantine/ack',
    apiRoute(deps, { staffOnly: true }, async ({ req, res, principal }) => {
      jsonBody(req, [], true);
      const acknowledged = await deps.store.acknowledgeQuarantine();
      if (acknowledged.length > 0) {
        const details = { collections: acknowledged.map((q) => q.collection).join(',').slice(0, 200), lines: acknowledged.reduce((sum, q) => sum + q.lines, 0) };
        await deps.domain.audit.append({ actor: principal.name, action: 'store.quarantine_acknowledged', target: 'store', details });
      }
      res.json({ acknowledged });
    }),
  );
}
