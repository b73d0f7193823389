/**
 * An account as an operator of handoffs now: its projects that are active, and their provinces. Computed at the time
 * of every decision (who may take a request, who sees it, whether anyone is available for it) from the accounts and
 * projects as staff left them, never from a copy taken when the operator said "disponibile": a presence lasts up to
 * hours, and an operator removed from a project (or whose project was disabled, or moved to other provinces)
 * meanwhile must not count for it, on whichever instance decides.
 */
import type { OperatorRef } from './handoff';

export interface OperatorAccount {
  _id: string;
  name: string;
  role: string;
  projectIds: readonly string[];
}

export interface ActiveProject {
  _id: string;
  provinces: readonly string[];
}

export function operatorNow(account: OperatorAccount, activeProjects: readonly ActiveProject[]): OperatorRef {
  if (account.role === 'staff') return { accountId: account._id, name: account.name, role: 'staff', projectIds: [], provinces: [] };
  const projects = activeProjects.filter((p) => account.projectIds.includes(p._id));
  return {
    accountId: account._id,
    name: account.name,
    role: 'operator',
    projectIds: projects.map((p) => p._id),
    provinces: [...new Set(projects.flatMap((p) => p.provinces))],
  };
}
