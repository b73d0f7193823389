/**
 * The console's security over HTTP, through the real server: cookie flags, CSRF on every change, roles and
 * projects checked on the server, generic sign-in failures, rate limiting, sign-out and expiry on the bot's clock.
 */
import { BG_PROJECT, CO_PROJECT, call, referral, injectApiBot, type InjectedApiBot, type ErrorBody } from '../api/helpers';
import { accountWithPassword, login, PASSWORD, signIn, withSession } from './helpers';

describe('console sign-in and sessions', () => {
  let api: InjectedApiBot;
  beforeAll(async () => {
    api = await injectApiBot();
    await accountWithPassword(api, 'staff-1', 'staff');
    await accountWithPassword(api, 'op-bg', 'operator', [BG_PROJECT]);
    await accountWithPassword(api, 'op-co', 'operator', [CO_PROJECT]);
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  test('sign-in sets an httpOnly, SameSite=Strict session cookie (not Secure over http) and returns who and the CSRF token', async () => {
    const r = await login(api, 'op-bg');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'op-bg', role: 'operator', projectIds: [BG_PROJECT] });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^adr_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  test('the session id is stored hashed: the cookie value is nowhere in the sessions collection', async () => {
    const session = await signIn(api, 'op-bg');
    const value = session.cookie.split('=')[1];
    const docs = await (await api.bot.store.collection<{ _id: string }>({ name: 'sessions', indexes: [] })).find({});
    expect(docs.length).toBeGreaterThan(0);
    expect(JSON.stringify(docs)).not.toContain(value);
  });

  test('GET /console/api/me answers who is signed in, and 401 without a session', async () => {
    const session = await signIn(api, 'staff-1');
    const me = await withSession<{ name: string; role: string; csrfToken: string }>(api, session, 'GET', '/console/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'staff-1', role: 'staff', projectIds: [], csrfToken: session.csrfToken });
    expect((await call(api, 'GET', '/console/api/me')).status).toBe(401);
  });

  test('a wrong password, an unknown name and an account without a password get the same 401', async () => {
    await api.bot.domain.accounts.createAccount({ name: 'no-password', role: 'operator', projectIds: [] });
    const answers = await Promise.all([login(api, 'staff-1', 'wrong password!!'), login(api, 'nobody-here', PASSWORD), login(api, 'no-password', PASSWORD)]);
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'UNAUTHORIZED', reason: 'invalid_credentials' } });
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  test('a disabled account cannot sign in, and its open sessions stop working', async () => {
    await accountWithPassword(api, 'op-leaving', 'operator', [BG_PROJECT]);
    const session = await signIn(api, 'op-leaving');
    await api.bot.domain.accounts.setDisabled('op-leaving', true);
    expect((await withSession(api, session, 'GET', '/api/referrals')).status).toBe(401);
    expect((await login(api, 'op-leaving')).status).toBe(401);
  });

  test('every /api route accepts the cookie; a change without X-CSRF-Token (or with a wrong one) is refused with 403', async () => {
    const lead = await referral(api, 'bg');
    const session = await signIn(api, 'op-bg');
    expect((await withSession(api, session, 'GET', '/api/referrals')).status).toBe(200);

    const missing = await withSession<ErrorBody>(api, session, 'POST', `/api/referrals/${lead._id}/claim`, undefined, false);
    expect(missing.status).toBe(403);
    expect(missing.body.error.reason).toBe('csrf_token_missing_or_invalid');
    const wrong = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, undefined, undefined, { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    // another session's token is not this one's
    const other = await signIn(api, 'op-bg');
    const crossed = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, undefined, undefined, { cookie: session.cookie, 'x-csrf-token': other.csrfToken });
    expect(crossed.status).toBe(403);
    expect((await api.bot.domain.leads.get(lead._id)).status).toBe('new');

    const ok = await withSession<{ status: string }>(api, session, 'POST', `/api/referrals/${lead._id}/claim`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('claimed');
    const note = await withSession(api, session, 'POST', `/api/referrals/${lead._id}/notes`, { text: 'senza token' }, false);
    expect(note.status).toBe(403);
    const patch = await withSession(api, session, 'PATCH', `/api/referrals/${lead._id}`, { status: 'contacted' }, false);
    expect(patch.status).toBe(403);
    const logout = await withSession(api, session, 'POST', '/console/api/logout', undefined, false);
    expect(logout.status).toBe(403);
  });

  test('a bearer token still works on its own and needs no CSRF token', async () => {
    const token = await api.bot.domain.accounts.rotateToken('op-bg');
    const lead = await referral(api, 'bg');
    expect((await call(api, 'POST', `/api/referrals/${lead._id}/claim`, token)).status).toBe(200);
  });

  test('an operator with the cookie gets 403 on staff APIs and 404 on another project\'s referral', async () => {
    const session = await signIn(api, 'op-bg');
    for (const [method, path, body] of [
      ['GET', '/api/audit'],
      ['GET', '/api/groups'],
      ['GET', '/api/accounts'],
      ['POST', '/api/accounts', { name: 'sneaky', role: 'staff' }],
      ['PATCH', '/api/accounts/op-co', { disabled: true }],
      ['POST', '/api/accounts/staff-1/password', { password: 'a new password here' }],
      ['POST', '/api/accounts/staff-1/token'],
      ['POST', '/api/projects', { id: 'nuovo-progetto' }],
      ['PATCH', `/api/projects/${CO_PROJECT}`, { active: false }],
      ['POST', '/api/projects/import', { projects: [] }],
    ] as Array<[string, string, unknown?]>) {
      const r = await withSession<ErrorBody>(api, session, method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 403]);
      expect(r.body.error.reason).toBe('staff_only');
    }
    const coLead = await referral(api, 'co');
    for (const [method, path, body] of [
      ['GET', `/api/referrals/${coLead._id}`],
      ['GET', `/api/referrals/${coLead.reference}`],
      ['POST', `/api/referrals/${coLead._id}/claim`],
      ['PATCH', `/api/referrals/${coLead._id}`, { status: 'closed', reason: 'unreachable' }],
    ] as Array<[string, string, unknown?]>) {
      const r = await withSession<ErrorBody>(api, session, method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    const list = await withSession<{ items: Array<{ projectId: string }> }>(api, session, 'GET', '/api/referrals?limit=100');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((r) => r.projectId === BG_PROJECT)).toBe(true);
  });

  test('sign-out ends the session on the server: the old cookie no longer works', async () => {
    const session = await signIn(api, 'staff-1');
    const out = await withSession(api, session, 'POST', '/console/api/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^adr_session=; .*Max-Age=0/);
    expect((await withSession(api, session, 'GET', '/api/audit')).status).toBe(401);
    expect((await withSession(api, session, 'GET', '/console/api/me')).status).toBe(401);
  });

  test('a new password ends the account\'s open sessions', async () => {
    await accountWithPassword(api, 'op-reset', 'operator', [BG_PROJECT]);
    const session = await signIn(api, 'op-reset');
    api.clock.advance(1000);
    const staff = await signIn(api, 'staff-1');
    expect((await withSession(api, staff, 'POST', '/api/accounts/op-reset/password', { password: 'another long password' })).status).toBe(204);
    expect((await withSession(api, session, 'GET', '/api/referrals')).status).toBe(401);
    expect((await login(api, 'op-reset')).status).toBe(401);
    expect((await login(api, 'op-reset', 'another long password')).status).toBe(200);
  });

  test('sessions expire after 8 hours idle and 24 hours in all, on the bot\'s clock', async () => {
    const idle = await signIn(api, 'op-co');
    api.clock.advance(7 * 3600 * 1000);
    expect((await withSession(api, idle, 'GET', '/api/referrals')).status).toBe(200);
    api.clock.advance(7 * 3600 * 1000); // 7 h since the last request: still inside the idle window
    expect((await withSession(api, idle, 'GET', '/api/referrals')).status).toBe(200);
    api.clock.advance(8 * 3600 * 1000 + 1000); // idle too long
    const expired = await withSession<ErrorBody>(api, idle, 'GET', '/api/referrals');
    expect(expired.status).toBe(401);
    expect(expired.body.error.reason).toBe('session_expired');

    const busy = await signIn(api, 'op-co');
    for (let i = 0; i < 5; i += 1) {
      api.clock.advance(4 * 3600 * 1000);
      expect((await withSession(api, busy, 'GET', '/api/referrals')).status).toBe(200);
    }
    api.clock.advance(6 * 3600 * 1000); // 26 h after sign-in, though used 6 h ago
    expect((await withSession(api, busy, 'GET', '/api/referrals')).status).toBe(401);
  });
});

describe('console sign-in rate limit', () => {
  let api: InjectedApiBot;
  beforeAll(async () => {
    api = await injectApiBot();
    await accountWithPassword(api, 'staff-rl', 'staff');
    await accountWithPassword(api, 'op-rl', 'operator', [BG_PROJECT]);
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  test('5 failures on a name in 15 minutes: the next attempts get 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login(api, 'staff-rl', `wrong password ${i}`)).status).toBe(401);
    const limited = await login(api, 'staff-rl');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(limited.body.error?.reason).toBe('too_many_attempts');
    // other names are not locked out by it
    expect((await login(api, 'op-rl')).status).toBe(200);
    // after the window, the right password works again
    api.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login(api, 'staff-rl')).status).toBe(200);
  });

  test('many names tried from one address: the address is limited too', async () => {
    api.clock.advance(16 * 60 * 1000);
    let limited = 0;
    for (let i = 0; i < 25; i += 1) {
      const r = await login(api, `guess-${i}`, 'some password 1234');
      if (r.status === 429) limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
    api.clock.advance(16 * 60 * 1000);
  });
});

describe('console cookie over https', () => {
  test('with PUBLIC_URL https the cookie is Secure', async () => {
    const api = await injectApiBot({ PUBLIC_URL: 'https://bot.example.org' });
    try {
      await accountWithPassword(api, 'staff-tls', 'staff');
      const r = await login(api, 'staff-tls');
      expect(r.status).toBe(200);
      const cookie = r.headers.get('set-cookie') ?? '';
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
    } finally {
      await api.bot.stop();
    }
  }, 60000);
});
