/** The console through the real server: accounts with passwords, sign-in, and calls with the session cookie. */
import type { Role } from '../../models/accounts/accountService';
import { call, type ApiBot, type ApiResponse, type ServedBot } from '../api/helpers';

export const PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

/** Creates an account with a console password (and returns its bearer token too). */
export async function accountWithPassword(api: ApiBot<ServedBot>, name: string, role: Role, projectIds: string[] = [], password = PASSWORD): Promise<string> {
  const { token } = await api.bot.domain.accounts.createAccount({ name, role, projectIds });
  await api.bot.domain.accounts.setPassword(name, password);
  return token;
}

export async function login(api: ApiBot<ServedBot>, name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<ApiResponse<{ name: string; role: string; projectIds: string[]; csrfToken: string; error?: { reason: string } }>> {
  return call(api, 'POST', '/console/api/login', undefined, { name, password }, headers);
}

/** Signs in; fails the test when it does not work. */
export async function signIn(api: ApiBot<ServedBot>, name: string, password = PASSWORD): Promise<SignedIn> {
  const r = await login(api, name, password);
  if (r.status !== 200) throw new Error(`sign-in of ${name} answered ${r.status}`);
  const setCookie = r.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  return { cookie, csrfToken: r.body.csrfToken, setCookie };
}

/** A call with the session cookie; `csrf` adds the X-CSRF-Token header. */
export async function withSession<T = unknown>(api: ApiBot<ServedBot>, session: SignedIn, method: string, path: string, body?: unknown, csrf = true): Promise<ApiResponse<T>> {
  return call<T>(api, method, path, undefined, body, { cookie: session.cookie, ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}) });
}
