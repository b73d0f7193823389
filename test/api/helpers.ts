/**
 * The operators' API through the real server with a clock that moves only when told: built and answering in process
 * (injectApiBot, test/support/injectServer.ts) for tests of routes, or on a free port (startApiBot) for those that
 * need a socket or the background jobs.
 */
import type { RunningBot, StartOptions } from '../../bot/index';
import type { Role } from '../../models/accounts/accountService';
import type { Lead } from '../../models/leads/lead';
import type { LeadSubmission } from '../../models/leads/leadService';
import { startTestBot } from '../support/botServer';
import { injectTestBot, type InjectedBot, type InProcessFetch } from '../support/injectServer';
import { fixedClock, submission } from '../leads/fixtures';

export const BG_PROJECT = 'esempio-bg-metalmeccanico';
export const CO_PROJECT = 'esempio-co-tessile';

/** a server the API tests talk to: listening, or answering in process */
export type ServedBot = Omit<RunningBot, 'port'>;

export interface ApiBot<Bot extends ServedBot = RunningBot> {
  bot: Bot;
  url: string;
  clock: { now: () => Date; advance: (ms: number) => void };
  /** fetch to this server: in process for injectApiBot; the global fetch (over the socket) when absent */
  fetch?: InProcessFetch;
}

/** injectApiBot's: the server answers in process */
export type InjectedApiBot = ApiBot<InjectedBot> & { fetch: InProcessFetch };

/** The API on a free port, background jobs running: for what needs a socket (a browser, a Connector stand-in...). */
export async function startApiBot(env: Record<string, string> = {}, options: Omit<StartOptions, 'env' | 'clock'> = {}): Promise<ApiBot> {
  const clock = fixedClock('2025-03-03T09:00:00.000Z');
  const bot = await startTestBot(env, { ...options, clock: clock.now });
  return { bot, url: bot.url, clock };
}

/** The same API built and answering in process, no socket and no background job: for tests of the routes. */
export async function injectApiBot(env: Record<string, string> = {}, options: Omit<StartOptions, 'env' | 'clock'> = {}): Promise<InjectedApiBot> {
  const clock = fixedClock('2025-03-03T09:00:00.000Z');
  const bot = await injectTestBot(env, { ...options, clock: clock.now });
  return { bot, url: bot.url, clock, fetch: bot.fetch };
}

/** Creates an account and returns its bearer token. */
export async function tokenFor(api: ApiBot<ServedBot>, name: string, role: Role, projectIds: string[] = []): Promise<string> {
  const { token } = await api.bot.domain.accounts.createAccount({ name, role, projectIds });
  return token;
}

let people = 0;

export type Where = 'bg' | 'co' | 'unassigned';

const EMPLOYERS: Record<Where, { province: string; employer: LeadSubmission['employer'] }> = {
  // the firm is one of the BG project's: matched by firm
  bg: { province: 'BG', employer: { name: 'Officine Esempio srl', sector: 'metalmeccanico' } },
  co: { province: 'CO', employer: { name: 'Seterie Esempio S.p.A.', sector: 'tessile' } },
  // no project works ICT in Bergamo: the lead waits for staff
  unassigned: { province: 'BG', employer: { name: 'Software Inesistente srl', sector: 'ict' } },
};

/** A new referral from a new person (unique phone and e-mail, so it never merges into another). One clock second later. */
export async function referral(api: ApiBot<ServedBot>, where: Where, overrides: { name?: string; employerName?: string; sector?: string } = {}): Promise<Lead> {
  people += 1;
  api.clock.advance(1000);
  const base = submission();
  const place = EMPLOYERS[where];
  const { lead } = await api.bot.domain.leads.submit(
    {
      ...base,
      precheck: { ...base.precheck, answers: { ...base.precheck.answers, province: place.province } },
      contact: { name: overrides.name ?? `Lavoratore ${people}`, phone: `333 ${String(1000000 + people)}`, email: `lavoratore.${people}@example.com`, preferredTime: 'mattina' },
      employer: { ...place.employer, ...(overrides.employerName ? { name: overrides.employerName } : {}), ...(overrides.sector ? { sector: overrides.sector } : {}) },
      channelUserId: `user-${people}`,
    },
    `submission-${people}-${Date.now()}`,
  );
  return lead;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorBody {
  error: { code: string; reason: string; field?: string; claimedBy?: string; from?: string; to?: string };
}

/** The API's fetch with a bearer token; the JSON body parsed when there is one. */
export async function call<T = unknown>(api: ApiBot<ServedBot>, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const init: RequestInit = { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await (api.fetch ?? fetch)(`${api.url}${path}`, init);
  const text = await response.text();
  const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : (text as T);
  return { status: response.status, headers: response.headers, body: parsed };
}
