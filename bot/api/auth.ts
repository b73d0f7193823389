/**
 * Who is calling: `Authorization: Bearer <token>` -> the account (AccountService.authenticate) -> a principal with
 * its role and the scope of referrals it may see. Staff see everything; an operator sees the referrals of the
 * projects assigned to their account.
 *
 * Without an Authorization header, the console's session cookie (`adr_session`, bot/console) identifies the
 * caller instead. A cookie is sent by the browser on its own, so with it every request that may change something
 * (any method but GET/HEAD/OPTIONS) must also carry the session's CSRF token in `X-CSRF-Token`; a bearer token is
 * never ambient and needs none.
 */
import type { Request } from 'restify';
import type { AccountService, AccountView, Role } from '../../models/accounts/accountService';
import { ForbiddenError, UnauthorizedError } from '../../models/errors';
import type { LeadScope } from '../../models/leads/leadService';
import { sameToken } from '../../models/sessions/sessionStore';

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

/** The console's signed-in session of a request: its (active) account and CSRF token. */
export interface CookieSession {
  account: AccountView;
  csrfToken: string;
}

/**
 * Resolves the request's session cookie: null without one; UnauthorizedError for an expired or unknown one. The
 * console attaches it to every request (bot/console/consoleRoutes.ts), so the API needs no session store itself.
 */
export type SessionResolver = () => Promise<CookieSession | null>;
export type RequestWithSession = Request & { sessionAuth?: SessionResolver };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The bearer token when the request has an Authorization header, else the console's session cookie. */
export async function authenticateRequest(req: Request, accounts: AccountService): Promise<Principal> {
  const header = req.header('authorization') || undefined;
  const resolver = (req as RequestWithSession).sessionAuth;
  if (header !== undefined || !resolver) return authenticate(header, accounts);
  const session = await resolver();
  if (!session) return authenticate(undefined, accounts);
  if (!SAFE_METHODS.has(req.method ?? '')) {
    const sent = req.header('x-csrf-token') ?? '';
    if (sent === '' || !sameToken(sent, session.csrfToken)) throw new ForbiddenError('csrf_token_missing_or_invalid');
  }
  return principalOf(session.account);
}

export async function authenticate(header: string | undefined, accounts: AccountService): Promise<Principal> {
  return principalOf(await accounts.authenticate(bearerToken(header)));
}

/** The principal of an (active) account. */
export function principalOf(account: AccountView): Principal {
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
