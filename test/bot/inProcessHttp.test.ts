/**
 * The in-process server (test/support/injectServer.ts) answers as the listening one: the same requests sent to a bot
 * on a port and to one built and answering in process get the same status, headers and body. This is what lets
 * route suites run without a socket.
 */
import { BG_PROJECT, call, injectApiBot, startApiBot, tokenFor, type ApiBot, type ServedBot } from '../api/helpers';
import { submission } from '../leads/fixtures';
import { accountWithPassword, login } from '../console/helpers';

/** what a test of a route looks at; the date, and the values that are random per server, left out */
interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** tokens (32 random bytes, base64url), request ids, lead ids and references */
const RANDOM_PER_SERVER = /[A-Za-z0-9_-]{43}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bAR-[A-Z0-9]{5}\b/g;
const withoutRandom = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(RANDOM_PER_SERVER, '<random>'));

async function seen(api: ApiBot<ServedBot>, path: string, init: RequestInit = {}): Promise<Seen> {
  const response = await (api.fetch ?? fetch)(`${api.url}${path}`, init);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // the date moves, keep-alive is the socket's; the body's length is compared through the body itself
    if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value.replace(RANDOM_PER_SERVER, '<random>');
  });
  return { status: response.status, headers, body: (await response.text()).replace(RANDOM_PER_SERVER, '<random>') };
}

describe('a request answered in process is answered as over a socket', () => {
  let listening: ApiBot;
  let inProcess: ApiBot<ServedBot>;
  const tokens = new Map<ApiBot<ServedBot>, { staff: string; operator: string }>();

  beforeAll(async () => {
    listening = await startApiBot();
    inProcess = await injectApiBot();
    for (const api of [listening, inProcess]) {
      tokens.set(api, { staff: await tokenFor(api, 'staff-1', 'staff'), operator: await tokenFor(api, 'op-bg', 'operator', [BG_PROJECT]) });
      await accountWithPassword(api, 'op-pw', 'operator', [BG_PROJECT]);
      // the same two people on the same clock: the same leads but for their random ids and references
      for (const [i, name] of ['Parità Uno', 'Parità Due'].entries()) {
        api.clock.advance(1000);
        const base = submission();
        await api.bot.domain.leads.submit({ ...base, contact: { ...base.contact, name, phone: `333 100000${i}`, email: `parita.${i}@example.org` }, channelUserId: `parity-${i}` }, `parity-${i}`);
      }
    }
  }, 60000);
  afterAll(async () => {
    await listening?.bot.stop();
    await inProcess?.bot.stop();
  });

  const staff = (api: ApiBot<ServedBot>): RequestInit => ({ headers: { authorization: `Bearer ${tokens.get(api)?.staff}` } });
  const cases: Array<[string, string, (api: ApiBot<ServedBot>) => RequestInit]> = [
    ['a probe', '/healthz', () => ({})],
    ['a HEAD', '/healthz', () => ({ method: 'HEAD' })],
    ['an unknown path (404 JSON)', '/nowhere', () => ({})],
    ['an API route without a token (401)', '/api/referrals', () => ({})],
    ['a list as staff (200 JSON)', '/api/referrals', staff],
    ['a query the route refuses (400 naming the field)', '/api/referrals?colour=blue', staff],
    ['a streamed CSV export', '/api/referrals/export.csv', staff],
    ['a JSON body that does not parse (400)', '/api/referrals/x/notes', (api) => ({ method: 'POST', headers: { ...staff(api).headers, 'content-type': 'application/json' }, body: '{"text":' })],
    ['a string body with fetch\'s default content type (415)', '/api/referrals/x/notes', (api) => ({ method: 'POST', headers: staff(api).headers, body: 'a note' })],
    ['a byte body', '/api/eligibility', () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode('{}') })],
    ['the console page (CSP, nosniff)', '/console', () => ({})],
    ['the privacy notice in English', '/privacy', () => ({ headers: { 'accept-language': 'en' } })],
  ];

  test.each(cases)('%s', async (_what, path, init) => {
    const overSocket = await seen(listening, path, init(listening));
    const answered = await seen(inProcess, path, init(inProcess));
    expect(answered).toEqual(overSocket);
    expect(overSocket.status).toBeGreaterThanOrEqual(200);
  });

  test('a console session: the cookie set at sign-in signs the next requests in, and a change needs its CSRF token', async () => {
    const journey = async (api: ApiBot<ServedBot>): Promise<unknown[]> => {
      const signedIn = await login(api, 'op-pw');
      const setCookie = signedIn.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0];
      const me = await call(api, 'GET', '/console/api/me', undefined, undefined, { cookie });
      const leadId = (await call<{ items: Array<{ id: string }> }>(api, 'GET', '/api/referrals', undefined, undefined, { cookie })).body.items[0]?.id;
      const noCsrf = await call(api, 'POST', `/api/referrals/${leadId}/claim`, undefined, {}, { cookie });
      const claimed = await call(api, 'POST', `/api/referrals/${leadId}/claim`, undefined, {}, { cookie, 'x-csrf-token': signedIn.body.csrfToken });
      return [signedIn.status, setCookie.replace(RANDOM_PER_SERVER, '<random>'), me.status, withoutRandom(me.body), noCsrf.status, noCsrf.body, claimed.status, leadId !== undefined];
    };
    const overSocket = await journey(listening);
    expect(await journey(inProcess)).toEqual(overSocket);
    expect(overSocket).toEqual([200, expect.stringContaining('HttpOnly'), 200, expect.objectContaining({ name: 'op-pw' }), 403, expect.anything(), 200, true]);
  });
});
