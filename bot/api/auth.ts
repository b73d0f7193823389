/**
 * Who is calling: `Authorization: Bearer <token>` -> the account (AccountService.authenticate) -> a principal with
 * its role and the scope of referrals it may see. Staff see everything; an operator sees the referrals of the
 * projects assigned to their account.
 */
import type { AccountService, Role } from '../../models/accounts/accountService';
import { ForbiddenError, UnauthorizedError } from '../../models/errors';
import type { LeadScope } from '../../models/leads/leadService';

export interface Principal {
  accountId: string;
  /** the account's login name: what the audit log and other people see */
  name: string;
  role: Role;
  /** projects an operator works (empty for staff) */
  projectIds: readonly string[];
  scope: LeadScope;
}

/** The token of an `Authorization: Bearer <token>` header; UnauthorizedError when missing or malformed. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw new UnauthorizedError('missing_token');
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  if (!match) throw new UnauthorizedError('invalid_token');
  return match[1];
}

export async function authenticate(header: string | undefined, accounts: AccountService): Promise<Principal> {
  const account = await accounts.authenticate(bearerToken(header));
  const projectIds = account.role === 'operator' ? [...account.projectIds] : [];
  return {
    accountId: account._id,
    name: account.name,
    role: account.role,
    projectIds,
    scope: account.role === 'staff' ? { role: 'staff' } : { role: 'operator', projectIds },
  };
}

/** Staff-only endpoints answer 403 to operators (they are authenticated, just not allowed). */
export function requireStaff(principal: Principal): void {
  if (principal.role !== 'staff') throw new ForbiddenError('staff_only');
}
