/**
 * Staff tools and shared lists:
 *   GET /api/groups    staff: where new network projects could be formed (group formation over open leads no
 *                      project has taken)
 *   GET /api/audit     staff: the audit log, newest first, filters and cursor paging
 *   GET /api/projects  staff: every project; operator: the projects assigned to them
 */
import type { Server } from 'restify';
import type { AuditEntry } from '../../models/audit/auditLog';
import { ValidationError } from '../../models/errors';
import { groupFormation } from '../../models/projects/groupFormation';
import type { NetworkProject } from '../../models/projects/project';
import { apiRoute, dateRange, pageRequest, type ApiDeps } from './request';

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
}
