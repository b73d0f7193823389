import { BG_PROJECT, CO_PROJECT, call, referral, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

interface Items<T> {
  items: T[];
  nextCursor?: string;
}

describe('operators API: authentication and roles', () => {
  let api: InjectedApiBot;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-1', 'staff');
    operator = await tokenFor(api, 'op-bg', 'operator', [BG_PROJECT]);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  const PROTECTED: Array<[string, string]> = [
    ['GET', '/api/referrals'],
    ['GET', '/api/referrals/export.csv'],
    ['GET', '/api/referrals/some-id'],
    ['POST', '/api/referrals/some-id/claim'],
    ['PATCH', '/api/referrals/some-id'],
    ['POST', '/api/referrals/some-id/notes'],
    ['GET', '/api/groups'],
    ['GET', '/api/audit'],
    ['GET', '/api/projects'],
  ];

  test.each(PROTECTED)('%s %s without a token: 401 with a Bearer challenge', async (method, path) => {
    const response = await call<ErrorBody>(api, method, path);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="azioni-di-rete-bot"');
    expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', reason: 'missing_token' });
  });

  test.each([
    ['malformed token', 'Bearer not-a-token'],
    ['well-formed unknown token', `Bearer ${'A'.repeat(43)}`],
    ['other scheme', 'Basic dXNlcjpwYXNz'],
    ['scheme without token', 'Bearer'],
  ])('%s: 401 invalid_token', async (_name, header) => {
    const response = await call<ErrorBody>(api, 'GET', '/api/referrals', undefined, undefined, { authorization: header });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="azioni-di-rete-bot", error="invalid_token"');
    expect(response.body.error).toEqual({ code: 'UNAUTHORIZED', reason: 'invalid_token' });
  });

  test('the scheme is case-insensitive; a token in the query string is not accepted', async () => {
    expect((await call(api, 'GET', '/api/projects', undefined, undefined, { authorization: `bearer ${staff}` })).status).toBe(200);
    expect((await call(api, 'GET', `/api/projects?access_token=${staff}`)).status).toBe(401);
  });

  test('a disabled account gets 401 account_disabled, and works again once enabled', async () => {
    const token = await tokenFor(api, 'op-disabled', 'operator', [BG_PROJECT]);
    await api.bot.domain.accounts.setDisabled('op-disabled', true);
    const refused = await call<ErrorBody>(api, 'GET', '/api/referrals', token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.reason).toBe('account_disabled');
    await api.bot.domain.accounts.setDisabled('op-disabled', false);
    expect((await call(api, 'GET', '/api/referrals', token)).status).toBe(200);
  });

  test('a rotated token stops working at once', async () => {
    const old = await tokenFor(api, 'op-rotate', 'operator', [BG_PROJECT]);
    const fresh = await api.bot.domain.accounts.rotateToken('op-rotate');
    expect((await call(api, 'GET', '/api/referrals', old)).status).toBe(401);
    expect((await call(api, 'GET', '/api/referrals', fresh)).status).toBe(200);
  });

  test.each([['/api/groups'], ['/api/audit']])('%s is staff only: 403 for operators', async (path) => {
    const response = await call<ErrorBody>(api, 'GET', path, operator);
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({ code: 'FORBIDDEN', reason: 'staff_only' });
    expect((await call(api, 'GET', path, staff)).status).toBe(200);
  });

  test('projects: staff see all of them, an operator only theirs', async () => {
    const all = await call<Items<{ id: string; title: string; sample: boolean; provinces: string[] }>>(api, 'GET', '/api/projects', staff);
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(10);
    expect(all.body.items.map((p) => p.id)).toEqual(expect.arrayContaining([BG_PROJECT, CO_PROJECT]));
    const mine = await call<Items<{ id: string }>>(api, 'GET', '/api/projects', operator);
    expect(mine.body.items.map((p) => p.id)).toEqual([BG_PROJECT]);
  });

  test('groups: open unassigned referrals by sector and province, firms counted', async () => {
    await referral(api, 'unassigned', { employerName: 'Alfa Software srl' });
    await referral(api, 'unassigned', { employerName: 'ALFA SOFTWARE S.R.L.' });
    await referral(api, 'unassigned', { employerName: 'Beta Sistemi spa' });
    const { status, body } = await call<{ minWorkers: number; maxFirms: number; leads: number; items: Array<{ sector: string; province: string; workers: number; canForm: boolean; firms: Array<{ firm: string; workers: number }> }> }>(
      api,
      'GET',
      '/api/groups',
      staff,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ minWorkers: 10, maxFirms: 3, leads: 3 });
    const ict = body.items.find((g) => g.sector === 'ict' && g.province === 'BG');
    expect(ict).toMatchObject({ workers: 3, canForm: false });
    expect(ict?.firms.map((f) => f.workers)).toEqual([2, 1]);
    const lowered = await call<{ items: Array<{ sector: string; canForm: boolean }> }>(api, 'GET', '/api/groups?minWorkers=3', staff);
    expect(lowered.body.items.find((g) => g.sector === 'ict')?.canForm).toBe(true);
    expect((await call<ErrorBody>(api, 'GET', '/api/groups?minWorkers=0', staff)).body.error.field).toBe('minWorkers');
  });

  test('audit: staff page through the log newest first', async () => {
    for (let i = 0; i < 3; i++) {
      const lead = await referral(api, 'bg');
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, operator);
    }
    const first = await call<Items<{ actor: string; action: string; at: string }>>(api, 'GET', '/api/audit?action=lead.claimed&limit=2', staff);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e) => e.actor === 'op-bg' && e.action === 'lead.claimed')).toBe(true);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call<Items<{ at: string }>>(api, 'GET', `/api/audit?action=lead.claimed&limit=2&cursor=${first.body.nextCursor}`, staff);
    expect(second.body.items).toHaveLength(1);
    expect(Date.parse(second.body.items[0].at)).toBeLessThanOrEqual(Date.parse(first.body.items[1].at));
    expect((await call<ErrorBody>(api, 'GET', '/api/audit?actor[$ne]=x', staff)).body.error.field).toBe('actor');
  });
});
