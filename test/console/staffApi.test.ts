/** The staff endpoints the console's projects and accounts pages use: roles, validation naming the field, audit. */
import { BG_PROJECT, CO_PROJECT, call, injectApiBot, type InjectedApiBot, type ErrorBody } from '../api/helpers';
import { accountWithPassword, login, signIn, withSession, type SignedIn } from './helpers';

const NEW_PROJECT = {
  id: 'mi-logistica-2025',
  title: 'Logistica Milano',
  leadPartner: 'Ente Esempio',
  provinces: ['MI'],
  sectors: ['logistica'],
  firms: ['Magazzini Esempio srl'],
  contact: { email: 'info@example.org' },
};

describe('staff API: projects and accounts', () => {
  let api: InjectedApiBot;
  let staff: SignedIn;
  let staffToken: string;
  beforeAll(async () => {
    api = await injectApiBot();
    staffToken = await accountWithPassword(api, 'staff-1', 'staff');
    await accountWithPassword(api, 'op-bg', 'operator', [BG_PROJECT]);
    staff = await signIn(api, 'staff-1');
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  const auditActions = async (): Promise<string[]> => (await api.bot.domain.audit.list({}, { limit: 100 })).items.map((e) => `${e.actor} ${e.action} ${e.target}`);

  test('add a project; a second with the same id is a 409; a bad field is a 400 naming it', async () => {
    const created = await withSession<{ id: string; active: boolean }>(api, staff, 'POST', '/api/projects', NEW_PROJECT);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'mi-logistica-2025', active: true, sample: false });
    expect((await withSession(api, staff, 'POST', '/api/projects', NEW_PROJECT)).status).toBe(409);
    const bad = await withSession<ErrorBody>(api, staff, 'POST', '/api/projects', { ...NEW_PROJECT, id: 'another-one', provinces: ['RM'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'provinces', reason: 'unknown_province:RM' });
    const unknownField = await withSession<ErrorBody>(api, staff, 'POST', '/api/projects', { ...NEW_PROJECT, id: 'another-two', owner: 'x' });
    expect(unknownField.body.error).toMatchObject({ field: 'owner', reason: 'unknown_field' });
    expect(await auditActions()).toContain('staff-1 project.created project:mi-logistica-2025');
  });

  test('edit and deactivate a project (audited); an unknown one is 404', async () => {
    const edited = await withSession<{ title: string; firms: string[] }>(api, staff, 'PATCH', '/api/projects/mi-logistica-2025', { title: 'Logistica Milano nord', firms: ['A srl', 'B srl'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Logistica Milano nord', firms: ['A srl', 'B srl'] });
    const off = await withSession<{ active: boolean }>(api, staff, 'PATCH', '/api/projects/mi-logistica-2025', { active: false });
    expect(off.body.active).toBe(false);
    expect((await api.bot.domain.projects.listActive()).map((p) => p._id)).not.toContain('mi-logistica-2025');
    expect((await withSession(api, staff, 'PATCH', '/api/projects/no-such-project', { active: false })).status).toBe(404);
    expect((await withSession<ErrorBody>(api, staff, 'PATCH', '/api/projects/mi-logistica-2025', { id: 'renamed' })).body.error.field).toBe('id');
    const actions = await auditActions();
    expect(actions).toContain('staff-1 project.updated project:mi-logistica-2025');
    expect(actions).toContain('staff-1 project.deactivated project:mi-logistica-2025');
  });

  test('import: all rows checked first; one bad row lists every problem and writes nothing', async () => {
    const bad = await withSession<ErrorBody & { rows: Array<{ row: number; field: string }> }>(api, staff, 'POST', '/api/projects/import', {
      projects: [{ ...NEW_PROJECT, id: 'import-ok' }, { ...NEW_PROJECT, id: 'import-bad', sectors: ['pesca'], contact: {} }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.reason).toBe('invalid_rows');
    expect(bad.body.rows.map((r) => `${r.row}:${r.field}`)).toEqual(expect.arrayContaining(['1:sectors', '1:contact']));
    expect(await api.bot.domain.projects.exists('import-ok')).toBe(false);
    const ok = await withSession<{ imported: number; ids: string[] }>(api, staff, 'POST', '/api/projects/import', { projects: [{ ...NEW_PROJECT, id: 'import-ok' }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ imported: 1, ids: ['import-ok'] });
    expect(await auditActions()).toContain('staff-1 project.imported projects');
  });

  test('accounts: add with a password (the token shown once), which can then sign in; never a hash in the list', async () => {
    const created = await withSession<{ account: { name: string; hasPassword: boolean; projectIds: string[] }; token: string }>(api, staff, 'POST', '/api/accounts', {
      name: 'op-new',
      role: 'operator',
      projectIds: [CO_PROJECT],
      password: 'a long enough password',
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.account).toMatchObject({ name: 'op-new', hasPassword: true, projectIds: [CO_PROJECT] });
    expect((await login(api, 'op-new', 'a long enough password')).status).toBe(200);
    expect((await call(api, 'GET', '/api/referrals', created.body.token)).status).toBe(200);

    const list = await withSession<{ items: Array<Record<string, unknown>> }>(api, staff, 'GET', '/api/accounts');
    expect(list.body.items.map((a) => a.name)).toEqual(expect.arrayContaining(['staff-1', 'op-bg', 'op-new']));
    const text = JSON.stringify(list.body);
    expect(text).not.toMatch(/tokenHash|passwordHash|scrypt/);

    const weak = await withSession<ErrorBody>(api, staff, 'POST', '/api/accounts', { name: 'op-weak', role: 'operator', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.field).toBe('password');
    expect((await api.bot.domain.accounts.list()).map((a) => a.name)).not.toContain('op-weak');
    expect((await withSession<ErrorBody>(api, staff, 'POST', '/api/accounts', { name: 'op-new', role: 'operator' })).body.error.reason).toBe('name_taken');
    expect((await withSession<ErrorBody>(api, staff, 'POST', '/api/accounts', { name: 'x', role: 'boss' })).body.error.field).toBe('role');
  });

  test('accounts: assign projects, disable (not oneself) and enable, new token, new password; all audited', async () => {
    const assigned = await withSession<{ projectIds: string[] }>(api, staff, 'PATCH', '/api/accounts/op-new', { projectIds: [BG_PROJECT, CO_PROJECT] });
    expect(assigned.body.projectIds).toEqual([BG_PROJECT, CO_PROJECT]);
    expect((await withSession<ErrorBody>(api, staff, 'PATCH', '/api/accounts/op-new', { projectIds: ['no-such-project'] })).body.error.reason).toBe('unknown_project:no-such-project');
    expect((await withSession<ErrorBody>(api, staff, 'PATCH', '/api/accounts/staff-1', { disabled: true })).body.error.reason).toBe('cannot_disable_own_account');
    expect((await withSession<{ disabled: boolean }>(api, staff, 'PATCH', '/api/accounts/op-new', { disabled: true })).body.disabled).toBe(true);
    expect((await login(api, 'op-new', 'a long enough password')).status).toBe(401);
    expect((await withSession<{ disabled: boolean }>(api, staff, 'PATCH', '/api/accounts/op-new', { disabled: false })).body.disabled).toBe(false);

    const rotated = await withSession<{ token: string }>(api, staff, 'POST', '/api/accounts/op-new/token');
    expect(rotated.status).toBe(200);
    expect((await call(api, 'GET', '/api/referrals', rotated.body.token)).status).toBe(200);
    expect((await withSession(api, staff, 'POST', '/api/accounts/op-new/password', { password: 'yet another password' })).status).toBe(204);
    expect((await login(api, 'op-new', 'yet another password')).status).toBe(200);
    expect((await withSession(api, staff, 'POST', '/api/accounts/nobody-at-all/password', { password: 'yet another password' })).status).toBe(404);

    const actions = await auditActions();
    for (const action of ['account.created', 'account.projects_assigned', 'account.disabled', 'account.enabled', 'account.token_reset', 'account.password_set']) {
      expect(actions).toContain(`staff-1 ${action} account:op-new`);
    }
    // the audit log never holds a password or token
    const all = JSON.stringify((await api.bot.domain.audit.list({}, { limit: 100 })).items);
    expect(all).not.toContain('yet another password');
    expect(all).not.toContain(rotated.body.token);
  });

  test('staff endpoints work with a bearer token too (scripts), and refuse an operator\'s', async () => {
    expect((await call(api, 'GET', '/api/accounts', staffToken)).status).toBe(200);
    const opToken = await api.bot.domain.accounts.rotateToken('op-bg');
    expect((await call(api, 'GET', '/api/accounts', opToken)).status).toBe(403);
  });
});
